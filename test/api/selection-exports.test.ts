// The subgraph of every kind of selection as GEXF and GraphML (GET /api/export.gexf|.graphml with ?search=, ?topic=,
// ?related=&k=, the facet filters alone, and the same fields POSTed as a form): on the seed with categories, authors and
// venues, each file holds exactly the papers of the selection's JSON list; networkx reads it back with the links among
// those papers and the same node and link attributes as the whole map's export; its GEXF 1.3 is valid against the
// GEXF 1.3 grammar (xmllint). Bad selections are JSON 4xx, not downloads.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TopicStore } from "../../server/query/index.js";
import { canRun, GEXF_RNG, hasPythonModule, PYTHON, XMLLINT } from "../ci.js";
import { temporaryFile } from "../corpus/fixtures.js";
import {
  buildStore,
  facetedSeed,
  fetchJson,
  OpenApiChecker,
  rawRequest,
  serveStore,
  type TestServer,
} from "./helpers.js";

const CAN_READ = canRun(
  "the selections' GEXF and GraphML validated by xmllint and read back by networkx",
  existsSync(XMLLINT) && hasPythonModule("networkx"),
  `no ${XMLLINT} (libxml2-utils) or ${PYTHON} cannot import networkx (python3-networkx)`,
);

/** networkx's reading of a selection's file against the whole map's: nodes, links, and attributes that differ. */
const COMPARE = `
import json, sys, networkx as nx
read = getattr(nx, sys.argv[1])
whole, part = read(sys.argv[2]), read(sys.argv[3])
key = lambda u, v: tuple(sorted([u, v]))
# NOTE: a link's id is its place in the file (e0, e1, ...), not one of its attributes.
data = lambda d: {k: v for k, v in d.items() if k != "id"}
whole_edges = {key(u, v): data(d) for u, v, d in whole.edges(data=True)}
part_edges = {key(u, v): data(d) for u, v, d in part.edges(data=True)}
among = sorted(k for k in whole_edges if k[0] in part and k[1] in part)
print(json.dumps({
  "nodes": sorted(part.nodes()),
  "edges": sorted(part_edges),
  "among": among,
  "nodeAttributes": sorted(set(k for _, d in part.nodes(data=True) for k in d)),
  "nodesDiffering": [n for n, d in part.nodes(data=True) if n not in whole or whole.nodes[n] != d],
  "edgesDiffering": [list(k) for k, d in part_edges.items() if whole_edges.get(k) != d],
}))
`;

interface Reading {
  nodes: string[];
  edges: [string, string][];
  among: [string, string][];
  nodeAttributes: string[];
  nodesDiffering: string[];
  edgesDiffering: string[][];
}

let store: TopicStore;
let server: TestServer;
let base: string;
let openapi: OpenApiChecker;
/** The whole map's files, as networkx reads them (GEXF in the 1.2 draft: networkx knows no 1.3 namespace). */
const whole: Record<"gexf" | "graphml", string> = { gexf: "", graphml: "" };

beforeAll(async () => {
  store = await buildStore(await facetedSeed());
  server = await serveStore(store);
  base = server.url;
  openapi = new OpenApiChecker((await fetchJson(base, "/api/openapi.json")).body);
  whole.gexf = temporaryFile("map.gexf", (await rawRequest(base, "/api/export.gexf?version=1.2")).body);
  whole.graphml = temporaryFile("map.graphml", (await rawRequest(base, "/api/export.graphml")).body);
}, 120_000);

afterAll(async () => {
  expect(server.logged).toEqual([]);
  await server?.close();
});

/** Every id of a JSON list, through pages of the API's largest size. */
async function listIds(path: string, key: "papers" | "results"): Promise<string[]> {
  const ids: string[] = [];
  const limit = key === "results" ? 100 : 1000;
  for (let offset = 0; ; offset += limit) {
    const page = await fetchJson(base, `${path}${path.includes("?") ? "&" : "?"}limit=${limit}&offset=${offset}`);
    expect(page.status, page.text).toBe(200);
    ids.push(...page.body[key].map(({ id }: { id: string }) => id));
    if (ids.length >= page.body.total) return ids;
  }
}

/** The node ids of a GEXF or GraphML text. */
const nodeIds = (text: string) => [...text.matchAll(/<node id="([^"]*)"/g)].map((match) => match[1]).sort();

