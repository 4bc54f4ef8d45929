// The write routes on a real library and a real port: who may write (token, read-only servers), POST /api/papers in
// every body format with bad papers reported by index, the request limits, DELETE, the "library changed" hook and
// /api/health's library field.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { createApp } from "../../server/app.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import { Library, type LibraryChange } from "../../server/library/index.js";
import type { TopicStore } from "../../server/query/index.js";
import { startServer } from "../../server/serve.js";
import { buildStore, fetchJson, OpenApiChecker, paperPath, SEED, type TestServer } from "./helpers.js";

const TOKEN = "a-test-token-of-some-length";
const auth = { Authorization: `Bearer ${TOKEN}` };
const jsonType = { "Content-Type": "application/json" };

let store: TopicStore;
let openapi: OpenApiChecker;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  store = await buildStore(SEED);
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function newLibrary(): Promise<Library> {
  const library = Library.open(join(mkdtempSync(join(tmpdir(), "topicgraph-writes-")), "library.db"), {
    create: true,
    write: true,
  });
  library.add((await readCorpus(SEED)).papers);
  cleanup.push(() => library.close());
  return library;
}

interface Served extends TestServer {
  changes: LibraryChange[];
}

async function serve(
  library: Library | undefined,
  token: string | null,
  changed?: (change: LibraryChange) => void | Promise<void>,
): Promise<Served> {
  const logged: unknown[] = [];
  const changes: LibraryChange[] = [];
  const app = createApp({
    store,
    config: { clientDir: "test/fixtures/api/no-client", logError: (error) => logged.push(error) },
    library:
      library === undefined
        ? undefined
        : {
            library,
            token,
            changed: async (change) => {
              changes.push(change);
              await changed?.(change);
            },
          },
  });
  const handle = await startServer(app, { host: "127.0.0.1", port: 0 });
  cleanup.push(() => handle.close());
  openapi ??= new OpenApiChecker((await fetchJson(handle.url, "/api/openapi.json")).body);
  return Object.assign(handle, { logged, changes });
}

const post = (server: Served, body: string, headers: Record<string, string>) =>
  fetchJson(server.url, "/api/papers", { method: "POST", body, headers });

describe("who may write", () => {
  test("with no token configured, reads are open and writes get 403 saying how to enable them", async () => {
    const library = await newLibrary();
    const server = await serve(library, null);
    const health = await fetchJson(server.url, "/api/health");
    expect(health.body.library).toEqual({ papers: 74, writable: false, version: 1 });
    openapi.check("GET", "/api/health", 200, health.body);
    const refused = await post(server, JSON.stringify({ title: "T", abstract: "A" }), { ...jsonType, ...auth });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("READ_ONLY");
    expect(refused.body.error.message).toMatch(/TOPICGRAPH_TOKEN.*--token-file/);
    const deleted = await fetchJson(server.url, paperPath(store.papers.paper(0).id), { method: "DELETE" });
    expect(deleted.status).toBe(403);
    expect(library.count()).toBe(74);
  });

  test("with a token, a write without it or with a wrong one gets 401; with it, 201", async () => {
    const server = await serve(await newLibrary(), TOKEN);
    const body = JSON.stringify({ title: "Token paper", abstract: "Text." });
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: "Bearer wrong" },
      { Authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const answer = await post(server, body, { ...jsonType, ...headers });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      openapi.check("POST", "/api/papers", 401, answer.body);
    }
    expect((await post(server, body, { ...jsonType, Authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await post(server, body, { ...jsonType, ...auth })).status).toBe(201);
    expect((await fetchJson(server.url, "/api/health")).body.library).toEqual({
      papers: 75,
      writable: true,
      version: 2,
    });
  });

  test("a server whose library another process writes serves it read-only: 403 naming why", async () => {
    const writer = await newLibrary();
    const reader = Library.open(writer.path, { write: "if-free" });
    cleanup.push(() => reader.close());
    const server = await serve(reader, TOKEN);
    const refused = await post(server, JSON.stringify({ title: "T", abstract: "A" }), { ...jsonType, ...auth });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/read-only: another topicgraph process is writing/);
    expect((await fetchJson(server.url, "/api/health")).body.library.writable).toBe(false);
  });

  test("a server of a corpus file refuses writes with 403 and has no library in /api/health", async () => {
    const server = await serve(undefined, TOKEN);
    const refused = await post(server, JSON.stringify({ title: "T", abstract: "A" }), { ...jsonType, ...auth });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/serve a library \(topicgraph serve --db PATH\)/);
    expect((await fetchJson(server.url, "/api/health")).body.library).toBeNull();
  });
});

