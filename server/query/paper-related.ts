// A paper's related papers: a slice of the list the build ranked once by the blended similarity, each explained by
// the shared terms that contribute most to the TF-IDF cosine.

import type { PaperSummaryDto, RelatedPaperDto, TopicDto } from "../api/dto.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { rowOf, topSharedContributions, type SparseVector } from "../text/sparse.js";
import type { PaperIndex } from "./paper-index.js";
import { round } from "./round.js";
import type { TopicPicker } from "./topic-picker.js";

/** Shared terms given per related paper. */
export const SHARED_TOPICS = 5;

/**
 * The terms two L2-normalised TF-IDF vectors share, by their contribution to the cosine (the product of their
 * weights), heaviest first, without nested duplicates ("floating point" stands for "floating" and "point").
 */
export function sharedTopicsOf(build: TopicGraphBuild, pick: TopicPicker, a: SparseVector, row: number): TopicDto[] {
  const { terms } = build.model;
  // NOTE: the heaviest few only: enough for SHARED_TOPICS once nested duplicates are dropped, without sorting them all.
  const ranked = topSharedContributions(a, rowOf(build.model.matrix, row), SHARED_TOPICS * 3);
  const chosen = pick(ranked, SHARED_TOPICS, byIndex);
  const out: TopicDto[] = new Array(chosen.length);
  for (let t = 0; t < chosen.length; t++) out[t] = { term: terms[chosen[t].index], weight: round(chosen[t].weight, 4) };
  return out;
}

const byIndex = (c: { index: number }) => c.index;

/** A related paper: the summary's fields, then its score and shared topics (one object shape for every paper). */
export function relatedPaper(summary: PaperSummaryDto, score: number, sharedTopics: TopicDto[]): RelatedPaperDto {
  return summary.year === undefined
    ? { id: summary.id, title: summary.title, cluster: summary.cluster, score, sharedTopics }
    : { id: summary.id, title: summary.title, cluster: summary.cluster, year: summary.year, score, sharedTopics };
}

/** The best `k` related papers of `row` (fewer when the build kept fewer), best first. */
export function relatedToRow(
  build: TopicGraphBuild,
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
    out.push(relatedPaper(papers.summaries[other], round(related.scores[base + a], 4), sharedTopicsOf(build, pick, vector, other)));
  }
  return out;
}
