// A corpus of hostile text (test/fixtures/api/hostile.jsonl): markup, quotes, control characters, RTL marks, emoji,
// and ids with spaces, slashes, quotes, `?`, `#`, `%` and non-ASCII characters. Every id works percent-encoded, and
// text stays text: JSON escapes `<`, `>` and `&`, the GEXF escapes markup.

import Graph from "graphology";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toGexf } from "../../server/graph/export-gexf.js";
import type { TopicStore } from "../../server/query/index.js";
import {
  buildStore,
  fetchJson,
  graphOf,
  HOSTILE,
  OpenApiChecker,
  paperPath,
  papersOf,
  serveStore,
  type TestServer,
} from "./helpers.js";

let store: TopicStore;
let server: TestServer;
let openapi: OpenApiChecker;
let base: string;

beforeAll(async () => {
  store = await buildStore(HOSTILE);
  server = await serveStore(store);
  base = server.url;
  openapi = new OpenApiChecker((await fetchJson(base, "/api/openapi.json")).body);
});

afterAll(async () => {
  await server?.close();
});

describe("ids with spaces, slashes, quotes and non-ASCII characters", () => {
  it("the fixture holds the ids it is meant to test", () => {
    const ids = papersOf(store).map((p) => p.id);
    for (const id of [
      "with space",
      "slash/inside/id",
      "ünïcödé-ид",
      "emoji 🚀 id",
      "a/../b",
      "日本語の論文",
      "quote\"id'",
    ]) {
      expect(ids).toContain(id);
    }
    expect(ids).toContain("question?mark#hash");
    expect(ids).toContain("percent%20literal");
    expect(ids).toContain("<script>alert(1)</script>");
  });

  it("every paper is found by its percent-encoded id", async () => {
    for (const paper of papersOf(store)) {
      const response = await fetchJson(base, paperPath(paper.id));
      expect(response.status, paper.id).toBe(200);
      expect(response.body.paper.id).toBe(paper.id);
      expect(response.body.paper.title).toBe(paper.title);
      for (const topic of response.body.paper.topics) expect(topic.weight).toBeGreaterThan(0);
      openapi.check("GET", "/api/papers/{id}", 200, response.body);
    }
  });

  it("every paper's related papers are found by its percent-encoded id", async () => {
    for (const paper of papersOf(store)) {
      const response = await fetchJson(base, paperPath(paper.id, "/related?k=3"));
      expect(response.status, paper.id).toBe(200);
      expect(response.body.paper.id).toBe(paper.id);
      openapi.check("GET", "/api/papers/{id}/related", 200, response.body);
    }
  });

  it("an id with a literal %20 is not confused with one with a space", async () => {
    expect((await fetchJson(base, paperPath("percent%20literal"))).body.paper.id).toBe("percent%20literal");
    expect((await fetchJson(base, paperPath("percent literal"))).status).toBe(404);
  });
});

describe("the new views of hostile text", () => {
  it("every topic, whatever its characters, lists its papers by its percent-encoded term", async () => {
    const { topics } = (await fetchJson(base, "/api/topics?limit=10000")).body;
    expect(topics.length).toBeGreaterThan(5);
    for (const { term, papers } of topics) {
      const response = await fetchJson(base, `/api/topics/${encodeURIComponent(term)}/papers?limit=1000`);
      expect(response.status, term).toBe(200);
      expect(response.body.term).toBe(term);
      expect(response.body.papers).toHaveLength(papers);
      openapi.check("GET", "/api/topics/{term}/papers", 200, response.body);
    }
  });

  it("a cluster's graph holds its hostile ids and titles escaped, exact once parsed", async () => {
    const id = "<script>alert(1)</script>";
    const cluster = graphOf(store).getNodeAttribute(id, "cluster");
    const response = await fetchJson(base, `/api/clusters/${cluster}/graph`);
    expect(response.status).toBe(200);
    expect(response.text).not.toContain("<script>");
    expect(response.body.nodes.map((n: { id: string }) => n.id)).toContain(id);
    openapi.check("GET", "/api/clusters/{id}/graph", 200, response.body);
    const graph = await fetchJson(base, "/api/graph");
    expect(graph.text).not.toContain("<script>");
  });

  it("the overview covers every cluster, with no links when the clusters share none", async () => {
    const response = await fetchJson(base, "/api/overview");
    expect(response.status).toBe(200);
    openapi.check("GET", "/api/overview", 200, response.body);
    expect(response.body.clusters.reduce((sum: number, c: { size: number }) => sum + c.size, 0)).toBe(
      papersOf(store).length,
    );
    for (const [a, b] of response.body.links) expect(a).toBeLessThan(b);
  });
});

