// Why papers are linked and what a paper is about, in terms a reader can check: with L2-normalised TF-IDF vectors
// the cosine of two papers is the sum over their shared terms of the product of weights, so the largest products
// are the topics that make the link.

import { rowOf, topSharedContributions } from "../text/sparse.js";
import type { TfidfModel } from "../text/tfidf.js";
import { longerFirst, pickWithoutNesting } from "./label.js";
import type { WeightedTerm } from "./types.js";

/**
 * The shared terms contributing most to the cosine of rows a and b, heaviest first, without nested duplicates
 * (a phrase and its own words, "sequence length" and "length", count once: the heavier of them).
 */
export function sharedTerms(model: TfidfModel, a: number, b: number, limit: number): WeightedTerm[] {
  const ranked = topSharedContributions(rowOf(model.matrix, a), rowOf(model.matrix, b), limit * 3);
  return pickWithoutNesting(model.vocabulary, model.terms, ranked, limit, (t) => t.index).map(({ index, weight }) => ({
    term: model.terms[index],
    weight,
  }));
}

/** "quantization 0.21, fp4 0.12": the explanation stored on an edge. */
export function sharedTopics(model: TfidfModel, a: number, b: number, limit: number): string {
  return formatTerms(sharedTerms(model, a, b, limit));
}

export function formatTerms(terms: readonly WeightedTerm[]): string {
  return terms.map((t) => `${t.term} ${t.weight.toFixed(2)}`).join(", ");
}

/** A paper's heaviest terms, display forms, without nested duplicates. */
export function paperTopics(model: TfidfModel, row: number, limit: number): string[] {
  const { indices, values } = rowOf(model.matrix, row);
  const ranked = Array.from(indices, (column, k) => ({ column, weight: values[k] })).sort(
    (a, b) => b.weight - a.weight || longerFirst(model.vocabulary, a.column, b.column),
  );
  return pickWithoutNesting(model.vocabulary, model.terms, ranked, limit, (t) => t.column).map((t) => model.terms[t.column]);
}
