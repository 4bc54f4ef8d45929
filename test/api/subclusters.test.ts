// Subclusters over HTTP, on the seed built so that two of its clusters split (k = 10, clusters of 8 or more papers
// split): in /api/clusters, in a paper's detail and node, and as the `?subcluster=S` filter of a cluster's papers.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ClusterDto } from "../../server/contract/index.js";
import type { TopicStore } from "../../server/query/index.js";
import {
  buildStore,
  fetchJson,
  graphOf,
  OpenApiChecker,
  paperPath,
  papersOf,
  SEED,
  serveStore,
  type TestServer,
} from "./helpers.js";

let store: TopicStore;
let server: TestServer;
let openapi: OpenApiChecker;
let base: string;
let split: ClusterDto;

beforeAll(async () => {
  store = await buildStore(SEED, { lsaDimensions: 8, k: 10, subclusterFrom: 8 });
  server = await serveStore(store);
  base = server.url;
  openapi = new OpenApiChecker((await fetchJson(base, "/api/openapi.json")).body);
  split = store.clusterIndex.clusters.find((c) => c.subclusters.length > 1)!;
});

afterAll(async () => {
  await server?.close();
});

async function getChecked(template: string, path: string) {
  const response = await fetchJson(base, path);
  expect(response.status, response.text).toBe(200);
  openapi.check("GET", template, 200, response.body);
  return response.body;
}

describe("a split cluster", () => {
  it("lists its subclusters, largest first, their sizes adding up to the cluster's", async () => {
    expect(split).toBeDefined();
    const { clusters } = await getChecked("/api/clusters", "/api/clusters");
    const cluster = clusters.find((c: ClusterDto) => c.id === split.id);
    const sizes = cluster.subclusters.map((s: { size: number }) => s.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(cluster.size);
    expect(cluster.subclusters.map((s: { id: number }) => s.id)).toEqual(sizes.map((_: number, i: number) => i));
    for (const sub of cluster.subclusters) {
      expect(sub.label.length).toBeGreaterThan(0);
      for (const topic of sub.topics) expect(topic.nearestShare).toBeUndefined();
    }
  });

  it("?subcluster=S lists only that subcluster's papers, most central first, and names it", async () => {
    const whole = await getChecked("/api/clusters/{id}", `/api/clusters/${split.id}?limit=1000`);
    const seen = new Set<string>();
    for (const sub of split.subclusters) {
      const page = await getChecked("/api/clusters/{id}", `/api/clusters/${split.id}?subcluster=${sub.id}&limit=1000`);
      expect(page.subcluster).toEqual(sub);
      expect(page.total).toBe(sub.size);
      for (const p of page.papers) {
        expect(p.subcluster).toBe(sub.id);
        seen.add(p.id);
      }
      // The whole cluster's order, restricted to the subcluster.
      const expected = whole.papers.filter((p: { subcluster: number }) => p.subcluster === sub.id);
      expect(page.papers).toEqual(expected);
      const second = await getChecked(
        "/api/clusters/{id}",
        `/api/clusters/${split.id}?subcluster=${sub.id}&limit=1&offset=1`,
      );
      expect(second.papers).toEqual(expected.slice(1, 2));
    }
    expect(seen.size).toBe(split.size);
  });

  it("an unknown subcluster is a 404 naming the known ones", async () => {
    const response = await fetchJson(base, `/api/clusters/${split.id}?subcluster=${split.subclusters.length}`);
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: "NOT_FOUND" });
    expect(response.body.error.message).toContain(`0..${split.subclusters.length - 1}`);
  });

  it("a paper of a split cluster names its subcluster; its node carries the subcluster's id", async () => {
    const row = store.clusterIndex.subMembers[split.id][1][0];
    const id = papersOf(store)[row].id;
    const { paper } = await getChecked("/api/papers/{id}", paperPath(id));
    expect(paper.subcluster).toEqual({ id: 1, label: split.subclusters[1].label });
    expect(graphOf(store).getNodeAttribute(id, "subcluster")).toBe(1);
    const { nodes } = await getChecked("/api/clusters/{id}/graph", `/api/clusters/${split.id}/graph`);
    expect(nodes.find((n: { id: string }) => n.id === id).subcluster).toBe(1);
  });
});

it("logged no server error", () => {
  expect(server.logged).toEqual([]);
});
