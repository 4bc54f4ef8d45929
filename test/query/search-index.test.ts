// query/search-index: known answers on a five-document corpus.

import { describe, expect, it } from "vitest";

import { buildSearchIndex, searchIndex, searchWords } from "../../server/query/search-index.js";

const documents = [
  { title: "Quantization of language models", abstract: "We quantize weights to four bits." },
  { title: "Graph neural networks", abstract: "Message passing; quantization of node features." },
  { title: "Café culture", abstract: "A study of Über-cafés and naïve baristas." },
  { title: "Quantum error correction", abstract: "Surface codes for qubits." },
  { title: "Language of graphs", abstract: "Graph grammars and models of language." },
];
const index = buildSearchIndex(documents);
const rows = (query: string, limit = 10) => searchIndex(index, query, limit).map((hit) => hit.row);

describe("searchWords", () => {
  it("lower-cases, folds accents and splits on anything but letters and digits", () => {
    expect(searchWords("Über-Cafés, naïve 4-bit <b>LLMs</b> 量子")).toEqual([
      "uber",
      "cafes",
      "naive",
      "4",
      "bit",
      "b",
      "llms",
      "b",
      "量子",
    ]);
    expect(searchWords("🚀 <> \u202e")).toEqual([]);
  });
});

describe("searchIndex", () => {
  it("ranks title matches before abstract matches", () => {
    expect(rows("quantization")).toEqual([0, 1]);
    expect(searchIndex(index, "quantization", 10).map((hit) => hit.inTitle)).toEqual([true, false]);
  });

  it("needs every word", () => {
    expect(rows("graph language")).toEqual([4]);
    expect(rows("quantization message")).toEqual([1]);
    expect(rows("quantization qubits")).toEqual([]);
  });

  it("matches words a query word of three or more letters starts", () => {
    // "quantum" (in one title) is rarer than "quantization" (in two papers), so it weighs more.
    expect(rows("quant")).toEqual([3, 0, 1]);
    expect(rows("qu")).toEqual([]);
  });

  it("prefers the exact word to a longer one it starts", () => {
    const two = buildSearchIndex([
      { title: "Graphs everywhere", abstract: "x" },
      { title: "A graph", abstract: "y" },
    ]);
    const hits = searchIndex(two, "graph", 10);
    expect(hits.map((h) => h.row)).toEqual([1, 0]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it("folds accents in queries and documents alike", () => {
    expect(rows("cafe")).toEqual([2]);
    expect(rows("UBER")).toEqual([2]);
  });

  it("honours the limit and answers a query without words with nothing", () => {
    expect(rows("quant", 1)).toEqual([3]);
    expect(rows("!!! ???")).toEqual([]);
  });

  it("leaves no state behind between queries", () => {
    const first = searchIndex(index, "graph language", 10);
    searchIndex(index, "quantization message", 10);
    expect(searchIndex(index, "graph language", 10)).toEqual(first);
  });
});
