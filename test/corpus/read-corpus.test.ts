import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CorpusReadError, detectFormat, readCorpus } from "../../server/corpus/read-corpus.js";
import { fixture, SEED, temporaryFile } from "./fixtures.js";

describe("readCorpus on the seed daily-papers listing", () => {
  test("reads all 74 papers with the listing's exact titles and abstracts", async () => {
    const summary = await readCorpus(SEED);
    expect(summary.format).toBe("daily");
    expect(summary.papers).toHaveLength(74);
    expect(summary.records).toBe(74);
    expect(summary.skipped).toEqual([]);
    expect(summary.duplicates).toEqual([]);
    const first = summary.papers[0];
    expect(first.title).toBe("StreamBP: Memory-Efficient Exact Backpropagation for Long Sequence Training of LLMs");
    expect(first.abstract.startsWith("Training language models on long sequence data is a demanding")).toBe(true);
    expect(first.abstract.endsWith("is available at https://github.com/Ledzy/StreamBP.")).toBe(true);
    expect(first.id).toBe("streambp-memory-efficient-exact-backpropagation-for-long-sequence-training-of");
    expect(summary.papers[73].title).toBe(
      "The Illusion of Thinking: Understanding the Strengths and Limitations of Reasoning Models via the Lens of Problem Complexity",
    );
  });

  test("matches the listing line for line: title at 13 + 4k, abstract two lines below", async () => {
    const lines = readFileSync(SEED, "utf8").split("\n");
    const { papers } = await readCorpus(SEED);
    papers.forEach((paper, k) => {
      expect(paper.title).toBe(lines[12 + 4 * k]);
      expect(paper.abstract).toBe(lines[14 + 4 * k]);
    });
  });
});

describe("readCorpus known answers per format", () => {
  test("JSON Lines: fields coerced, bad lines reported at their line, unknown fields ignored", async () => {
    const path = fixture("papers.jsonl");
    const summary = await readCorpus(path);
    expect(summary.format).toBe("jsonl");
    expect(summary.records).toBe(6);
    expect(summary.papers).toEqual([
      {
        id: "2501.00001",
        title: "Sparse Attention for Long Contexts",
        abstract: "We study sparse attention.",
        authors: ["Ada Lovelace", "Alan Turing"],
        year: 2025,
        url: "https://arxiv.org/abs/2501.00001",
        categories: ["cs.CL", "cs.LG"],
      },
      {
        id: "42",
        title: "Graph Clustering at Scale",
        abstract: "Louvain on a billion edges.",
        authors: ["Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"],
        year: 2024,
        categories: ["cs.DS"],
      },
      {
        id: "cafe-etude-unicode-titles",
        title: "Café Étude: Ünïcode Títles",
        abstract: "Accents are folded in the generated id.",
        authors: ["Marie Curie", "Pierre Curie"],
        categories: ["physics.hist-ph", "physics.ed-ph"],
      },
    ]);
    expect(summary.skipped).toEqual([
      { file: path, line: 4, reason: expect.stringMatching(/^invalid JSON: /) },
      { file: path, line: 5, reason: "not a JSON object (an array)" },
      { file: path, line: 6, reason: "no abstract" },
    ]);
  });

  test("JSON array: elements located at their first line, a broken element skipped, its neighbours kept", async () => {
    const path = fixture("papers.json");
    const summary = await readCorpus(path);
    expect(summary.format).toBe("json");
    expect(summary.records).toBe(6);
    expect(summary.papers.map((paper) => paper.id)).toEqual(["p1", "p3", "p5"]);
    expect(summary.papers[0]).toEqual({
      id: "p1",
      title: "Topic Models, Revisited",
      abstract: 'A brace } and a bracket ] inside a string, and an "escaped quote".',
      authors: ["David Blei", "Andrew Ng"],
      year: 2003,
    });
    expect(summary.skipped).toEqual([
      { file: path, line: 9, reason: "not a JSON object (a number)" },
      { file: path, line: 10, reason: "no title" },
      { file: path, line: 17, reason: expect.stringMatching(/^invalid JSON: /) },
    ]);
  });

  test("CSV: quoted commas, doubled quotes, line breaks inside quotes, a short row reported at its line", async () => {
    const path = fixture("papers.csv");
    const summary = await readCorpus(path);
    expect(summary.format).toBe("csv");
    expect(summary.records).toBe(6);
    expect(summary.papers).toEqual([
      {
        id: "c1",
        title: "Plain Title",
        abstract: "A plain abstract.",
        authors: ["Alan Turing"],
        year: 1950,
        url: "https://example.org/c1",
        categories: ["cs.AI"],
      },
      {
        id: "c2",
        title: 'Commas, "Quotes" and More',
        abstract: "An abstract, with commas.",
        authors: ["Ada Lovelace", "Charles Babbage"],
        year: 1843,
        categories: ["math.HO", "cs.GL"],
      },
      {
        id: "c3",
        title: "Multi-line Title",
        abstract: "First line of the abstract. Second line of the abstract.",
      },
      { id: "no-id-here", title: "No Id Here", abstract: "An abstract for a row without an id.", year: 2020 },
      { id: "c6", title: "Trailing row", abstract: "Ends the file without a line break." },
    ]);
    expect(summary.skipped).toEqual([{ file: path, line: 7, reason: "expected 7 fields, found 3" }]);
  });

  test("daily papers: header skipped, title and abstract paired, a title without abstract reported", async () => {
    const path = fixture("daily.txt");
    const summary = await readCorpus(path);
    expect(summary.format).toBe("daily");
    expect(summary.papers.map(({ id, title }) => ({ id, title }))).toEqual([
      { id: "first-paper-a-short-title", title: "First Paper: A Short Title" },
      { id: "second-paper", title: "Second Paper" },
    ]);
    expect(summary.papers[1].abstract).toBe("The second abstract.");
    expect(summary.skipped).toEqual([
      { file: path, line: 21, reason: "title without an abstract at the end of the file" },
    ]);
  });

  test("daily papers: an abstract without its title is reported and the pairing resumes after it", async () => {
    const orphan = "An orphan abstract. ".repeat(30).trim();
    const path = temporaryFile("orphan.txt", `Paper One\n\nAbstract one.\n\n${orphan}\n\nPaper Two\n\nAbstract two.\n`);
    const summary = await readCorpus(path);
    expect(summary.papers.map((paper) => paper.title)).toEqual(["Paper One", "Paper Two"]);
    expect(summary.skipped).toEqual([
      { file: path, line: 5, reason: `expected a title, found ${orphan.length} characters of text` },
    ]);
  });
});

