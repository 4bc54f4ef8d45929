// Downloads of a selection: GET .../papers.csv|.bib|.ris beside each list of papers (cluster, subcluster, search,
// topic, related text) read back by our own readers into the same papers, in the list's order; the selection's
// subgraph as GEXF and GraphML read by networkx; headers (type, attachment name); bad requests are JSON 4xx.

import { execFileSync } from "node:child_process";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { formatBibtex } from "../../server/corpus/write-bibtex.js";
import type { TopicStore } from "../../server/query/index.js";
import { canRun } from "../ci.js";
import { temporaryFile } from "../corpus/fixtures.js";
import { buildStore, fetchJson, HOSTILE, papersOf, rawRequest, SEED, serveStore, type TestServer } from "./helpers.js";

const PYTHON = "/usr/bin/python3";
const FORMATS = [
  ["csv", "text/csv; charset=utf-8; header=present"],
  ["bib", "application/x-bibtex; charset=utf-8"],
  ["ris", "application/x-research-info-systems; charset=utf-8"],
] as const;

/** The papers a download holds, as our own reader reads them back from a file. */
async function readDownload(base: string, path: string, extension: string): Promise<Paper[]> {
  const response = await rawRequest(base, path);
  expect(response.status, response.text).toBe(200);
  const summary = await readCorpus(temporaryFile(`download.${extension}`, response.body));
  expect(summary.skipped).toEqual([]);
  return summary.papers;
}

const textOf = (papers: Paper[]) => papers.map(({ title, abstract }) => ({ title, abstract }));

describe.each([
  ["seed", SEED],
  ["hostile corpus", HOSTILE],
])("paper downloads on the %s", (_name, corpus) => {
  let store: TopicStore;
  let server: TestServer;
  let papers: Map<string, Paper>;

  beforeAll(async () => {
    store = await buildStore(corpus);
    server = await serveStore(store);
    papers = new Map(papersOf(store).map((paper) => [paper.id, paper]));
  });
  afterAll(async () => {
    expect(server.logged).toEqual([]);
    await server?.close();
  });

  it.each(FORMATS)("every cluster's papers.%s reads back as its papers, in the list's order", async (extension) => {
    for (const cluster of store.clusterIndex.clusters) {
      const page = await fetchJson(server.url, `/api/clusters/${cluster.id}?limit=1000`);
      const expected = page.body.papers.map(({ id }: { id: string }) => papers.get(id)!);
      const read = await readDownload(server.url, `/api/clusters/${cluster.id}/papers.${extension}`, extension);
      expect(read).toHaveLength(cluster.size);
      expect(textOf(read)).toEqual(textOf(expected));
      if (extension !== "bib") expect(read.map((p) => p.id)).toEqual(expected.map((p: Paper) => p.id));
    }
  });
});

describe("paper downloads of the other lists (seed)", () => {
  let store: TopicStore;
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    store = await buildStore(SEED);
    server = await serveStore(store);
    base = server.url;
  });
  afterAll(async () => {
    expect(server.logged).toEqual([]);
    await server?.close();
  });

  it.each(FORMATS)("papers.%s has its type and is an attachment named for the selection", async (extension, type) => {
    const response = await rawRequest(base, `/api/clusters/0/papers.${extension}`);
    expect(response.headers["content-type"]).toBe(type);
    expect(response.headers["content-disposition"]).toBe(`attachment; filename=topicgraph-cluster-0.${extension}`);
    expect(response.headers.etag).toBeDefined();
    const again = await rawRequest(base, `/api/clusters/0/papers.${extension}`, {
      headers: { "If-None-Match": String(response.headers.etag) },
    });
    expect(again.status).toBe(304);
  });

  it("a search's download holds every match, in the search's order (RIS keeps ids)", async () => {
    const page = await fetchJson(base, "/api/search?q=model&limit=100");
    expect(page.body.total).toBeGreaterThan(20);
    const all = await fetchJson(base, `/api/search?q=model&limit=${page.body.total}`);
    const read = await readDownload(base, "/api/search/papers.ris?q=model", "ris");
    expect(read.map((p) => p.id)).toEqual(all.body.results.map(({ id }: { id: string }) => id));
    const response = await rawRequest(base, "/api/search/papers.ris?q=model");
    expect(response.headers["content-disposition"]).toBe("attachment; filename=topicgraph-search-model.ris");
  });

  it("a topic's download holds every paper on the topic, heaviest first", async () => {
    const [topic] = (await fetchJson(base, "/api/topics?limit=1")).body.topics;
    const term = encodeURIComponent(topic.term);
    const all = await fetchJson(base, `/api/topics/${term}/papers?limit=1000`);
    const read = await readDownload(base, `/api/topics/${term}/papers.csv`, "csv");
    expect(read.map((p) => p.id)).toEqual(all.body.papers.map(({ id }: { id: string }) => id));
  });

  it("a text's related papers download holds its k related papers (BibTeX keys are their ids)", async () => {
    const q = encodeURIComponent("quantization of large language models");
    const related = await fetchJson(base, `/api/related?q=${q}&k=7`);
    const read = await readDownload(base, `/api/related/papers.bib?q=${q}&k=7`, "bib");
    expect(read.map((p) => p.id)).toEqual(related.body.related.map(({ id }: { id: string }) => id));
  });

  it.each([
    ["/api/clusters/999/papers.bib", 404],
    ["/api/clusters/0/papers.bib?subcluster=99", 404],
    ["/api/clusters/x/papers.csv", 400],
    ["/api/search/papers.csv", 400],
    ["/api/related/papers.ris?q=text&k=0", 400],
    ["/api/topics/no%20such%20topic%20at%20all/papers.ris", 404],
    ["/api/export.gexf?cluster=999", 404],
    ["/api/export.graphml?subcluster=1", 400],
    ["/api/export.gexf?cluster=-1", 400],
  ])("%s is a JSON %i, not a download", async (path, status) => {
    const response = await rawRequest(base, path);
    expect(response.status).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["content-disposition"]).toBeUndefined();
  });

  it("a POST to a download is a 405", async () => {
    const response = await rawRequest(base, "/api/clusters/0/papers.bib", { method: "POST" });
    expect(response.status).toBe(405);
  });
});

