import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import { readCsvRows } from "../../server/corpus/read-csv.js";
import { readJsonRecords } from "../../server/corpus/read-json.js";
import { readLines } from "../../server/corpus/read-lines.js";
import { chunked, collect, fixture, temporaryFile } from "./fixtures.js";

const CHUNK_SIZES = [1, 2, 3, 7, 64, 1 << 20];

describe("format readers cut at any chunk boundary", () => {
  test.each(CHUNK_SIZES)("lines are the same for chunks of %i characters", async (size) => {
    const text = "a\r\nbb\n\nccc\r\n\r\nlast";
    expect(await collect(readLines(chunked(text, size)))).toEqual([
      { text: "a", line: 1, crlf: true },
      { text: "bb", line: 2 },
      { text: "", line: 3 },
      { text: "ccc", line: 4, crlf: true },
      { text: "", line: 5, crlf: true },
      { text: "last", line: 6 },
    ]);
  });

  test.each(CHUNK_SIZES)("JSON array elements are the same for chunks of %i characters", async (size) => {
    const text = readFileSync(fixture("papers.json"), "utf8");
    const whole = await collect(readJsonRecords(chunked(text, text.length)));
    expect(await collect(readJsonRecords(chunked(text, size)))).toEqual(whole);
    expect(whole.map((record) => record.line)).toEqual([2, 9, 10, 11, 17, 18]);
  });

  test.each(CHUNK_SIZES)("CSV rows are the same for chunks of %i characters", async (size) => {
    const text = 'a,"b ""x"", y",c\r\n"multi\r\nline",,"\r\n"\n\nlast,row';
    expect(await collect(readCsvRows(chunked(text, size)))).toEqual([
      { line: 1, fields: ["a", 'b "x", y', "c"] },
      { line: 2, fields: ["multi\r\nline", "", "\r\n"] },
      { line: 6, fields: ["last", "row"] },
    ]);
  });
});

describe("JSON reader edge cases", () => {
  test("a .json file holding a sequence of objects (JSON Lines) is read object by object", async () => {
    const text = '{"title": "A", "abstract": "x"}\n{"title": "B",\n "abstract": "y"}\n';
    const records = await collect(readJsonRecords(chunked(text, 5)));
    expect(records).toEqual([
      { line: 1, fields: { title: "A", abstract: "x" } },
      { line: 2, fields: { title: "B", abstract: "y" } },
    ]);
  });

  test("content after the closing bracket is reported once", async () => {
    const records = await collect(readJsonRecords(chunked('[{"title": "A"}]\n\ngarbage', 4)));
    expect(records).toEqual([
      { line: 1, fields: { title: "A" } },
      { line: 3, error: "content after the closing ] of the array: ignored" },
    ]);
  });

  test("a truncated array reports its last, unfinished element", async () => {
    const records = await collect(readJsonRecords(chunked('[{"title": "A"},\n{"title": "B', 4)));
    expect(records[0]).toEqual({ line: 1, fields: { title: "A" } });
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringMatching(/^invalid JSON/) });
  });
});

describe("CSV reader edge cases", () => {
  test("an unclosed quote at the end of the file is reported at the line where it opened", async () => {
    const rows = await collect(readCsvRows(chunked('a,b\n"never closed,x\n', 3)));
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, error: "unclosed quote: the lines after it are read again" },
    ]);
  });

  test("a header without an abstract column is reported and nothing is read: no valid record", async () => {
    await expect(readCorpus(temporaryFile("no-abstract.csv", "id,title\n1,A\n"))).rejects.toThrow(
      /no valid record in ".*no-abstract\.csv" \(1 skipped, the first at line 1: CSV header lacks the column\(s\) abstract: file not read\)$/,
    );
  });
});
