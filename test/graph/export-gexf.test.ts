// GEXF export: grammar validity, round-trips through graphology-gexf and networkx, determinism, hostile text.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { UndirectedGraph } from "graphology";
import { parse } from "graphology-gexf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { gexfChunks, toGexf } from "../../server/graph/export-gexf.js";
import type {
  LinkEdgeAttributes,
  PaperNodeAttributes,
  TopicGraph,
  TopicGraphAttributes,
} from "../../server/graph/types.js";
import { writeFileAtomic } from "../../server/io/write-atomic.js";
import { canRun, GEXF_RNG, hasPythonModule, PYTHON, XMLLINT } from "../ci.js";

const CAN_VALIDATE = canRun(
  "GEXF validation against the GEXF 1.3 grammar",
  existsSync(XMLLINT),
  `no ${XMLLINT} (apt-get install libxml2-utils)`,
);
const CAN_RUN_NETWORKX = canRun(
  "reading our GEXF with networkx",
  hasPythonModule("networkx"),
  `${PYTHON} cannot import networkx (apt-get install python3-networkx)`,
);

type Node = PaperNodeAttributes;

const GRAPH_ATTRIBUTES: TopicGraphAttributes = {
  name: "hostile <fixture> & co",
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
  options: { topK: 10, minSimilarity: 0.1 },
  corpusHash: "sha256:abc",
};