describe("a cluster's subgraph as GEXF and GraphML", () => {
  const canRunNetworkx = canRun(
    "reading the selection's GEXF and GraphML with networkx",
    hasNetworkx(),
    `${PYTHON} cannot import networkx (apt-get install python3-networkx)`,
  );
  let store: TopicStore;
  let server: TestServer;

  beforeAll(async () => {
    store = await buildStore(SEED);
    server = await serveStore(store);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.runIf(canRunNetworkx).each([
    ["export.gexf?version=1.2&cluster=0", "read_gexf", "gexf"],
    ["export.graphml?cluster=0", "read_graphml", "graphml"],
  ])("/api/%s holds the cluster's papers and the links among them", async (path, reader, extension) => {
    const response = await rawRequest(server.url, `/api/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename=topicgraph-${store.info.corpusHash}-cluster-0.${extension}`,
    );
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    const file = temporaryFile(`cluster.${extension}`, response.body);
    const script = [
      "import json, sys, networkx as nx",
      `g = nx.${reader}(sys.argv[1])`,
      "print(json.dumps({'nodes': sorted(g.nodes()), 'edges': sorted(sorted([u, v]) for u, v in g.edges())}))",
    ].join("\n");
    const read = JSON.parse(execFileSync(PYTHON, ["-c", script, file], { encoding: "utf8" }));
    const cluster = await fetchJson(server.url, "/api/clusters/0/graph");
    expect(read.nodes).toEqual(cluster.body.nodes.map((node: { id: string }) => node.id).sort());
    const ids = cluster.body.nodes.map((node: { id: string }) => node.id);
    const links = cluster.body.edges.map(([a, b]: [number, number]) => [ids[a], ids[b]].sort());
    expect(read.edges).toEqual(links.sort());
  });

  it("the whole map's GraphML holds every paper", async () => {
    const response = await rawRequest(server.url, "/api/export.graphml");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/graphml+xml; charset=utf-8");
    expect(response.text.match(/<node /g)).toHaveLength(store.papers.length);
  });
});

describe("a BibTeX corpus served: DOI and venue carried to the API and the downloads", () => {
  let server: TestServer;

  afterAll(async () => {
    await server?.close();
  });

  it("a paper's DOI and venue are in its detail and in its cluster's BibTeX and RIS", async () => {
    const seed = (await readCorpus(SEED)).papers.map((paper, i) => ({
      ...paper,
      doi: `10.1234/seed.${i}`,
      venue: i % 2 === 0 ? "Journal of Even Papers" : "Odd Proceedings & Co",
    }));
    const store = await buildStore(temporaryFile("seed.bib", formatBibtex(seed)));
    server = await serveStore(store);
    const id = seed[3].id;
    const detail = await fetchJson(server.url, `/api/papers/${encodeURIComponent(id)}`);
    expect(detail.body.paper).toMatchObject({ doi: "10.1234/seed.3", venue: "Odd Proceedings & Co" });
    const cluster = detail.body.paper.cluster;
    for (const extension of ["bib", "ris", "csv"]) {
      const read = await readDownload(server.url, `/api/clusters/${cluster}/papers.${extension}`, extension);
      const paper = read.find((p) => p.title === seed[3].title);
      expect(paper).toMatchObject({ doi: "10.1234/seed.3", venue: "Odd Proceedings & Co" });
    }
  });
});

function hasNetworkx(): boolean {
  try {
    execFileSync(PYTHON, ["-c", "import networkx"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
