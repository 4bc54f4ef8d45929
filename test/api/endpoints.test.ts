// Every endpoint on the seed corpus, over a real loopback port: status, shape (checked against the served OpenAPI
// document), the `build` field, and the behaviour each endpoint promises.

import { gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TopicStore } from "../../server/query/index.js";
import { rowOf } from "../../server/text/sparse.js";
import {
  buildStore,
  BUILT_AT,
  containsTerm,
  fetchJson,
  graphOf,
  OpenApiChecker,
  paperPath,
  papersOf,
  rawRequest,
  SEED,
  serveStore,
  type TestServer,
} from "./helpers.js";

let store: TopicStore;
let server: TestServer;
let openapi: OpenApiChecker;
let base: string;

beforeAll(async () => {
  // NOTE: 8 LSA dimensions, so that the seed (74 papers) exercises the blended similarity (64 need 128 papers).
  store = await buildStore(SEED, { lsaDimensions: 8 });
  server = await serveStore(store);
  base = server.url;
  openapi = new OpenApiChecker((await fetchJson(base, "/api/openapi.json")).body);
});

afterAll(async () => {
  await server?.close();
});

const firstId = () => papersOf(store)[0].id;

async function getChecked(template: string, path: string, init?: RequestInit) {
  const response = await fetchJson(base, path, init);
  expect(response.status, response.text).toBe(200);
  openapi.check(init?.method ?? "GET", template, 200, response.body);
  return response;
}

