// Why papers are linked and what a paper is about, in terms a reader can check: with L2-normalised TF-IDF vectors
// the cosine of two papers is the sum over their shared terms of the product of weights, so the largest products
// are the topics that make the link.

import { BREAK } from "../text/lexicon.js";
import { rowOf, topSharedProducts } from "../text/sparse.js";
import type { ScannedDocuments, TfidfModel } from "../text/tfidf.js";
import { SHIFT } from "../text/vocabulary.js";
import { longerFirst, pickPositions } from "./label.js";
import type { WeightedTerm } from "./types.js";

/** Candidates for the shared terms of a link, heaviest first: 3 * limit, enough once nested duplicates drop out. */
let candidateColumns = new Int32Array(0);
let candidateWeights = new Float64Array(0);
/** Positions of the chosen candidates: `limit`. */
let chosen = new Int32Array(0);

/**
 * The shared terms contributing most to the cosine of rows a and b, heaviest first (ties: lower column), without
 * nested duplicates (a phrase and its own words, "sequence length" and "length", count once: the heavier of them).
 * Merged from the CSR rows into typed buffers and picked by position (graph/label pickPositions), the way the API
 * explains related papers (query/paper-related).
 */
export function sharedTerms(model: TfidfModel, a: number, b: number, limit: number): WeightedTerm[] {
  if (limit <= 0) return [];
  const size = limit * 3;
  if (chosen.length !== limit) {
    candidateColumns = new Int32Array(size);
    candidateWeights = new Float64Array(size);
    chosen = new Int32Array(limit);
  }
  const count = topSharedProducts(rowOf(model.matrix, a), rowOf(model.matrix, b), candidateColumns, candidateWeights);
  const n = pickPositions(model.vocabulary, model.terms, candidateColumns, count, limit, chosen);
  return Array.from(chosen.subarray(0, n), (p) => ({
    term: model.terms[candidateColumns[p]],
    weight: candidateWeights[p],
  }));
}

/** "quantization 0.21, fp4 0.12": the explanation stored on an edge. */
export function sharedTopics(model: TfidfModel, a: number, b: number, limit: number): string {
  return formatTerms(sharedTerms(model, a, b, limit));
}

export function formatTerms(terms: readonly WeightedTerm[]): string {
  return terms.map((t) => `${t.term} ${t.weight.toFixed(2)}`).join(", ");
}

/**
 * A paper's heaviest terms without nested duplicates (ties: the longer term, then the lower column), each as the
 * paper writes it when `scanned` holds the corpus's positions ("diffusion model" where the corpus mostly writes
 * "diffusion models"), else in its display form.
 */
export function paperTopics(model: TfidfModel, row: number, limit: number, scanned?: ScannedDocuments): string[] {
  const { indices, values } = rowOf(model.matrix, row);
  const order = Int32Array.from(indices.keys()).sort(
    (x, y) => values[y] - values[x] || longerFirst(model.vocabulary, indices[x], indices[y]),
  );
  const columns = Int32Array.from(order, (k) => indices[k]);
  const out = new Int32Array(Math.max(limit, 0));
  const n = pickPositions(model.vocabulary, model.terms, columns, columns.length, limit, out);
  const chosen = Array.from(out.subarray(0, n), (p) => columns[p]);
  const written = scanned === undefined ? null : writtenForms(model, scanned, row, chosen);
  return chosen.map((column, k) => written?.[k] ?? model.terms[column]);
}

/** How document `row` first writes each of `columns` (surface forms joined by a space), or null where it does not. */
function writtenForms(
  model: TfidfModel,
  scanned: ScannedDocuments,
  row: number,
  columns: readonly number[],
): (string | null)[] {
  const { unigramColumn, bigramIds, bigramColumn, trigramColumn } = model.vocabulary;
  const { tokens, surfaces, starts } = scanned;
  const forms: (string | null)[] = columns.map(() => null);
  let missing = columns.length;
  const found = (column: number, from: number, length: number) => {
    const k = columns.indexOf(column);
    if (k < 0 || forms[k] !== null) return;
    const words: string[] = [];
    for (let q = from; q < from + length; q++) words.push(model.lexicon.surfaces[surfaces[q]]);
    forms[k] = words.join(" ");
    missing--;
  };
  const end = starts[row + 1];
  for (let p = starts[row]; p < end && missing > 0; p++) {
    const a = tokens[p];
    if (a === BREAK) continue;
    if (a < unigramColumn.length) found(unigramColumn[a], p, 1);
    if (p + 1 >= end || tokens[p + 1] === BREAK) continue;
    const bigram = bigramIds.get(a, tokens[p + 1]);
    if (bigram < 0) continue;
    found(bigramColumn[bigram], p, 2);
    if (p + 2 >= end || tokens[p + 2] === BREAK) continue;
    found(trigramColumn.get(bigram * SHIFT + tokens[p + 2]) ?? -1, p, 3);
  }
  return forms;
}
