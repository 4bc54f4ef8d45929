// Validators and compression of the API's answers (api/respond): every GET answer from the build carries its store's
// weak ETag and answers 304 to it; errors, the health check and POST answers carry none; another store (a restart, a
// rebuild) answers the old tag in full. Answers are compressed for a client that accepts it from the configured size
// on, and not below it.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { KeptAnswers, KeptBody } from "../../server/api/respond.js";
import type { TopicStore } from "../../server/query/index.js";
import { buildStore, paperPath, papersOf, rawRequest, SEED, serveStore, type TestServer } from "./helpers.js";

let store: TopicStore;
let server: TestServer;

beforeAll(async () => {
  store = await buildStore(SEED, { lsaDimensions: 8 });
  server = await serveStore(store);
});

afterAll(async () => {
  await server?.close();
});

/** A GET answer of every kind the API keeps or computes. */
function answerPaths(): string[] {
  const id = papersOf(store)[0].id;
  const term = encodeURIComponent(store.topicCounts.topics[0].term);
  return [
    paperPath(id),
    paperPath(id, "/related?k=3"),
    "/api/clusters/0?limit=5",
    "/api/related?q=graph%20neural%20networks",
    "/api/search?q=language",
    "/api/topics?limit=5",
    `/api/topics/${term}/papers`,
    "/api/graph",
    "/api/overview",
    "/api/clusters",
    "/api/clusters/1/graph",
    "/api/openapi.json",
  ];
}

describe("ETag", () => {
  it("every GET answer from the build carries the store's weak ETag and answers 304 to it", async () => {
    const tags = new Set<string>();
    for (const path of answerPaths()) {
      const first = await rawRequest(server.url, path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag, path).toMatch(/^W\/"[\w-]+"$/);
      expect(first.headers["cache-control"], path).toBe("no-cache");
      expect(first.headers.vary, path).toMatch(/Accept-Encoding/i);
      tags.add(etag);
      const again = await rawRequest(server.url, path, { headers: { "if-none-match": etag } });
      expect(again.status, path).toBe(304);
      expect(again.text, path).toBe("");
      expect(again.headers.etag, path).toBe(etag);
    }
    expect(tags.size).toBe(1);
    expect(server.logged).toEqual([]);
  });

  it("errors, the health check and POST answers carry none", async () => {
    const unknown = await rawRequest(server.url, "/api/papers/no-such-paper", { headers: { "if-none-match": "*" } });
    expect(unknown.status).toBe(404);
    const bad = await rawRequest(server.url, paperPath(papersOf(store)[0].id, "/related?k=0"));
    expect(bad.status).toBe(400);
    const health = await rawRequest(server.url, "/api/health");
    expect(health.headers["cache-control"]).toBe("no-store");
    const posted = await rawRequest(server.url, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "graph neural networks" }),
    });
    expect(posted.status).toBe(200);
    for (const response of [unknown, bad, health, posted]) {
      expect(response.headers.etag).toBeUndefined();
      expect(response.headers["cache-control"] ?? "").not.toBe("no-cache");
    }
  });

  it("another store of the same corpus (a restart) answers the old tag in full", async () => {
    const restarted = await serveStore(await buildStore(SEED, { lsaDimensions: 8 }));
    try {
      for (const path of answerPaths()) {
        const old = await rawRequest(server.url, path);
        const now = await rawRequest(restarted.url, path, { headers: { "if-none-match": old.headers.etag as string } });
        expect(now.status, path).toBe(200);
        expect(now.headers.etag, path).not.toBe(old.headers.etag);
        expect(now.text, path).toBe(old.text);
      }
    } finally {
      await restarted.close();
    }
  });
});

