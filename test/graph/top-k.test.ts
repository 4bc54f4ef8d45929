// Nearest neighbours through the inverted index, against brute-force cosines of a small random sparse matrix.

import { describe, expect, it } from "vitest";

import { buildInvertedIndex, topKNeighbours, TopKHeap, type NeighbourLists } from "../../server/graph/top-k.js";
import { createRng } from "../../server/random.js";
import { CsrBuilder, rowOf, sparseDot, type SparseMatrix } from "../../server/text/sparse.js";

/**
 * `rows` random unit rows over `cols` columns, 1 to 6 entries each; rows 5, 17 and 30 are copies of rows 4, 3 and 3
 * (exact ties: a copy scores exactly as its original against every other row), and row 40 is empty.
 */
function randomMatrix(rows = 60, cols = 25, seed = 3): SparseMatrix {
  const rng = createRng(seed);
  const all: { indices: number[]; values: number[] }[] = [];
  for (let r = 0; r < rows; r++) {
    const copyOf = { 5: 4, 17: 3, 30: 3 }[r];
    if (copyOf !== undefined) {
      all.push(all[copyOf]);
      continue;
    }
    const chosen = new Set<number>();
    const count = r === 40 ? 0 : 1 + Math.floor(rng() * 6);
    while (chosen.size < count) chosen.add(Math.floor(rng() * cols));
    const indices = [...chosen].sort((a, b) => a - b);
    const raw = indices.map(() => 0.1 + rng());
    const norm = Math.hypot(...raw);
    all.push({ indices, values: raw.map((v) => v / norm) });
  }
  const builder = new CsrBuilder(cols);
  for (const row of all) builder.addRow(row.indices, row.values);
  return builder.build();
}

/** Brute force: every other row with a positive cosine, best first, ties to the lower row. */
function bruteForce(matrix: SparseMatrix, r: number): { index: number; score: number }[] {
  const out: { index: number; score: number }[] = [];
  for (let other = 0; other < matrix.rows; other++) {
    if (other === r) continue;
    const score = sparseDot(rowOf(matrix, r), rowOf(matrix, other));
    if (score > 0) out.push({ index: other, score });
  }
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}

function listOf(lists: NeighbourLists, r: number, start = 0): { index: number; score: number }[] {
  const out: { index: number; score: number }[] = [];
  for (let j = 0; j < lists.k; j++) {
    const index = lists.indices[(r - start) * lists.k + j];
    if (index >= 0) out.push({ index, score: lists.scores[(r - start) * lists.k + j] });
  }
  return out;
}

/** The lists agree: same scores, and same rows wherever the brute-force scores are not within rounding of a tie. */
function expectSameNeighbours(
  actual: { index: number; score: number }[],
  expected: { index: number; score: number }[],
) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, j) => {
    expect(actual[j].score).toBeCloseTo(e.score, 5);
    const nearTie = expected.some((o, i) => i !== j && Math.abs(o.score - e.score) < 1e-6 && o.score !== e.score);
    if (!nearTie) expect(actual[j].index).toBe(e.index);
  });
}

const MATRIX = randomMatrix();
const INDEX = buildInvertedIndex(MATRIX);

describe("buildInvertedIndex", () => {
  it("lists for each column the rows that carry it, heaviest first, with their weights", () => {
    for (let c = 0; c < MATRIX.cols; c++) {
      const postings: { row: number; weight: number }[] = [];
      for (let q = INDEX.colptr[c]; q < INDEX.colptr[c + 1]; q++)
        postings.push({ row: INDEX.rows[q], weight: INDEX.weights[q] });
      const expected: { row: number; weight: number }[] = [];
      for (let r = 0; r < MATRIX.rows; r++) {
        const { indices, values } = rowOf(MATRIX, r);
        const k = indices.indexOf(c);
        if (k >= 0) expected.push({ row: r, weight: values[k] });
      }
      expected.sort((a, b) => b.weight - a.weight || a.row - b.row);
      expect(postings).toEqual(expected);
    }
  });
});

