// Per-paper confidence and cluster stability from repeated Louvain runs (graph/stability).

import Graph, { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";

import { clusterGraph } from "../../server/graph/cluster.js";
import { matchClusters, measureStability, stabilityFromRuns } from "../../server/graph/stability.js";

function addClique(graph: Graph, prefix: string, size: number, weight = 1): string[] {
  const nodes = Array.from({ length: size }, (_, i) => `${prefix}${i}`);
  for (const node of nodes) graph.mergeNode(node);
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) graph.addEdge(nodes[i], nodes[j], { weight });
  return nodes;
}

describe("measureStability", () => {
  it("gives every paper of well-separated cliques full confidence", () => {
    const graph = new UndirectedGraph();
    for (const prefix of ["a", "b", "c"]) addClique(graph, prefix, 6);
    graph.addEdge("a0", "b0", { weight: 0.01 });
    const { membership, count } = clusterGraph(graph);
    const { confidence, clusterStability } = measureStability(graph, membership, count, { runs: 4 });
    expect(Array.from(confidence).every((c) => c === 1)).toBe(true);
    expect(Array.from(clusterStability)).toEqual([1, 1, 1]);
  });

  it("gives zero confidence to a paper whose cluster no run agrees with", () => {
    const graph = new UndirectedGraph();
    const a = addClique(graph, "a", 6);
    addClique(graph, "b", 6);
    graph.addNode("stray");
    for (const node of a) graph.addEdge("stray", node, { weight: 1 });
    // The stray paper belongs with clique a, but is assigned to b's cluster: every run contradicts that.
    const nodes = graph.nodes();
    const membership = Int32Array.from(nodes, (node) => (node.startsWith("a") ? 0 : 1));
    const { confidence, clusterStability } = measureStability(graph, membership, 2, { runs: 4 });
    expect(confidence[nodes.indexOf("stray")]).toBe(0);
    expect(confidence[nodes.indexOf("b0")]).toBe(1);
    expect(clusterStability[0]).toBe(1);
    expect(clusterStability[1]).toBeCloseTo(6 / 7, 10);
  });

  it("is the same for the same seed, and 1 everywhere with no runs or no edges", () => {
    const graph = new UndirectedGraph();
    addClique(graph, "a", 5);
    addClique(graph, "b", 5);
    graph.addEdge("a0", "b0", { weight: 0.5 });
    const { membership, count } = clusterGraph(graph);
    const first = measureStability(graph, membership, count, { runs: 3, seed: 7 });
    const second = measureStability(graph, membership, count, { runs: 3, seed: 7 });
    expect(Array.from(first.confidence)).toEqual(Array.from(second.confidence));
    expect(Array.from(measureStability(graph, membership, count, { runs: 0 }).confidence).every((c) => c === 1)).toBe(
      true,
    );
    const empty = new UndirectedGraph();
    empty.addNode("x");
    expect(Array.from(measureStability(empty, Int32Array.from([0]), 1).confidence)).toEqual([1]);
  });

  it("rejects a negative number of runs", () => {
    const graph = new UndirectedGraph();
    graph.addNode("x");
    expect(() => measureStability(graph, Int32Array.from([0]), 1, { runs: -1 })).toThrow(
      /runs must be an integer >= 0/,
    );
  });
});

describe("stabilityFromRuns", () => {
  it("keeps full confidence for a cluster that a run merges whole into a neighbour", () => {
    // Two final clusters; every run puts all five papers together (a coarser clustering, not papers between topics).
    const membership = Int32Array.from([0, 0, 0, 1, 1]);
    const runs = [Int32Array.from([3, 3, 3, 3, 3]), Int32Array.from([0, 0, 0, 0, 0])];
    const { confidence, clusterStability } = stabilityFromRuns(runs, membership, 2);
    expect(Array.from(confidence)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(clusterStability)).toEqual([1, 1]);
  });

  it("gives a paper that a run puts apart from most of its cluster no agreement in that run", () => {
    const membership = Int32Array.from([0, 0, 0, 0, 1, 1]);
    // Run 1 moves paper 3 to cluster 1's community; run 2 agrees everywhere.
    const runs = [Int32Array.from([0, 0, 0, 1, 1, 1]), Int32Array.from([5, 5, 5, 5, 6, 6])];
    const { confidence, clusterStability } = stabilityFromRuns(runs, membership, 2);
    expect(Array.from(confidence)).toEqual([1, 1, 1, 0.5, 1, 1]);
    expect(clusterStability[0]).toBeCloseTo(3.5 / 4, 10);
    expect(clusterStability[1]).toBe(1);
  });
});

describe("matchClusters", () => {
  it("maps each cluster to the run community holding most of its papers, ties to the lower community", () => {
    const membership = Int32Array.from([0, 0, 1, 1, 1, 2, 2, 3]);
    const run = Int32Array.from([5, 5, 9, 9, 5, 7, 4, 5]);
    // Cluster 3 has no paper left out: a fifth cluster id without papers maps to -1.
    expect(Array.from(matchClusters(membership, 5, run))).toEqual([5, 9, 4, 5, -1]);
  });
});
