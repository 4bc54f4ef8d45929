// Serving from the build cache: loadBuild a second time gives a store without a graphology graph that answers every
// endpoint as the fresh build's store did; its search index, paper topic table and papers come from the entry, found
// by the corpus file's fingerprint without reading it; its exports are written once into the entry as gzip files and
// read from there, the same bytes as the writers give for the fresh graph.

import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toGexf } from "../../server/graph/export-gexf.js";
import { toGraphJson } from "../../server/graph/export-json.js";
import type { TopicGraph } from "../../server/graph/types.js";
import { loadBuild, type LoadedBuild } from "../../server/load-build.js";
import { createStore, type TopicStore } from "../../server/query/index.js";
import { buildPaperTopicTable } from "../../server/query/paper-detail.js";
import { searchIndexParts } from "../../server/query/search-index.js";
import { fetchJson, paperPath, rawRequest, SEED, serveStore, type TestServer } from "../api/helpers.js";

const BUILT_AT = new Date("2026-03-04T05:06:07Z");

function storeOf(loaded: LoadedBuild): TopicStore {
  return createStore(loaded.build, {
    papers: loaded.papers,
    builtAt: BUILT_AT,
    buildMs: 0,
    searchIndex: loaded.searchIndex,
  });
}

let directory = "";
let fresh: LoadedBuild;
let cached: LoadedBuild;
let graph: TopicGraph;
let freshServer: TestServer;
let cachedServer: TestServer;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "topicgraph-served-test-"));
  const options = { corpus: SEED, pipeline: { lsaDimensions: 8 }, cacheDir: directory };
  fresh = await loadBuild(options);
  graph = (await fresh.build.exports.graph()) as TopicGraph;
  freshServer = await serveStore(storeOf(fresh));
  await fresh.persist();
  cached = await loadBuild(options);
  cachedServer = await serveStore(storeOf(cached));
});

