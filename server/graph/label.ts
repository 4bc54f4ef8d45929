// Cluster labels by class-based TF-IDF (c-TF-IDF, Grootendorst 2022) over document occurrences of terms:
//   score(t, c) = (df(t, c) / Σ_t' df(t', c)) * ln(1 + A / df(t)),  A = mean of Σ_t' df(t', c) over clusters,
// then the best terms without nested duplicates: "floating point" makes "floating" and "point" redundant.
// Each topic also carries its share (of the cluster's papers that contain it).

import type { TfidfModel } from "../text/tfidf.js";
import { isNestedTerm, type Vocabulary } from "../text/vocabulary.js";

export interface LabelOptions {
  /** Topics kept per cluster. */
  topics: number;
  /** Topics joined into the label. */
  labelTopics: number;
}

export const LABEL_DEFAULTS: Readonly<LabelOptions> = { topics: 5, labelTopics: 3 };

export interface ClusterTopic {
  column: number;
  term: string;
  score: number;
  /** Share of the cluster's papers that carry the term. */
  share: number;
}

export interface ClusterLabel {
  label: string;
  topics: ClusterTopic[];
}

export function labelClusters(
  model: TfidfModel,
  membership: Int32Array,
  clusterCount: number,
  options: Partial<LabelOptions> = {},
): ClusterLabel[] {
  const { topics, labelTopics } = { ...LABEL_DEFAULTS, ...options };
  const { matrix, vocabulary } = model;
  const members: number[][] = Array.from({ length: clusterCount }, () => []);
  membership.forEach((c, i) => members[c].push(i));

  // Pass 1: each cluster's total of document occurrences, for A.
  const totals = members.map((rows) => rows.reduce((sum, r) => sum + matrix.indptr[r + 1] - matrix.indptr[r], 0));
  const average = totals.reduce((a, b) => a + b, 0) / Math.max(clusterCount, 1);

  const counts = new Float64Array(vocabulary.size);
  const touched: number[] = [];
  return members.map((rows, c) => {
    for (const r of rows) {
      for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) {
        const column = matrix.indices[p];
        if (counts[column] === 0) touched.push(column);
        counts[column]++;
      }
    }
    const scored = touched.map((column) => ({
      column,
      term: model.terms[column],
      score: (counts[column] / Math.max(totals[c], 1)) * Math.log(1 + average / vocabulary.df[column]),
      share: counts[column] / rows.length,
    }));
    for (const column of touched) counts[column] = 0;
    touched.length = 0;
    scored.sort((a, b) => b.score - a.score || a.column - b.column);
    const chosen = pickWithoutNesting(vocabulary, scored, topics, (t) => t.column);
    return { label: chosen.slice(0, labelTopics).map((t) => t.term).join(", "), topics: chosen };
  });
}

/**
 * The first `limit` items of a ranked list such that no item's term is nested in another's: a phrase ranked below
 * one of its parts replaces that part; a part ranked below its phrase is skipped.
 */
export function pickWithoutNesting<T>(vocabulary: Vocabulary, ranked: readonly T[], limit: number, column: (item: T) => number): T[] {
  const chosen: T[] = [];
  for (const item of ranked) {
    if (chosen.length >= limit) break;
    const c = column(item);
    if (chosen.some((other) => isNestedTerm(vocabulary, c, column(other)))) continue;
    const parts = chosen.filter((other) => isNestedTerm(vocabulary, column(other), c));
    if (parts.length > 0) {
      const at = chosen.indexOf(parts[0]);
      chosen[at] = item;
      for (const part of parts.slice(1)) chosen.splice(chosen.indexOf(part), 1);
      continue;
    }
    chosen.push(item);
  }
  return chosen;
}
