import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { CorpusReadError, readCorpus } from "../../server/corpus/read-corpus.js";
import { fixture, SEED, temporaryFile } from "./fixtures.js";

const JSONL = readFileSync(fixture("papers.jsonl"));
const CSV = readFileSync(fixture("papers.csv"));

describe("readCorpus bytes and encodings", () => {
  test("a .gz file is decompressed and gives the same papers and lines as the plain file", async () => {
    const plain = await readCorpus(fixture("papers.jsonl"));
    const path = temporaryFile("papers.jsonl.gz", gzipSync(JSONL));
    const gzipped = await readCorpus(path);
    expect(gzipped.papers).toEqual(plain.papers);
    expect(gzipped.skipped.map(({ line, reason }) => ({ line, reason }))).toEqual(
      plain.skipped.map(({ line, reason }) => ({ line, reason })),
    );
  });

  test("gzip is detected by its magic bytes, not by the name", async () => {
    const path = temporaryFile("listing.txt", gzipSync(readFileSync(SEED)));
    expect((await readCorpus(path)).papers).toHaveLength(74);
  });

  test("a file named .gz that is not compressed is read as plain text", async () => {
    const path = temporaryFile("papers.jsonl.gz", JSONL);
    expect((await readCorpus(path)).papers).toHaveLength(3);
  });

  test("a truncated gzip keeps the records before the cut and reports the cut one", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ title: `Paper ${i}`, abstract: `Abstract ${i}.` }),
    );
    const whole = gzipSync(lines.join("\n"));
    const path = temporaryFile("cut.jsonl.gz", whole.subarray(0, Math.floor(whole.length * 0.6)));
    const summary = await readCorpus(path);
    expect(summary.papers.length).toBeGreaterThan(100);
    expect(summary.papers.length).toBeLessThan(2000);
    expect(summary.papers.at(-1)?.title).toBe(`Paper ${summary.papers.length - 1}`);
    expect(summary.skipped.length).toBeLessThanOrEqual(1);
  });

  test("gzip magic followed by data that is not deflate throws CorpusReadError", async () => {
    const path = temporaryFile("corrupt.jsonl.gz", Buffer.from("\x1f\x8bnot deflate data", "latin1"));
    await expect(readCorpus(path)).rejects.toThrow(CorpusReadError);
  });

  test("a UTF-8 byte order mark is dropped: the first record and the CSV header still read", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const jsonl = await readCorpus(temporaryFile("bom.jsonl", Buffer.concat([bom, JSONL])));
    expect(jsonl.papers[0].id).toBe("2501.00001");
    const csv = await readCorpus(temporaryFile("bom.csv", Buffer.concat([bom, CSV])));
    expect(csv.papers[0].id).toBe("c1");
    const daily = await readCorpus(temporaryFile("bom.txt", Buffer.concat([bom, readFileSync(SEED)])));
    expect(daily.papers).toHaveLength(74);
  });

  test("CRLF line ends give the same papers and line numbers as LF", async () => {
    const crlf = (buffer: Buffer): string => buffer.toString("utf8").replace(/\r?\n/g, "\r\n");
    const plain = await readCorpus(fixture("papers.jsonl"));
    const jsonl = await readCorpus(temporaryFile("crlf.jsonl", crlf(JSONL)));
    expect(jsonl.papers).toEqual(plain.papers);
    expect(jsonl.skipped.map((issue) => issue.line)).toEqual([4, 5, 6]);
    const daily = await readCorpus(temporaryFile("crlf.txt", crlf(readFileSync(SEED))));
    expect(daily.papers).toEqual((await readCorpus(SEED)).papers);
  });

  test("invalid UTF-8 becomes U+FFFD and never throws", async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"title": "Bad '),
      Buffer.from([0xff, 0xc3, 0x28]),
      Buffer.from(' bytes", "abstract": "Truncated '),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('"}\n{"title": "Next", "abstract": "Still read."}\n'),
    ]);
    const summary = await readCorpus(temporaryFile("bad-utf8.jsonl", bytes));
    expect(summary.papers.map((paper) => paper.title)).toEqual(["Bad \uFFFD\uFFFD( bytes", "Next"]);
    expect(summary.papers[0].abstract).toBe("Truncated \uFFFD");
  });
});