/** A node whose text has every kind of trouble, with what each field must read back as. */
const HOSTILE_RAW: Node = {
  label: `<script>alert("x")</script> & 'Q'\u0000\u0007\u001b \u200fمرحبا\u200e 😀 Schrödinger\ttab\nline\rcr`,
  cluster: 0,
  clusterLabel: "attention & <transformers>",
  topics: ["a, b", 'say "hi"', "back\\slash", "pipe | bar", "bell\u0007", "emoji 🧪", "[brackets]"],
  x: -12.345678901234567,
  y: 1e-7,
  size: 7.25,
  color: "#E6194B",
  confidence: 0.8,
  subcluster: 1,
  authors: ["Zoë O'Brien", "李雷", "\u202eevil\u202c"],
  year: 2024,
  url: "https://arxiv.org/abs/2401.00001?a=1&b=<2>",
  categories: [],
};
const HOSTILE_EXPECTED: Node = {
  ...HOSTILE_RAW,
  label: `<script>alert("x")</script> & 'Q' \u200fمرحبا\u200e 😀 Schrödinger\ttab\nline\rcr`,
  topics: ["a, b", 'say "hi"', "back\\slash", "pipe | bar", "bell", "emoji 🧪", "[brackets]"],
};
const PLAIN: Node = {
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
const LONE_SURROGATES: Node = { ...PLAIN, label: "half \ud83d pair \udc00 end\ufffe\uffff", cluster: 2 };
const EDGES: Array<[string, string, LinkEdgeAttributes]> = [
  ["hostile", "plain", { weight: 0.8125, sharedTopics: 'attention 0.21, <fp4> & "q" 0.12\u001b' }],
  ["plain", "surrogates", { weight: 0, sharedTopics: "" }],
];

function fixtureGraph(): TopicGraph {
  const graph = new UndirectedGraph<Node, LinkEdgeAttributes, TopicGraphAttributes>() as TopicGraph;
  graph.replaceAttributes(GRAPH_ATTRIBUTES);
  graph.addNode("hostile", HOSTILE_RAW);
  graph.addNode("plain", PLAIN);
  graph.addNode("surrogates", LONE_SURROGATES);
  for (const [source, target, attributes] of EDGES) graph.addEdge(source, target, attributes);
  return graph;
}

function validate(file: string): string {
  return execFileSync(XMLLINT, ["--noout", "--relaxng", GEXF_RNG, file], { encoding: "utf8", stdio: "pipe" });
}

/** graphology-gexf reads `viz:color r g b` as "rgb(r,g,b)"; ours are written from "#rrggbb". */
function rgbToHex(color: unknown): string {
  const match = /^rgb\((\d+),(\d+),(\d+)\)$/.exec(String(color));
  if (!match) return String(color);
  return `#${match
    .slice(1)
    .map((channel) => Number(channel).toString(16).padStart(2, "0"))
    .join("")}`;
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "topicgraph-gexf-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeGexf(name: string, text: string): Promise<string> {
  const file = join(directory, name);
  await writeFileAtomic(file, text);
  return file;
}

describe("toGexf 1.3", () => {
  it.skipIf(!CAN_VALIDATE)("validates against the GEXF 1.3 RELAX NG grammar, hostile text included", async () => {
    const file = await writeGexf("hostile-1.3.gexf", toGexf(fixtureGraph()));
    expect(() => validate(file)).not.toThrow();
  });

  it.skipIf(!CAN_VALIDATE)("writes an empty graph as valid GEXF", async () => {
    const empty = new UndirectedGraph() as TopicGraph;
    const text = toGexf(empty);
    expect(text).toContain('<nodes count="0">');
    const file = await writeGexf("empty-1.3.gexf", text);
    expect(() => validate(file)).not.toThrow();
  });

  it.skipIf(!CAN_VALIDATE)("leaves out values of the wrong type instead of writing an invalid file", async () => {
    const graph = new UndirectedGraph() as TopicGraph;
    graph.addNode("odd", { ...PLAIN, cluster: 1.5, year: Number.NaN, x: Number.NaN, size: -1, color: "red" });
    graph.addNode("n2", PLAIN);
    graph.addEdge("odd", "n2", { weight: Number.POSITIVE_INFINITY, sharedTopics: "x" });
    const text = toGexf(graph);
    const odd = /<node id="odd"[^]*?<\/node>/.exec(text)?.[0];
    expect(odd).toBeDefined();
    expect(odd).not.toMatch(/for="cluster"|for="year"|<viz:/);
    expect(text).toContain('<edge id="0" source="odd" target="n2">');
    expect(text).not.toMatch(/NaN|Infinity/);
    const file = await writeGexf("odd-1.3.gexf", text);
    expect(() => validate(file)).not.toThrow();
  });

  it("declares the namespaces, meta and attribute types, without schemaLocation or timestamp", () => {
    const text = toGexf(fixtureGraph());
    expect(text).toContain('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">');
    expect(text).toContain("<creator>topicgraph</creator>");
    expect(text).toMatch(/<description>[^<]*options \{&quot;minSimilarity&quot;:0\.1,&quot;topK&quot;:10\}/);
    expect(text).toContain('<graph defaultedgetype="undirected">');
    expect(text).toContain('<attribute id="cluster" title="cluster" type="integer"/>');
    expect(text).toContain('<attribute id="topics" title="topics" type="liststring"/>');
    expect(text).not.toMatch(/schemaLocation|lastmodifieddate/);
  });

  it("escapes markup and removes the characters XML 1.0 forbids", () => {
    const text = toGexf(fixtureGraph());
    expect(text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Q&apos;");
    expect(text).toContain("Schrödinger&#9;tab&#10;line&#13;cr");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/u);
    expect(text).toContain("😀");
  });

  it("round-trips through graphology-gexf: nodes, edges, weights, attributes, positions, colours and sizes", () => {
    const parsed = parse(UndirectedGraph, toGexf(fixtureGraph()));
    expectSameGraph(parsed);
  });

  it("gives byte-identical output for the same graph, whatever order its attributes were set in", () => {
    const reordered = new UndirectedGraph() as TopicGraph;
    reordered.replaceAttributes(GRAPH_ATTRIBUTES);
    for (const [key, attributes] of [
      ["hostile", HOSTILE_RAW],
      ["plain", PLAIN],
      ["surrogates", LONE_SURROGATES],
    ] as const) {
      const reversed = Object.fromEntries(Object.entries(attributes).reverse()) as unknown as Node;
      reordered.addNode(key, reversed);
    }
    for (const [source, target, attributes] of EDGES) reordered.addEdge(source, target, attributes);

    const first = toGexf(fixtureGraph());
    expect(toGexf(fixtureGraph())).toBe(first);
    expect(toGexf(reordered)).toBe(first);
    expect([...gexfChunks(fixtureGraph())].join("")).toBe(first);
  });

  it("rejects an unknown version with a message naming the option", () => {
    expect(() => toGexf(fixtureGraph(), { version: "1.1" as "1.3" })).toThrow(
      'graph/export-gexf: version must be "1.3" or "1.2", got "1.1"',
    );
  });
});

describe("toGexf 1.2", () => {
  it("uses the 1.2 draft namespaces", () => {
    const text = toGexf(fixtureGraph(), { version: "1.2" });
    expect(text).toContain(
      '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">',
    );
  });

  it("round-trips through graphology-gexf", () => {
    expectSameGraph(parse(UndirectedGraph, toGexf(fixtureGraph(), { version: "1.2" })));
  });

  it.skipIf(!CAN_RUN_NETWORKX)(
    "is read by networkx with viz position, colour and size and the attributes",
    async () => {
      const file = await writeGexf("hostile-1.2.gexf", toGexf(fixtureGraph(), { version: "1.2" }));
      const script = [
        "import json, sys, networkx as nx",
        "g = nx.read_gexf(sys.argv[1])",
        "nodes = {n: d for n, d in g.nodes(data=True)}",
        "edges = [[u, v, d] for u, v, d in g.edges(data=True)]",
        "print(json.dumps({'nodes': nodes, 'edges': edges}))",
      ].join("\n");
      const read = JSON.parse(execFileSync(PYTHON, ["-c", script, file], { encoding: "utf8" }));

      const hostile = read.nodes.hostile;
      expect(hostile.label).toBe(HOSTILE_EXPECTED.label);
      expect(hostile.viz.position).toEqual({ x: HOSTILE_RAW.x, y: HOSTILE_RAW.y, z: 0 });
      expect(hostile.viz.color).toEqual({ r: 0xe6, g: 0x19, b: 0x4b, a: 1 });
      expect(hostile.viz.size).toBe(HOSTILE_RAW.size);
      expect(hostile.cluster).toBe(0);
      expect(hostile.year).toBe(2024);
      expect(hostile.url).toBe(HOSTILE_RAW.url);
      // networkx reads liststring as a string; ours is a JSON array.
      expect(JSON.parse(hostile.topics)).toEqual(HOSTILE_EXPECTED.topics);
      expect(JSON.parse(hostile.authors)).toEqual(HOSTILE_RAW.authors);
      expect(read.nodes.plain.viz.position).toEqual({ x: 0, y: 300.5, z: 0 });
      expect(read.edges).toContainEqual([
        "hostile",
        "plain",
        expect.objectContaining({ weight: 0.8125, sharedTopics: 'attention 0.21, <fp4> & "q" 0.12' }),
      ]);
    },
  );

  it.skipIf(!CAN_RUN_NETWORKX)("writes an empty graph that networkx reads", async () => {
    const file = await writeGexf("empty-1.2.gexf", toGexf(new UndirectedGraph() as TopicGraph, { version: "1.2" }));
    const script = "import sys, networkx as nx; g = nx.read_gexf(sys.argv[1]); print(g.number_of_nodes())";
    expect(execFileSync(PYTHON, ["-c", script, file], { encoding: "utf8" }).trim()).toBe("0");
  });
});

function expectSameGraph(parsed: ReturnType<typeof parse>): void {
  const expected: Record<string, Node> = {
    hostile: HOSTILE_EXPECTED,
    plain: PLAIN,
    surrogates: { ...LONE_SURROGATES, label: "half  pair  end" },
  };
  expect(parsed.nodes()).toEqual(Object.keys(expected));
  for (const [key, node] of Object.entries(expected)) {
    const { color, ...rest } = parsed.getNodeAttributes(key);
    expect(rgbToHex(color)).toBe(node.color.toLowerCase());
    // graphology-gexf adds the z the file carries.
    expect(rest).toEqual({ ...node, color: undefined, z: 0 });
  }
  expect(parsed.size).toBe(EDGES.length);
  expect(parsed.getEdgeAttributes("hostile", "plain")).toEqual({
    weight: 0.8125,
    sharedTopics: 'attention 0.21, <fp4> & "q" 0.12',
  });
  expect(parsed.getEdgeAttributes("plain", "surrogates")).toEqual({ weight: 0, sharedTopics: "" });
}