describe("text stays text", () => {
  it("JSON bodies escape markup characters and keep the text exact", async () => {
    const id = "<script>alert(1)</script>";
    const response = await fetchJson(base, paperPath(id));
    expect(response.text).not.toContain("<script>");
    expect(response.text).toContain("\\u003cscript\\u003e");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.body.paper.id).toBe(id);
  });

  it("control characters were cleaned, RTL marks and emoji kept", async () => {
    const { body } = await fetchJson(base, "/api/graph");
    const titles: string[] = body.nodes.map((n: { title: string }) => n.title);
    for (const title of titles) expect(title).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(titles.some((t) => t.includes("🚀"))).toBe(true);
    expect(titles.some((t) => t.includes("\u2066isolated\u2069"))).toBe(true);
    openapi.check("GET", "/api/graph", 200, body);
  });

  it("optional fields with markup come back unchanged", async () => {
    const { body } = await fetchJson(base, paperPath("with space"));
    expect(body.paper.authors).toEqual(['Zoë "Z" O\'Neil', "<img src=x onerror=alert(1)>"]);
    expect(body.paper.url).toBe("https://example.org/a?x=1&y=<2>");
  });
});

describe("search and related text in any script", () => {
  it("finds words with accents folded and non-Latin words", async () => {
    const uber = await fetchJson(base, "/api/search?q=uber");
    expect(uber.body.results.map((r: { id: string }) => r.id)).toContain("ünïcödé-ид");
    const japanese = await fetchJson(base, `/api/search?q=${encodeURIComponent("量子")}`);
    expect(japanese.body.results.map((r: { id: string }) => r.id)).toEqual(["日本語の論文"]);
    openapi.check("GET", "/api/search", 200, japanese.body);
  });

  it("a query of emoji or markup only has no words and no results", async () => {
    for (const q of ["🚀🔥", "<>&\"'", "\u202e\u200f"]) {
      const response = await fetchJson(base, `/api/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual([]);
    }
  });

  it("relates a hostile text to the right group of papers", async () => {
    const text = "<script>alert(1)</script> surface codes \u202e for quantum error correction 🚀 of logical qubits";
    const response = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, k: 3 }),
    });
    expect(response.status).toBe(200);
    openapi.check("POST", "/api/related", 200, response.body);
    const quantum = ["日本語の論文", "quote\"id'", "percent%20literal", "question?mark#hash", "plus+sign&amp;"];
    for (const r of response.body.related) expect(quantum).toContain(r.id);
  });
});

describe("exports of hostile text", () => {
  it("the GEXF is the writer's escaped output", async () => {
    const response = await fetch(new URL("/api/export.gexf", base));
    const text = await response.text();
    expect(text).toBe(toGexf(graphOf(store), { version: "1.3" }));
    expect(text).not.toContain("<script>");
    expect(text).toContain("&lt;script&gt;");
  });

  it("the graphology JSON imports back into an equal graph", async () => {
    const { body } = await fetchJson(base, "/api/export.json");
    const graph = Graph.from(body);
    expect(graph.order).toBe(graphOf(store).order);
    expect(graph.size).toBe(graphOf(store).size);
    for (const paper of papersOf(store)) expect(graph.getNodeAttribute(paper.id, "label")).toBe(paper.title);
  });
});

it("logged no server error", () => {
  expect(server.logged).toEqual([]);
});
