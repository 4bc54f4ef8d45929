// Related papers: each paper's TF-IDF candidates, widened by its neighbours' neighbours, ranked by the blended
// similarity on feedback-expanded LSA vectors (graph/blend). A paper's neighbours' neighbours that share few of its
// exact words are still often on its topic; the exact TF-IDF cosine is computed for each of them.
// NOTE: on arxiv-dev-labeled the widening raised precision@10 of related papers from 0.578 to 0.582.

import type { SparseMatrix } from "../text/sparse.js";
import { blendScore, denseDot } from "./blend.js";
import { TopKHeap, type NeighbourLists } from "./top-k.js";

export interface RelatedOptions {
  /** How many of a paper's nearest papers, and how many of each of theirs, join its candidates (0: none). */
  hops: number;
  lsaWeight: number;
}

/**
 * `width` related papers per row. `candidates` are TF-IDF candidates with exact cosines, `similar` the plain blended
 * ranking whose first `hops` entries (and theirs) widen the candidates, `vectors` the LSA vectors to rank with.
 */
export function rankRelated(
  matrix: SparseMatrix,
  candidates: NeighbourLists,
  similar: NeighbourLists,
  vectors: Float32Array,
  dimensions: number,
  width: number,
  options: RelatedOptions,
): NeighbourLists {
  const { hops, lsaWeight } = options;
  const rows = matrix.rows;
  const indices = new Int32Array(rows * width).fill(-1);
  const scores = new Float32Array(rows * width);
  const heap = new TopKHeap(width);
  const seen = new Uint8Array(rows);
  const touched: number[] = [];
  // The row's TF-IDF vector spread over the vocabulary: a candidate's cosine is then one pass over its own terms.
  const dense = new Float32Array(matrix.cols);
  const offer = (row: number, other: number, cosine: number) => {
    heap.offer(other, blendScore(cosine, denseDot(vectors, dimensions, row, other), lsaWeight));
  };
  for (let r = 0; r < rows; r++) {
    heap.clear();
    for (let a = 0; a < candidates.k; a++) {
      const other = candidates.indices[r * candidates.k + a];
      if (other < 0) break;
      seen[other] = 1;
      touched.push(other);
      offer(r, other, candidates.scores[r * candidates.k + a]);
    }
    seen[r] = 1;
    touched.push(r);
    for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) dense[matrix.indices[p]] = matrix.values[p];
    for (let a = 0; a < Math.min(hops, similar.k); a++) {
      const near = similar.indices[r * similar.k + a];
      if (near < 0) break;
      for (let b = 0; b < Math.min(hops, similar.k); b++) {
        const other = similar.indices[near * similar.k + b];
        if (other < 0) break;
        if (seen[other]) continue;
        seen[other] = 1;
        touched.push(other);
        let cosine = 0;
        for (let q = matrix.indptr[other]; q < matrix.indptr[other + 1]; q++) cosine += dense[matrix.indices[q]] * matrix.values[q];
        offer(r, other, cosine);
      }
    }
    for (const t of touched) seen[t] = 0;
    touched.length = 0;
    for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) dense[matrix.indices[p]] = 0;
    heap.drainInto(indices, scores, r * width);
  }
  return { k: width, indices, scores };
}
