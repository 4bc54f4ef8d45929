// Inputs that used to hang, run out of memory or swallow rows: a corpus must be a regular file (a FIFO or a device
// is refused at once); a record over the size limit is skipped and reported without being held; an unclosed CSV
// quote is reported where it opened and the rows after it are read again.

import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, test } from "vitest";

import { CorpusReadError, readCorpus } from "../../server/corpus/read-corpus.js";
import { readCsvRows } from "../../server/corpus/read-csv.js";
import { readLines } from "../../server/corpus/read-lines.js";
import { collect, temporaryFile } from "./fixtures.js";

const paper = (n: number) => JSON.stringify({ id: `p${n}`, title: `Paper ${n}`, abstract: `Abstract ${n}.` });

describe("a corpus that is not a regular file", () => {
  test("a FIFO is refused at once, never opened (it would wait for a writer for ever)", async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), "topicgraph-fifo-")), "papers.jsonl");
    execFileSync("mkfifo", [fifo]);
    const error = await readCorpus(fifo).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorpusReadError);
    expect((error as Error).message).toBe(`corpus: "${fifo}" is a FIFO, not a regular file (or a gzip of one)`);
  });

  test("/dev/zero is refused as a character device", async () => {
    await expect(readCorpus("/dev/zero", { format: "jsonl" })).rejects.toThrow(
      'corpus: "/dev/zero" is a character device, not a regular file (or a gzip of one)',
    );
  });
});

describe("a record over the size limit", () => {
  test("a 3 MB JSON line is skipped at its line with its size; its neighbours are read", async () => {
    const big = JSON.stringify({ id: "big", title: "Big", abstract: "x".repeat(3 << 20) });
    const path = temporaryFile("big.jsonl", [paper(1), big, paper(3)].join("\n"));
    const summary = await readCorpus(path);
    expect(summary.papers.map((p) => p.id)).toEqual(["p1", "p3"]);
    expect(summary.skipped).toEqual([{ file: path, line: 2, reason: "record of 3.0 MB over the limit of 1 MB" }]);
  });

  test("a line is never held whole: 600 million characters without a line break are counted, not kept", async () => {
    const piece = "z".repeat(1 << 20);
    async function* endless() {
      yield "first\n";
      for (let i = 0; i < 600; i++) yield piece;
      yield "\nlast";
    }
    // NOTE: held whole, the line would pass V8's longest string (about 537 million characters) and throw.
    expect(await collect(readLines(endless()))).toEqual([
      { text: "first", line: 1 },
      { line: 2, oversize: 600 << 20 },
      { text: "last", line: 3 },
    ]);
  });

  test.each([
    ["json", `[\n${paper(1)},\n${JSON.stringify({ title: "Big", abstract: "y".repeat(5000) })},\n${paper(3)}\n]`, 3],
    ["csv", `id,title,abstract\np1,Paper 1,Abstract 1.\nbig,Big,"${"y".repeat(5000)}"\np3,Paper 3,Abstract 3.\n`, 3],
    ["txt", `Paper 1\n\nAbstract 1.\n\nBig\n\n${"y ".repeat(2500)}\n\nPaper 3\n\nAbstract 3.\n`, 5],
  ])("in a .%s file, with a limit of 4000 bytes, the record is skipped and reported", async (extension, text, line) => {
    const path = temporaryFile(`big.${extension}`, text);
    const summary = await readCorpus(path, { maxRecordBytes: 4000 });
    expect(summary.papers.map((p) => p.title)).toEqual(["Paper 1", "Paper 3"]);
    expect(summary.skipped).toEqual([
      expect.objectContaining({ line, reason: "record of 5 kB over the limit of 4 kB" }),
    ]);
  });
});

describe("an unclosed CSV quote", () => {
  const header = "id,title,abstract";

  test("at the end of the file: reported where it opened, the rows after it read again", async () => {
    const path = temporaryFile(
      "quote.csv",
      `${header}\np1,"Paper 1,Abstract 1.\np2,Paper 2,Abstract 2.\np3,Paper 3,Abstract 3.\n`,
    );
    const summary = await readCorpus(path);
    expect(summary.papers.map((p) => p.id)).toEqual(["p2", "p3"]);
    expect(summary.skipped).toEqual([
      { file: path, line: 2, reason: "unclosed quote: the lines after it are read again" },
    ]);
  });

  test("closed by a later row's quote into a row of the wrong width: the same", async () => {
    const text = `${header}\np1,"Paper 1,Abstract 1.\np2,Paper 2,Abstract 2.\np3,"Paper 3",Abstract 3.\np4,Paper 4,Abstract 4.\n`;
    const summary = await readCorpus(temporaryFile("quote.csv", text));
    expect(summary.papers.map((p) => p.id)).toEqual(["p2", "p3", "p4"]);
    expect(summary.skipped.map((issue) => [issue.line, issue.reason])).toEqual([
      [2, "unclosed quote: the lines after it are read again"],
    ]);
  });

  test("a row grown over the size limit inside a quote: the same, and only a limit's worth is held", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `p${i + 2},Paper ${i + 2},Abstract ${i + 2}.`);
    const text = `${header}\np1,"Paper 1,Abstract 1.\n${rows.join("\n")}\n`;
    const summary = await readCorpus(temporaryFile("quote.csv", text), { maxRecordBytes: 200 });
    expect(summary.papers).toHaveLength(50);
    expect(summary.skipped.map((issue) => issue.line)).toEqual([2]);
  });

  test("a legitimate quoted field over several lines is one field, as before", async () => {
    const rows = await collect(
      readCsvRows(
        (async function* () {
          yield `${header}\np1,"Paper\n1","Abstract,\n""one"".\n"\np2,Paper 2,Abstract 2.\n`;
        })(),
      ),
    );
    expect(rows).toEqual([
      { line: 1, fields: ["id", "title", "abstract"] },
      { line: 2, fields: ["p1", "Paper\n1", 'Abstract,\n"one".\n'] },
      { line: 6, fields: ["p2", "Paper 2", "Abstract 2."] },
    ]);
  });
});
