// GraphML export: read back by networkx with the GEXF's attributes, hostile text escaped, deterministic output.

import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { UndirectedGraph } from "graphology";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toGexf } from "../../server/graph/export-gexf.js";
import { graphmlChunks, toGraphml } from "../../server/graph/export-graphml.js";
import type { LinkEdgeAttributes, PaperNodeAttributes, TopicGraph } from "../../server/graph/types.js";
import { canRun, hasPythonModule, PYTHON } from "../ci.js";

const CAN_RUN_NETWORKX = canRun(
  "reading our GraphML with networkx",
  hasPythonModule("networkx"),
  `${PYTHON} cannot import networkx (apt-get install python3-networkx)`,
);

const HOSTILE: PaperNodeAttributes = {
  label: `<script>alert("x")</script> & 'Q'\u0000\u0007 \u200fمرحبا\u200e 😀 tab\there`,
  cluster: 0,
  clusterLabel: "attention & <transformers>",
  topics: ["a, b", 'say "hi"', "back\\slash"],
  x: -12.345678901234567,
  y: 1e-7,
  size: 7.25,
  color: "#E6194B",
  confidence: 0.8,
  subcluster: 1,
  authors: ["Zoë O'Brien", "李雷"],
  year: 2024,
  url: "https://arxiv.org/abs/2401.00001?a=1&b=<2>",
  categories: ["cs.CL"],
  doi: "10.1002/(SICI)1097-4636(199706)35:4<487::AID-JBM9>3.0.CO;2-H",
  venue: "Journal of <Things> & Co",
};
const PLAIN: PaperNodeAttributes = {
  label: "Plain title",
  cluster: 1,
  clusterLabel: "diffusion",
  topics: ["diffusion"],
  x: 0,
  y: 300.5,
  size: 1,
  color: "#00ff7f",
  confidence: 1,
  subcluster: -1,
};

function fixtureGraph(): TopicGraph {
  const graph = new UndirectedGraph() as TopicGraph;
  graph.replaceAttributes({ name: "fixture <g>", clusters: [], modularity: 0.4, options: {}, corpusHash: "sha256:x" });
  graph.addNode("hostile", HOSTILE);
  graph.addNode("plain", PLAIN);
  const edge: LinkEdgeAttributes = { weight: 0.8125, sharedTopics: 'attention 0.21, <fp4> & "q" 0.12\u001b' };
  graph.addEdge("hostile", "plain", edge);
  return graph;
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "topicgraph-graphml-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** What networkx reads from a file: graph data, nodes with their data, edges with theirs. */
async function readWithNetworkx(name: string, text: string, reader: "read_graphml" | "read_gexf") {
  const file = join(directory, name);
  await writeFile(file, text);
  const script = [
    "import json, sys, networkx as nx",
    `g = nx.${reader}(sys.argv[1])`,
    "print(json.dumps({'graph': g.graph, 'nodes': {n: d for n, d in g.nodes(data=True)},",
    "  'edges': [[u, v, d] for u, v, d in g.edges(data=True)], 'directed': g.is_directed()}))",
  ].join("\n");
  return JSON.parse(execFileSync(PYTHON, ["-c", script, file], { encoding: "utf8" })) as {
    graph: Record<string, unknown>;
    nodes: Record<string, Record<string, unknown>>;
    edges: [string, string, Record<string, unknown>][];
    directed: boolean;
  };
}

describe("toGraphml", () => {
  it.skipIf(!CAN_RUN_NETWORKX)("is read by networkx with every attribute, typed, hostile text intact", async () => {
    const read = await readWithNetworkx("hostile.graphml", toGraphml(fixtureGraph()), "read_graphml");
    expect(read.directed).toBe(false);
    expect(read.graph.description).toMatch(/^topic graph "fixture <g>"; 2 papers, 1 links/);
    const hostile = read.nodes.hostile;
    expect(hostile.label).toBe(`<script>alert("x")</script> & 'Q' \u200fمرحبا\u200e 😀 tab\there`);
    expect(hostile.cluster).toBe(0);
    expect(hostile.confidence).toBe(0.8);
    expect(hostile.x).toBe(-12.345678901234567);
    expect([hostile.r, hostile.g, hostile.b]).toEqual([0xe6, 0x19, 0x4b]);
    expect(JSON.parse(String(hostile.topics))).toEqual(HOSTILE.topics);
    expect(JSON.parse(String(hostile.authors))).toEqual(HOSTILE.authors);
    expect([hostile.doi, hostile.venue, hostile.url, hostile.year]).toEqual([
      HOSTILE.doi,
      HOSTILE.venue,
      HOSTILE.url,
      2024,
    ]);
    expect(read.nodes.plain).not.toHaveProperty("doi");
    expect(read.edges).toEqual([
      ["hostile", "plain", { id: "e0", weight: 0.8125, sharedTopics: 'attention 0.21, <fp4> & "q" 0.12' }],
    ]);
  });

  it.skipIf(!CAN_RUN_NETWORKX)(
    "carries the same node attributes as the GEXF export, as networkx reads both",
    async () => {
      const graphml = await readWithNetworkx("same.graphml", toGraphml(fixtureGraph()), "read_graphml");
      const gexf = await readWithNetworkx("same.gexf", toGexf(fixtureGraph(), { version: "1.2" }), "read_gexf");
      for (const node of ["hostile", "plain"]) {
        const { viz: _viz, label, ...gexfAttributes } = gexf.nodes[node];
        const { x: _x, y: _y, size: _size, r: _r, g: _g, b: _b, ...graphmlAttributes } = graphml.nodes[node];
        expect(graphmlAttributes).toEqual({ ...gexfAttributes, label });
      }
    },
  );

  it.skipIf(!CAN_RUN_NETWORKX)("writes an empty graph that networkx reads", async () => {
    const read = await readWithNetworkx(
      "empty.graphml",
      toGraphml(new UndirectedGraph() as TopicGraph),
      "read_graphml",
    );
    expect(read.nodes).toEqual({});
  });

  it("gives byte-identical output for the same graph, whole or in chunks", () => {
    const first = toGraphml(fixtureGraph());
    expect(toGraphml(fixtureGraph())).toBe(first);
    expect([...graphmlChunks(fixtureGraph())].join("")).toBe(first);
    expect(first).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
