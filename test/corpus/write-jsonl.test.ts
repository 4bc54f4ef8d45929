import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { writeJsonl } from "../../server/corpus/write-jsonl.js";
import { fixture, SEED, temporaryFile } from "./fixtures.js";

describe("writeJsonl", () => {
  test("round-trips papers through readCorpus, optional fields included", async () => {
    const { papers } = await readCorpus(fixture("papers.jsonl"));
    const path = join(dirname(temporaryFile("placeholder", "")), "out", "papers.jsonl");
    await writeJsonl(papers, path);
    expect((await readCorpus(path)).papers).toEqual(papers);
  });

  test("writes keys in a fixed order, leaves out absent fields and leaves no temporary file", async () => {
    const path = temporaryFile("papers.jsonl", "old content");
    const paper: Paper = { categories: ["x"], abstract: "A", title: "T", id: "t" };
    await writeJsonl([paper], path);
    expect(readFileSync(path, "utf8")).toBe('{"id":"t","title":"T","abstract":"A","categories":["x"]}\n');
    expect(readdirSync(dirname(path))).toEqual(["papers.jsonl"]);
  });

  test("data/papers.jsonl is the seed listing as the reader reads it", async () => {
    const bundled = await readCorpus(new URL("../../data/papers.jsonl", import.meta.url).pathname);
    expect(bundled.papers).toEqual((await readCorpus(SEED)).papers);
    expect(bundled.papers).toHaveLength(74);
  });
});
