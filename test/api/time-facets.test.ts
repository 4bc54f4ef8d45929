// Time and facets over a real server: the seed's papers written to files with known dates, categories, authors and
// venues (and, in a second corpus, arXiv ids to derive dates from), read back by the corpus reader, built and served.
// Every answer is checked against the served OpenAPI document and against counts the test makes from what it wrote.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Paper } from "../../server/corpus/types.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { TopicStore } from "../../server/query/index.js";
import { buildStore, fetchJson, OpenApiChecker, paperPath, SEED, serveStore, type TestServer } from "./helpers.js";

const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];
const PRIOR = 5;

let dir: string;
let seed: Paper[];
/** The cluster the seed's build makes largest: its papers are all dated in the two recent months. */
let risingIds: Set<string>;
/** What the dated corpus says of each paper, by id. */
const written = new Map<string, { month: string; categories: string[]; authors: string[]; venue?: string }>();
let store: TopicStore;
let server: TestServer;
let derivedServer: TestServer;
let openapi: OpenApiChecker;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "topicgraph-time-"));
  seed = (await readCorpus(SEED)).papers;
  const seedStore = await buildStore(SEED);
  const largest = seedStore.clusterIndex.members.reduce((a, b) => (b.length > a.length ? b : a));
  risingIds = new Set(Array.from(largest, (row) => seedStore.papers.ids[row]));

  const lines = seed.map((paper, i) => {
    const month = risingIds.has(paper.id) ? MONTHS[6 + (i % 2)] : MONTHS[i % 6];
    const categories = [["cs.CL", "cs.LG", "stat.ML"][i % 3], ...(i % 2 === 0 ? ["cs.AI"] : [])];
    const authors = [`Author ${i % 4}`, ...(i < 10 ? ["Ada Lovelace"] : [])];
    const venue = i % 5 === 0 ? "NeurIPS" : undefined;
    written.set(paper.id, { month, categories, authors, venue });
    const { id, title, abstract } = paper;
    return JSON.stringify({ id, title, abstract, date: `${month}-03`, labels: categories, authors, venue });
  });
  await writeFile(join(dir, "dated.jsonl"), `${lines.join("\n")}\n`);
  store = await buildStore(join(dir, "dated.jsonl"));
  server = await serveStore(store);
  openapi = new OpenApiChecker((await fetchJson(server.url, "/api/openapi.json")).body);

  // The first 30 papers: arXiv ids (dates derived), a year only, a `published` date, or nothing to date them by.
  const derived = seed.slice(0, 30).map((paper, i) => {
    const { title, abstract } = paper;
    if (i % 6 === 0) return { id: paper.id, title, abstract };
    if (i % 6 === 1) return { id: paper.id, title, abstract, year: 2025 };
    if (i % 6 === 2) return { id: paper.id, title, abstract, published: "2025-03-04T10:00:00Z" };
    return { id: `25${MONTHS[i % 4].slice(5)}.${10000 + i}`, title, abstract };
  });
  await writeFile(join(dir, "derived.jsonl"), derived.map((record) => JSON.stringify(record)).join("\n"));
  derivedServer = await serveStore(await buildStore(join(dir, "derived.jsonl")));
}, 180_000);

afterAll(async () => {
  await server?.close();
  await derivedServer?.close();
  await rm(dir, { recursive: true, force: true });
});

async function getChecked(template: string, path: string, base = server.url) {
  const response = await fetchJson(base, path);
  expect(response.status, response.text).toBe(200);
  openapi.check("GET", template, 200, response.body);
  return response.body;
}

/** Papers per month of `ids`, as written. */
function monthly(ids: Iterable<string>): number[] {
  const counts = MONTHS.map(() => 0);
  for (const id of ids) counts[MONTHS.indexOf(written.get(id)!.month)]++;
  return counts;
}