describe("build field", () => {
  it("names the corpus hash and every build option a response depends on", async () => {
    const { body } = await getChecked("/api/health", "/api/health");
    expect(body.build).toEqual({
      corpusHash: graphOf(store).getAttribute("corpusHash"),
      papers: 74,
      k: store.build.options.k,
      minSimilarity: 0.1,
      resolution: 1,
      seed: 42,
      lsaDimensions: 8,
      builtAt: BUILT_AT.toISOString(),
    });
  });

  it.each([
    ["/api/graph"],
    ["/api/clusters"],
    ["/api/clusters/0"],
    ["/api/search?q=quantization"],
    ["/api/topics"],
    ["/api/related?q=quantization"],
    ["/api/overview"],
    ["/api/clusters/0/graph"],
  ])("is in %s", async (path) => {
    const { body } = await fetchJson(base, path);
    expect(body.build.corpusHash).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("GET /api/health", () => {
  it("reports papers, clusters and build time", async () => {
    const { body } = await getChecked("/api/health", "/api/health");
    expect(body).toMatchObject({
      status: "ok",
      papers: 74,
      clusters: store.clusterIndex.clusters.length,
      buildMs: 13,
      largeMapFrom: 40_000,
    });
  });
});

describe("GET /api/graph", () => {
  it("gives every node and link, edges as indices into nodes", async () => {
    const { body } = await getChecked("/api/graph", "/api/graph");
    expect(body.nodes).toHaveLength(74);
    expect(body.edges).toHaveLength(graphOf(store).size);
    expect(body.nodes.map((n: { id: string }) => n.id)).toEqual(papersOf(store).map((p) => p.id));
    for (const [s, t, w] of body.edges) {
      expect(graphOf(store).hasEdge(body.nodes[s].id, body.nodes[t].id)).toBe(true);
      expect(w).toBeGreaterThan(0);
    }
    expect(body.clusters).toHaveLength(store.clusterIndex.clusters.length);
  });

  it("gives the links' weights at the 0th to 100th percentile, for a slider's scale", async () => {
    const { body } = await getChecked("/api/graph", "/api/graph");
    const weights = body.edges.map((edge: number[]) => edge[2]).sort((a: number, b: number) => a - b);
    expect(body.linkWeights).toHaveLength(101);
    expect(body.linkWeights[0]).toBe(weights[0]);
    expect(body.linkWeights[100]).toBe(weights[weights.length - 1]);
    expect(body.linkWeights[50]).toBe(weights[Math.round((weights.length - 1) / 2)]);
    expect(body.linkWeights).toEqual([...body.linkWeights].sort((a, b) => a - b));
    expect((await getChecked("/api/overview", "/api/overview")).body.linkWeights).toEqual(body.linkWeights);
  });

  it("gives each node its confidence and subcluster as the build set them, coloured by its cluster", async () => {
    const { body } = await getChecked("/api/graph", "/api/graph");
    const graph = graphOf(store);
    for (const node of body.nodes) {
      const attributes = graph.getNodeAttributes(node.id);
      expect(node).toEqual({
        id: node.id,
        title: attributes.label,
        cluster: attributes.cluster,
        x: attributes.x,
        y: attributes.y,
        size: attributes.size,
        color: attributes.color,
        confidence: attributes.confidence,
        subcluster: attributes.subcluster,
        // The seed's papers have no date.
        bucket: -1,
      });
    }
  });

  it("sends gzip when accepted, with an ETag that answers 304", async () => {
    const zipped = await rawRequest(base, "/api/graph", { headers: { "accept-encoding": "gzip" } });
    const etag = zipped.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
    const plain = await rawRequest(base, "/api/graph", { headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.etag).toBe(etag);
    expect(gunzipSync(zipped.body).toString("utf8")).toBe(plain.text);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    const again = await rawRequest(base, "/api/graph", {
      headers: { "if-none-match": etag, "accept-encoding": "gzip" },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
  });
});

describe("GET /api/clusters and /api/clusters/:id", () => {
  it("lists clusters with labels, topics, sizes and centres", async () => {
    const { body } = await getChecked("/api/clusters", "/api/clusters");
    const sizes = body.clusters.reduce((sum: number, c: { size: number }) => sum + c.size, 0);
    expect(sizes).toBe(74);
    expect(body.clusters.map((c: { id: number }) => c.id)).toEqual(body.clusters.map((_: unknown, i: number) => i));
  });

  it("gives each cluster a disc covering its papers, its stability, nearest cluster and subclusters", async () => {
    const { body } = await getChecked("/api/clusters", "/api/clusters");
    const graph = graphOf(store);
    const summaries = graph.getAttribute("clusters");
    for (const cluster of body.clusters) {
      const summary = summaries[cluster.id];
      expect(cluster.stability).toBe(summary.stability);
      expect(cluster.nearest).toEqual(
        summary.nearest >= 0 ? { id: summary.nearest, label: summaries[summary.nearest].label } : null,
      );
      expect(cluster.topics).toEqual(summary.topics);
      expect(cluster.subclusters).toEqual(summary.subclusters);
      let farthest = 0;
      graph.forEachNode((_id, a) => {
        if (a.cluster !== cluster.id) return;
        farthest = Math.max(farthest, Math.hypot(a.x - cluster.x, a.y - cluster.y) + a.size);
      });
      expect(cluster.radius).toBeGreaterThanOrEqual(farthest);
      expect(cluster.radius).toBeLessThan(farthest + 0.011);
    }
    expect(body.clusters.some((c: { nearest: unknown }) => c.nearest !== null)).toBe(true);
    const shares = body.clusters.flatMap((c: { topics: { nearestShare?: number }[] }) => c.topics);
    expect(shares.some((t: { nearestShare?: number }) => t.nearestShare !== undefined)).toBe(true);
  });

  it("gives each paper of a page its confidence and subcluster", async () => {
    const { body } = await getChecked("/api/clusters/{id}", "/api/clusters/0?limit=1000");
    expect(body.subcluster).toBeNull();
    for (const p of body.papers) {
      expect(p.confidence).toBe(graphOf(store).getNodeAttribute(p.id, "confidence"));
      expect(p.subcluster).toBe(graphOf(store).getNodeAttribute(p.id, "subcluster"));
    }
  });

  it("gives a cluster's papers most central first, paged with limit and offset", async () => {
    const cluster = store.clusterIndex.clusters.reduce((a, b) => (b.size > a.size ? b : a));
    const all = (await getChecked("/api/clusters/{id}", `/api/clusters/${cluster.id}?limit=1000`)).body;
    expect(all.total).toBe(cluster.size);
    expect(all.papers).toHaveLength(cluster.size);
    const centrality = all.papers.map((p: { centrality: number }) => p.centrality);
    expect(centrality).toEqual([...centrality].sort((a, b) => b - a));
    for (const p of all.papers) expect(p.cluster).toBe(cluster.id);
    const page = (await getChecked("/api/clusters/{id}", `/api/clusters/${cluster.id}?limit=2&offset=1`)).body;
    expect(page).toMatchObject({ limit: 2, offset: 1, total: cluster.size });
    expect(page.papers).toEqual(all.papers.slice(1, 3));
    const past = (await getChecked("/api/clusters/{id}", `/api/clusters/${cluster.id}?offset=1000`)).body;
    expect(past.papers).toEqual([]);
  });
});

describe("GET /api/papers/:id", () => {
  it("gives the abstract, cluster and label, top topics with weights and optional fields", async () => {
    const paper = papersOf(store)[0];
    const { body } = await getChecked("/api/papers/{id}", paperPath(paper.id));
    expect(body.paper).toMatchObject({ id: paper.id, title: paper.title, abstract: paper.abstract });
    expect(body.paper.clusterLabel).toBe(store.clusterIndex.clusters[body.paper.cluster].label);
    expect(body.paper.topics.map((t: { term: string }) => t.term)).toEqual(
      graphOf(store).getNodeAttribute(paper.id, "topics"),
    );
    const weights = body.paper.topics.map((t: { weight: number }) => t.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    for (const weight of weights) expect(weight).toBeGreaterThan(0);
    expect(body.paper.confidence).toBe(graphOf(store).getNodeAttribute(paper.id, "confidence"));
    expect(body.paper.subcluster).toBeNull();
  });
});

describe("GET /api/overview", () => {
  it("and /api/clusters are kept: the same bytes each time, an ETag that answers 304", async () => {
    for (const path of ["/api/overview", "/api/clusters"]) {
      const first = await rawRequest(base, path);
      const plain = await rawRequest(base, path);
      expect(plain.text).toBe(first.text);
      const again = await rawRequest(base, path, { headers: { "if-none-match": plain.headers.etag as string } });
      expect(again.status).toBe(304);
    }
  });

  it("gives every cluster as a disc and the total link weight between each pair of clusters", async () => {
    const { body } = await getChecked("/api/overview", "/api/overview");
    const clusters = (await fetchJson(base, "/api/clusters")).body.clusters;
    expect(body.papers).toBe(74);
    expect(body.clusters).toEqual(clusters);
    const expected = new Map<string, number>();
    const graph = graphOf(store);
    graph.forEachEdge((_e, attributes, source, target) => {
      const a = graph.getNodeAttribute(source, "cluster");
      const b = graph.getNodeAttribute(target, "cluster");
      if (a === b) return;
      const key = `${Math.min(a, b)},${Math.max(a, b)}`;
      expected.set(key, (expected.get(key) ?? 0) + attributes.weight);
    });
    expect(body.links).toHaveLength(expected.size);
    for (const [a, b, weight] of body.links) {
      expect(a).toBeLessThan(b);
      expect(weight).toBeCloseTo(expected.get(`${a},${b}`)!, 4);
    }
    const keys = body.links.map(([a, b]: number[]) => a * 1000 + b);
    expect(keys).toEqual([...keys].sort((x, y) => x - y));
  });
});

describe("GET /api/clusters/:id/graph", () => {
  it("gives a cluster's papers as map nodes and exactly the links among them", async () => {
    const graph = graphOf(store);
    const all = (await fetchJson(base, "/api/graph")).body;
    let links = 0;
    for (const cluster of store.clusterIndex.clusters) {
      const { body } = await getChecked("/api/clusters/{id}/graph", `/api/clusters/${cluster.id}/graph`);
      expect(body.cluster).toEqual(cluster);
      const expectedNodes = all.nodes.filter((n: { cluster: number }) => n.cluster === cluster.id);
      expect(body.nodes).toEqual(expectedNodes);
      const inside = new Set<string>();
      graph.forEachEdge((e, _a, source, target) => {
        const c = graph.getNodeAttribute(source, "cluster");
        if (c === cluster.id && graph.getNodeAttribute(target, "cluster") === c) inside.add(e);
      });
      expect(body.edges).toHaveLength(inside.size);
      for (const [s, t, w] of body.edges) {
        expect(graph.getEdgeAttribute(body.nodes[s].id, body.nodes[t].id, "weight")).toBe(w);
      }
      links += body.edges.length;
    }
    expect(links).toBeGreaterThan(0);
  });

  it("is kept per cluster, with an ETag that answers 304", async () => {
    const first = await rawRequest(base, "/api/clusters/0/graph");
    const etag = first.headers.etag as string;
    const again = await rawRequest(base, "/api/clusters/0/graph", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const stale = await rawRequest(base, "/api/clusters/0/graph", { headers: { "if-none-match": 'W/"stale"' } });
    expect(stale.text).toBe(first.text);
  });
});

describe("GET /api/papers/:id/related", () => {
  it("gives k related papers, best first, each with a score and the shared topics that make it related", async () => {
    const { body } = await getChecked("/api/papers/{id}/related", paperPath(firstId(), "/related?k=7"));
    expect(body.paper.id).toBe(firstId());
    expect(body.related).toHaveLength(7);
    const scores = body.related.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const r of body.related) {
      expect(r.id).not.toBe(firstId());
      expect(r.sharedTopics.length).toBeGreaterThan(0);
      for (const t of r.sharedTopics) expect(t.weight).toBeGreaterThan(0);
    }
  });

  it("defaults to 10 and is the slice of the build's ranked list", async () => {
    const { body } = await getChecked("/api/papers/{id}/related", paperPath(firstId(), "/related"));
    const { related } = store.build;
    const expected = Array.from(related.indices.subarray(0, 10)).map((row) => papersOf(store)[row].id);
    expect(body.related.map((r: { id: string }) => r.id)).toEqual(expected);
  });

  it("k=100 gives at most the papers there are", async () => {
    const { body } = await getChecked("/api/papers/{id}/related", paperPath(firstId(), "/related?k=100"));
    expect(body.related.length).toBeLessThanOrEqual(73);
    expect(body.related.length).toBeGreaterThan(10);
  });
});

describe("GET and POST /api/related", () => {
  const text = "Quantization of large language models to low-precision floating point formats";

  it("folds free text into the same space: related papers with scores, shared topics and a cluster", async () => {
    const { body } = await getChecked("/api/related", `/api/related?q=${encodeURIComponent(text)}&k=5`);
    expect(body.related).toHaveLength(5);
    expect(body.related[0].sharedTopics.length).toBeGreaterThan(0);
    expect(body.cluster).not.toBeNull();
    expect(body.cluster.label).toBe(store.clusterIndex.clusters[body.cluster.id].label);
    expect(body.cluster.score).toBeGreaterThan(0);
    expect(body.cluster.score).toBeLessThanOrEqual(1);
  });

  it("POST gives the same answer as GET", async () => {
    const get = await fetchJson(base, `/api/related?q=${encodeURIComponent(text)}&k=5`);
    const post = await getChecked("/api/related", "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, k: 5 }),
    });
    expect(post.body).toEqual(get.body);
  });

  it("a paper's own abstract finds the paper first", async () => {
    const paper = papersOf(store)[5];
    const { body } = await getChecked("/api/related", "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ text: `${paper.title}. ${paper.abstract}` }),
    });
    expect(body.related).toHaveLength(10);
    expect(body.related[0].id).toBe(paper.id);
    expect(body.cluster.id).toBe(store.build.membership[5]);
  });

  it("a text with no known word relates to nothing, with a null cluster", async () => {
    const { body } = await getChecked("/api/related", "/api/related?q=zzzqqq%20xxyyzz");
    expect(body).toMatchObject({ cluster: null, related: [] });
  });
});

describe("GET /api/search", () => {
  it("finds papers by words, title matches first, and suggests topics", async () => {
    const { body } = await getChecked("/api/search", "/api/search?q=quantization&limit=50");
    expect(body.query).toBe("quantization");
    expect(body.results.length).toBeGreaterThan(2);
    const kinds = body.results.map((r: { matchedIn: string }) => r.matchedIn);
    expect(kinds.indexOf("abstract") === -1 || kinds.lastIndexOf("title") < kinds.indexOf("abstract")).toBe(true);
    for (const r of body.results) {
      const paper = papersOf(store)[store.paperIndex.rows.get(r.id)!];
      const where = r.matchedIn === "title" ? paper.title : `${paper.title} ${paper.abstract}`;
      expect(where.toLowerCase()).toContain("quantiz");
    }
    expect(body.topics.some((t: { term: string }) => t.term.toLowerCase().includes("quantization"))).toBe(true);
  });

  it("needs every word and honours limit", async () => {
    const { body } = await getChecked("/api/search", "/api/search?q=quantization%20floating&limit=2");
    expect(body.results.length).toBeLessThanOrEqual(2);
    for (const r of body.results) {
      const paper = papersOf(store)[store.paperIndex.rows.get(r.id)!];
      const text = `${paper.title} ${paper.abstract}`.toLowerCase();
      expect(text).toContain("quantiz");
      expect(text).toContain("floating");
    }
  });

  it("answers an unmatched query with empty lists", async () => {
    const { body } = await getChecked("/api/search", "/api/search?q=zzzqqq");
    expect(body).toMatchObject({ total: 0, offset: 0, limit: 20, results: [], topics: [] });
  });

  it("pages through every match: total, then the pages at offset in order", async () => {
    const all = (await getChecked("/api/search", "/api/search?q=model&limit=100")).body;
    expect(all.total).toBe(all.results.length);
    expect(all.total).toBeGreaterThan(6);
    const ids: string[] = [];
    for (let offset = 0; offset < all.total; offset += 3) {
      const { body } = await getChecked("/api/search", `/api/search?q=model&limit=3&offset=${offset}`);
      expect(body).toMatchObject({ total: all.total, limit: 3, offset });
      ids.push(...body.results.map((r: { id: string }) => r.id));
    }
    expect(ids).toEqual(all.results.map((r: { id: string }) => r.id));
    const past = (await getChecked("/api/search", `/api/search?q=model&offset=${all.total}`)).body;
    expect(past).toMatchObject({ total: all.total, results: [] });
  });
});

describe("GET /api/topics", () => {
  it("lists main topics, most common among the papers' top topics first, with the papers that contain each", async () => {
    const { body } = await getChecked("/api/topics", "/api/topics?limit=5");
    expect(body.topics).toHaveLength(5);
    // A paper carries a topic among its top topics as it writes it: the table of columns says which column each is.
    const { width, columns } = store.paperTopics;
    const carrying = (term: string) => {
      const column = store.build.model.terms.indexOf(term);
      return papersOf(store).filter((_, row) => columns.subarray(row * width, (row + 1) * width).includes(column))
        .length;
    };
    const carried = body.topics.map((t: { term: string }) => carrying(t.term));
    expect(carried).toEqual([...carried].sort((a, b) => b - a));
    for (const { term, papers } of body.topics) {
      expect(papers).toBe(papersOf(store).filter((p) => containsTerm(p, term)).length);
      expect(papers).toBeGreaterThanOrEqual(carrying(term));
    }
  });
});

describe("GET /api/topics/:term/papers", () => {
  // NOTE: every topic of the seed against every paper: over a minute on a loaded two-core machine.
  it("gives every paper whose title or abstract contains the topic, heaviest first", { timeout: 300_000 }, async () => {
    const { model } = store.build;
    const { topics } = (await fetchJson(base, "/api/topics?limit=10000")).body;
    for (const { term, papers } of topics) {
      const path = `/api/topics/${encodeURIComponent(term)}/papers?limit=1000`;
      const { body } = await getChecked("/api/topics/{term}/papers", path);
      expect(body).toMatchObject({ term, total: papers, limit: 1000, offset: 0 });
      const expected = papersOf(store).filter((p) => containsTerm(p, term));
      expect(body.papers.map((p: { id: string }) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
      const column = model.terms.indexOf(term);
      const weights = body.papers.map((p: { id: string }) => {
        const row = rowOf(model.matrix, store.paperIndex.rows.get(p.id)!);
        return row.values[row.indices.indexOf(column)];
      });
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    }
  });

  it("reads a topic written another way (case, inflection) as the same topic, and 404s a term it does not have", async () => {
    const { topics } = (await fetchJson(base, "/api/topics?limit=10000")).body;
    const { term } = topics.find((t: { term: string }) => /^[a-z]+ [a-z]+s$/.test(t.term));
    const other = term.replace(/s$/, "").toUpperCase();
    const { body } = await getChecked("/api/topics/{term}/papers", `/api/topics/${encodeURIComponent(other)}/papers`);
    expect(body.term).toBe(term);
    expect((await rawRequest(base, "/api/topics/zzzqqq%20xyz/papers")).status).toBe(404);
  });

  it("pages with limit and offset", async () => {
    const { topics } = (await fetchJson(base, "/api/topics?limit=1")).body;
    const term = encodeURIComponent(topics[0].term);
    const all = (await getChecked("/api/topics/{term}/papers", `/api/topics/${term}/papers`)).body;
    expect(all.limit).toBe(50);
    const page = (await getChecked("/api/topics/{term}/papers", `/api/topics/${term}/papers?limit=1&offset=1`)).body;
    expect(page.papers).toEqual(all.papers.slice(1, 2));
    const past = (await getChecked("/api/topics/{term}/papers", `/api/topics/${term}/papers?offset=1000`)).body;
    expect(past).toMatchObject({ papers: [], total: all.total });
  });
});

describe("GET /api/openapi.json", () => {
  it("is OpenAPI 3.1 and describes every endpoint", async () => {
    const { body } = await fetchJson(base, "/api/openapi.json");
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        "/api/health",
        "/api/graph",
        "/api/clusters",
        "/api/clusters/{id}",
        "/api/clusters/{id}/graph",
        "/api/overview",
        "/api/topics/{term}/papers",
        "/api/papers",
        "/api/papers/{id}",
        "/api/papers/{id}/related",
        "/api/trends",
        "/api/facets",
        "/api/related",
        "/api/search",
        "/api/topics",
        "/api/export.gexf",
        "/api/export.graphml",
        "/api/export.json",
        "/api/openapi.json",
        "/api/rebuild",
        "/api/builds/current",
        "/api/builds/{id}",
        ...["csv", "bib", "ris"].flatMap((extension) =>
          ["/api/clusters/{id}/papers", "/api/topics/{term}/papers", "/api/search/papers", "/api/related/papers"].map(
            (list) => `${list}.${extension}`,
          ),
        ),
      ].sort(),
    );
  });
});

describe("the client", () => {
  it("answers / with a small HTML page when the client is not built", async () => {
    const response = await fetch(new URL("/", base));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("npm run build");
  });
});

it("logged no server error", () => {
  expect(server.logged).toEqual([]);
});
