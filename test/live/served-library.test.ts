// A library served by the compiled CLI (`serve --db`, real process, real port, real files): a POSTed paper is served
// in the write's own answer time (paper, related, search, map), a DELETE takes it out of every answer, a rebuild asked
// for or started by the changes replaces the map and a restart serves it, and kill -9 during a rebuild loses nothing.

import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, test } from "vitest";

import { runCli, type CliProcess } from "../library/processes.js";

const SEED = new URL("../../data/papers.jsonl", import.meta.url).pathname;
const TOKEN = "served-library-test-token";
const AUTH = { Authorization: `Bearer ${TOKEN}` };

const running: CliProcess[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) await run.kill9();
});

/** Starts `serve --db` (filled from the seed when new) in `dir`; resolves once it serves. */
async function serve(dir: string, extra: string[] = []) {
  const run = runCli(["serve", "--db", join(dir, "library.db"), "--fill-from", SEED, "--port", "0", ...extra], {
    env: { TOPICGRAPH_CACHE_DIR: join(dir, "cache"), TOPICGRAPH_TOKEN: TOKEN },
  });
  running.push(run);
  const line = await run.line(/serving \d+ papers .* at http:\/\/\S+\//);
  const url = /(http:\/\/\S+\/)/.exec(line)![1];
  const get = async (path: string) => {
    const response = await fetch(new URL(path, url));
    return { status: response.status, etag: response.headers.get("etag"), body: await response.json() };
  };
  return { run, line, url, get };
}

const GNN = {
  id: "added-gnn",
  title: "Message passing graph neural networks for molecular property prediction",
  abstract:
    "We train message passing graph neural networks on molecular graphs to predict the properties of molecules, " +
    "and compare graph attention with graph convolution on benchmark datasets of molecules.",
};

function post(url: string, papers: object) {
  return fetch(new URL("/api/papers", url), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...AUTH },
    body: JSON.stringify(papers),
  });
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`still not done: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a served library", { timeout: 180_000 }, () => {
  test("a POSTed paper is answered at once (paper, related, search, map); a DELETE takes it out of every answer", async () => {
    const { url, get } = await serve(mkdtempSync(join(tmpdir(), "topicgraph-served-")));
    const graphBefore = await get("/api/graph");
    const clustersBefore = await get("/api/clusters");
    expect((await post(url, GNN)).status).toBe(201);

    const added = await get(`/api/papers/${GNN.id}`);
    expect(added.status).toBe(200);
    expect(added.body.paper).toMatchObject({ id: GNN.id, provisional: true });
    expect(added.body.paper.cluster).toBeGreaterThanOrEqual(0);
    const related = await get(`/api/papers/${GNN.id}/related?k=5`);
    expect(related.body.related.length).toBeGreaterThan(0);
    const search = await get("/api/search?q=molecules");
    expect(search.body.results.map((r: { id: string }) => r.id)).toContain(GNN.id);
    const graph = await get("/api/graph");
    expect(graph.etag).not.toBe(graphBefore.etag);
    expect(graph.body.nodes).toHaveLength(graphBefore.body.nodes.length + 1);
    expect(graph.body.nodes.find((n: { id: string }) => n.id === GNN.id)).toMatchObject({ provisional: true });
    expect((await get("/api/clusters")).etag).not.toBe(clustersBefore.etag);
    const health = await get("/api/health");
    expect(health.body.library).toMatchObject({ papers: 75, writable: true });

    const deleted = await fetch(new URL(`/api/papers/${GNN.id}`, url), { method: "DELETE", headers: AUTH });
    expect(deleted.status).toBe(204);
    expect((await get(`/api/papers/${GNN.id}`)).status).toBe(404);
    expect((await get("/api/search?q=molecules")).body.results.map((r: { id: string }) => r.id)).not.toContain(GNN.id);
    expect((await get("/api/graph")).body.nodes).toHaveLength(graphBefore.body.nodes.length);
  });

  test("POST /api/rebuild replaces the map (the paper no longer provisional); a restart serves that build", async () => {
    const dir = mkdtempSync(join(tmpdir(), "topicgraph-served-"));
    const first = await serve(dir);
    expect((await post(first.url, GNN)).status).toBe(201);
    const refused = await fetch(new URL("/api/rebuild", first.url), { method: "POST" });
    expect(refused.status).toBe(401);

    const asked = await fetch(new URL("/api/rebuild", first.url), { method: "POST", headers: AUTH });
    expect(asked.status).toBe(202);
    const build = await asked.json();
    expect(asked.headers.get("location")).toBe(`/api/builds/${build.id}`);
    const done = await until(
      () => first.get(`/api/builds/${build.id}`),
      (answer) => answer.body.state === "done" || answer.body.state === "failed",
    );
    expect(done.body).toMatchObject({ state: "done", progress: 1, papers: 75, error: null });
    expect((await first.get(`/api/papers/${GNN.id}`)).body.paper.provisional).toBeUndefined();
    const served = (await first.get("/api/health")).body.build;
    expect(served.papers).toBe(75);
    await first.run.kill9();

    const second = await serve(dir);
    expect(second.line).toMatch(/serving 75 papers .*loaded from cache/);
    expect((await second.get("/api/health")).body.build.corpusHash).toBe(served.corpusHash);
    expect((await second.get(`/api/papers/${GNN.id}`)).body.paper.provisional).toBeUndefined();
  });

  test("changes beyond --rebuild-after start a rebuild by themselves", async () => {
    const { url, get } = await serve(mkdtempSync(join(tmpdir(), "topicgraph-served-")), ["--rebuild-after", "3"]);
    expect((await post(url, [GNN, { ...GNN, id: "added-2", title: `${GNN.title}, again` }])).status).toBe(201);
    expect((await get("/api/builds/current")).body.id).toBe("1");
    expect((await post(url, { ...GNN, id: "added-3", title: `${GNN.title}, a third time` })).status).toBe(201);
    const current = (await get("/api/builds/current")).body;
    expect(current).toMatchObject({ id: "2", reason: "changes" });
    const done = await until(
      () => get("/api/builds/2"),
      (answer) => answer.body.state !== "queued" && answer.body.state !== "running",
    );
    expect(done.body).toMatchObject({ state: "done", papers: 77 });
    const nodes = (await get("/api/graph")).body.nodes as { id: string; provisional?: boolean }[];
    expect(nodes).toHaveLength(77);
    expect(nodes.some((node) => node.provisional)).toBe(false);
  });

  test("kill -9 after writes: the restart serves the last complete build with the writes folded in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "topicgraph-served-"));
    const first = await serve(dir);
    // The first build is saved to the cache once serving.
    await until(
      async () =>
        existsSync(join(dir, "cache")) && readdirSync(join(dir, "cache")).some((f) => f.startsWith("latest-")),
      (saved) => saved,
    );
    const built = (await first.get("/api/health")).body.build.corpusHash;
    expect((await post(first.url, GNN)).status).toBe(201);
    await first.run.kill9();

    const second = await serve(dir);
    expect(second.line).toMatch(/loaded from cache/);
    await second.run.line(/1 papers added, changed or deleted since the served build, folded in/);
    const paper = await second.get(`/api/papers/${GNN.id}`);
    expect(paper.body.paper).toMatchObject({ id: GNN.id, provisional: true });
    expect(paper.body.build.corpusHash).toBe(built);
    expect((await second.get("/api/graph")).body.nodes).toHaveLength(75);
  });

  test("kill -9 during a rebuild: the restart serves every acknowledged paper and no half-written build", async () => {
    const dir = mkdtempSync(join(tmpdir(), "topicgraph-served-"));
    const first = await serve(dir);
    expect((await post(first.url, GNN)).status).toBe(201);
    const build = await (await fetch(new URL("/api/rebuild", first.url), { method: "POST", headers: AUTH })).json();
    await until(
      () => first.get(`/api/builds/${build.id}`),
      (answer) => answer.body.phase !== null || answer.body.state !== "running",
    );
    await first.run.kill9();

    const second = await serve(dir);
    expect((await second.get("/api/health")).body.library.papers).toBe(75);
    const paper = await second.get(`/api/papers/${GNN.id}`);
    expect(paper.status).toBe(200);
    expect((await second.get("/api/graph")).body.nodes).toHaveLength(75);
    expect((await second.get("/api/health")).body.build.papers).toBe(75);
  });
});