/** A selection's GEXF (1.3 checked against the grammar, 1.2 read) and GraphML, each read by networkx. */
async function readSelection(
  query: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Record<"gexf" | "graphml", Reading>> {
  const fetchFile = async (path: string) => {
    const response = await rawRequest(base, init.method === "POST" ? path : `${path}?${query}`, init);
    expect(response.status, response.text).toBe(200);
    return response;
  };
  const withVersion = (version: string) =>
    init.method === "POST" ? { ...init, body: `${init.body}&version=${version}` } : init;
  const valid = await rawRequest(
    base,
    init.method === "POST" ? "/api/export.gexf" : `/api/export.gexf?${query}&version=1.3`,
    withVersion("1.3"),
  );
  expect(valid.status, valid.text).toBe(200);
  const file13 = temporaryFile("selection-1.3.gexf", valid.body);
  expect(() => execFileSync(XMLLINT, ["--noout", "--relaxng", GEXF_RNG, file13], { stdio: "pipe" })).not.toThrow();
  const gexf = await rawRequest(
    base,
    init.method === "POST" ? "/api/export.gexf" : `/api/export.gexf?${query}&version=1.2`,
    withVersion("1.2"),
  );
  expect(gexf.status, gexf.text).toBe(200);
  const graphml = await fetchFile("/api/export.graphml");
  const read = (reader: string, wholeFile: string, text: Buffer, extension: string): Reading =>
    JSON.parse(
      execFileSync(PYTHON, ["-c", COMPARE, reader, wholeFile, temporaryFile(`selection.${extension}`, text)], {
        encoding: "utf8",
      }),
    );
  return {
    gexf: read("read_gexf", whole.gexf, gexf.body, "gexf"),
    graphml: read("read_graphml", whole.graphml, graphml.body, "graphml"),
  };
}

/** The selection's files hold the list's papers, the links among them, and the whole map's attributes. */
function expectSubgraph(read: Record<"gexf" | "graphml", Reading>, listed: string[]): void {
  for (const reading of Object.values(read)) {
    expect(reading.nodes).toEqual([...listed].sort());
    expect(reading.edges).toEqual(reading.among);
    expect(reading.nodesDiffering).toEqual([]);
    expect(reading.edgesDiffering).toEqual([]);
  }
  expect(read.graphml.nodeAttributes).toEqual(
    expect.arrayContaining(["cluster", "clusterLabel", "topics", "authors", "categories"]),
  );
}

describe.runIf(CAN_READ)("a selection's subgraph, read back by networkx and valid GEXF 1.3", () => {
  it("a search's: every match, the links among them, the whole map's attributes", async () => {
    const listed = await listIds("/api/search?q=model", "results");
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.length).toBeLessThan(store.papers.length);
    const read = await readSelection("search=model");
    expectSubgraph(read, listed);
    expect(read.graphml.edges.length).toBeGreaterThan(0);
  });

  it("a topic's: every paper on it", async () => {
    const [topic] = (await fetchJson(base, "/api/topics?limit=1")).body.topics;
    const term = encodeURIComponent(topic.term);
    const listed = await listIds(`/api/topics/${term}/papers`, "papers");
    expect(listed).toHaveLength(topic.papers);
    expectSubgraph(await readSelection(`topic=${term}`), listed);
  });

  it("the papers related to a text, asked by URL (Gephi Lite's way) and by a form's POST", async () => {
    const text = "quantization of large language models";
    const related = await fetchJson(base, `/api/related?q=${encodeURIComponent(text)}&k=12`);
    const listed = related.body.related.map(({ id }: { id: string }) => id);
    expect(listed).toHaveLength(12);
    const form = new URLSearchParams({ related: text, k: "12" }).toString();
    expectSubgraph(await readSelection(form), listed);
    const post = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    };
    expectSubgraph(await readSelection("", post), listed);
  });

  it.each(["category=cs.CL", "category=cs.AI&author=Author%202", "venue=NeurIPS"])(
    "the whole map filtered by %s: the papers GET /api/papers lists with that filter",
    async (filter) => {
      const listed = await listIds(`/api/papers?${filter}`, "papers");
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.length).toBeLessThan(store.papers.length);
      expectSubgraph(await readSelection(filter), listed);
    },
  );
});

