// Papers added to a served library (real SQLite file, real server on a loopback port, runServe in this process) are in
// every answer that lists, counts or dates papers at once: the papers on a topic and their downloads, the facet counts
// and filters, the timeline (each node's bucket), the clusters' trends and /api/trends; a DELETE takes them out of all
// of them; after a rebuild the answers are those of a fresh build of the same library. And the ready line says which
// library and version is served.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { runServe } from "../../server/cli/serve-command.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { fetchJson, OpenApiChecker, paperPath, SEED } from "../api/helpers.js";

const TOKEN = "live-answers-test-token";
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];
/** Seed papers held out of the library, then POSTed: a category, an author and a month of their own. */
const HELD = [7, 30, 52];
const HELD_CATEGORY = "q-bio.BM";
const HELD_AUTHOR = "Held Out Author";
const HELD_MONTH = "2025-08";

let dir: string;
let records: Record<string, unknown>[];
let held: Record<string, unknown>[];
const environment = process.env.TOPICGRAPH_CACHE_DIR;
const servers: (() => Promise<unknown>)[] = [];
let openapi: OpenApiChecker;

interface Served {
  url: string;
  /** The ready line. */
  line: string;
  stop: () => Promise<unknown>;
  get: (path: string) => Promise<{ status: number; etag: string | null; body: any; text: string }>;
}

/** runServe on `args` (a library with --db, or a file), until the test file ends. */
async function serve(values: Record<string, string | boolean>): Promise<Served> {
  let stop!: (signal: string) => void;
  const stopSignal = new Promise<string>((resolve) => (stop = resolve));
  let ready!: (line: string) => void;
  const readyLine = new Promise<string>((resolve) => (ready = resolve));
  const exit = runServe({
    values: { port: "0", host: "127.0.0.1", ...values },
    stopSignal,
    log: (line) => {
      if (/serving \d+ papers/.test(line)) ready(line);
    },
    warn: () => undefined,
  });
  const stopped = () => (stop("SIGTERM"), exit);
  servers.push(stopped);
  const line = await Promise.race([readyLine, exit.then(() => Promise.reject(new Error("runServe ended")))]);
  const url = /(http:\/\/\S+\/)/.exec(line)![1];
  const get = async (path: string) => {
    const answer = await fetchJson(url, path);
    return { status: answer.status, etag: answer.headers.get("etag"), body: answer.body, text: answer.text };
  };
  return { url, line, stop: stopped, get };
}