/** The growth formula of time/trends, written out again: recent = the last 2 of 8 months. */
function expectedGrowth(trend: number[], totals: number[]): number {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const [r, b, R, B] = [sum(trend.slice(6)), sum(trend.slice(0, 6)), sum(totals.slice(6)), sum(totals.slice(0, 6))];
  const T = R + B;
  return (r + (PRIOR * R) / T) / R / ((b + (PRIOR * B) / T) / B);
}

/** Ids of each cluster as served. */
async function clusterIds(): Promise<Map<number, string[]>> {
  const graph = await getChecked("/api/graph", "/api/graph");
  const members = new Map<number, string[]>();
  for (const node of graph.nodes) members.set(node.cluster, [...(members.get(node.cluster) ?? []), node.id]);
  return members;
}

describe("trends on a corpus with known dates", () => {
  it("the timeline: eight months, the last two recent, every paper placed", async () => {
    const body = await getChecked("/api/clusters", "/api/clusters");
    expect(body.timeline).toEqual({
      unit: "month",
      labels: MONTHS,
      recentFrom: "2025-07",
      dated: seed.length,
      derived: 0,
      undated: 0,
      unplaced: 0,
    });
  });

  it("each cluster's trend counts its papers by month, and its growth follows the formula", async () => {
    const members = await clusterIds();
    const totals = monthly(written.keys());
    const { clusters } = await getChecked("/api/clusters", "/api/clusters");
    for (const cluster of clusters) {
      const trend = monthly(members.get(cluster.id)!);
      expect(cluster.trend).toEqual(trend);
      expect(cluster.growth).toBeCloseTo(expectedGrowth(trend, totals), 3);
    }
  });

  it("the dated corpus clusters as the seed did, so the rising cluster is known", async () => {
    const members = await clusterIds();
    const rising = [...members.values()].find((ids) => ids.includes([...risingIds][0]))!;
    expect(new Set(rising)).toEqual(risingIds);
  });

  it("GET /api/trends ranks the rising cluster first among the emerging, every other as fading", async () => {
    const members = await clusterIds();
    const risingId = [...members].find(([, ids]) => ids.includes([...risingIds][0]))![0];
    const body = await getChecked("/api/trends", "/api/trends?minPapers=1&limit=100");
    expect(body.clusters.emerging.map((c: { id: number }) => c.id)).toEqual([risingId]);
    expect(body.clusters.emerging[0]).toMatchObject({ papers: risingIds.size, trend: monthly(risingIds) });
    expect(body.clusters.fading.map((c: { id: number }) => c.id).sort()).toEqual(
      [...members.keys()].filter((id) => id !== risingId).sort(),
    );
    const growths = body.clusters.fading.map((c: { growth: number }) => c.growth);
    expect(growths).toEqual([...growths].sort((a, b) => a - b));
    expect(body.totals).toEqual(monthly(written.keys()));
    // Topics emerge with the rising cluster: the first emerging topic is mostly its papers'.
    const top = body.topics.emerging[0];
    expect(top.growth).toBeGreaterThan(1);
    expect(top.trend[6] + top.trend[7]).toBeGreaterThan(top.papers / 2);
  });

  it("minPapers leaves out the smaller clusters", async () => {
    const members = await clusterIds();
    const body = await getChecked("/api/trends", `/api/trends?minPapers=${risingIds.size + 1}&limit=100`);
    const ranked = [...body.clusters.emerging, ...body.clusters.fading];
    expect(ranked.length).toBe([...members.values()].filter((ids) => ids.length > risingIds.size).length);
    for (const cluster of ranked) expect(cluster.papers).toBeGreaterThan(risingIds.size);
  });

  it("each main topic carries its papers' trend", async () => {
    const body = await getChecked("/api/topics", "/api/topics?limit=20");
    expect(body.timeline.labels).toEqual(MONTHS);
    for (const topic of body.topics) {
      expect(topic.trend.reduce((a: number, b: number) => a + b, 0)).toBe(topic.papers);
      expect(topic.growth).toBeGreaterThan(0);
    }
  });

  it("each node of the map names its month on the timeline", async () => {
    const graph = await getChecked("/api/graph", "/api/graph");
    for (const node of graph.nodes) expect(node.bucket).toBe(MONTHS.indexOf(written.get(node.id)!.month));
  });

  it("a paper's date is the one it was given", async () => {
    const id = seed[3].id;
    const { paper } = await getChecked("/api/papers/{id}", paperPath(id));
    expect(paper).toMatchObject({ date: `${written.get(id)!.month}-03`, dateSource: "date", year: 2025 });
  });

  it("filters restrict the trends: totals and shares are of the kept papers", async () => {
    const kept = [...written].filter(([, w]) => w.categories.includes("cs.AI")).map(([id]) => id);
    const body = await getChecked("/api/trends", "/api/trends?minPapers=1&limit=100&category=cs.AI");
    expect(body.filters).toEqual({ category: "cs.AI" });
    expect(body.totals).toEqual(monthly(kept));
    for (const cluster of [...body.clusters.emerging, ...body.clusters.fading]) {
      const members = (await clusterIds()).get(cluster.id)!.filter((id) => kept.includes(id));
      expect(cluster.trend).toEqual(monthly(members));
      expect(cluster.growth).toBeCloseTo(expectedGrowth(monthly(members), monthly(kept)), 3);
    }
  });
});

