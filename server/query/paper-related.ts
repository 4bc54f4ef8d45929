// A paper's related papers: a slice of the list the build ranked once by the blended similarity, each explained by
// the shared terms that contribute most to the TF-IDF cosine.

import type { PaperSummaryDto, RelatedPaperDto, TopicDto } from "../contract/index.js";
import { insertTop, rowOf, type SparseVector } from "../text/sparse.js";
import { round } from "../round.js";
import { paperSummary, type PaperIndex } from "./paper-index.js";
import type { ServedBuild } from "./served-build.js";
import type { TopicPicker } from "./topic-picker.js";

/** Shared terms given per related paper. */
export const SHARED_TOPICS = 5;

/** Shared terms considered before nested duplicates are dropped: enough for SHARED_TOPICS of them. */
const SHARED_CANDIDATES = SHARED_TOPICS * 3;
const candidateColumns = new Int32Array(SHARED_CANDIDATES);
const candidateWeights = new Float64Array(SHARED_CANDIDATES);
const chosen = new Int32Array(SHARED_TOPICS);

/** The vector being explained, scattered by column (0 elsewhere): a gather per shared term instead of a merge. */
let dense = new Float32Array(0);

/**
 * The terms an L2-normalised TF-IDF vector shares with paper `row`, by their contribution to the cosine (the product
 * of their weights), heaviest first (ties: lower column), without nested duplicates ("floating point" stands for
 * "floating" and "point"). NOTE: straight over the CSR arrays into a small sorted buffer; views and per-term objects
 * were most of a related-papers request's time. `rows` papers at once share one scattering of the vector.
 */
export function sharedTopicsOf(
  build: Pick<ServedBuild, "model">,
  pick: TopicPicker,
  a: SparseVector,
  row: number,
): TopicDto[] {
  return sharedTopicsOfRows(build, pick, a, [row])[0];
}

/** sharedTopicsOf for each of `rows`. */
export function sharedTopicsOfRows(
  build: Pick<ServedBuild, "model">,
  pick: TopicPicker,
  a: SparseVector,
  rows: ArrayLike<number>,
): TopicDto[][] {
  const { matrix, terms } = build.model;
  if (dense.length < matrix.cols) dense = new Float32Array(matrix.cols);
  for (let i = 0; i < a.indices.length; i++) dense[a.indices[i]] = a.values[i];
  const out: TopicDto[][] = new Array(rows.length);
  try {
    for (let r = 0; r < rows.length; r++) {
      const count = collectShared(matrix.indptr, matrix.indices, matrix.values, rows[r]);
      const n = pick.positions(candidateColumns, count, SHARED_TOPICS, chosen);
      const topics: TopicDto[] = new Array(n);
      for (let t = 0; t < n; t++) {
        topics[t] = { term: terms[candidateColumns[chosen[t]]], weight: round(candidateWeights[chosen[t]], 4) };
      }
      out[r] = topics;
    }
  } finally {
    for (let i = 0; i < a.indices.length; i++) dense[a.indices[i]] = 0;
  }
  return out;
}

/** The heaviest SHARED_CANDIDATES products of `row`'s weights with the scattered vector, into the candidate buffers. */
function collectShared(indptr: Int32Array, indices: Int32Array, values: Float32Array, row: number): number {
  let count = 0;
  for (let j = indptr[row]; j < indptr[row + 1]; j++) {
    const mine = dense[indices[j]];
    if (mine !== 0) count = insertTop(candidateColumns, candidateWeights, count, indices[j], mine * values[j]);
  }
  return count;
}

/** A related paper: the summary's fields, then its score and shared topics (one object shape for every paper). */
export function relatedPaper(summary: PaperSummaryDto, score: number, sharedTopics: TopicDto[]): RelatedPaperDto {
  return summary.year === undefined
    ? { id: summary.id, title: summary.title, cluster: summary.cluster, score, sharedTopics }
    : { id: summary.id, title: summary.title, cluster: summary.cluster, year: summary.year, score, sharedTopics };
}

/** The rows of the best `k` related papers of `row` (fewer when the build kept fewer), best first, and their scores. */
function relatedRowsOf(
  build: Pick<ServedBuild, "related">,
  row: number,
  k: number,
): { rows: Int32Array; scores: Float32Array } {
  const { related } = build;
  const base = row * related.k;
  let count = 0;
  while (count < Math.min(k, related.k) && related.indices[base + count] >= 0) count++;
  return { rows: related.indices.subarray(base, base + count), scores: related.scores.subarray(base, base + count) };
}

/** The best `k` related papers of `row` (fewer when the build kept fewer), best first. */
export function paperRelatedOfRow(
  build: ServedBuild,
  pick: TopicPicker,
  papers: PaperIndex,
  row: number,
  k: number,
): RelatedPaperDto[] {
  const { rows, scores } = relatedRowsOf(build, row, k);
  const shared = sharedTopicsOfRows(build, pick, rowOf(build.model.matrix, row), rows);
  const out: RelatedPaperDto[] = new Array(rows.length);
  for (let a = 0; a < rows.length; a++) {
    out[a] = relatedPaper(paperSummary(papers, rows[a]), round(scores[a], 4), shared[a]);
  }
  return out;
}