describe("compression", () => {
  /** The identity size of an answer. */
  async function sizeOf(path: string): Promise<number> {
    return (await rawRequest(server.url, path, { headers: { "accept-encoding": "identity" } })).body.length;
  }

  it("compresses answers from compressFrom bytes on, for a client that accepts it, and not below", async () => {
    const small = "/api/topics?limit=20";
    const large = "/api/topics?limit=40";
    const kept = "/api/clusters";
    const from = await sizeOf(large);
    expect(await sizeOf(small)).toBeLessThan(from);
    const keptSize = await sizeOf(kept);
    const servers = [
      await serveStore(store, { compressFrom: from }),
      await serveStore(store, { compressFrom: keptSize + 1 }),
      await serveStore(store, { compressFrom: keptSize }),
    ];
    try {
      const [atLarge, aboveKept, atKept] = servers.map((s) => s.url);
      const get = (base: string, path: string, encoding: string) =>
        rawRequest(base, path, { headers: { "accept-encoding": encoding } });
      const plain = await get(atLarge, large, "identity");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      const gzipped = await get(atLarge, large, "gzip");
      expect(gzipped.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gzipped.body).toString("utf8")).toBe(plain.text);
      // A browser offers br too; the API answers gzip, made in one call (api/respond).
      const browser = await get(atLarge, large, "gzip, deflate, br");
      expect(browser.headers["content-encoding"]).toBe("gzip");
      expect(browser.headers["content-length"]).toBe(String(browser.body.length));
      expect(browser.headers.vary).toMatch(/Accept-Encoding/);
      expect(gunzipSync(browser.body).toString("utf8")).toBe(plain.text);
      expect((await get(atLarge, small, "gzip, deflate, br")).headers["content-encoding"]).toBeUndefined();

      const keptPlain = await get(aboveKept, kept, "gzip");
      expect(keptPlain.headers["content-encoding"]).toBeUndefined();
      const keptZipped = await get(atKept, kept, "gzip");
      expect(keptZipped.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(keptZipped.body).toString("utf8")).toBe(keptPlain.text);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });

  it("compresses POST answers, downloads and streamed exports as the GET answers, the explorer's files too", async () => {
    const clientDir = await mkdtemp(join(tmpdir(), "topicgraph-client-"));
    await writeFile(join(clientDir, "index.html"), `<!doctype html><title>x</title>${"<p>topicgraph</p>".repeat(200)}`);
    const compressing = await serveStore(store, { compressFrom: 1, clientDir });
    try {
      const browser = { "accept-encoding": "gzip, deflate, br" };
      const post = (encoding: string) =>
        rawRequest(compressing.url, "/api/related", {
          method: "POST",
          headers: { "content-type": "application/json", "accept-encoding": encoding },
          body: JSON.stringify({ text: "graph neural networks for molecules", k: 5 }),
        });
      const [zipped, plain] = [await post("gzip, deflate, br"), await post("identity")];
      expect(zipped.status).toBe(200);
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(gunzipSync(zipped.body).toString("utf8")).toBe(plain.text);
      expect(JSON.parse(plain.text).related.length).toBe(5);

      const download = "/api/clusters/0/papers.csv";
      const csv = await rawRequest(compressing.url, download, { headers: browser });
      const csvPlain = await rawRequest(compressing.url, download, { headers: { "accept-encoding": "identity" } });
      expect(csv.headers["content-encoding"]).toBe("gzip");
      expect(csv.headers["content-disposition"]).toMatch(/attachment/);
      expect(gunzipSync(csv.body).toString("utf8")).toBe(csvPlain.text);
      expect(csvPlain.text.split("\n").length).toBeGreaterThan(2);

      const subgraph = "/api/export.gexf?cluster=0";
      const gexf = await rawRequest(compressing.url, subgraph, { headers: browser });
      const gexfPlain = await rawRequest(compressing.url, subgraph, { headers: { "accept-encoding": "identity" } });
      expect(gexf.headers["content-encoding"]).toBe("gzip");
      expect(gexfPlain.headers["content-encoding"]).toBeUndefined();
      expect(gunzipSync(gexf.body).toString("utf8")).toBe(gexfPlain.text);
      expect(gexfPlain.text).toContain("<gexf");

      // The explorer's files go through the compression middleware, which gives a browser br.
      const page = await rawRequest(compressing.url, "/", { headers: browser });
      expect(page.headers["content-encoding"]).toBe("br");
      expect(brotliDecompressSync(page.body).toString("utf8")).toContain("<p>topicgraph</p>");
    } finally {
      await compressing.close();
      await rm(clientDir, { recursive: true, force: true });
    }
  });
});

