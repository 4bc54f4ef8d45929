// Sparse vectors and CSR matrices: the merge dot product, the per-term contributions, the row builder.

import { describe, expect, it } from "vitest";

import { createRng } from "../../server/random.js";
import {
  CsrBuilder,
  rowOf,
  sharedContributions,
  sparseDot,
  topSharedProducts,
  type SparseVector,
} from "../../server/text/sparse.js";

const vector = (entries: Record<number, number>): SparseVector => {
  const indices = Object.keys(entries)
    .map(Number)
    .sort((a, b) => a - b);
  return { indices: Int32Array.from(indices), values: Float32Array.from(indices.map((i) => entries[i])) };
};

describe("sparseDot", () => {
  it("sums the products of the shared indices only", () => {
    const a = vector({ 0: 1, 3: 2, 7: 0.5, 9: 4 });
    const b = vector({ 1: 5, 3: 3, 7: 2, 8: 1 });
    expect(sparseDot(a, b)).toBe(2 * 3 + 0.5 * 2);
    expect(sparseDot(b, a)).toBe(sparseDot(a, b));
  });

  it("is 0 for disjoint or empty vectors", () => {
    expect(sparseDot(vector({ 0: 1, 2: 1 }), vector({ 1: 1, 3: 1 }))).toBe(0);
    expect(sparseDot(vector({}), vector({ 1: 1 }))).toBe(0);
  });
});

describe("sharedContributions", () => {
  it("lists each shared index with its product, heaviest first, ties by index, summing to the dot product", () => {
    const a = vector({ 0: 0.5, 2: 0.5, 4: 0.5, 6: 0.5 });
    const b = vector({ 2: 0.5, 4: 0.25, 5: 0.9, 6: 0.5 });
    const contributions = sharedContributions(a, b);
    expect(contributions).toEqual([
      { index: 2, weight: 0.25 },
      { index: 6, weight: 0.25 },
      { index: 4, weight: 0.125 },
    ]);
    expect(contributions.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(sparseDot(a, b), 12);
  });
});

describe("topSharedProducts", () => {
  it("equals the first `limit` of sharedContributions, ties included, for every limit", () => {
    const rng = createRng(21);
    for (let trial = 0; trial < 50; trial++) {
      // Values on a coarse grid, so that equal products are common.
      const random = () => {
        const entries: Record<number, number> = {};
        for (let k = 0; k < 12; k++) entries[Math.floor(rng() * 20)] = 1 + Math.floor(rng() * 4);
        return vector(entries);
      };
      const a = random();
      const b = random();
      const all = sharedContributions(a, b);
      for (let limit = 0; limit <= all.length + 1; limit++) {
        const columns = new Int32Array(limit);
        const weights = new Float64Array(limit);
        const count = topSharedProducts(a, b, columns, weights);
        const top = Array.from(columns.subarray(0, count), (index, k) => ({ index, weight: weights[k] }));
        expect(top).toEqual(all.slice(0, limit));
      }
    }
  });
});

describe("CsrBuilder", () => {
  it("builds rows that read back as added, including empty rows, past its initial capacity", () => {
    const builder = new CsrBuilder(5000);
    const rows: SparseVector[] = [];
    for (let r = 0; r < 40; r++) {
      const entries: Record<number, number> = {};
      for (let k = 0; k < (r % 7) * 20; k++) entries[k * 37 + r] = r + k / 100;
      rows.push(vector(entries));
    }
    for (const row of rows) builder.addRow(row.indices, row.values);
    const matrix = builder.build();
    expect(matrix.rows).toBe(40);
    expect(matrix.cols).toBe(5000);
    expect(matrix.indptr[40]).toBe(rows.reduce((sum, row) => sum + row.indices.length, 0));
    expect(matrix.indptr[40]).toBeGreaterThan(1024);
    rows.forEach((row, r) => {
      expect(Array.from(rowOf(matrix, r).indices)).toEqual(Array.from(row.indices));
      expect(Array.from(rowOf(matrix, r).values)).toEqual(Array.from(row.values));
    });
  });
});