describe("POST /api/papers", () => {
  test("one paper, an array or {papers}: bad papers reported by index, the good ones kept, the hook told", async () => {
    const library = await newLibrary();
    const server = await serve(library, TOKEN);
    const one = await post(server, JSON.stringify({ title: "Alone", abstract: "One paper." }), {
      ...jsonType,
      ...auth,
    });
    expect(one.status).toBe(201);
    expect(one.body).toEqual({
      added: 1,
      updated: 0,
      skipped: [],
      papers: [{ index: 0, status: "added", id: "alone" }],
      library: { papers: 75, version: 2 },
    });
    openapi.check("POST", "/api/papers", 201, one.body);

    const seedPaper = store.papers.paper(3);
    const many = await post(
      server,
      JSON.stringify({
        papers: [
          { id: "x1", title: "Fresh", abstract: "New." },
          { title: "No abstract" },
          "a string",
          { id: "other-id", title: seedPaper.title.toUpperCase(), abstract: "Revised abstract." },
          { id: "alone", title: "Alone", abstract: "One paper." },
        ],
      }),
      { ...jsonType, ...auth },
    );
    expect(many.status).toBe(201);
    expect(many.body).toEqual({
      added: 1,
      updated: 1,
      skipped: [
        { index: 1, reason: "no abstract" },
        { index: 2, reason: "not a JSON object (a string)" },
      ],
      papers: [
        { index: 0, status: "added", id: "x1" },
        { index: 3, status: "updated", id: seedPaper.id, matchedBy: "title" },
        { index: 4, status: "duplicate", id: "alone", matchedBy: "id" },
      ],
      library: { papers: 76, version: 3 },
    });
    expect(library.get(seedPaper.id)?.abstract).toBe("Revised abstract.");
    expect(server.changes.map((change) => [change.version, change.added.length, change.updated.length])).toEqual([
      [2, 1, 0],
      [3, 1, 1],
    ]);

    const array = await post(server, JSON.stringify([{ title: "In an array", abstract: "Yes." }]), {
      ...jsonType,
      ...auth,
    });
    expect(array.body.papers).toEqual([{ index: 0, status: "added", id: "in-an-array" }]);
  });

  test("JSON Lines and CSV bodies are read by the corpus readers, bad records reported with index and line", async () => {
    const server = await serve(await newLibrary(), TOKEN);
    const lines = [
      JSON.stringify({ title: "Line one", abstract: "First." }),
      "",
      "{broken",
      JSON.stringify({ title: "Line four", abstract: "Fourth.", authors: "A. One and B. Two", year: "2024" }),
    ].join("\n");
    const jsonl = await post(server, lines, { "Content-Type": "application/x-ndjson", ...auth });
    expect(jsonl.status).toBe(201);
    expect(jsonl.body.added).toBe(2);
    expect(jsonl.body.skipped).toEqual([{ index: 1, line: 3, reason: expect.stringMatching(/^invalid JSON/) }]);
    expect((await fetchJson(server.url, "/api/health")).body.library.papers).toBe(76);

    const csv = 'title,abstract,authors\nCSV one,"An abstract, with a comma",Ann\nCSV two\n"CSV three",Third.,\n';
    const answer = await post(server, csv, { "Content-Type": "text/csv; charset=utf-8", ...auth });
    expect(answer.status).toBe(201);
    expect(answer.body.papers.map((paper: { id: string }) => paper.id)).toEqual(["csv-one", "csv-three"]);
    expect(answer.body.skipped).toEqual([{ index: 1, line: 3, reason: "expected 3 fields, found 1" }]);
  });

  test("limits: over 10,000 papers or 10 MB is 413, another media type 415, nothing written", async () => {
    const library = await newLibrary();
    const server = await serve(library, TOKEN);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ title: `T${i}`, abstract: "A." }));
    const many = await post(server, JSON.stringify(tooMany), { ...jsonType, ...auth });
    expect(many.status).toBe(413);
    expect(many.body.error.code).toBe("TOO_MANY_PAPERS");
    const jsonl = tooMany.map((paper) => JSON.stringify(paper)).join("\n");
    expect((await post(server, jsonl, { "Content-Type": "application/x-ndjson", ...auth })).status).toBe(413);
    const big = JSON.stringify({ title: "Big", abstract: "x".repeat(10 * 1024 * 1024) });
    const large = await post(server, big, { ...jsonType, ...auth });
    expect(large.status).toBe(413);
    openapi.check("POST", "/api/papers", 413, large.body);
    const plain = await post(server, "title: x", { "Content-Type": "text/plain", ...auth });
    expect(plain.status).toBe(415);
    expect((await post(server, "[]", { ...jsonType, ...auth })).status).toBe(400);
    expect((await post(server, "[1,", { ...jsonType, ...auth })).status).toBe(400);
    expect(library.count()).toBe(74);
    expect(server.logged).toEqual([]);
  });

  test("a failing hook is logged and the write still answers 201", async () => {
    const library = await newLibrary();
    const server = await serve(library, TOKEN, () => {
      throw new Error("fold-in failed");
    });
    const answer = await post(server, JSON.stringify({ title: "Kept", abstract: "Yes." }), { ...jsonType, ...auth });
    expect(answer.status).toBe(201);
    expect(library.get("kept")?.title).toBe("Kept");
    expect(server.logged).toEqual([new Error("fold-in failed")]);
  });
});

describe("DELETE /api/papers/:id", () => {
  test("204 and the paper leaves the library; 404 for an unknown id; the hook told", async () => {
    const library = await newLibrary();
    const server = await serve(library, TOKEN);
    const id = store.papers.paper(5).id;
    const gone = await fetchJson(server.url, paperPath(id), { method: "DELETE", headers: auth });
    expect(gone.status).toBe(204);
    expect(gone.text).toBe("");
    expect(library.get(id)).toBeUndefined();
    const again = await fetchJson(server.url, paperPath(id), { method: "DELETE", headers: auth });
    expect(again.status).toBe(404);
    openapi.check("DELETE", "/api/papers/{id}", 404, again.body);
    expect(server.changes).toEqual([{ version: 2, added: [], updated: [], deleted: [id] }]);
    expect((await fetchJson(server.url, paperPath(id), { method: "DELETE" })).status).toBe(401);
  });
});