describe("answers kept by their query", () => {
  it("each query keeps its own answer, the same bytes each time and as a server that keeps none makes them", async () => {
    const [a, b] = papersOf(store);
    const paths = [
      paperPath(a.id),
      paperPath(b.id),
      paperPath(a.id, "/related?k=3"),
      paperPath(a.id, "/related?k=4"),
      paperPath(b.id, "/related?k=3"),
      "/api/search?q=language&limit=3",
      "/api/search?q=graph&limit=3",
      "/api/related?q=graph%20neural%20networks&k=3",
      "/api/topics?limit=3",
      "/api/topics?limit=4",
      "/api/facets?limit=2",
      "/api/trends?limit=2&minPapers=1",
      "/api/trends?limit=2&minPapers=2",
    ];
    const first = new Map<string, string>();
    for (const path of paths) first.set(path, (await rawRequest(server.url, path)).text);
    expect(JSON.parse(first.get("/api/topics?limit=3")!).topics).toHaveLength(3);
    expect(JSON.parse(first.get("/api/topics?limit=4")!).topics).toHaveLength(4);
    // The kept answer of limit=3 is the first three of limit=4's: a key per query, not per route.
    expect(JSON.parse(first.get("/api/topics?limit=4")!).topics.slice(0, 3)).toEqual(
      JSON.parse(first.get("/api/topics?limit=3")!).topics,
    );
    const related = (path: string) => JSON.parse(first.get(path)!).related as { id: string }[];
    expect(related(paperPath(a.id, "/related?k=4")).slice(0, 3)).toEqual(related(paperPath(a.id, "/related?k=3")));
    expect(related(paperPath(b.id, "/related?k=3"))).not.toEqual(related(paperPath(a.id, "/related?k=3")));
    expect(JSON.parse(first.get(paperPath(b.id))!).paper.id).toBe(b.id);
    for (const path of [...paths].reverse())
      expect((await rawRequest(server.url, path)).text, path).toBe(first.get(path));
    const keepingNone = await serveStore(store, { answerMemory: 0 });
    try {
      for (const path of paths) expect((await rawRequest(keepingNone.url, path)).text, path).toBe(first.get(path));
    } finally {
      await keepingNone.close();
    }
    // An invalid query is a JSON 400 and an unknown paper a 404 (parsed and made before anything is kept), each time.
    for (let i = 0; i < 2; i++) {
      expect((await rawRequest(server.url, "/api/facets?limit=2&category=")).status).toBe(400);
      expect((await rawRequest(server.url, paperPath("no-such-paper", "/related"))).status).toBe(404);
    }
  });

  it("keeps at most its budget of bytes (keys included), dropping the least recently sent first", () => {
    const answers = new KeptAnswers(32);
    const body = (n: number) => new KeptBody(Buffer.alloc(n));
    const a = answers.set("a", body(10));
    answers.set("b", body(10));
    expect(answers.get("a")).toBe(a); // a is now the most recently sent
    answers.set("c", body(10)); // 33 bytes with the keys: b, the least recently sent, goes
    expect(answers.get("b")).toBeUndefined();
    expect(answers.get("a")).toBe(a);
    expect(answers.get("c")).toBeDefined();
    // A key counts: 10 bytes under a key of 12 characters make room by dropping both others (11 bytes each).
    const long = answers.set("a-longer-key", body(10));
    expect(answers.get("a")).toBeUndefined();
    expect(answers.get("c")).toBeUndefined();
    expect(answers.get("a-longer-key")).toBe(long);
    // An answer over the budget on its own is sent but not kept, and drops nothing.
    const big = body(40);
    expect(answers.set("big", big)).toBe(big);
    expect(answers.get("big")).toBeUndefined();
    expect(answers.get("a-longer-key")).toBe(long);
    // A budget of 0 keeps nothing.
    const none = new KeptAnswers(0);
    none.set("a", body(1));
    expect(none.get("a")).toBeUndefined();
  });
});
