import { describe, expect, test } from "vitest";

import { adjustedRandIndex, normalizedMutualInformation, precisionAtK } from "../../bench/metrics.js";

// Expected values computed with scikit-learn 1.2 (normalized_mutual_info_score, adjusted_rand_score).
describe("clustering agreement", () => {
  const labels = ["x", "x", "x", "y", "y", "z", "z", "z", "z"];
  const clusters = [0, 0, 1, 1, 1, 2, 2, 2, 0];

  test("NMI and ARI match scikit-learn on a mixed example", () => {
    expect(normalizedMutualInformation(labels, clusters)).toBeCloseTo(0.5895098274473048, 10);
    expect(adjustedRandIndex(labels, clusters)).toBeCloseTo(0.35714285714285715, 10);
  });

  test("a relabelled identical partition scores 1", () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
  });

  test("one label against singletons scores 0", () => {
    expect(normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBeCloseTo(0, 12);
  });
});

describe("precision@k", () => {
  test("counts neighbours with the same label and treats missing ones as misses", () => {
    const labels = ["a", "a", "b", "b"];
    // width 2: 0 -> [1, 2], 1 -> [0, -1], 2 -> [3, 0], 3 -> [0, 1]
    const lists = Int32Array.from([1, 2, 0, -1, 3, 0, 0, 1]);
    expect(precisionAtK(labels, lists, 2, 2)).toBeCloseTo((0.5 + 0.5 + 0.5 + 0) / 4, 12);
  });
});
