// Links from neighbour lists: one undirected edge per pair, the minimum similarity, the first k of each list.

import { describe, expect, it } from "vitest";

import { linkNeighbours } from "../../server/graph/link.js";
import type { NeighbourLists } from "../../server/graph/top-k.js";

/** Neighbour lists of width `k` from one array of [index, score] pairs per row, padded with -1. */
function lists(k: number, rows: [number, number][][]): NeighbourLists {
  const indices = new Int32Array(rows.length * k).fill(-1);
  const scores = new Float32Array(rows.length * k);
  rows.forEach((row, r) =>
    row.forEach(([index, score], j) => {
      indices[r * k + j] = index;
      scores[r * k + j] = score;
    }),
  );
  return { k, indices, scores };
}

function edges(links: ReturnType<typeof linkNeighbours>): [number, number, number][] {
  return Array.from(links.source, (s, e) => [s, links.target[e], Math.round(links.weight[e] * 1000) / 1000]);
}

// 0 and 1 list each other (one edge); 2 lists 0 but 0 does not list 2 (still an edge); 3 has nobody.
const NEIGHBOURS = lists(3, [
  [
    [1, 0.9],
    [3, 0.05],
  ],
  [
    [0, 0.9],
    [2, 0.4],
  ],
  [
    [0, 0.3],
    [1, 0.4],
  ],
  [],
]);

describe("linkNeighbours", () => {
  it("makes one edge per pair listed in either direction, source < target, sorted", () => {
    expect(edges(linkNeighbours(NEIGHBOURS, 0))).toEqual([
      [0, 1, 0.9],
      [0, 2, 0.3],
      [0, 3, 0.05],
      [1, 2, 0.4],
    ]);
  });

  it("drops pairs below minSimilarity and keeps those equal to it", () => {
    expect(edges(linkNeighbours(NEIGHBOURS, 0.3))).toEqual([
      [0, 1, 0.9],
      [0, 2, 0.3],
      [1, 2, 0.4],
    ]);
    expect(edges(linkNeighbours(NEIGHBOURS, 0.95))).toEqual([]);
  });

  it("uses only the first k entries of each list", () => {
    // k = 1: 0-1 (from both), 2-0 (from 2's first entry); 1-2 and 0-3 are second entries.
    expect(edges(linkNeighbours(NEIGHBOURS, 0, 1))).toEqual([
      [0, 1, 0.9],
      [0, 2, 0.3],
    ]);
  });

  it("keeps the larger score when the two directions disagree", () => {
    const asymmetric = lists(1, [[[1, 0.5]], [[0, 0.6]]]);
    expect(edges(linkNeighbours(asymmetric, 0))).toEqual([[0, 1, 0.6]]);
  });

  it("never links zero scores, even with minSimilarity 0", () => {
    expect(edges(linkNeighbours(lists(1, [[[1, 0]], [[0, 0]]]), 0))).toEqual([]);
  });

  it.each([-0.1, 1.5, Number.NaN])("rejects minSimilarity %s", (value) => {
    expect(() => linkNeighbours(NEIGHBOURS, value)).toThrow(
      new RangeError(`graph/link: minSimilarity must be in [0, 1], got ${value}`),
    );
  });
});