describe("a selection's subgraph: names, filters, headers", () => {
  it.each([
    ["search=model&category=cs.CL", "search-model-category-cs-cl"],
    ["topic=language%20models&venue=NeurIPS", "topic-language-models-venue-neurips"],
    ["related=graph%20neural%20networks", "related"],
    ["category=cs.CL&author=Author%202", "papers-category-cs-cl-author-author-2"],
  ])("?%s is a download named for its selection, readable cross-origin", async (query, name) => {
    for (const extension of ["gexf", "graphml"]) {
      const response = await rawRequest(base, `/api/export.${extension}?${query}`);
      expect(response.status, response.text).toBe(200);
      expect(response.headers["content-disposition"]).toBe(
        `attachment; filename=topicgraph-${store.info.corpusHash}-${name}.${extension}`,
      );
      expect(response.headers["access-control-allow-origin"]).toBe("*");
      openapi.check("GET", `/api/export.${extension}`, 200, response.text, `application/${extension}+xml`);
    }
  });

  it.each(["category=cs.CL", "author=Author%201", "venue=NeurIPS", "author=Nobody"])(
    "a search's and a topic's subgraphs with %s = their filtered lists",
    async (filter) => {
      const search = await listIds(`/api/search?q=model&${filter}`, "results");
      const found = await rawRequest(base, `/api/export.graphml?search=model&${filter}`);
      expect(nodeIds(found.text)).toEqual([...search].sort());
      const [topic] = (await fetchJson(base, "/api/topics?limit=1")).body.topics;
      const term = encodeURIComponent(topic.term);
      const onTopic = await listIds(`/api/topics/${term}/papers?${filter}`, "papers");
      const topicFile = await rawRequest(base, `/api/export.gexf?topic=${term}&${filter}`);
      expect(nodeIds(topicFile.text)).toEqual([...onTopic].sort());
      expect(onTopic.length).toBeLessThan(topic.papers);
    },
  );

  it("the whole map filtered by nobody's name is a graph of no nodes", async () => {
    const response = await rawRequest(base, "/api/export.gexf?author=Nobody");
    expect(response.status).toBe(200);
    expect(nodeIds(response.text)).toEqual([]);
    expect(response.text).toContain("<nodes");
  });

  it("a long text's related papers: the form's POST downloads the subgraph its URL cannot carry", async () => {
    const words = "quantization of language models 大语言模型的量化方法与高效推理研究 ";
    const text = words.repeat(Math.ceil(5000 / words.length)).slice(0, 5000);
    const form = new URLSearchParams({ related: text, k: "7" }).toString();
    expect((await rawRequest(base, `/api/export.gexf?${form}`)).status).toBe(431);
    const related = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, k: 7 }),
    });
    const listed = related.body.related.map(({ id }: { id: string }) => id);
    for (const extension of ["gexf", "graphml"]) {
      const post = await rawRequest(base, `/api/export.${extension}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      expect(post.status, post.text).toBe(200);
      expect(post.headers["content-disposition"]).toBe(
        `attachment; filename=topicgraph-${store.info.corpusHash}-related.${extension}`,
      );
      expect(nodeIds(post.text)).toEqual([...listed].sort());
    }
  });

  it.each([
    ["GET", "/api/export.gexf?cluster=0&search=model", 400],
    ["GET", "/api/export.graphml?search=model&topic=model", 400],
    ["GET", "/api/export.gexf?search=", 400],
    ["GET", "/api/export.gexf?k=5", 400],
    ["GET", "/api/export.gexf?related=text&k=0", 400],
    ["GET", "/api/export.graphml?related=text&category=cs.CL", 400],
    ["GET", "/api/export.gexf?search=a&search=b", 400],
    ["GET", "/api/export.gexf?category=", 400],
    ["GET", "/api/export.gexf?topic=no%20such%20topic%20at%20all", 404],
    ["GET", "/api/export.graphml?topic=model&category=cs.CL&subcluster=1", 400],
    ["POST text/plain", "/api/export.gexf", 415],
    ["POST form", "/api/export.graphml", 400],
    ["POST long form", "/api/export.gexf", 413],
    ["DELETE", "/api/export.gexf", 405],
  ])("%s %s is a JSON %i, not a download", async (method, path, status) => {
    const body =
      method === "POST text/plain"
        ? "related=text"
        : method === "POST form"
          ? "related=a&related=b"
          : method === "POST long form"
            ? `related=${"%CE%B7".repeat(20_000)}`
            : undefined;
    const type = method === "POST text/plain" ? "text/plain" : "application/x-www-form-urlencoded";
    const response = await rawRequest(base, path, {
      method: method.split(" ")[0],
      headers: body === undefined ? {} : { "content-type": type },
      body,
    });
    expect(response.status, response.text).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["content-disposition"]).toBeUndefined();
  });
});
