// rebuild/: a rebuild runs in a process of its own while the map keeps serving, then replaces it whole (cluster ids
// and colours kept where clusters persist, the changes made meanwhile folded in); a failed one leaves the map serving
// and says why. Driven through the real app and real rebuild processes on the seed corpus.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { writeJsonl } from "../../server/corpus/write-jsonl.js";
import { LiveMap, type LibraryDelta } from "../../server/live/live-map.js";
import { buildTopicGraph } from "../../server/pipeline.js";
import { clusters, createStore, graph, paper, previousClustersOf, type TopicStore } from "../../server/query/index.js";
import { loadRebuilt } from "../../server/rebuild/load-rebuilt.js";
import { Rebuilds, type RebuildsOptions } from "../../server/rebuild/rebuilds.js";
import type { RebuildJob } from "../../server/rebuild/rebuild.js";
import { fetchJson, OpenApiChecker, serveStore, type TestServer } from "../api/helpers.js";

const OPTIONS = { lsaDimensions: 8 };
let corpus: Paper[];
let initial: TopicStore;
let directory: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  corpus = (await readCorpus("data/papers.jsonl")).papers;
  const kept = corpus.slice(0, 60);
  initial = createStore(await buildTopicGraph(kept, OPTIONS), { papers: kept, builtAt: new Date(0), buildMs: 0 });
  directory = await mkdtemp(join(tmpdir(), "topicgraph-rebuilds-"));
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await rm(directory, { recursive: true, force: true });
});

