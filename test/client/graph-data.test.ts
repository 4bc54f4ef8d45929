import { describe, expect, it } from "vitest";

import {
  clusterNode,
  graphIndex,
  mapDataFromDto,
  membersByCluster,
  overviewDataFromDto,
  shortLabel,
  sortedWeights,
} from "../../client/graph-data.js";
import { tinyGraphDto, tinyOverviewDto } from "./fixtures.js";

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
      confidence: 1,
      subcluster: -1,
    });
    expect(graph.getNodeAttributes("c")).toMatchObject({ confidence: 0.4, subcluster: 1 });
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
    const index = graphIndex(mapDataFromDto(tinyGraphDto()));
    expect([...index.neighbours("c", 0)].sort()).toEqual(["a", "b", "d"]);
    expect([...index.neighbours("c", 0.55)].sort()).toEqual(["b"]);
  });

  it("lists each cluster's members, and none for an unknown cluster", () => {
    const { graph } = mapDataFromDto(tinyGraphDto());
    expect(Object.fromEntries(membersByCluster(graph))).toEqual({ 0: ["a", "b", "c"], 1: ["d", "e"] });
    expect([...graphIndex(mapDataFromDto(tinyGraphDto())).clusterMembers(7)]).toEqual([]);
  });

  it("lists a subtopic's papers and the papers between topics", () => {
    const index = graphIndex(mapDataFromDto(tinyGraphDto()));
    expect([...index.subclusterMembers(0, 0)]).toEqual(["a", "b"]);
    expect([...index.subclusterMembers(0, 1)]).toEqual(["c"]);
    expect([...index.subclusterMembers(1, 0)]).toEqual([]);
    expect([...index.uncertainNodes()]).toEqual(["c"]);
  });

  it("finds a paper by id on a map of papers, and nothing for one the map lacks", () => {
    const index = graphIndex(mapDataFromDto(tinyGraphDto()));
    expect(index.nodeOf({ id: "d", cluster: 1 })).toBe("d");
    expect(index.nodeOf({ id: "zz", cluster: 1 })).toBeNull();
  });
});

describe("overviewDataFromDto", () => {
  it("draws each cluster as one disc at its centre in its colour, larger for more papers", () => {
    const { kind, graph, clusters } = overviewDataFromDto(tinyOverviewDto());
    expect(kind).toBe("overview");
    expect(graph.nodes()).toEqual([clusterNode(0), clusterNode(1)]);
    expect(graph.getNodeAttributes(clusterNode(1))).toMatchObject({ x: 10, y: 0, color: "#ff7f0e", cluster: 1 });
    expect(graph.getNodeAttribute(clusterNode(0), "title")).toBe("alpha · 3 papers");
    expect(graph.getNodeAttribute(clusterNode(0), "size")).toBeGreaterThan(
      graph.getNodeAttribute(clusterNode(1), "size"),
    );
    expect(graph.hasEdge(clusterNode(0), clusterNode(1))).toBe(true);
    expect(clusters).toHaveLength(2);
  });

  it("stands a cluster's disc for its papers and subtopics, and marks no disc as uncertain", () => {
    const index = graphIndex(overviewDataFromDto(tinyOverviewDto()));
    expect(index.nodeOf({ id: "a", cluster: 0 })).toBe(clusterNode(0));
    expect(index.nodeOf({ id: "a", cluster: 9 })).toBeNull();
    expect([...index.clusterMembers(1)]).toEqual([clusterNode(1)]);
    expect([...index.subclusterMembers(0, 1)]).toEqual([clusterNode(0)]);
    expect([...index.uncertainNodes()]).toEqual([]);
  });

  it("refuses a link to a cluster the overview does not have, naming it", () => {
    const dto = tinyOverviewDto();
    dto.links.push([0, 7, 1]);
    expect(() => overviewDataFromDto(dto)).toThrow(/edge \[0, -1\] points outside the 2 nodes/);
  });
});
