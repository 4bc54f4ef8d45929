import { describe, expect, it } from "vitest";

import { graphIndex, mapDataFromDto, membersByCluster, shortLabel, sortedWeights } from "../../client/graph-data.js";
import { tinyGraphDto } from "./fixtures.js";

describe("mapDataFromDto", () => {
  it("keeps every node with the server's position, size and colour, and resolves edge indices to ids", () => {
    const { graph, clusters, weightRange } = mapDataFromDto(tinyGraphDto());
    expect(graph.order).toBe(5);
    expect(graph.size).toBe(5);
    expect(graph.getNodeAttributes("d")).toMatchObject({
      x: 10,
      y: 0,
      size: 4,
      color: "#ff7f0e",
      cluster: 1,
      title: "Paper D",
    });
    expect(graph.hasEdge("c", "d")).toBe(true);
    expect(graph.getEdgeAttribute(graph.edge("c", "d")!, "weight")).toBe(0.2);
    expect(clusters.map((c) => c.label)).toEqual(["alpha", "beta"]);
    expect(weightRange).toEqual([0.2, 0.9]);
  });

  it("draws heavier links thicker", () => {
    const { graph } = mapDataFromDto(tinyGraphDto());
    const size = (s: string, t: string) => graph.getEdgeAttribute(graph.edge(s, t)!, "size");
    expect(size("d", "e")).toBeGreaterThan(size("a", "b"));
    expect(size("a", "b")).toBeGreaterThan(size("c", "d"));
  });

  it("skips repeated links and self-loops instead of failing", () => {
    const dto = tinyGraphDto();
    dto.edges.push([1, 0, 0.8], [2, 2, 1]);
    expect(mapDataFromDto(dto).graph.size).toBe(5);
  });

  it("refuses an edge that points outside the nodes, naming it", () => {
    const dto = tinyGraphDto();
    dto.edges.push([0, 9, 0.5]);
    expect(() => mapDataFromDto(dto)).toThrow(/edge \[0, 9\] points outside the 5 nodes/);
  });

  it("gives an empty graph a defined weight range", () => {
    const dto = tinyGraphDto();
    dto.edges = [];
    expect(mapDataFromDto(dto).weightRange).toEqual([0, 0]);
  });
});

describe("sortedWeights", () => {
  it("lists every link's weight in ascending order", () => {
    expect([...sortedWeights(mapDataFromDto(tinyGraphDto()).graph)]).toEqual([0.2, 0.5, 0.6, 0.8, 0.9]);
  });
});

describe("shortLabel", () => {
  it("keeps short titles and collapses whitespace", () => {
    expect(shortLabel("  A   short\ntitle ")).toBe("A short title");
  });

  it("cuts long titles at a word boundary with an ellipsis", () => {
    const label = shortLabel(
      "Memory-efficient exact backpropagation for long sequence training of large language models",
      40,
    );
    expect(label.length).toBeLessThanOrEqual(40);
    expect(label.endsWith("…")).toBe(true);
    expect(label).toBe("Memory-efficient exact backpropagation…");
  });
});

describe("graphIndex", () => {
  it("lists neighbours through links at least as heavy as asked", () => {
    const index = graphIndex(mapDataFromDto(tinyGraphDto()).graph);
    expect([...index.neighbours("c", 0)].sort()).toEqual(["a", "b", "d"]);
    expect([...index.neighbours("c", 0.55)].sort()).toEqual(["b"]);
  });

  it("lists each cluster's members, and none for an unknown cluster", () => {
    const { graph } = mapDataFromDto(tinyGraphDto());
    expect(Object.fromEntries(membersByCluster(graph))).toEqual({ 0: ["a", "b", "c"], 1: ["d", "e"] });
    expect([...graphIndex(graph).clusterMembers(7)]).toEqual([]);
  });
});
