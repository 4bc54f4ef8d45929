// query/search-index: known answers on small corpora (whole words and stems, acronyms as written, phrases, BM25F).

import { describe, expect, it } from "vitest";

import { buildSearchIndex, isAcronym, searchIndex, searchWords } from "../../server/query/search-index.js";

const documents = [
  { title: "Quantization of language models", abstract: "We quantize weights to four bits." },
  { title: "Graph neural networks", abstract: "Message passing; quantization of node features." },
  { title: "Café culture", abstract: "A study of Über-cafés and naïve baristas." },
  { title: "Quantum error correction", abstract: "Surface codes for qubits." },
  { title: "Language of graphs", abstract: "Graph grammars and models of language." },
];
const index = buildSearchIndex(documents);
const rows = (query: string, limit = 10) => searchIndex(index, query, limit).hits.map((hit) => hit.row);

describe("searchWords", () => {
  it("folds accents, splits on anything but letters and digits, stems, and skips LaTeX commands", () => {
    const words = searchWords("Über-Cafés, naïve 4-bit $\\textbf{LLMs}$ 量子");
    expect(words.map((w) => w.lower)).toEqual(["uber", "cafes", "naive", "4", "bit", "llms", "量子"]);
    expect(words.map((w) => w.stem)).toEqual(["uber", "cafe", "naiv", "4", "bit", "llm", "量子"]);
    expect(words.map((w) => w.written)).toEqual([null, null, null, null, null, "=LLM", null]);
    expect(words.map((w) => w.gap)).toEqual([false, false, true, false, false, true, true]);
    expect(searchWords("🚀 <> \u202e")).toEqual([]);
  });

  it("takes words with two or more capitals as acronyms: short ones, or with a lower-case letter", () => {
    expect(["RAG", "LLMs", "LoRA", "RaGNNarok", "CMB"].every(isAcronym)).toBe(true);
    expect(["Rags", "rag", "DEEPSEEK", "A"].some(isAcronym)).toBe(false);
  });
});

describe("searchIndex", () => {
  it("ranks title matches before abstract matches, and says where every word matched", () => {
    expect(rows("quantization")).toEqual([0, 1]);
    expect(searchIndex(index, "quantization", 10).hits.map((hit) => hit.inTitle)).toEqual([true, false]);
  });

  it("needs every word that is not a function word", () => {
    expect(rows("graph language")).toEqual([4]);
    expect(rows("quantization message")).toEqual([1]);
    expect(rows("quantization qubits")).toEqual([]);
    expect(rows("the quantization")).toEqual([0, 1]);
  });

  it("matches whole words by stem, never a prefix or a substring", () => {
    expect(rows("models")).toEqual([0, 4]);
    expect(rows("quantized")).toEqual([0, 1]);
    expect(rows("quant")).toEqual([]);
    expect(rows("raph")).toEqual([]);
  });

  it("matches an acronym only as written", () => {
    const rag = buildSearchIndex([
      { title: "RaGNNarok: a graph engine", abstract: "x" },
      { title: "From Rags to Jeans", abstract: "fragmentation and drag" },
      { title: "Retrieval with RAG", abstract: "RAGs and LLMs" },
      { title: "A rag", abstract: "y" },
    ]);
    expect(searchIndex(rag, "RAG", 10).hits.map((h) => h.row)).toEqual([2]);
    expect(searchIndex(rag, "RAGs", 10).hits.map((h) => h.row)).toEqual([2]);
    expect(searchIndex(rag, "LLM", 10).hits.map((h) => h.row)).toEqual([2]);
    expect(
      searchIndex(rag, "rag", 10)
        .hits.map((h) => h.row)
        .sort(),
    ).toEqual([1, 2, 3]);
  });

  it("ranks papers holding the query as a phrase above papers holding its words apart", () => {
    const phrases = buildSearchIndex([
      { title: "Beyond linear diffusions", abstract: "A model of diffusion; the model is not it. Diffusion. Model" },
      { title: "Models", abstract: "Diffusion models for images." },
      { title: "Diffusion models", abstract: "We study them." },
      { title: "Diffusion of models", abstract: "Models and diffusion, diffusion and models." },
    ]);
    expect(searchIndex(phrases, "diffusion model", 10).hits.map((h) => h.row)).toEqual([2, 1, 3, 0]);
  });

  it("finds a paper by its exact title first, stopwords and all", () => {
    const titles = buildSearchIndex([
      { title: "Attention is not all you need", abstract: "attention need" },
      { title: "Attention is all you need", abstract: "Transformers." },
      { title: "All you need is attention, and more attention", abstract: "need" },
    ]);
    expect(searchIndex(titles, "Attention Is All You Need", 10).hits[0].row).toBe(1);
  });

  it("folds accents in queries and documents alike; a query in capitals is not a run of acronyms", () => {
    expect(rows("cafe")).toEqual([2]);
    expect(rows("CAFÉ CULTURE")).toEqual([2]);
  });

  it("counts every match and honours the limit; a query without words finds nothing", () => {
    expect(searchIndex(index, "quantization", 1)).toMatchObject({ total: 2, hits: [{ row: 0 }] });
    expect(searchIndex(index, "!!! ???", 10)).toEqual({ total: 0, hits: [] });
  });

  it("leaves no state behind between queries", () => {
    const first = searchIndex(index, "graph language", 10);
    searchIndex(index, "quantization message", 10);
    searchIndex(index, "of the", 10);
    expect(searchIndex(index, "graph language", 10)).toEqual(first);
  });
});