afterAll(async () => {
  await freshServer?.close();
  await cachedServer?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe("a build loaded from the cache", () => {
  it("is a hit, with no graphology graph, its search index and the steps it took", () => {
    expect(fresh.cached).toBe(false);
    expect(cached.cached).toBe(true);
    expect("graph" in cached.build).toBe(false);
    expect(Object.keys(cached.steps)).toEqual(["meta", "arrays", "decode", "lists", "search", "check"]);
    expect(cached.build.paperTopics).toEqual(buildPaperTopicTable(fresh.build.model, fresh.build.columns));
    const [stored, built] = [cached.searchIndex, fresh.searchIndex].map(searchIndexParts);
    expect(stored.keys).toEqual(built.keys);
    expect(stored.groups).toEqual(built.groups);
    for (const name of [
      "groupptr",
      "keyptr",
      "postingRows",
      "posptr",
      "positions",
      "titleLength",
      "abstractLength",
    ] as const) {
      expect(Array.from(stored[name])).toEqual(Array.from(built[name]));
    }
  });

  it("is found by the corpus file's fingerprint, with the papers and the corpus report saved in the entry", () => {
    expect(fresh.corpusRead).toBe(true);
    expect(cached.corpusRead).toBe(false);
    expect(cached.corpus).toEqual(fresh.corpus);
    expect(cached.papers.ids).toEqual(fresh.papers.ids);
    for (let row = 0; row < fresh.papers.length; row++)
      expect(cached.papers.paper(row)).toEqual(fresh.papers.paper(row));
    expect(readdirSync(directory).filter((name) => name.startsWith("source-"))).toHaveLength(1);
  });

  it("is found by the papers' content when the file moved, and by the file's fingerprint after that", async () => {
    const moved = join(directory, "moved.jsonl");
    copyFileSync(SEED, moved);
    const options = { corpus: moved, pipeline: { lsaDimensions: 8 }, cacheDir: directory };
    const first = await loadBuild(options);
    expect([first.cached, first.corpusRead]).toEqual([true, true]);
    expect(Object.keys(first.steps)).toEqual(["key", "meta", "arrays", "decode", "lists", "check", "search"]);
    const second = await loadBuild(options);
    expect([second.cached, second.corpusRead]).toEqual([true, false]);
    expect(second.build.exports.directory()).toBe(cached.build.exports.directory());
  });

  it("is not taken for a changed file, nor for other options", async () => {
    const changed = join(directory, "changed.jsonl");
    const lines = readFileSync(SEED, "utf8").split("\n");
    const paper = JSON.parse(lines[0]) as { title: string };
    lines[0] = JSON.stringify({ ...paper, title: `${paper.title} revisited` });
    writeFileSync(changed, lines.join("\n"));
    const edited = await loadBuild({ corpus: changed, pipeline: { lsaDimensions: 8 }, cacheDir: directory });
    expect([edited.cached, edited.corpusRead]).toEqual([false, true]);
    expect(edited.papers.title(0)).toBe(`${paper.title} revisited`);
    const other = await loadBuild({ corpus: SEED, pipeline: { lsaDimensions: 8, k: 7 }, cacheDir: directory });
    expect([other.cached, other.corpusRead]).toEqual([false, true]);
  });

  it("answers every endpoint as the fresh build did", async () => {
    const first = fresh.papers.ids[0];
    const topic = (await fetchJson(freshServer.url, "/api/topics?limit=1")).body.topics[0].term;
    for (const path of [
      "/api/graph",
      "/api/overview",
      "/api/clusters",
      "/api/clusters/0?limit=1000",
      "/api/clusters/1/graph",
      paperPath(first),
      paperPath(first, "/related?k=20"),
      "/api/related?q=quantization%20of%20language%20models",
      "/api/search?q=quantiz",
      "/api/topics",
      `/api/topics/${encodeURIComponent(topic)}/papers`,
    ]) {
      const [a, b] = [await fetchJson(freshServer.url, path), await fetchJson(cachedServer.url, path)];
      expect(b.status, path).toBe(200);
      expect(b.text, path).toBe(a.text);
    }
  });
});

describe("exports of a cached build", () => {
  it("are written once into the entry as gzip files, the writers' bytes for the build's graph", async () => {
    const entry = join(
      directory,
      readdirSync(directory).find((name) => /^[0-9a-f]{32}$/.test(name))!,
    );
    const gexf = await rawRequest(cachedServer.url, "/api/export.gexf", { headers: { "accept-encoding": "gzip" } });
    expect(gexf.status).toBe(200);
    expect(gexf.headers["content-encoding"]).toBe("gzip");
    expect(Number(gexf.headers["content-length"])).toBe(gexf.body.length);
    expect(gunzipSync(gexf.body).toString("utf8")).toBe(toGexf(graph, { version: "1.3" }));
    expect(existsSync(join(entry, "export-gexf-1.3.gz"))).toBe(true);
    const plain = await rawRequest(cachedServer.url, "/api/export.gexf?version=1.2");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toBe(toGexf(graph, { version: "1.2" }));
    const json = await rawRequest(cachedServer.url, "/api/export.json");
    expect(json.text).toBe(toGraphJson(graph));
    expect(json.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(json.headers["access-control-allow-origin"]).toBe("*");
    expect(
      readdirSync(entry)
        .filter((name) => name.startsWith("export-"))
        .sort(),
    ).toEqual([
      "export-gexf-1.2.gz",
      "export-gexf-1.2.gz.sum",
      "export-gexf-1.3.gz",
      "export-gexf-1.3.gz.sum",
      "export-json.gz",
      "export-json.gz.sum",
    ]);
    expect(readdirSync(entry).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("answer HEAD with the headers only, and If-None-Match with a 304", async () => {
    const head = await rawRequest(cachedServer.url, "/api/export.json", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const etag = head.headers.etag as string;
    const again = await rawRequest(cachedServer.url, "/api/export.json", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("of the fresh build, once saved, come from the entry too", async () => {
    const response = await rawRequest(freshServer.url, "/api/export.gexf");
    expect(response.text).toBe(toGexf(graph, { version: "1.3" }));
    expect(fresh.build.exports.directory()).toBe(cached.build.exports.directory());
  });
});

describe("a selection's subgraph from a cached build", () => {
  it("is made from its papers' rows of the entry only, the same bytes as the whole graph's subgraph", async () => {
    const base = { papers: cached.papers, builtAt: BUILT_AT, buildMs: 0, searchIndex: cached.searchIndex };
    const whole = createStore(cached.build, { ...base, exports: { graph: () => graph, directory: () => null } });
    const asked: number[] = [];
    const partial = createStore(cached.build, {
      ...base,
      exports: {
        directory: () => null,
        graph: async (rows) => {
          const made = await cached.build.exports!.graph(rows);
          asked.push(made.order);
          return made;
        },
      },
    });
    const servers = [await serveStore(whole), await serveStore(partial)];
    try {
      const term = encodeURIComponent(whole.topicCounts.topics[0].term);
      const { clusters } = (await fetchJson(servers[0].url, "/api/clusters")).body;
      const split = clusters.find((cluster: { subclusters: unknown[] }) => cluster.subclusters.length > 0);
      const selections = [
        "cluster=0",
        ...(split === undefined ? [] : [`cluster=${split.id}&subcluster=${split.subclusters[0].id}`]),
        "search=model",
        `topic=${term}`,
        "related=graph%20neural%20networks&k=7",
        "search=zzqxvwk",
      ];
      for (const selection of selections) {
        for (const format of ["gexf", "graphml"]) {
          const path = `/api/export.${format}?${selection}`;
          const [expected, actual] = await Promise.all(servers.map((server) => rawRequest(server.url, path)));
          expect(actual.status, path).toBe(200);
          expect(actual.text, path).toBe(expected.text);
        }
      }
      // Each graph the entry made held no more than the selection's papers: never the whole map.
      expect(asked.length).toBe(selections.length * 2);
      expect(Math.max(...asked)).toBeLessThan(graph.order);
      expect(asked.at(-1)).toBe(0);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

describe("exports when the cache entry cannot be written", () => {
  it("are written from the graph as without an entry", async () => {
    const store = createStore(fresh.build, {
      papers: fresh.papers,
      builtAt: BUILT_AT,
      buildMs: 0,
      exports: { graph: () => graph, directory: () => join(directory, "no-such-entry") },
    });
    const server = await serveStore(store);
    try {
      expect((await rawRequest(server.url, "/api/export.gexf")).text).toBe(toGexf(graph, { version: "1.3" }));
      expect((await rawRequest(server.url, "/api/export.json")).text).toBe(toGraphJson(graph));
      expect(server.logged).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

it("logged no server error", () => {
  expect(freshServer.logged).toEqual([]);
  expect(cachedServer.logged).toEqual([]);
});
