// BibTeX and RIS readers: known answers on fixtures a reference manager could have written, bad records reported at
// their line with the good ones kept, chunk boundaries anywhere, the record size limit.

import { readFileSync } from "node:fs";

import { describe, expect, test } from "vitest";

import { readBibtexRecords } from "../../server/corpus/read-bibtex.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import { readRisRecords } from "../../server/corpus/read-ris.js";
import { chunked, collect, fixture, temporaryFile } from "./fixtures.js";

describe("BibTeX (.bib)", () => {
  test("reads title, abstract, authors, year, DOI, URL, venue and keywords, LaTeX made Unicode", async () => {
    const path = fixture("papers.bib");
    const summary = await readCorpus(path);
    expect(summary.format).toBe("bib");
    expect(summary.records).toBe(5);
    expect(summary.papers).toEqual([
      {
        id: "vaswani2017",
        title: "Attention Is All You Need",
        abstract:
          "The dominant sequence transduction models are based on complex recurrent or convolutional neural " +
          "networks. We propose the Transformer, based solely on attention.",
        authors: ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"],
        year: 2017,
        url: "https://arxiv.org/abs/1706.03762",
        doi: "10.5555/3295222.3295349",
        venue: "Advances in Neural Information Processing Systems",
      },
      {
        id: "goedel1931",
        title: "Über formal unentscheidbare Sätze",
        abstract: "Costs 50% & more: α-consistency, x_1 and {braces} — in Gödel's words; p < 0.05, < 1.",
        authors: ["Kurt Gödel"],
        year: 1931,
        categories: ["incompleteness", "logic"],
        venue: "Monatshefte für Mathematik und Physik",
      },
      {
        id: "after-broken",
        title: "Read After the Broken Entry",
        abstract: "Quoted values are read too.",
        authors: ["Barnes and Noble", "Ann Lee"],
      },
    ]);
  });

  test("a record without an abstract and a broken entry are reported at the line of their @", async () => {
    const path = fixture("papers.bib");
    const { skipped } = await readCorpus(path);
    expect(skipped.map(({ file, line }) => `${file}:${line}`)).toEqual([`${path}:25`, `${path}:30`]);
    expect(skipped[0].reason).toBe("no abstract");
    expect(skipped[1].reason).toMatch(/^BibTeX: /);
  });

  test("the same records whatever the chunk boundaries", async () => {
    const text = readFileSync(fixture("papers.bib"), "utf8");
    const whole = await collect(readBibtexRecords(chunked(text, text.length)));
    expect(await collect(readBibtexRecords(chunked(text, 7)))).toEqual(whole);
    expect(whole.map((record) => record.line)).toEqual([5, 16, 25, 30, 35]);
  });

  test("an entry over the record size limit is reported with its size; the next is read", async () => {
    const entry = (key: string, abstract: string) =>
      `@misc{${key},\n  title = {T ${key}},\n  abstract = {${abstract}}\n}\n`;
    const path = temporaryFile(
      "big.bib",
      entry("small", "Short.") + entry("big", "x".repeat(3000)) + entry("last", "End."),
    );
    const summary = await readCorpus(path, { maxRecordBytes: 1024 });
    expect(summary.papers.map((p) => p.id)).toEqual(["small", "last"]);
    expect(summary.skipped).toEqual([{ file: path, line: 5, reason: "record of 3 kB over the limit of 1 kB" }]);
  });
});

describe("RIS (.ris)", () => {
  test("reads the newer and the older tags, continuation lines, CRLF, and a record left open at the end", async () => {
    const path = fixture("papers.ris");
    const summary = await readCorpus(path);
    expect(summary.format).toBe("ris");
    expect(summary.papers).toEqual([
      {
        id: "1706.03762",
        title: "Attention Is All You Need",
        abstract:
          "The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.",
        authors: ["Ashish Vaswani", "Noam Shazeer"],
        year: 2017,
        url: "https://arxiv.org/abs/1706.03762",
        categories: ["cs.CL", "cs.LG"],
        doi: "10.5555/3295222.3295349",
        venue: "Advances in Neural Information Processing Systems",
      },
      {
        id: "old-tags-t1-a1-y1-and-n2",
        title: "Old Tags: T1, A1, Y1 and N2",
        abstract: "An abstract under the older tag.",
        authors: ["Ada Lovelace"],
        year: 1843,
        venue: "Taylor's Scientific Memoirs",
      },
      {
        id: "left-open-at-the-end-of-the-file",
        title: "Left Open at the End of the File",
        abstract: "Its ER line is missing.",
      },
    ]);
  });

  test("a record without an abstract and text outside any record are reported at their lines", async () => {
    const path = fixture("papers.ris");
    const { skipped, records } = await readCorpus(path);
    expect(records).toBe(5);
    expect(skipped).toEqual([
      { file: path, line: 16, reason: "no abstract" },
      { file: path, line: 21, reason: "RIS: text outside a record (before a TY line): skipped" },
    ]);
  });

  test("the same records whatever the chunk boundaries", async () => {
    const text = readFileSync(fixture("papers.ris"), "utf8");
    const whole = await collect(readRisRecords(chunked(text, text.length)));
    expect(await collect(readRisRecords(chunked(text, 5)))).toEqual(whole);
  });

  test("a record over the record size limit is reported at its TY line; the next is read", async () => {
    const record = (title: string, abstract: string) => `TY  - GEN\nTI  - ${title}\nAB  - ${abstract}\nER  - \n`;
    const path = temporaryFile(
      "big.ris",
      record("Small", "Short.") + record("Big", "x".repeat(3000)) + record("Last", "End."),
    );
    const summary = await readCorpus(path, { maxRecordBytes: 1024 });
    expect(summary.papers.map((p) => p.title)).toEqual(["Small", "Last"]);
    expect(summary.skipped).toEqual([{ file: path, line: 5, reason: "record of 3 kB over the limit of 1 kB" }]);
  });
});