function jsonl(rows: readonly object[]): string {
  return rows.map((row) => JSON.stringify(row)).join("\n") + "\n";
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 150_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`still not done: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topicgraph-live-answers-"));
  process.env.TOPICGRAPH_CACHE_DIR = join(dir, "cache");
  const seed: Paper[] = (await readCorpus(SEED)).papers;
  records = seed.map(({ id, title, abstract }, i) => {
    if (HELD.includes(i)) {
      return {
        id,
        title,
        abstract,
        date: `${HELD_MONTH}-12`,
        categories: [HELD_CATEGORY, "cs.LG"],
        authors: [HELD_AUTHOR],
      };
    }
    const categories = [["cs.CL", "cs.LG", "stat.ML"][i % 3], ...(i % 2 === 0 ? ["cs.AI"] : [])];
    return { id, title, abstract, date: `${MONTHS[i % 7]}-03`, categories, authors: [`Author ${i % 4}`] };
  });
  held = HELD.map((i) => records[i]);
  writeFileSync(join(dir, "library-start.jsonl"), jsonl(records.filter((_r, i) => !HELD.includes(i))));
  writeFileSync(join(dir, "token"), TOKEN);
}, 60_000);

afterAll(async () => {
  for (const stop of servers.splice(0)) await stop();
  if (environment === undefined) delete process.env.TOPICGRAPH_CACHE_DIR;
  else process.env.TOPICGRAPH_CACHE_DIR = environment;
  rmSync(dir, { recursive: true, force: true });
});

async function serveLibrary(name: string, fillFrom: string, extra: Record<string, boolean> = {}): Promise<Served> {
  const served = await serve({
    db: join(dir, name),
    "fill-from": fillFrom,
    "token-file": join(dir, "token"),
    ...extra,
  });
  openapi ??= new OpenApiChecker((await served.get("/api/openapi.json")).body);
  return served;
}

function write(served: Served, method: "POST" | "DELETE", path: string, body?: unknown) {
  return fetch(new URL(path, served.url), {
    method,
    headers: { "Content-Type": "application/json", ...AUTH },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** An answer checked against the served OpenAPI document, without its build (which a change always moves on). */
async function answer(served: Served, template: string, path: string) {
  const got = await served.get(path);
  expect(got.status, got.text).toBe(200);
  openapi.check("GET", template, 200, got.body);
  const { build: _build, ...rest } = got.body;
  return { ...got, rest };
}

/** The first of a held paper's top topics (from its detail) that `among` lists, or its first one. */
async function heldTopic(served: Served, among: { term: string }[] = []): Promise<string> {
  const detail = (await served.get(paperPath(String(held[0].id)))).body.paper;
  const terms = (detail.topics as { term: string }[]).map((t) => t.term);
  return terms.find((term) => among.some((t) => t.term === term)) ?? terms[0];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
type Listed = { id: string; provisional?: true };

describe("a served library's listing, counting and dating answers", { timeout: 240_000 }, () => {
  test("include POSTed papers at once (provisional in lists), and none of them once deleted", async () => {
    const served = await serveLibrary("library.db", join(dir, "library-start.jsonl"));
    const heldIds = held.map((record) => String(record.id));

    const facets = await answer(served, "/api/facets", "/api/facets?limit=100");
    const trends = await answer(served, "/api/trends", "/api/trends?limit=50&minPapers=1");
    const clusters = await answer(served, "/api/clusters", "/api/clusters");
    const topicsBefore = await answer(served, "/api/topics", "/api/topics?limit=500");
    expect(facets.rest.facets.category.values.map((v: { value: string }) => v.value)).not.toContain(HELD_CATEGORY);

    expect((await write(served, "POST", "/api/papers", held)).status).toBe(201);
    const term = await heldTopic(served, topicsBefore.body.topics);
    const topicPath = `/api/topics/${encodeURIComponent(term)}/papers?limit=100`;

    // The papers on a topic, and its download.
    const topic = await answer(served, "/api/topics/{term}/papers", topicPath);
    const onTopic = (topic.body.papers as Listed[]).filter((p) => heldIds.includes(p.id));
    expect(onTopic.map((p) => p.id)).toContain(heldIds[0]);
    expect(onTopic.every((p) => p.provisional === true)).toBe(true);
    expect((topic.body.papers as Listed[]).filter((p) => p.provisional).length).toBe(onTopic.length);
    const csv = await served.get(`/api/topics/${encodeURIComponent(term)}/papers.csv`);
    expect(csv.status).toBe(200);
    for (const p of onTopic) expect(csv.text).toContain(p.id);
    const listed = (await answer(served, "/api/topics", "/api/topics?limit=500")).body.topics.find(
      (t: { term: string }) => t.term === term,
    );
    expect(listed.papers).toBe(topic.body.total);
    const listedBefore = topicsBefore.body.topics.find((t: { term: string }) => t.term === term);
    expect(listed.papers).toBe(listedBefore.papers + onTopic.length);

    // The facet counts and filters.
    const facetsAfter = await answer(served, "/api/facets", "/api/facets?limit=100");
    expect(facetsAfter.etag).not.toBe(facets.etag);
    expect(facetsAfter.body.papers).toBe(facets.body.papers + held.length);
    const count = (answer: any, facet: string, value: string) =>
      answer.facets[facet].values.find((v: { value: string }) => v.value === value)?.papers ?? 0;
    expect(count(facetsAfter.body, "category", HELD_CATEGORY)).toBe(held.length);
    expect(count(facetsAfter.body, "category", "cs.LG")).toBe(count(facets.body, "category", "cs.LG") + held.length);
    expect(count(facetsAfter.body, "author", HELD_AUTHOR)).toBe(held.length);
    expect(facetsAfter.body.facets.category.distinct).toBe(facets.body.facets.category.distinct + 1);
    const filtered = await answer(served, "/api/papers", `/api/papers?category=${HELD_CATEGORY}&limit=100`);
    expect((filtered.body.papers as Listed[]).map((p) => p.id).sort()).toEqual([...heldIds].sort());
    expect((filtered.body.papers as Listed[]).every((p) => p.provisional === true)).toBe(true);
    const byAuthor = await answer(served, "/api/facets", `/api/facets?author=${encodeURIComponent(HELD_AUTHOR)}`);
    expect(byAuthor.body.papers).toBe(held.length);
    const detail = (await answer(served, "/api/papers/{id}", paperPath(heldIds[0]))).body.paper;
    expect(detail).toMatchObject({ provisional: true, date: `${HELD_MONTH}-12`, dateSource: "date" });
    const cluster = detail.cluster as number;
    const clusterPapers = await answer(
      served,
      "/api/clusters/{id}",
      `/api/clusters/${cluster}?limit=100&category=${HELD_CATEGORY}`,
    );
    expect((clusterPapers.body.papers as Listed[]).find((p) => p.id === heldIds[0])).toMatchObject({
      provisional: true,
    });

    // The timeline, widened to the added papers' month: each one's bucket, the clusters' trends, /api/trends' totals.
    const trendsAfter = await answer(served, "/api/trends", "/api/trends?limit=50&minPapers=1");
    const labels: string[] = trends.body.timeline.labels;
    expect(labels).not.toContain(HELD_MONTH);
    expect(trendsAfter.body.timeline.labels).toEqual([...labels, HELD_MONTH]);
    const bucket = labels.length;
    const graph = await answer(served, "/api/graph", "/api/graph");
    expect(graph.body.timeline).toEqual(trendsAfter.body.timeline);
    for (const id of heldIds) {
      expect(graph.body.nodes.find((n: { id: string }) => n.id === id)).toMatchObject({ bucket, provisional: true });
    }
    expect(graph.body.timeline.dated).toBe(trends.body.timeline.dated + held.length);
    expect(trendsAfter.body.totals).toEqual([...trends.body.totals, held.length]);
    const clustersAfter = await answer(served, "/api/clusters", "/api/clusters");
    expect(clustersAfter.etag).not.toBe(clusters.etag);
    const heldClusters = graph.body.nodes
      .filter((n: { id: string }) => heldIds.includes(n.id))
      .map((n: { cluster: number }) => n.cluster);
    clustersAfter.body.clusters.forEach((c: { id: number; trend: number[] }, at: number) => {
      const added = heldClusters.filter((id: number) => id === c.id).length;
      expect(c.trend).toEqual([...clusters.body.clusters[at].trend, added]);
    });
    const topicTrend = (body: any) => body.topics.find((t: { term: string }) => t.term === term)?.trend;
    expect(listedBefore.trend).toHaveLength(labels.length);
    expect(topicTrend((await served.get("/api/topics?limit=500")).body)).toEqual([
      ...listedBefore.trend,
      onTopic.length,
    ]);

    // Deleted: every answer is as before the POST (its build and ETag aside).
    for (const id of heldIds) expect((await write(served, "DELETE", paperPath(id))).status).toBe(204);
    expect((await answer(served, "/api/facets", "/api/facets?limit=100")).rest).toEqual(facets.rest);
    expect((await answer(served, "/api/trends", "/api/trends?limit=50&minPapers=1")).rest).toEqual(trends.rest);
    expect((await answer(served, "/api/topics", "/api/topics?limit=500")).rest).toEqual(topicsBefore.rest);
    const topicAfterDelete = (await answer(served, "/api/topics/{term}/papers", topicPath)).body;
    expect((topicAfterDelete.papers as Listed[]).some((p) => heldIds.includes(p.id) || p.provisional)).toBe(false);
    expect(topicAfterDelete.total).toBe(topic.body.total - onTopic.length);
    expect((await served.get(`/api/topics/${encodeURIComponent(term)}/papers.csv`)).text).not.toContain(heldIds[0]);
    expect((await answer(served, "/api/papers", `/api/papers?category=${HELD_CATEGORY}`)).body.total).toBe(0);
    const clustersDeleted = (await answer(served, "/api/clusters", "/api/clusters")).body.clusters;
    expect(clustersDeleted.map((c: { trend: number[]; growth: number | null }) => [c.trend, c.growth])).toEqual(
      clusters.body.clusters.map((c: { trend: number[]; growth: number | null }) => [c.trend, c.growth]),
    );
    const graphDeleted = (await answer(served, "/api/graph", "/api/graph")).body;
    expect(graphDeleted.timeline).toEqual(trends.body.timeline);
  });

  test("after a rebuild, the answers are those of a fresh build of the same library", async () => {
    const served = await serveLibrary("rebuilt.db", join(dir, "library-start.jsonl"));
    expect(served.line).toMatch(/: library \S+rebuilt\.db version 1 read /);
    expect((await write(served, "POST", "/api/papers", held)).status).toBe(201);
    const asked = await write(served, "POST", "/api/rebuild");
    expect(asked.status).toBe(202);
    const { id } = await asked.json();
    const done = await until(
      () => served.get(`/api/builds/${id}`),
      (got) => got.body.state === "done" || got.body.state === "failed",
    );
    expect(done.body.state).toBe("done");

    // The fresh build: a new library filled with the same papers in the same order, built without the cache.
    const order = [...records.filter((_r, i) => !HELD.includes(i)), ...held];
    writeFileSync(join(dir, "library-all.jsonl"), jsonl(order));
    const fresh = await serveLibrary("fresh.db", join(dir, "library-all.jsonl"), { "no-cache": true });
    expect((await served.get("/api/health")).body.build.corpusHash).toBe(
      (await fresh.get("/api/health")).body.build.corpusHash,
    );

    // Cluster ids follow the previous map in a rebuild (graph/align-clusters): compared by label.
    const byLabel = (clusters: { label: string; trend: number[]; growth: number | null; size: number }[]) =>
      clusters
        .map(({ label, trend, growth, size }) => ({ label, trend, growth, size }))
        .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const withoutIds = (ranking: { emerging: object[]; fading: object[] }) => ({
      emerging: ranking.emerging.map(({ id: _id, ...rest }: any) => rest),
      fading: ranking.fading.map(({ id: _id, ...rest }: any) => rest),
    });
    for (const path of ["/api/facets?limit=100", `/api/facets?category=${HELD_CATEGORY}`, "/api/topics?limit=500"]) {
      const { build: _a, ...rebuilt } = (await served.get(path)).body;
      const { build: _b, ...expected } = (await fresh.get(path)).body;
      expect(rebuilt, path).toEqual(expected);
    }
    const rebuiltTrends = (await served.get("/api/trends?limit=50&minPapers=1")).body;
    const freshTrends = (await fresh.get("/api/trends?limit=50&minPapers=1")).body;
    expect(rebuiltTrends.totals).toEqual(freshTrends.totals);
    expect(rebuiltTrends.topics).toEqual(freshTrends.topics);
    expect(withoutIds(rebuiltTrends.clusters)).toEqual(withoutIds(freshTrends.clusters));
    expect(byLabel((await served.get("/api/clusters")).body.clusters)).toEqual(
      byLabel((await fresh.get("/api/clusters")).body.clusters),
    );
    const term = await heldTopic(served);
    const topicPath = `/api/topics/${encodeURIComponent(term)}/papers?limit=100`;
    const ids = (body: { papers: Listed[] }) => body.papers.map((p) => [p.id, p.provisional ?? false]);
    expect(ids((await served.get(topicPath)).body)).toEqual(ids((await fresh.get(topicPath)).body));
    const nodes = (body: { nodes: { id: string; bucket: number }[] }) =>
      body.nodes.map(({ id, bucket }) => [id, bucket]).sort();
    expect(nodes((await served.get("/api/graph")).body)).toEqual(nodes((await fresh.get("/api/graph")).body));
  });
});

describe("the ready line of a library", { timeout: 120_000 }, () => {
  test("says the library and its version served, and whether its build was of that version", async () => {
    // Papers no other test's library holds: a build of their own, saved to the cache.
    const start = records.filter((_r, i) => !HELD.includes(i)).slice(1);
    writeFileSync(join(dir, "ready-start.jsonl"), jsonl(start));
    const first = await serveLibrary("ready.db", join(dir, "ready-start.jsonl"));
    expect(first.line).toMatch(/\(built in /);
    expect(first.line).toMatch(/: library \S+ready\.db version 1 read /);
    // The first build is saved to the cache once serving; the stop waits for the save.
    await first.stop();
    const second = await serveLibrary("ready.db", join(dir, "ready-start.jsonl"));
    expect(second.line).toMatch(/loaded from cache .*: library \S+ready\.db version 1 unchanged since its build /);
    expect((await write(second, "POST", "/api/papers", held[0])).status).toBe(201);
    await second.stop();
    const third = await serveLibrary("ready.db", join(dir, "ready-start.jsonl"));
    expect(third.line).toMatch(/: library \S+ready\.db version 2, the build of version 1 found /);
    expect((await third.get(paperPath(String(held[0].id)))).body.paper.provisional).toBe(true);
  });
});