describe("dates derived from arXiv ids", () => {
  it("the timeline counts derived, undated and unplaced papers", async () => {
    const body = await getChecked("/api/clusters", "/api/clusters", derivedServer.url);
    expect(body.timeline).toEqual({
      unit: "month",
      labels: ["2025-01", "2025-02", "2025-03", "2025-04"],
      recentFrom: "2025-04",
      dated: 25,
      derived: 15,
      undated: 5,
      unplaced: 5,
    });
  });

  it("each paper says where its date came from", async () => {
    const paperOf = async (id: string) =>
      (await getChecked("/api/papers/{id}", paperPath(id), derivedServer.url)).paper;
    expect(await paperOf("2504.10003")).toMatchObject({ date: "2025-04", dateSource: "arxiv-id" });
    expect(await paperOf("2502.10005")).toMatchObject({ date: "2025-02", dateSource: "arxiv-id" });
    expect(await paperOf(seed[1].id)).toMatchObject({ date: "2025", dateSource: "year", year: 2025 });
    expect(await paperOf(seed[2].id)).toMatchObject({ date: "2025-03-04T10:00:00Z", dateSource: "date" });
    const undated = await paperOf(seed[0].id);
    expect(undated.date).toBeUndefined();
    expect(undated.dateSource).toBeUndefined();
  });

  it("papers known only by their year, and undated ones, are on no month of the map", async () => {
    const graph = await getChecked("/api/graph", "/api/graph", derivedServer.url);
    const bucketOf = new Map(graph.nodes.map((node: { id: string; bucket: number }) => [node.id, node.bucket]));
    expect(bucketOf.get(seed[0].id)).toBe(-1);
    expect(bucketOf.get(seed[1].id)).toBe(-1);
    expect(bucketOf.get(seed[2].id)).toBe(2);
    expect(bucketOf.get("2504.10003")).toBe(3);
  });
});