describe("topKNeighbours", () => {
  it.each([1, 5, 10, 80])("exact search equals brute force for k = %i", (k) => {
    const lists = topKNeighbours(MATRIX, INDEX, { k });
    for (let r = 0; r < MATRIX.rows; r++) expectSameNeighbours(listOf(lists, r), bruteForce(MATRIX, r).slice(0, k));
  });

  it("breaks exact ties towards the lower row and never lists a row as its own neighbour", () => {
    const lists = topKNeighbours(MATRIX, INDEX, { k: 80 });
    // Rows 3, 17 and 30 are one vector: each is the other two's best neighbour (cosine 1), lower row first.
    expect(
      listOf(lists, 3)
        .slice(0, 2)
        .map((n) => n.index),
    ).toEqual([17, 30]);
    expect(
      listOf(lists, 17)
        .slice(0, 2)
        .map((n) => n.index),
    ).toEqual([3, 30]);
    expect(
      listOf(lists, 30)
        .slice(0, 2)
        .map((n) => n.index),
    ).toEqual([3, 17]);
    // Against any other row, 3 comes before its copies 17 and 30, and 4 before 5.
    for (let r = 0; r < MATRIX.rows; r++) {
      const order = listOf(lists, r).map((n) => n.index);
      expect(order).not.toContain(r);
      if (![3, 17, 30].includes(r) && order.includes(3)) expect(order.indexOf(3)).toBeLessThan(order.indexOf(17));
      if (![4, 5].includes(r) && order.includes(4)) expect(order.indexOf(4)).toBe(order.indexOf(5) - 1);
    }
  });

  it("leaves -1 and score 0 where a row has fewer neighbours than k", () => {
    const lists = topKNeighbours(MATRIX, INDEX, { k: 80 });
    expect(Array.from(lists.indices.subarray(40 * 80, 41 * 80))).toEqual(new Array(80).fill(-1));
    expect(Array.from(lists.scores.subarray(40 * 80, 41 * 80))).toEqual(new Array(80).fill(0));
  });

  it("searches only the rows [start, end) when asked, with the same answers", () => {
    const all = topKNeighbours(MATRIX, INDEX, { k: 5 });
    const slice = topKNeighbours(MATRIX, INDEX, { k: 5, start: 20, end: 35 });
    expect(slice.indices.length).toBe(15 * 5);
    for (let r = 20; r < 35; r++) expect(listOf(slice, r, 20)).toEqual(listOf(all, r));
  });

  it("pruned search has recall 1 when its caps exceed the matrix", () => {
    const exact = topKNeighbours(MATRIX, INDEX, { k: 10 });
    for (const rescore of [0, 1000]) {
      const pruned = topKNeighbours(MATRIX, INDEX, { k: 10, queryTerms: 1000, postingCap: 1000, rescore });
      for (let r = 0; r < MATRIX.rows; r++) {
        expect(listOf(pruned, r).map((n) => n.index)).toEqual(listOf(exact, r).map((n) => n.index));
        listOf(pruned, r).forEach((n, j) => expect(n.score).toBeCloseTo(listOf(exact, r)[j].score, 5));
      }
    }
  });

  it("pruned search scores its candidates exactly even when it misses some", () => {
    const pruned = topKNeighbours(MATRIX, INDEX, { k: 10, queryTerms: 1, postingCap: 3, rescore: 2 });
    for (let r = 0; r < MATRIX.rows; r++) {
      for (const n of listOf(pruned, r))
        expect(n.score).toBeCloseTo(sparseDot(rowOf(MATRIX, r), rowOf(MATRIX, n.index)), 5);
    }
  });
});

describe("TopKHeap", () => {
  function drain(heap: TopKHeap, k: number): { items: number[]; scores: number[] } {
    const items = new Int32Array(k).fill(-1);
    const scores = new Float32Array(k);
    heap.drainInto(items, scores, 0);
    return { items: Array.from(items), scores: Array.from(scores) };
  }

  it("keeps the k best of a random stream, best first, ties to the lower item", () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const heap = new TopKHeap(7);
      // Scores on a coarse grid so that ties are frequent.
      const offered = Array.from({ length: 40 }, (_, item) => ({ item, score: Math.floor(rng() * 8) / 8 }));
      const shuffled = [...offered].sort(() => rng() - 0.5);
      for (const { item, score } of shuffled) heap.offer(item, score);
      const expected = offered
        .filter((o) => o.score > 0)
        .sort((a, b) => b.score - a.score || a.item - b.item)
        .slice(0, 7);
      const { items, scores } = drain(heap, 7);
      expect(items.slice(0, expected.length)).toEqual(expected.map((e) => e.item));
      expect(scores.slice(0, expected.length)).toEqual(expected.map((e) => e.score));
      expect(heap.size).toBe(0);
    }
  });

  it("ignores scores <= 0 and writes only what it holds", () => {
    const heap = new TopKHeap(3);
    heap.offer(1, 0);
    heap.offer(2, -1);
    heap.offer(3, 0.5);
    expect(drain(heap, 3)).toEqual({ items: [3, -1, -1], scores: [0.5, 0, 0] });
  });

  it("can be cleared and reused", () => {
    const heap = new TopKHeap(2);
    heap.offer(1, 0.9);
    heap.clear();
    heap.offer(2, 0.1);
    expect(drain(heap, 2).items).toEqual([2, -1]);
  });
});
