// live/live-map: the app serves each change of the library as soon as it is folded in, and reads go on meanwhile.

import subgraph from "graphology-operators/subgraph.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { buildTopicGraph } from "../../server/pipeline.js";
import { LiveMap } from "../../server/live/live-map.js";
import type { TopicGraph } from "../../server/graph/types.js";
import { createStore, paper, type TopicStore } from "../../server/query/index.js";
import { servedBuild } from "../../server/query/served-build.js";
import { fetchJson, OpenApiChecker, paperPath, serveStore, type TestServer } from "../api/helpers.js";

let corpus: Paper[];
let initial: TopicStore;
const OPTIONS = { lsaDimensions: 8 };

beforeAll(async () => {
  corpus = (await readCorpus("data/papers.jsonl")).papers;
  const kept = corpus.slice(0, 60);
  initial = createStore(await buildTopicGraph(kept, OPTIONS), { papers: kept, builtAt: new Date(0), buildMs: 0 });
});

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

async function serve(map: LiveMap): Promise<TestServer> {
  const server = await serveStore(() => map.current);
  servers.push(server);
  return server;
}

describe("LiveMap", () => {
  it("serves an applied change at once: the paper, its place on the map, new ETags", async () => {
    const map = new LiveMap(initial);
    const server = await serve(map);
    const graph = await fetchJson(server.url, "/api/graph");
    const clusters = await fetchJson(server.url, "/api/clusters");
    const added = corpus[65];
    expect((await fetchJson(server.url, paperPath(added.id))).status).toBe(404);

    await map.apply({ version: -1, upserted: [added], deleted: [corpus[0].id] });

    const detail = await fetchJson(server.url, paperPath(added.id));
    expect(detail.status).toBe(200);
    expect(detail.body.paper.provisional).toBe(true);
    expect(detail.body.build.papers).toBe(60);
    expect((await fetchJson(server.url, paperPath(corpus[0].id))).status).toBe(404);
    const again = await fetchJson(server.url, "/api/graph", {
      headers: { "If-None-Match": graph.headers.get("etag")! },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).not.toBe(graph.headers.get("etag"));
    expect(again.body.nodes.find((n: { id: string }) => n.id === added.id).provisional).toBe(true);
    const clustersAgain = await fetchJson(server.url, "/api/clusters", {
      headers: { "If-None-Match": clusters.headers.get("etag")! },
    });
    expect(clustersAgain.status).toBe(200);
    const search = await fetchJson(server.url, `/api/search?q=${encodeURIComponent(added.title)}&limit=1`);
    expect(search.body.results[0].id).toBe(added.id);
    const checker = new OpenApiChecker((await fetchJson(server.url, "/api/openapi.json")).body);
    checker.check("get", "/api/graph", 200, again.body);
    checker.check("get", "/api/papers/{id}", 200, detail.body);
  });

  it("exports the map as served: without deleted papers, with added ones and their links", async () => {
    const map = new LiveMap(initial);
    const server = await serve(map);
    const before = (await fetchJson(server.url, "/api/export.json")).body;
    const added = corpus[66];
    await map.apply({ version: -1, upserted: [added], deleted: [corpus[1].id] });
    const json = await fetchJson(server.url, "/api/export.json");
    const keys = json.body.nodes.map((n: { key: string }) => n.key);
    expect(keys).toContain(added.id);
    expect(keys).not.toContain(corpus[1].id);
    expect(keys).toHaveLength(before.nodes.length);
    const node = json.body.nodes.find((n: { key: string }) => n.key === added.id);
    expect(node.attributes).toMatchObject({ label: added.title, cluster: paper(map.current, added.id).paper.cluster });
    const links = json.body.edges.filter((e: { source: string }) => e.source === added.id);
    expect(links.length).toBeGreaterThan(0);
    expect(links[0].attributes.sharedTopics).toMatch(/\d\.\d\d/);
    expect(
      json.body.edges.some((e: { source: string; target: string }) => [e.source, e.target].includes(corpus[1].id)),
    ).toBe(false);
    const gexf = await fetch(new URL("/api/export.gexf", server.url)).then((r) => r.text());
    expect(gexf).toContain(`id="${added.id}"`);
    expect(gexf).not.toContain(`id="${corpus[1].id}"`);
  });

  it("exports a selection's subgraph with the change, when the build's graph is made of the selection's rows only", async () => {
    const build = await buildTopicGraph(corpus.slice(0, 60), OPTIONS);
    const { graph } = build;
    const ids = graph.nodes();
    // As a cached build's source does (cache/read-entry): asked for rows, only those papers and their links.
    const partialGraph = (rows?: ArrayLike<number>) => {
      if (rows === undefined) return graph;
      const kept = new Set(Array.from(rows, (row) => ids[row]));
      return subgraph(graph, (key) => kept.has(key)) as TopicGraph;
    };
    const storeWith = (source: (rows?: ArrayLike<number>) => TopicGraph) =>
      createStore(
        { ...servedBuild(build), exports: { graph: source, directory: () => null } },
        { papers: corpus.slice(0, 60), builtAt: new Date(0), buildMs: 0 },
      );
    const maps = [new LiveMap(storeWith(() => graph)), new LiveMap(storeWith(partialGraph))];
    const added = corpus[67];
    for (const map of maps) await map.apply({ version: -1, upserted: [added], deleted: [corpus[2].id] });
    const [whole, partial] = await Promise.all(maps.map((map) => serve(map)));
    const cluster = paper(maps[0].current, added.id).paper.cluster;
    for (const path of [
      `/api/export.gexf?cluster=${cluster}`,
      `/api/export.graphml?search=${encodeURIComponent(added.title)}`,
    ]) {
      const [expected, actual] = await Promise.all(
        [whole, partial].map((server) => fetch(new URL(path, server.url)).then((r) => r.text())),
      );
      expect(actual, path).toBe(expected);
      expect(actual, path).toContain(`"${added.id}"`);
      expect(actual, path).not.toContain(`"${corpus[2].id}"`);
    }
  });

  it("answers reads while a large change is folded in, from the version before it", async () => {
    const map = new LiveMap(initial, -1, { sliceMs: 2 });
    const server = await serve(map);
    const many = Array.from({ length: 150 }, (_, i) => ({ ...corpus[60 + (i % 14)], id: `copy-${i}` }));
    let applied = false;
    const applying = map.apply({ version: -1, upserted: many, deleted: [] }).then(() => (applied = true));
    const seen: { papers: number; applied: boolean }[] = [];
    while (!applied) {
      const health = await fetchJson(server.url, "/api/health");
      seen.push({ papers: health.body.papers, applied });
    }
    await applying;
    expect(seen.filter((s) => !s.applied).length).toBeGreaterThan(1);
    expect(seen.filter((s) => !s.applied).every((s) => s.papers === 60)).toBe(true);
    expect((await fetchJson(server.url, "/api/health")).body.papers).toBe(210);
  });

  it("applies changes in order, and not a library version it already holds", async () => {
    const map = new LiveMap(initial, 3);
    const a = { ...corpus[61], id: "a" };
    const first = map.apply({ version: 4, upserted: [a], deleted: [] });
    const second = map.apply({ version: 5, upserted: [], deleted: ["a"] });
    const stale = map.apply({ version: 5, upserted: [{ ...a, id: "b" }], deleted: [] });
    await Promise.all([first, second, stale]);
    expect(() => paper(map.current, "a")).toThrow(/no paper/);
    expect(() => paper(map.current, "b")).toThrow(/no paper/);
    expect(map.heldVersion).toBe(5);
  });

  it("replaces the map with a new build's, folding in the changes made since its version", async () => {
    const map = new LiveMap(initial, 7);
    const rebuilt = createStore(await buildTopicGraph(corpus.slice(0, 62), OPTIONS), {
      papers: corpus.slice(0, 62),
      builtAt: new Date(1),
      buildMs: 0,
    });
    await map.replace(rebuilt, 8, () => ({ version: 9, upserted: [corpus[70]], deleted: [corpus[61].id] }));
    expect(map.heldVersion).toBe(9);
    expect(map.current.info.papers).toBe(62);
    expect(paper(map.current, corpus[60].id).paper.provisional).toBeUndefined();
    expect(paper(map.current, corpus[70].id).paper.provisional).toBe(true);
    expect(() => paper(map.current, corpus[61].id)).toThrow(/no paper/);
  });
});
