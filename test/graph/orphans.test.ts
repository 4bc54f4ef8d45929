// Papers in clusters too small to keep join the cluster they are most similar to on average.

import { describe, expect, it } from "vitest";

import { attachOrphans } from "../../server/graph/orphans.js";
import { buildInvertedIndex } from "../../server/graph/top-k.js";
import { CsrBuilder, type SparseMatrix } from "../../server/text/sparse.js";

function matrixOf(rows: Record<number, number>[], cols: number): SparseMatrix {
  const builder = new CsrBuilder(cols);
  for (const row of rows) {
    const indices = Object.keys(row).map(Number);
    builder.addRow(
      indices,
      indices.map((c) => row[c]),
    );
  }
  return builder.build();
}

// Cluster A (rows 0-5): four rows share column 3 with the orphan (0.8 · 0.8 each: sum 2.56, mean 0.43).
// Cluster B (rows 6-8): each shares column 1 (0.6 · 1 each: sum 1.8, mean 0.6). Row 9: the orphan.
// Rows 10 and 11: two singletons alike only to each other.
const MATRIX = matrixOf(
  [
    { 0: 0.6, 3: 0.8 },
    { 0: 0.6, 3: 0.8 },
    { 0: 0.6, 3: 0.8 },
    { 0: 0.6, 3: 0.8 },
    { 0: 1 },
    { 0: 1 },
    { 1: 1 },
    { 1: 1 },
    { 1: 1 },
    { 1: 0.6, 3: 0.8 },
    { 5: 1 },
    { 5: 1 },
  ],
  6,
);
const INDEX = buildInvertedIndex(MATRIX);

describe("attachOrphans", () => {
  it("attaches a paper of a small cluster to the cluster of highest mean similarity, not highest sum", () => {
    const membership = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 4]);
    const count = attachOrphans(MATRIX, INDEX, membership, 3);
    expect(Array.from(membership.subarray(0, 10))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(count).toBe(4);
  });

  it("never attaches an orphan to another small cluster: papers similar to no kept cluster stay apart", () => {
    const membership = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 4]);
    attachOrphans(MATRIX, INDEX, membership, 3);
    expect(membership[10]).not.toBe(membership[11]);
    expect([membership[10], membership[11]].sort()).toEqual([2, 3]);
  });

  it("does not let the order of the orphans decide: each goes where it was most similar before any moved", () => {
    // Two orphans of one small cluster (7, size 2) go to different clusters; row 11 (cluster 8) matches nothing.
    const membership = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 7, 7, 8]);
    const matrix = matrixOf(
      [
        ...Array.from({ length: 6 }, () => ({ 0: 1 })),
        ...Array.from({ length: 3 }, () => ({ 1: 1 })),
        { 0: 1 },
        { 1: 1 },
        { 2: 1 },
      ],
      3,
    );
    attachOrphans(matrix, buildInvertedIndex(matrix), membership, 3);
    expect(Array.from(membership.subarray(9))).toEqual([0, 1, 2]);
  });

  it("renumbers by size and changes nothing when no cluster is small, or when all are", () => {
    const none = Int32Array.from([3, 3, 3, 3, 3, 3, 8, 8, 8, 8, 8, 8]);
    expect(attachOrphans(MATRIX, INDEX, none, 3)).toBe(2);
    expect(Array.from(none)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const all = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(attachOrphans(MATRIX, INDEX, all, 3)).toBe(12);
  });
});
