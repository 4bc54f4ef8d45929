// Cluster ids and colours that survive a rebuild (graph/align-clusters).

import { describe, expect, it } from "vitest";

import { alignClusters } from "../../server/graph/align-clusters.js";
import { clusterColor } from "../../server/graph/appearance.js";

describe("alignClusters", () => {
  const previous = {
    ids: ["a", "b", "c", "d", "e", "f"],
    clusters: [0, 0, 0, 1, 1, 1],
    colors: ["#111111", "#222222"],
  };

  it("gives each cluster the id and colour of the previous cluster it mostly is", () => {
    // The new build numbered the clusters the other way round and added a paper "g".
    const ids = ["a", "b", "c", "d", "e", "f", "g"];
    const membership = Int32Array.from([1, 1, 1, 0, 0, 0, 0]);
    const aligned = alignClusters(ids, membership, 2, previous);
    expect(Array.from(aligned.membership)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(aligned.colors).toEqual(["#111111", "#222222"]);
    expect(aligned.matched).toBe(2);
  });

  it("gives a new cluster a free id and a palette colour no kept cluster uses", () => {
    const ids = ["a", "b", "c", "d", "e", "f", "x", "y", "z"];
    // Cluster 0 is new (x, y, z); 1 and 2 are the old 0 and 1.
    const membership = Int32Array.from([1, 1, 1, 2, 2, 2, 0, 0, 0]);
    const aligned = alignClusters(ids, membership, 3, { ...previous, colors: [clusterColor(0), clusterColor(1)] });
    expect(Array.from(aligned.membership)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(aligned.colors).toEqual([clusterColor(0), clusterColor(1), clusterColor(2)]);
  });

  it("does not match clusters that share too few papers", () => {
    // Each new cluster takes one paper of each old one: Jaccard 1 / (2 + 3 - 1) = 0.25 with either.
    const membership = Int32Array.from([0, 1, 2, 0, 1, 2]);
    const aligned = alignClusters(previous.ids, membership, 3, previous);
    expect(aligned.matched).toBe(0);
    expect(aligned.colors).toEqual([clusterColor(0), clusterColor(1), clusterColor(2)]);
  });

  it("keeps ids and palette colours when there is no previous build", () => {
    const membership = Int32Array.from([0, 1, 1]);
    const aligned = alignClusters(["a", "b", "c"], membership, 2, null);
    expect(aligned.membership).toBe(membership);
    expect(aligned.colors).toEqual([clusterColor(0), clusterColor(1)]);
  });

  it("keeps ids contiguous when clusters disappear", () => {
    // The old cluster 1 is gone; the new single cluster is the old 0.
    const aligned = alignClusters(["a", "b", "c"], Int32Array.from([0, 0, 0]), 1, previous);
    expect(Array.from(aligned.membership)).toEqual([0, 0, 0]);
    expect(aligned.colors).toEqual(["#111111"]);
  });
});
