// Related papers: TF-IDF candidates widened by neighbours' neighbours, ranked by the blended similarity.

import { describe, expect, it } from "vitest";

import { blendNeighbours, blendScore } from "../../server/graph/blend.js";
import { rankRelated } from "../../server/graph/related.js";
import type { NeighbourLists } from "../../server/graph/top-k.js";
import type { SparseMatrix } from "../../server/text/sparse.js";

// Four papers over three terms, unit rows: 0 = t0, 1 = t0/t1, 2 = t1, 3 = t1/t2.
const s = Math.SQRT1_2;
const matrix: SparseMatrix = {
  rows: 4,
  cols: 3,
  indptr: Int32Array.from([0, 1, 3, 4, 6]),
  indices: Int32Array.from([0, 0, 1, 1, 1, 2]),
  values: Float32Array.from([1, s, s, 1, s, s]),
};
// Paper 0's only TF-IDF candidate is 1; paper 1's are 0 and 2, and so on.
const candidates: NeighbourLists = {
  k: 2,
  indices: Int32Array.from([1, -1, 0, 2, 1, 3, 2, 1]),
  scores: Float32Array.from([s, 0, s, s, s, s, s, 0.5]),
};
const vectors = Float32Array.from([1, 0, 0.8, 0.6, 0.6, 0.8, 0, 1]);

describe("rankRelated", () => {
  it("without hops, ranks the candidates as blendNeighbours does", () => {
    const related = rankRelated(matrix, candidates, candidates, vectors, 2, 2, { hops: 0, lsaWeight: 1 });
    const blended = blendNeighbours(candidates, vectors, 2, 1, 2);
    expect(Array.from(related.indices)).toEqual(Array.from(blended.indices));
    expect(Array.from(related.scores)).toEqual(Array.from(blended.scores));
  });

  it("adds a neighbour's neighbours with their exact TF-IDF cosine, never the paper itself", () => {
    const related = rankRelated(matrix, candidates, candidates, vectors, 2, 3, { hops: 2, lsaWeight: 1 });
    // Paper 0 reaches 2 through 1: cosine 0 in TF-IDF (no shared term), 0.6 in LSA.
    expect(Array.from(related.indices.subarray(0, 3))).toEqual([1, 2, -1]);
    expect(related.scores[1]).toBeCloseTo(blendScore(0, 0.6, 1), 6);
    for (let r = 0; r < 4; r++) expect(Array.from(related.indices.subarray(r * 3, r * 3 + 3))).not.toContain(r);
  });
});
