// The similarity that links and ranks papers: the mean of the TF-IDF cosine (exact wording, explainable term by
// term) and the LSA cosine (shared latent topics). Candidates come from the TF-IDF search; the blend re-ranks them.
// On arxiv-dev-labeled (17,599 papers) this raised precision@10 of related papers from 0.527 to 0.570 (bench/eval).

import type { NeighbourLists } from "./top-k.js";
import { TopKHeap } from "./top-k.js";

/** Dot product of rows a and b of a row-major matrix of unit vectors. */
export function denseDot(vectors: Float32Array, dimensions: number, a: number, b: number): number {
  let sum = 0;
  const baseA = a * dimensions;
  const baseB = b * dimensions;
  for (let j = 0; j < dimensions; j++) sum += vectors[baseA + j] * vectors[baseB + j];
  return sum;
}

/** What the blend needs besides the candidates: every row's LSA embeddings and the weight of the LSA cosine. */
export interface BlendInput {
  embeddings: Float32Array;
  dimensions: number;
  lsaWeight: number;
}

export function blendScore(tfidfCosine: number, lsaCosine: number, lsaWeight: number): number {
  return (tfidfCosine + lsaWeight * Math.max(lsaCosine, 0)) / (1 + lsaWeight);
}

/**
 * Re-ranks each row's TF-IDF candidates by the blended score and keeps the best `k`. The lists are those of rows
 * `firstRow`, `firstRow + 1`, ... (a worker's slice; the embeddings are every row's).
 * Without embeddings (a corpus too small for LSA) the TF-IDF order is kept.
 */
export function blendNeighbours(
  candidates: NeighbourLists,
  embeddings: Float32Array | null,
  dimensions: number,
  lsaWeight: number,
  k: number,
  firstRow = 0,
): NeighbourLists {
  const width = candidates.k;
  const rows = candidates.indices.length / width;
  const indices = new Int32Array(rows * k).fill(-1);
  const scores = new Float32Array(rows * k);
  const heap = new TopKHeap(k);
  for (let r = 0; r < rows; r++) {
    heap.clear();
    for (let a = 0; a < width; a++) {
      const other = candidates.indices[r * width + a];
      if (other < 0) break;
      const cosine = candidates.scores[r * width + a];
      const latent = embeddings === null ? 0 : denseDot(embeddings, dimensions, firstRow + r, other);
      heap.offer(other, embeddings === null ? cosine : blendScore(cosine, latent, lsaWeight));
    }
    heap.drainInto(indices, scores, r * k);
  }
  return { k, indices, scores };
}

/**
 * Pseudo-relevance feedback in LSA space (Rocchio 1971): each paper's vector plus `weight` times the
 * similarity-weighted mean of its `feedback` most related papers' vectors, renormalised. Ranking related papers on
 * these vectors favours candidates that also resemble a paper's neighbourhood, not only its own wording.
 * NOTE: on arxiv-dev-labeled it raised precision@10 of related papers from 0.570 to 0.577 (feedback 5, weight 2);
 * clusters are still built on the plain similarity, where the expansion lowered NMI.
 */
export function expandEmbeddings(
  embeddings: Float32Array,
  dimensions: number,
  neighbours: NeighbourLists,
  feedback: number,
  weight: number,
): Float32Array {
  const width = neighbours.k;
  const rows = embeddings.length / dimensions;
  const expanded = new Float32Array(embeddings.length);
  const count = Math.min(feedback, width);
  for (let r = 0; r < rows; r++) {
    const own = embeddings.subarray(r * dimensions, (r + 1) * dimensions);
    const list = neighbours.indices.subarray(r * width, r * width + count);
    const scores = neighbours.scores.subarray(r * width, r * width + count);
    expanded.set(expandVector(own, embeddings, dimensions, list, scores, weight), r * dimensions);
  }
  return expanded;
}

/**
 * One vector expanded by feedback: `own` plus `weight` times the score-weighted mean of the rows `feedback` (best
 * first, -1 ends the list) of `embeddings`, scaled to unit length. Papers and free texts are expanded alike.
 */
export function expandVector(
  own: Float32Array,
  embeddings: Float32Array,
  dimensions: number,
  feedback: ArrayLike<number>,
  scores: ArrayLike<number>,
  weight: number,
): Float32Array {
  const out = Float32Array.from(own);
  const count = feedback.length;
  for (let a = 0; a < count; a++) {
    const other = feedback[a];
    if (other < 0) break;
    const scale = (weight * scores[a]) / count;
    const from = other * dimensions;
    for (let j = 0; j < dimensions; j++) out[j] += scale * embeddings[from + j];
  }
  let norm = 0;
  for (let j = 0; j < dimensions; j++) norm += out[j] * out[j];
  if (norm > 0) {
    const inverse = 1 / Math.sqrt(norm);
    for (let j = 0; j < dimensions; j++) out[j] *= inverse;
  }
  return out;
}
