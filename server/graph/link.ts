// Turns neighbour lists into the undirected weighted edges of the graph: a pair is linked when either paper is
// among the other's k nearest and their cosine reaches the minimum similarity.

import type { NeighbourLists } from "./top-k.js";

/** Edges as parallel arrays, source < target, sorted by (source, target). */
export interface LinkList {
  source: Int32Array;
  target: Int32Array;
  weight: Float32Array;
}

/** Links each row to the first `k` entries of its neighbour list that reach `minSimilarity`. */
export function linkNeighbours(neighbours: NeighbourLists, minSimilarity: number, k = neighbours.k): LinkList {
  if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
    throw new RangeError(`graph/link: minSimilarity must be in [0, 1], got ${minSimilarity}`);
  }
  const { indices, scores } = neighbours;
  const width = neighbours.k;
  const rows = indices.length / width;
  const keys: number[] = [];
  const byKey = new Map<number, number>();
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < Math.min(k, width); j++) {
      const other = indices[r * width + j];
      const score = scores[r * width + j];
      if (other < 0 || score < minSimilarity || score <= 0) continue;
      const key = Math.min(r, other) * rows + Math.max(r, other);
      const known = byKey.get(key);
      if (known === undefined) keys.push(key);
      // NOTE: both directions carry the same exact cosine; max() only guards against float noise.
      if (known === undefined || score > known) byKey.set(key, score);
    }
  }
  keys.sort((a, b) => a - b);
  const source = new Int32Array(keys.length);
  const target = new Int32Array(keys.length);
  const weight = new Float32Array(keys.length);
  keys.forEach((key, e) => {
    source[e] = Math.floor(key / rows);
    target[e] = key % rows;
    weight[e] = byKey.get(key)!;
  });
  return { source, target, weight };
}
