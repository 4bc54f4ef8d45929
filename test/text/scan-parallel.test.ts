// Tokenizing split over worker threads gives exactly what one thread gives (ids, counts, sequences, model).

import { existsSync } from "node:fs";
import { resolve } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { fitTfidf, fitTfidfParallel } from "../../server/text/tfidf.js";
import { firstDifference } from "../arrays.js";

const CORPUS = resolve(import.meta.dirname, "../../../shared/corpora/arxiv-dev-labeled.jsonl.gz");

describe.runIf(existsSync(CORPUS) || process.env.CI)("fitTfidfParallel", () => {
  let papers: Paper[] = [];
  const threads = process.env.TOPICGRAPH_THREADS;
  beforeAll(async () => {
    // Above the size at which tokenizing moves to workers.
    papers = (await readCorpus(CORPUS)).papers.slice(0, 4500);
    process.env.TOPICGRAPH_THREADS = "2";
  });
  afterAll(() => {
    if (threads === undefined) delete process.env.TOPICGRAPH_THREADS;
    else process.env.TOPICGRAPH_THREADS = threads;
  });

  it("builds the same model as a single-threaded fit", async () => {
    const serial = fitTfidf(papers);
    const parallel = await fitTfidfParallel(papers);
    expect(parallel.terms).toEqual(serial.terms);
    expect(firstDifference(parallel.matrix.indptr, serial.matrix.indptr)).toBe(-1);
    expect(firstDifference(parallel.matrix.indices, serial.matrix.indices)).toBe(-1);
    expect(firstDifference(parallel.matrix.values, serial.matrix.values)).toBe(-1);
    expect(parallel.lexicon.surfaces).toEqual(serial.lexicon.surfaces);
    expect(parallel.lexicon.surfaceCount).toEqual(serial.lexicon.surfaceCount);
  }, 120_000);
});
