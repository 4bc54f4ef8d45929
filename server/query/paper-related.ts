// A paper's related papers: a slice of the list the build ranked once by the blended similarity, each explained by
// the shared terms that contribute most to the TF-IDF cosine.

import type { RelatedPaperDto, TopicDto } from "../api/dto.js";
import { pickWithoutNesting } from "../graph/label.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { rowOf, sharedContributions, type SparseVector } from "../text/sparse.js";
import type { PaperIndex } from "./paper-index.js";
import { round } from "./round.js";

/** Shared terms given per related paper. */
export const SHARED_TOPICS = 5;

/**
 * The terms two L2-normalised TF-IDF vectors share, by their contribution to the cosine (the product of their
 * weights), heaviest first, without nested duplicates ("floating point" stands for "floating" and "point").
 */
export function sharedTopicsOf(build: TopicGraphBuild, a: SparseVector, row: number): TopicDto[] {
  const { vocabulary, terms } = build.model;
  const ranked = sharedContributions(a, rowOf(build.model.matrix, row));
  return pickWithoutNesting(vocabulary, terms, ranked, SHARED_TOPICS, (c) => c.index).map(({ index, weight }) => ({
    term: terms[index],
    weight: round(weight, 4),
  }));
}

/** The best `k` related papers of `row` (fewer when the build kept fewer), best first. */
export function relatedToRow(build: TopicGraphBuild, papers: PaperIndex, row: number, k: number): RelatedPaperDto[] {
  const { related } = build;
  const vector = rowOf(build.model.matrix, row);
  const out: RelatedPaperDto[] = [];
  const base = row * related.k;
  for (let a = 0; a < Math.min(k, related.k); a++) {
    const other = related.indices[base + a];
    if (other < 0) break;
    out.push({
      ...papers.summaries[other],
      score: round(related.scores[base + a], 4),
      sharedTopics: sharedTopicsOf(build, vector, other),
    });
  }
  return out;
}
