// Graphology JSON export: same data as graph.export(), stable bytes, lossless round-trip.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { MultiGraph, UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";

import { stableStringify, toGraphJson } from "../../server/graph/export-json.js";
import type {
  LinkEdgeAttributes,
  PaperNodeAttributes,
  TopicGraph,
  TopicGraphAttributes,
} from "../../server/graph/types.js";
import { writeFileAtomic } from "../../server/io/write-atomic.js";

const GRAPH_ATTRIBUTES: TopicGraphAttributes = {
  name: "fixture",
  clusters: [
    {
      id: 0,
      label: "attention",
      topics: [{ term: "attention", weight: 0.5, share: 1, nearestShare: 0.1 }],
      size: 2,
      color: "#e6194b",
      stability: 0.9,
      nearest: -1,
      subclusters: [],
    },
  ],
  modularity: 0.4,
  options: { topK: 10, minSimilarity: 0.1, nested: { b: 2, a: 1 } },
  corpusHash: "sha256:abc",
};
const HOSTILE: PaperNodeAttributes = {
  label: `<script>"x"</script> & 'Q'\u0000\u0007\u001b \u200fمرحبا 😀 half \ud83d Schrödinger\n`,
  cluster: 0,
  clusterLabel: "attention & co",
  topics: ["a, b", 'say "hi"', "back\\slash"],
  x: -12.345678901234567,
  y: 1e-7,
  size: 7.25,
  color: "#e6194b",
  confidence: 0.8,
  subcluster: 1,
  authors: ["Zoë O'Brien", "李雷"],
  year: 2024,
  url: "https://arxiv.org/abs/2401.00001?a=1&b=2",
  categories: [],
};
const PLAIN: PaperNodeAttributes = {
  label: "Plain",
  cluster: 1,
  clusterLabel: "diffusion",
  topics: [],
  x: 0,
  y: 1,
  size: 1,
  color: "#00ff7f",
  confidence: 1,
  subcluster: -1,
};
const LINK: LinkEdgeAttributes = { weight: 0.8125, sharedTopics: "attention 0.21, fp4 0.12" };

function fixtureGraph(reverseAttributeOrder = false): TopicGraph {
  const order = <T extends object>(attributes: T): T =>
    reverseAttributeOrder ? (Object.fromEntries(Object.entries(attributes).reverse()) as T) : attributes;
  const graph = new UndirectedGraph() as TopicGraph;
  graph.replaceAttributes(order(GRAPH_ATTRIBUTES));
  graph.addNode("hostile", order(HOSTILE));
  graph.addNode("plain", order(PLAIN));
  graph.addNode("isolated", order({ ...PLAIN, label: "Isolated" }));
  graph.addEdge("hostile", "plain", order(LINK));
  return graph;
}

describe("toGraphJson", () => {
  it("holds the same data as graph.export()", () => {
    const graph = fixtureGraph();
    const { options, attributes, nodes, edges } = graph.export();
    const parsed = JSON.parse(toGraphJson(graph));
    expect(Object.keys(parsed)).toEqual(["options", "attributes", "nodes", "edges"]);
    expect(parsed.options).toEqual(options);
    expect(parsed.attributes).toEqual(attributes);
    expect(parsed.nodes).toEqual(nodes);
    // Generated edge keys are left out; everything else of each edge is there.
    expect(parsed.edges).toEqual(edges.map(({ key: _key, ...edge }) => edge));
  });

  it("round-trips losslessly through Graph.from, hostile text included", () => {
    const graph = fixtureGraph();
    const copy = UndirectedGraph.from(JSON.parse(toGraphJson(graph)));
    expect(copy.getAttributes()).toEqual(graph.getAttributes());
    expect(copy.nodes()).toEqual(graph.nodes());
    for (const node of graph.nodes()) expect(copy.getNodeAttributes(node)).toEqual(graph.getNodeAttributes(node));
    expect(copy.getNodeAttribute("hostile", "label")).toBe(HOSTILE.label);
    expect(copy.size).toBe(1);
    expect(copy.getEdgeAttributes("hostile", "plain")).toEqual(LINK);
  });

  it("gives byte-identical output whatever order attributes were set in, across graph instances", () => {
    const first = toGraphJson(fixtureGraph());
    expect(toGraphJson(fixtureGraph())).toBe(first);
    expect(toGraphJson(fixtureGraph(true))).toBe(first);
    expect(first).toContain(`"options":{"type":"undirected","multi":false,"allowSelfLoops":true},"attributes":{`);
    expect(first).toContain(`"nested":{"a":1,"b":2}`);
  });

  it("keeps edge keys that were given explicitly, and marks undirected edges of a mixed graph", () => {
    const graph = new MultiGraph({ type: "mixed" });
    graph.addNode("a");
    graph.addNode("b");
    graph.addDirectedEdgeWithKey("a->b", "a", "b", { weight: 1 });
    graph.addUndirectedEdgeWithKey("a--b", "a", "b");
    const json = toGraphJson(graph as unknown as TopicGraph);
    expect(JSON.parse(json)).toEqual(graph.export());
    expect(json).toContain(`{"key":"a--b","source":"a","target":"b","undirected":true}`);
  });

  it("serialises an empty graph", () => {
    const json = toGraphJson(new UndirectedGraph() as TopicGraph);
    expect(json).toBe(
      `{"options":{"type":"undirected","multi":false,"allowSelfLoops":true},"attributes":{},"nodes":[],"edges":[]}`,
    );
    expect(UndirectedGraph.from(JSON.parse(json)).order).toBe(0);
  });

  it("writes a file that reads back to the same graph", async () => {
    const directory = await mkdtemp(join(tmpdir(), "topicgraph-json-"));
    try {
      const file = join(directory, "graph.json");
      await writeFileAtomic(file, toGraphJson(fixtureGraph()));
      const copy = UndirectedGraph.from(JSON.parse(await readFile(file, "utf8")));
      expect(copy.getNodeAttributes("hostile")).toEqual(HOSTILE);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("stableStringify", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    expect(stableStringify({ b: [{ z: 1, y: 2 }, 3], a: { d: 4, c: 5 } })).toBe(
      `{"a":{"c":5,"d":4},"b":[{"y":2,"z":1},3]}`,
    );
  });

  it("writes bigints as strings and follows JSON.stringify otherwise", () => {
    expect(stableStringify({ n: 10n, u: undefined, x: Number.NaN })).toBe(`{"n":"10","x":null}`);
  });
});