/** A live map over the 60-paper build, its rebuilds reading `corpusFile`, served by the real app. */
async function setUp(corpusFile: string, options: Partial<RebuildsOptions> = {}) {
  const live = new LiveMap(initial);
  const cacheDir = join(directory, "cache");
  const job = (): RebuildJob => ({
    source: { kind: "corpus", path: corpusFile },
    cacheDir,
    pipeline: OPTIONS,
    origin: corpusFile,
    previous: previousClustersOf(live.current),
  });
  const rebuilds = new Rebuilds({
    live,
    job,
    since: (): LibraryDelta => ({ version: -1, upserted: [], deleted: [] }),
    load: (result) => loadRebuilt(cacheDir, result),
    ...options,
  });
  const server = await serveStore(() => live.current, {});
  servers.push(server);
  return { live, rebuilds, server };
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Rebuilds", { timeout: 180_000 }, () => {
  it("rebuilds in another process while the map serves, then replaces it, keeping clusters' ids and colours", async () => {
    const file = join(directory, "corpus-62.jsonl");
    await writeJsonl(corpus.slice(0, 62), file);
    const { live, rebuilds } = await setUp(file);
    await live.apply({ version: -1, upserted: [corpus[60], corpus[61]], deleted: [] });
    expect(paper(live.current, corpus[60].id).paper.provisional).toBe(true);
    const before = clusters(live.current).clusters;

    const build = rebuilds.request();
    expect(build).toMatchObject({ id: "2", state: "running", reason: "requested" });
    const seen = new Set<string>();
    let answered = 0;
    while (rebuilds.status("2")!.state === "running") {
      seen.add(rebuilds.status("2")!.phase ?? "");
      // The map answers meanwhile, from the map as it was.
      expect(graph(live.current).nodes).toHaveLength(62);
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = rebuilds.status("2")!;
    expect(done).toMatchObject({ state: "done", progress: 1, papers: 62, error: null });
    expect(answered).toBeGreaterThan(2);
    expect([...seen].some((phase) => ["tfidf", "lsa", "neighbours", "cluster", "layout"].includes(phase))).toBe(true);
    expect(rebuilds.current().id).toBe("2");

    const after = graph(live.current);
    expect(after.nodes).toHaveLength(62);
    expect(after.nodes.some((n) => n.provisional)).toBe(false);
    expect(paper(live.current, corpus[60].id).paper.provisional).toBeUndefined();
    // Clusters that persist keep their id and colour.
    const kept = after.clusters.filter((c) => before[c.id]?.color === c.color);
    expect(kept.length).toBeGreaterThanOrEqual(Math.ceil(after.clusters.length / 2));
  });

  it("folds the changes made during the rebuild into the new map", async () => {
    const file = join(directory, "corpus-60.jsonl");
    await writeJsonl(corpus.slice(0, 60), file);
    let during: LibraryDelta = { version: -1, upserted: [], deleted: [] };
    const { live, rebuilds } = await setUp(file, { since: () => during });
    rebuilds.request();
    during = { version: -1, upserted: [corpus[70]], deleted: [corpus[3].id] };
    await live.apply(during);
    await until(
      async () => rebuilds.status("2")!.state,
      (state) => state !== "running",
    );
    expect(rebuilds.status("2")!.state).toBe("done");
    expect(paper(live.current, corpus[70].id).paper.provisional).toBe(true);
    expect(() => paper(live.current, corpus[3].id)).toThrow(/no paper/);
    expect(live.current.info.papers).toBe(60);
  });

  it("starts by itself once the map has changed by rebuildAfter since its build", async () => {
    const file = join(directory, "corpus-60b.jsonl");
    await writeJsonl(corpus.slice(0, 60), file);
    const { live, rebuilds } = await setUp(file, { rebuildAfter: { count: 3 } });
    await live.apply({ version: -1, upserted: [corpus[60], corpus[61]], deleted: [] });
    rebuilds.checkChanges();
    expect(rebuilds.current().id).toBe("1");
    await live.apply({ version: -1, upserted: [], deleted: [corpus[0].id] });
    rebuilds.checkChanges();
    expect(rebuilds.current()).toMatchObject({ id: "2", reason: "changes", state: "running" });
    // Asking again while it runs queues one more, and asking a third time gives that one.
    const next = rebuilds.request();
    expect(next).toMatchObject({ id: "3", state: "queued" });
    expect(rebuilds.request().id).toBe("3");
    await until(
      async () => rebuilds.status("3")!.state,
      (state) => state === "done" || state === "failed",
    );
    expect(rebuilds.status("2")!.state).toBe("done");
    expect(rebuilds.status("3")!.state).toBe("done");
  });

  it("leaves the map serving when a rebuild fails, and says why", async () => {
    const { live, rebuilds, server } = await setUp(join(directory, "no-such-corpus.jsonl"));
    await live.apply({ version: -1, upserted: [corpus[61]], deleted: [] });
    const served = live.current;
    rebuilds.request();
    const failed = await until(
      async () => rebuilds.status("2")!,
      (build) => build.state !== "running",
    );
    expect(failed.state).toBe("failed");
    expect(failed.error).toMatch(/no-such-corpus\.jsonl/);
    expect(live.current).toBe(served);
    expect((await fetchJson(server.url, "/api/health")).body.papers).toBe(61);
  });
});

describe("GET /api/builds, POST /api/rebuild", () => {
  it("give the served build's state, and refuse a rebuild on a server that cannot write", async () => {
    const server = await serveStore(initial);
    servers.push(server);
    const current = await fetchJson(server.url, "/api/builds/current");
    expect(current.status).toBe(200);
    expect(current.headers.get("cache-control")).toBe("no-store");
    expect(current.body).toMatchObject({ id: "1", state: "done", reason: "start", progress: 1, papers: 60 });
    expect((await fetchJson(server.url, "/api/builds/1")).body).toEqual(current.body);
    const checker = new OpenApiChecker((await fetchJson(server.url, "/api/openapi.json")).body);
    checker.check("get", "/api/builds/current", 200, current.body);
    checker.check("get", "/api/builds/{id}", 200, current.body);
    expect((await fetchJson(server.url, "/api/builds/7")).status).toBe(404);
    const refused = await fetchJson(server.url, "/api/rebuild", { method: "POST" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("READ_ONLY");
    checker.check("post", "/api/rebuild", 403, refused.body);
  });
});