describe("readCorpus formats and failures", () => {
  test("detectFormat reads the extension, case-insensitively, after a .gz", () => {
    expect(detectFormat("a/papers.jsonl")).toBe("jsonl");
    expect(detectFormat("papers.NDJSON")).toBe("jsonl");
    expect(detectFormat("papers.json.gz")).toBe("json");
    expect(detectFormat("papers.csv")).toBe("csv");
    expect(detectFormat("listing.txt.gz")).toBe("daily");
    expect(detectFormat("papers.xml")).toBeUndefined();
    expect(detectFormat("papers")).toBeUndefined();
  });

  test("options.format overrides the extension", async () => {
    const path = temporaryFile("papers.data", '{"title": "T", "abstract": "A"}\n');
    const summary = await readCorpus(path, { format: "jsonl" });
    expect(summary.papers).toEqual([{ id: "t", title: "T", abstract: "A" }]);
  });

  test("a missing file throws CorpusReadError with code CORPUS_UNREADABLE and a one-line message", async () => {
    const error = await readCorpus("/nonexistent/papers.jsonl").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorpusReadError);
    expect((error as CorpusReadError).code).toBe("CORPUS_UNREADABLE");
    expect((error as CorpusReadError).message).toBe(
      'corpus: cannot read "/nonexistent/papers.jsonl": no such file (ENOENT)',
    );
  });

  test("a directory throws CorpusReadError", async () => {
    await expect(readCorpus(fixture(""), { format: "jsonl" })).rejects.toBeInstanceOf(CorpusReadError);
  });

  test("an unknown extension or format throws CorpusReadError naming what is accepted", async () => {
    await expect(readCorpus(fixture("papers.xml"))).rejects.toThrow(/unknown format.*jsonl, json, csv, daily/);
    const format = "xml" as unknown as "jsonl";
    await expect(readCorpus(fixture("papers.jsonl"), { format })).rejects.toBeInstanceOf(CorpusReadError);
  });

  test.each(["empty.jsonl", "empty.json", "empty.csv", "empty.txt"])(
    "an empty file (%s) is an error: a corpus with no valid record is not an empty map",
    async (name) => {
      const error = await readCorpus(temporaryFile(name, "")).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CorpusReadError);
      expect((error as Error).message).toMatch(/^corpus: no valid record in ".*" \(it holds none\)$/);
    },
  );

  test("a file whose every record is skipped is an error naming the first", async () => {
    const path = temporaryFile("bad.jsonl", '{"title": "no abstract"}\nnot json\n');
    await expect(readCorpus(path)).rejects.toThrow(
      /^corpus: no valid record in ".*bad\.jsonl" \(2 skipped, the first at line 1: no abstract\)$/,
    );
  });

  test("onProgress reports growing byte counts that end at the file size", async () => {
    const calls: [number, number][] = [];
    await readCorpus(SEED, { onProgress: (bytesRead, totalBytes) => calls.push([bytesRead, totalBytes]) });
    const size = readFileSync(SEED).length;
    expect(calls.at(-1)).toEqual([size, size]);
    calls.forEach(([bytesRead], i) => expect(bytesRead).toBeGreaterThanOrEqual(i > 0 ? calls[i - 1][0] : 0));
  });
});
