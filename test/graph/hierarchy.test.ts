// Subtopics from Louvain's finer level (graph/hierarchy) and each cluster's nearest cluster (graph/cluster-relations).

import { describe, expect, it } from "vitest";

import { nearestClusters } from "../../server/graph/cluster-relations.js";
import { buildSubclusters } from "../../server/graph/hierarchy.js";
import type { LinkList } from "../../server/graph/link.js";

function links(pairs: [number, number, number][]): LinkList {
  return {
    source: Int32Array.from(pairs.map((p) => p[0])),
    target: Int32Array.from(pairs.map((p) => p[1])),
    weight: Float32Array.from(pairs.map((p) => p[2])),
  };
}

describe("buildSubclusters", () => {
  // One cluster of 12 papers whose finer level holds groups of 6, 4 and 2; the 2-paper group is linked to the
  // 4-paper group, so it is merged there.
  const membership = new Int32Array(12);
  const finer = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
  const list = links([
    [0, 1, 1],
    [6, 7, 1],
    [10, 11, 1],
    [10, 6, 0.5],
    [11, 0, 0.1],
  ]);

  it("splits a large enough cluster along the finer level, merging small groups into the sibling they link to", () => {
    const { membership: sub, groups } = buildSubclusters(finer, membership, 1, list, {
      minClusterSize: 10,
      minSubclusterSize: 3,
    });
    expect(groups[0]).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
    ]);
    expect(Array.from(sub)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it("leaves small clusters and one-group clusters whole", () => {
    expect(buildSubclusters(finer, membership, 1, list, { minClusterSize: 13 }).groups[0]).toEqual([]);
    const single = buildSubclusters(new Int32Array(12), membership, 1, list, { minClusterSize: 10 });
    expect(single.groups[0]).toEqual([]);
    expect(Array.from(single.membership).every((s) => s === -1)).toBe(true);
    expect(buildSubclusters(null, membership, 1, list).groups[0]).toEqual([]);
  });
});

describe("nearestClusters", () => {
  it("picks the cluster with the strongest link relative to both sizes", () => {
    // Clusters: 0 = {0,1}, 1 = {2,3,4,5}, 2 = {6}. Cluster 0 has weight 1 to cluster 1 (1 / (2*4) = 0.125) and 0.3 to
    // cluster 2 (0.3 / (2*1) = 0.15): cluster 2 is nearer despite the lighter link.
    const membership = Int32Array.from([0, 0, 1, 1, 1, 1, 2]);
    const list = links([
      [0, 2, 0.5],
      [1, 3, 0.5],
      [0, 6, 0.3],
      [2, 3, 1],
    ]);
    expect(Array.from(nearestClusters(list, membership, 3))).toEqual([2, 0, 0]);
    expect(Array.from(nearestClusters(links([]), Int32Array.from([0, 1]), 2))).toEqual([-1, -1]);
  });
});

describe("buildSubclusters on a large cluster the finer level keeps whole", () => {
  // One cluster of two 12-paper cliques joined by one weak link: no finer level, but it is large enough to split.
  const clique = (from: number): [number, number, number][] =>
    Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: 12 - i - 1 }, (_, j): [number, number, number] => [from + i, from + i + j + 1, 1]),
    ).flat();
  const list = links([...clique(0), ...clique(12), [0, 12, 0.05]]);
  const membership = new Int32Array(24);

  it("splits it by Louvain on its own links", () => {
    const { groups } = buildSubclusters(null, membership, 1, list, { splitFrom: 20, seed: 1 });
    expect(groups[0].map((g) => [...g].sort((a, b) => a - b))).toEqual([
      Array.from({ length: 12 }, (_, i) => i),
      Array.from({ length: 12 }, (_, i) => 12 + i),
    ]);
    expect(buildSubclusters(new Int32Array(24), membership, 1, list, { splitFrom: 20 }).groups[0]).toHaveLength(2);
  });

  it("leaves it whole below splitFrom, and refuses a splitFrom under 2", () => {
    expect(buildSubclusters(null, membership, 1, list, { splitFrom: 25 }).groups[0]).toEqual([]);
    expect(() => buildSubclusters(null, membership, 1, list, { splitFrom: 1 })).toThrow(
      /splitFrom must be an integer >= 2/,
    );
  });
});
