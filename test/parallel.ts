// Helpers of the tests that check a computation split over worker threads against one thread's: the labelled arXiv
// corpus beside the repo, two worker threads for a describe block, a TF-IDF matrix of the corpus fitted for one, and
// comparing large arrays.

import { afterAll, beforeAll } from "vitest";

import { readCorpus } from "../server/corpus/read-corpus.js";
import type { Paper } from "../server/corpus/types.js";
import type { SparseMatrix } from "../server/text/sparse.js";
import { fitTfidf } from "../server/text/tfidf.js";
import { hasShared, LABELLED_CORPUS, shared } from "./ci.js";

const LABELLED = shared(LABELLED_CORPUS);

/** Whether the tests described by `skipped`, which read the labelled corpus, can run (see ci.ts canRun). */
export const hasLabelledCorpus = (skipped: string): boolean => hasShared(skipped, LABELLED_CORPUS);

/**
 * The first `count` papers of the labelled corpus. Above 4,000 papers tokenizing, the neighbour search and LSA's
 * products move to worker threads.
 */
export async function labelledPapers(count: number): Promise<Paper[]> {
  return (await readCorpus(LABELLED)).papers.slice(0, count);
}

/** Runs the enclosing describe block's tests with two worker threads (TOPICGRAPH_THREADS), restored after. */
export function onTwoThreads(): void {
  const saved = process.env.TOPICGRAPH_THREADS;
  beforeAll(() => {
    process.env.TOPICGRAPH_THREADS = "2";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TOPICGRAPH_THREADS;
    else process.env.TOPICGRAPH_THREADS = saved;
  });
}

/**
 * For a describe block run on two threads (onTwoThreads): the TF-IDF matrix of the first `count` labelled papers,
 * fitted once before its tests, through the getter returned.
 */
export function labelledMatrixOnTwoThreads(count: number): () => SparseMatrix {
  let matrix: SparseMatrix | undefined;
  onTwoThreads();
  beforeAll(async () => {
    matrix = fitTfidf(await labelledPapers(count)).matrix;
  }, 120_000);
  return () => matrix!;
}

/**
 * The first position where `a` and `b` differ (the shorter length when only their lengths do), or -1. NOTE: a
 * failing toEqual on arrays of 100k elements makes vitest compute a diff for minutes.
 */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}