describe("facets on a corpus with known categories", () => {
  const count = (values: (w: typeof written extends Map<string, infer W> ? W : never) => string[]) => {
    const counts = new Map<string, number>();
    for (const w of written.values()) for (const value of values(w)) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };

  it("GET /api/facets counts every category, author and venue", async () => {
    const body = await getChecked("/api/facets", "/api/facets?limit=100");
    expect(body.papers).toBe(seed.length);
    const asMap = (facet: { values: { value: string; papers: number }[] }) =>
      new Map(facet.values.map((v) => [v.value, v.papers]));
    expect(asMap(body.facets.category)).toEqual(count((w) => w.categories));
    expect(asMap(body.facets.author)).toEqual(count((w) => w.authors));
    expect(asMap(body.facets.venue)).toEqual(count((w) => (w.venue ? [w.venue] : [])));
    expect(body.facets.category.distinct).toBe(4);
    const papers = body.facets.category.values.map((v: { papers: number }) => v.papers);
    expect(papers).toEqual([...papers].sort((a, b) => b - a));
  });

  it("filters keep the papers carrying every value given", async () => {
    const body = await getChecked("/api/facets", "/api/facets?category=cs.CL&author=Ada%20Lovelace");
    const kept = [...written.values()].filter(
      (w) => w.categories.includes("cs.CL") && w.authors.includes("Ada Lovelace"),
    );
    expect(body.papers).toBe(kept.length);
    expect(body.filters).toEqual({ category: "cs.CL", author: "Ada Lovelace" });
    const list = await getChecked("/api/papers", "/api/papers?author=Ada%20Lovelace&limit=5&offset=5");
    expect(list.total).toBe(10);
    expect(list.papers.map((p: { id: string }) => p.id)).toEqual(seed.slice(5, 10).map((p) => p.id));
    const none = await getChecked("/api/papers", "/api/papers?venue=Nature");
    expect(none).toMatchObject({ total: 0, papers: [] });
  });

  it("a cluster's papers filtered, with its main categories and authors", async () => {
    const members = await clusterIds();
    const [id, ids] = [...members].reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const whole = await getChecked("/api/clusters/{id}", `/api/clusters/${id}?limit=1000`);
    const categories = new Map<string, number>();
    for (const paperId of ids) {
      for (const c of written.get(paperId)!.categories) categories.set(c, (categories.get(c) ?? 0) + 1);
    }
    const top = [...categories].sort((a, b) => b[1] - a[1]).slice(0, 5);
    expect(whole.facets.category.map((v: { papers: number }) => v.papers)).toEqual(top.map(([, n]) => n));
    expect(new Map(whole.facets.category.map((v: { value: string; papers: number }) => [v.value, v.papers]))).toEqual(
      new Map(top),
    );
    const filtered = await getChecked("/api/clusters/{id}", `/api/clusters/${id}?limit=1000&category=stat.ML`);
    const expected = ids.filter((paperId) => written.get(paperId)!.categories.includes("stat.ML"));
    expect(filtered.total).toBe(expected.length);
    expect(new Set(filtered.papers.map((p: { id: string }) => p.id))).toEqual(new Set(expected));
    expect(filtered.facets.category[0]).toEqual({ value: "stat.ML", papers: expected.length });
  });

  it("search keeps only the papers the filters keep, with their total", async () => {
    const all = await getChecked("/api/search", "/api/search?q=model&limit=100");
    const filtered = await getChecked("/api/search", "/api/search?q=model&limit=100&category=cs.LG");
    const expected = all.results.filter((r: { id: string }) => written.get(r.id)!.categories.includes("cs.LG"));
    expect(expected.length).toBeGreaterThan(0);
    expect(filtered.total).toBe(expected.length);
    expect(filtered.results.map((r: { id: string }) => r.id)).toEqual(expected.map((r: { id: string }) => r.id));
  });

  it.each([
    ["/api/trends?category="],
    ["/api/facets?limit=0"],
    ["/api/papers?venue=a&venue=b"],
    ["/api/trends?minPapers=x"],
    [`/api/clusters/0?author=${"x".repeat(501)}`],
  ])("%s is a 400", async (path) => {
    const response = await fetchJson(server.url, path);
    expect(response.status, response.text).toBe(400);
    expect(response.body.error.code).toBe("INVALID_PARAMETER");
  });

  it("logged no server error", () => {
    expect(server.logged).toEqual([]);
    expect(derivedServer.logged).toEqual([]);
  });
});
