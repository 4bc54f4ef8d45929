// The blended similarity: mean of the TF-IDF cosine and the (non-negative) LSA cosine, used to re-rank candidates.

import { describe, expect, it } from "vitest";

import { blendNeighbours, blendScore, denseDot } from "../../server/graph/blend.js";
import type { NeighbourLists } from "../../server/graph/top-k.js";

describe("blendScore", () => {
  it("is the weighted mean of the two cosines, a negative LSA cosine counting as 0", () => {
    expect(blendScore(0.4, 0.8, 1)).toBeCloseTo(0.6, 12);
    expect(blendScore(0.4, 0.8, 3)).toBeCloseTo((0.4 + 2.4) / 4, 12);
    expect(blendScore(0.4, -0.5, 1)).toBeCloseTo(0.2, 12);
    expect(blendScore(0.4, 0.8, 0)).toBe(0.4);
  });
});

describe("denseDot", () => {
  it("is the dot product of two rows of a row-major matrix", () => {
    const vectors = Float32Array.from([1, 0, 0.6, 0.8, 0, 1]);
    expect(denseDot(vectors, 2, 0, 1)).toBeCloseTo(0.6, 6);
    expect(denseDot(vectors, 2, 1, 2)).toBeCloseTo(0.8, 6);
  });
});

describe("blendNeighbours", () => {
  // Row 0's TF-IDF candidates: 1 (0.5), then 2 (0.4). Row 2 is close to row 0 in LSA, row 1 is not.
  const candidates: NeighbourLists = {
    k: 2,
    indices: Int32Array.from([1, 2, 0, -1, 0, -1]),
    scores: Float32Array.from([0.5, 0.4, 0.5, 0, 0.4, 0]),
  };
  const embeddings = Float32Array.from([1, 0, 0, 1, 0.8, 0.6]);

  it("re-ranks the candidates by the blended score", () => {
    const blended = blendNeighbours(candidates, embeddings, 2, 1, 2);
    expect(Array.from(blended.indices.subarray(0, 2))).toEqual([2, 1]);
    expect(blended.scores[0]).toBeCloseTo((0.4 + 0.8) / 2, 6);
    expect(blended.scores[1]).toBeCloseTo(0.5 / 2, 6);
  });

  it("keeps the TF-IDF order and scores without embeddings, and truncates to k", () => {
    const kept = blendNeighbours(candidates, null, 0, 1, 1);
    expect(Array.from(kept.indices)).toEqual([1, 0, 0]);
    expect(Array.from(kept.scores)).toEqual([0.5, 0.5, 0.4].map(Math.fround));
  });
});
