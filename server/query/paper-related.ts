// A paper's related papers: a slice of the list the build ranked once by the blended similarity, each explained by
// the shared terms that contribute most to the TF-IDF cosine.

import type { PaperSummaryDto, RelatedPaperDto, TopicDto } from "../api/dto.js";
import { rowOf, type SparseVector } from "../text/sparse.js";
import { paperSummary, type PaperIndex } from "./paper-index.js";
import { round } from "./round.js";
import type { ServedBuild } from "./store.js";
import type { TopicPicker } from "./topic-picker.js";

/** Shared terms given per related paper. */
export const SHARED_TOPICS = 5;

/** Shared terms considered before nested duplicates are dropped: enough for SHARED_TOPICS of them. */
const SHARED_CANDIDATES = SHARED_TOPICS * 3;
const candidateColumns = new Int32Array(SHARED_CANDIDATES);
const candidateWeights = new Float64Array(SHARED_CANDIDATES);
const chosen = new Int32Array(SHARED_TOPICS);

/**
 * The terms an L2-normalised TF-IDF vector shares with paper `row`, by their contribution to the cosine (the product
 * of their weights), heaviest first (ties: lower column), without nested duplicates ("floating point" stands for
 * "floating" and "point"). NOTE: a merge straight over the CSR arrays into a small sorted buffer; views and
 * per-term objects were most of a related-papers request's time.
 */
export function sharedTopicsOf(
  build: Pick<ServedBuild, "model">,
  pick: TopicPicker,
  a: SparseVector,
  row: number,
): TopicDto[] {
  const { indptr, indices, values } = build.model.matrix;
  let count = 0;
  let i = 0;
  let j = indptr[row];
  const endB = indptr[row + 1];
  while (i < a.indices.length && j < endB) {
    const ai = a.indices[i];
    const bj = indices[j];
    if (ai < bj) i++;
    else if (ai > bj) j++;
    else {
      const weight = a.values[i++] * values[j++];
      if (count === SHARED_CANDIDATES && weight <= candidateWeights[count - 1]) continue;
      let at = count === SHARED_CANDIDATES ? count - 1 : count++;
      while (at > 0 && candidateWeights[at - 1] < weight) {
        candidateWeights[at] = candidateWeights[at - 1];
        candidateColumns[at] = candidateColumns[at - 1];
        at--;
      }
      candidateWeights[at] = weight;
      candidateColumns[at] = ai;
    }
  }
  const n = pick.positions(candidateColumns, count, SHARED_TOPICS, chosen);
  const out: TopicDto[] = new Array(n);
  for (let t = 0; t < n; t++) {
    out[t] = { term: build.model.terms[candidateColumns[chosen[t]]], weight: round(candidateWeights[chosen[t]], 4) };
  }
  return out;
}

/** A related paper: the summary's fields, then its score and shared topics (one object shape for every paper). */
export function relatedPaper(summary: PaperSummaryDto, score: number, sharedTopics: TopicDto[]): RelatedPaperDto {
  return summary.year === undefined
    ? { id: summary.id, title: summary.title, cluster: summary.cluster, score, sharedTopics }
    : { id: summary.id, title: summary.title, cluster: summary.cluster, year: summary.year, score, sharedTopics };
}

/** The best `k` related papers of `row` (fewer when the build kept fewer), best first. */
export function relatedToRow(
  build: ServedBuild,
  pick: TopicPicker,
  papers: PaperIndex,
  row: number,
  k: number,
): RelatedPaperDto[] {
  const { related } = build;
  const vector = rowOf(build.model.matrix, row);
  const out: RelatedPaperDto[] = [];
  const base = row * related.k;
  for (let a = 0; a < Math.min(k, related.k); a++) {
    const other = related.indices[base + a];
    if (other < 0) break;
    out.push(
      relatedPaper(
        paperSummary(papers, other),
        round(related.scores[base + a], 4),
        sharedTopicsOf(build, pick, vector, other),
      ),
    );
  }
  return out;
}
