// A paper's related papers: a slice of the list the build ranked once by the blended similarity, each explained by
// the shared terms that contribute most to the TF-IDF cosine.

import type { PaperSummaryDto, RelatedPaperDto, TopicDto } from "../contract/index.js";
import { round } from "../round.js";
import { insertTop, rowOf, type SparseVector } from "../text/sparse.js";
import { relatedListOf, vectorOf } from "./overlay.js";
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
  build: Pick<ServedBuild, "model" | "overlay">,
  pick: TopicPicker,
  a: SparseVector,
  row: number,
): TopicDto[] {
  return sharedTopicsOfRows(build, pick, a, [row])[0];
}

/** sharedTopicsOf for each of `rows`. */
export function sharedTopicsOfRows(
  build: Pick<ServedBuild, "model" | "overlay">,
  pick: TopicPicker,
  a: SparseVector,
  rows: ArrayLike<number>,
): TopicDto[][] {
  const { matrix, terms } = build.model;
  const base = build.overlay?.base ?? matrix.rows;
  if (dense.length < matrix.cols) dense = new Float32Array(matrix.cols);
  for (let i = 0; i < a.indices.length; i++) dense[a.indices[i]] = a.values[i];
  const out: TopicDto[][] = new Array(rows.length);
  try {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const count =
        row < base
          ? collectShared(matrix.indices, matrix.values, matrix.indptr[row], matrix.indptr[row + 1])
          : collectShared(...addedTerms(build, row));
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

/** An added paper's terms as collectShared's arguments. */
function addedTerms(
  build: Pick<ServedBuild, "model" | "overlay">,
  row: number,
): [Int32Array, Float32Array, number, number] {
  const { indices, values } = vectorOf(build, row);
  return [indices, values, 0, indices.length];
}

/**
 * The heaviest SHARED_CANDIDATES products of a row's weights (indices[start..end)) with the scattered vector, into
 * the candidate buffers.
 */
function collectShared(indices: Int32Array, values: Float32Array, start: number, end: number): number {
  let count = 0;
  for (let j = start; j < end; j++) {
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

/**
 * The rows of the best `k` related papers of `row` (fewer when the build kept fewer), best first, and their scores;
 * deleted papers are passed over.
 */
export function relatedRowsOf(build: ServedBuild, row: number, k: number): { rows: Int32Array; scores: Float32Array } {
  const { indices, scores } = relatedListOf(build, row);
  const deleted = build.overlay?.deleted;
  let count = 0;
  let skipped = 0;
  while (count + skipped < indices.length && count < k && indices[count + skipped] >= 0) {
    if (deleted !== undefined && deleted[indices[count + skipped]] === 1) skipped++;
    else count++;
  }
  if (skipped === 0) return { rows: indices.subarray(0, count), scores: scores.subarray(0, count) };
  const rows = new Int32Array(count);
  const kept = new Float32Array(count);
  for (let at = 0, a = 0; a < count; at++) {
    if (deleted![indices[at]] === 1) continue;
    rows[a] = indices[at];
    kept[a++] = scores[at];
  }
  return { rows, scores: kept };
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
  const shared = sharedTopicsOfRows(build, pick, vectorOf(build, row), rows);
  const out: RelatedPaperDto[] = new Array(rows.length);
  for (let a = 0; a < rows.length; a++) {
    out[a] = relatedPaper(paperSummary(papers, rows[a]), round(scores[a], 4), shared[a]);
  }
  return out;
}
