// Louvain clusters on fixture graphs with known answers: cliques, modularity in closed form, seeding, merging of
// small clusters, renumbering by size.

import Graph, { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";

import { clusterGraph, mergeSmallClusters, renumberBySize, resolveClusterOptions } from "../../server/graph/cluster.js";
import { createRng } from "../../server/random.js";

/** Adds a clique on `nodes` with edges of weight `weight`. */
function addClique(graph: Graph, nodes: string[], weight = 1): void {
  for (const node of nodes) graph.mergeNode(node);
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) graph.addEdge(nodes[i], nodes[j], { weight });
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** The clusters of a clustering as sorted lists of node keys, sorted: independent of cluster ids. */
function partition(graph: Graph, membership: Int32Array): string[][] {
  const groups = new Map<number, string[]>();
  graph.nodes().forEach((node, i) => groups.set(membership[i], [...(groups.get(membership[i]) ?? []), node]));
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

describe("clusterGraph", () => {
  it("finds three disjoint cliques, with modularity 1 - 1/3", () => {
    // Each of three equal cliques holds a third of the edges and of the degree: Q = 3 (1/3 - (1/3)^2) = 2/3.
    const graph = new UndirectedGraph();
    for (const prefix of ["a", "b", "c"]) addClique(graph, names(prefix, 5));
    const clustering = clusterGraph(graph);
    expect(clustering.count).toBe(3);
    expect(partition(graph, clustering.membership)).toEqual([names("a", 5), names("b", 5), names("c", 5)]);
    expect(clustering.modularity).toBeCloseTo(2 / 3, 3);
  });

  it("computes modularity at the given resolution: Q = 1 - γ/3 for three equal cliques", () => {
    const graph = new UndirectedGraph();
    for (const prefix of ["a", "b", "c"]) addClique(graph, names(prefix, 5));
    const clustering = clusterGraph(graph, { resolution: 0.5 });
    expect(clustering.count).toBe(3);
    expect(clustering.modularity).toBeCloseTo(1 - 0.5 / 3, 3);
  });

  it("splits two 4-cliques joined by one edge, Q = 2 (6/13 - (13/26)^2)", () => {
    // m = 13 edges; each side has 6 inner edges and total degree 2 * 6 + 1 = 13.
    const graph = new UndirectedGraph();
    addClique(graph, names("a", 4));
    addClique(graph, names("b", 4));
    graph.addEdge("a0", "b0", { weight: 1 });
    const clustering = clusterGraph(graph);
    expect(partition(graph, clustering.membership)).toEqual([names("a", 4), names("b", 4)]);
    expect(clustering.modularity).toBeCloseTo(2 * (6 / 13 - 0.25), 4);
  });

  it("reads edge weights: a heavy bridge pulls the two cliques into one cluster", () => {
    const graph = new UndirectedGraph();
    addClique(graph, names("a", 3), 0.1);
    addClique(graph, names("b", 3), 0.1);
    for (const a of names("a", 3)) for (const b of names("b", 3)) graph.addEdge(a, b, { weight: 1 });
    expect(clusterGraph(graph).count).toBe(1);
  });

  it("gives the same membership for the same seed", () => {
    // A planted partition of 6 groups of 20 with noise: enough near-ties for Louvain's order to matter.
    const rng = createRng(5);
    const graph = new UndirectedGraph();
    for (let i = 0; i < 120; i++) graph.addNode(`n${i}`);
    for (let i = 0; i < 120; i++) {
      for (let j = i + 1; j < 120; j++) {
        const same = Math.floor(i / 20) === Math.floor(j / 20);
        if (rng() < (same ? 0.3 : 0.03)) graph.addEdge(`n${i}`, `n${j}`, { weight: 0.1 + rng() });
      }
    }
    const first = clusterGraph(graph, { seed: 9 });
    const second = clusterGraph(graph, { seed: 9 });
    expect(Array.from(second.membership)).toEqual(Array.from(first.membership));
    expect(second.modularity).toBe(first.modularity);
    expect(first.count).toBeGreaterThanOrEqual(4);
    expect(first.count).toBeLessThanOrEqual(8);
  });

  it("gives singletons and modularity 0 to a graph without edges, and an empty answer to an empty graph", () => {
    const graph = new UndirectedGraph();
    for (const node of ["x", "y", "z"]) graph.addNode(node);
    const clustering = clusterGraph(graph);
    expect(clustering.count).toBe(3);
    expect(Array.from(clustering.membership).sort()).toEqual([0, 1, 2]);
    expect(clustering.modularity).toBe(0);
    expect(clusterGraph(new UndirectedGraph())).toEqual({
      membership: new Int32Array(0),
      count: 0,
      modularity: 0,
      louvainCount: 0,
      finerLevel: null,
      runs: [],
    });
  });

  it("merges a cluster below minClusterSize into the neighbour it shares the most weight with", () => {
    // The pair p-q holds together (weight 1) and touches clique a twice (0.1 each) and clique b once (0.15).
    const graph = new UndirectedGraph();
    addClique(graph, names("a", 5));
    addClique(graph, names("b", 5));
    graph.addNode("p");
    graph.addNode("q");
    graph.addEdge("p", "q", { weight: 1 });
    graph.addEdge("p", "a0", { weight: 0.1 });
    graph.addEdge("q", "a1", { weight: 0.1 });
    graph.addEdge("p", "b0", { weight: 0.15 });
    const kept = clusterGraph(graph, { minClusterSize: 1 });
    expect(kept.count).toBe(3);
    const merged = clusterGraph(graph, { minClusterSize: 3 });
    expect(merged.louvainCount).toBe(3);
    expect(merged.count).toBe(2);
    expect(partition(graph, merged.membership)).toEqual([[...names("a", 5), "p", "q"].sort(), names("b", 5)]);
  });
});

describe("mergeSmallClusters", () => {
  function graphOf(
    edges: [string, string, number][],
    nodes: string[],
  ): { graph: Graph; position: Map<string, number> } {
    const graph = new UndirectedGraph();
    for (const node of nodes) graph.addNode(node);
    for (const [a, b, weight] of edges) graph.addEdge(a, b, { weight });
    return { graph, position: new Map(nodes.map((n, i) => [n, i])) };
  }

  it("merges smallest first, and a small cluster grown by a merge may stay", () => {
    // Clusters: A = {a0..a3} (7), S = {s0, s1} (8), T = {t} (9), I = {i} (10, no edges).
    // T is smallest: its only edge goes to S, so S becomes {s0, s1, t}, size 3, no longer small.
    const nodes = ["a0", "a1", "a2", "a3", "s0", "s1", "t", "i"];
    const { graph, position } = graphOf(
      [
        ["a0", "a1", 1],
        ["a2", "a3", 1],
        ["s0", "s1", 1],
        ["s0", "a0", 0.5],
        ["t", "s1", 0.2],
      ],
      nodes,
    );
    const membership = Int32Array.from([7, 7, 7, 7, 8, 8, 9, 10]);
    mergeSmallClusters(graph, position, membership, 3);
    expect(Array.from(membership)).toEqual([7, 7, 7, 7, 8, 8, 8, 10]);
  });

  it("breaks a tie in shared weight towards the lower cluster id", () => {
    const nodes = ["x0", "x1", "x2", "y0", "y1", "y2", "s"];
    const { graph, position } = graphOf(
      [
        ["s", "x0", 0.3],
        ["s", "y0", 0.3],
      ],
      nodes,
    );
    const membership = Int32Array.from([4, 4, 4, 2, 2, 2, 9]);
    mergeSmallClusters(graph, position, membership, 2);
    expect(membership[6]).toBe(2);
  });
});

describe("renumberBySize", () => {
  it("numbers clusters 0.. by size, largest first, ties by first node, and returns the count", () => {
    const membership = Int32Array.from([5, 5, 2, 2, 2, 9, 7, 7]);
    expect(renumberBySize(membership)).toBe(4);
    expect(Array.from(membership)).toEqual([1, 1, 0, 0, 0, 3, 2, 2]);
  });
});

describe("resolveClusterOptions", () => {
  it.each([
    [{ resolution: 0 }, "graph/cluster: resolution must be > 0, got 0"],
    [{ seed: 1.5 }, "graph/cluster: seed must be an integer, got 1.5"],
    [{ minClusterSize: 0 }, "graph/cluster: minClusterSize must be an integer >= 1, got 0"],
  ])("rejects %j", (options, message) => {
    expect(() => resolveClusterOptions(options)).toThrow(new RangeError(message));
  });
});
