// Per-paper confidence and cluster stability from repeated Louvain runs (graph/stability).

import Graph, { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";

import { clusterGraph } from "../../server/graph/cluster.js";
import { matchCommunities, measureStability } from "../../server/graph/stability.js";

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

describe("matchCommunities", () => {
  it("maps each community to the reference cluster it overlaps most, ties to the lower id", () => {
    const run = Int32Array.from([5, 5, 5, 9, 9, 7, 7]);
    const reference = Int32Array.from([0, 0, 1, 1, 1, 2, 1]);
    expect(matchCommunities(run, reference)).toEqual(
      new Map([
        [5, 0],
        [9, 1],
        [7, 1],
      ]),
    );
  });
});
