// Downloads of a selection: GET .../papers.csv|.bib|.ris beside each list of papers (cluster, subcluster, search,
// topic, related text) read back by our own readers into the same papers, in the list's order; the selection's
// subgraph as GEXF and GraphML read by networkx; headers (type, attachment name); bad requests are JSON 4xx.

import { execFileSync } from "node:child_process";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { formatBibtex } from "../../server/corpus/write-bibtex.js";
import { CSV_COLUMNS } from "../../server/corpus/write-csv.js";
import type { TopicStore } from "../../server/query/index.js";
import { canRun, hasPythonModule, PYTHON } from "../ci.js";
import { temporaryFile } from "../corpus/fixtures.js";
import {
  buildStore,
  facetedSeed,
  fetchJson,
  HOSTILE,
  papersOf,
  rawRequest,
  SEED,
  serveStore,
  type TestServer,
} from "./helpers.js";

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

/** The ids of a download's papers, in its order: none for a file of no records (a CSV's header alone). */
async function downloadIds(base: string, path: string, extension: string): Promise<string[]> {
  const response = await rawRequest(base, path);
  expect(response.status, response.text).toBe(200);
  if (response.text.replace(`${CSV_COLUMNS.join(",")}\r\n`, "") === "") return [];
  return (await readDownload(base, path, extension)).map((paper) => paper.id);
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

  it("a long text's related papers: its GET passes the server's header limit (431), the form's POST downloads them", async () => {
    // 5,000 characters, half of them Chinese (nine bytes each once percent-encoded): past Node's 16 KiB of headers.
    const words = "quantization of language models 大语言模型的量化方法与高效推理研究 ";
    const text = words.repeat(Math.ceil(5000 / words.length)).slice(0, 5000);
    const form = new URLSearchParams({ q: text, k: "7" }).toString();
    const get = await rawRequest(base, `/api/related/papers.csv?${form}`);
    expect(form.length).toBeGreaterThan(16 * 1024);
    expect(get.status).toBe(431);
    const related = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, k: 7 }),
    });
    expect(related.body.related).toHaveLength(7);
    for (const extension of ["csv", "ris"]) {
      const post = await rawRequest(base, `/api/related/papers.${extension}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      expect(post.status, post.text).toBe(200);
      expect(post.headers["content-disposition"]).toBe(`attachment; filename=topicgraph-related.${extension}`);
      const read = await readCorpus(temporaryFile(`related.${extension}`, post.body));
      expect(read.papers.map((p) => p.id)).toEqual(related.body.related.map(({ id }: { id: string }) => id));
    }
  });

  it.each([
    ["text/plain", "q=some+text&k=5", 415],
    ["application/x-www-form-urlencoded", "k=5", 400],
    ["application/x-www-form-urlencoded", "q=some+text&k=0", 400],
    ["application/x-www-form-urlencoded", "q=a&q=b", 400],
    ["application/x-www-form-urlencoded", `q=${"%CE%B7".repeat(20_000)}`, 413],
  ])("a form download sent as %s with %#-th body is a JSON %i", async (type, body, status) => {
    const response = await rawRequest(base, "/api/related/papers.bib", {
      method: "POST",
      headers: { "content-type": type },
      body,
    });
    expect(response.status).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["content-disposition"]).toBeUndefined();
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

describe("filtered downloads: the same papers as the filtered JSON list, page after page", () => {
  let server: TestServer;
  let base: string;
  let store: TopicStore;

  beforeAll(async () => {
    store = await buildStore(await facetedSeed());
    server = await serveStore(store);
    base = server.url;
  });
  afterAll(async () => {
    expect(server.logged).toEqual([]);
    await server?.close();
  });

  /** Every id of a JSON list, through pages of 7 (so that paging is crossed), and its total. */
  async function listIds(path: string, key: "papers" | "results"): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = await fetchJson(base, `${path}${path.includes("?") ? "&" : "?"}limit=7&offset=${offset}`);
      expect(page.status, page.text).toBe(200);
      ids.push(...page.body[key].map(({ id }: { id: string }) => id));
      if (ids.length >= page.body.total) return ids;
    }
  }

  const FILTERS = ["category=cs.CL", "category=cs.AI&author=Author%202", "venue=NeurIPS", "author=Nobody"];

  it.each(FILTERS)(
    "%s: each cluster's download (CSV, RIS) and subgraph (GEXF, GraphML) = its filtered list",
    async (filter) => {
      let kept = 0;
      for (const { id } of store.clusterIndex.clusters) {
        const listed = await listIds(`/api/clusters/${id}?${filter}`, "papers");
        kept += listed.length;
        for (const extension of ["csv", "ris"]) {
          const path = `/api/clusters/${id}/papers.${extension}?${filter}`;
          expect(await downloadIds(base, path, extension)).toEqual(listed);
        }
        for (const path of [`export.gexf?cluster=${id}&${filter}`, `export.graphml?cluster=${id}&${filter}`]) {
          const graph = await rawRequest(base, `/api/${path}`);
          expect(graph.status).toBe(200);
          const nodes = [...graph.text.matchAll(/<node id="([^"]*)"/g)].map((match) => match[1]);
          expect(nodes.sort()).toEqual([...listed].sort());
        }
      }
      if (filter !== "author=Nobody") expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(store.papers.length);
    },
  );

  it.each(FILTERS)("%s: a search's and a topic's downloads = their filtered lists", async (filter) => {
    const search = await listIds(`/api/search?q=model&${filter}`, "results");
    expect(await downloadIds(base, `/api/search/papers.ris?q=model&${filter}`, "ris")).toEqual(search);
    const all = await listIds("/api/search?q=model", "results");
    expect(search.length).toBeLessThan(all.length);
    const [topic] = (await fetchJson(base, "/api/topics?limit=1")).body.topics;
    const term = encodeURIComponent(topic.term);
    const onTopic = await listIds(`/api/topics/${term}/papers?${filter}`, "papers");
    expect(await downloadIds(base, `/api/topics/${term}/papers.csv?${filter}`, "csv")).toEqual(onTopic);
    expect(onTopic.length).toBeLessThan(topic.papers);
  });

  it("a filtered download is named for its filters", async () => {
    const response = await rawRequest(base, "/api/search/papers.bib?q=model&category=cs.CL&author=Author%202");
    expect(response.headers["content-disposition"]).toBe(
      "attachment; filename=topicgraph-search-model-category-cs-cl-author-author-2.bib",
    );
  });

  it.each([
    ["/api/clusters/0/papers.csv?category=", 400],
    ["/api/search/papers.ris?q=model&venue=" + "x".repeat(501), 400],
    ["/api/topics/model/papers.bib?author=a&author=b", 400],
  ])("%s is a JSON %i, as the list would answer", async (path, status) => {
    const response = await rawRequest(base, path);
    expect(response.status).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
  });
});

describe("a cluster's subgraph as GEXF and GraphML", () => {
  const canRunNetworkx = canRun(
    "reading the selection's GEXF and GraphML with networkx",
    hasPythonModule("networkx"),
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
