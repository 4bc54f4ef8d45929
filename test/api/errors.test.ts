// Bad input at the edge: every parameter error, malformed or oversized bodies, unknown ids and routes, hostile
// paths and very long URLs get a 4xx with {"error": {"code", "message"}}; never a 500 or a stack trace.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TopicStore } from "../../server/query/index.js";
import {
  buildStore,
  fetchJson,
  OpenApiChecker,
  paperPath,
  papersOf,
  rawRequest,
  SEED,
  serveStore,
  type TestServer,
} from "./helpers.js";

let store: TopicStore;
let server: TestServer;
let openapi: OpenApiChecker;
let base: string;

beforeAll(async () => {
  store = await buildStore(SEED);
  server = await serveStore(store, { bodyLimit: 4096 });
  base = server.url;
  openapi = new OpenApiChecker((await fetchJson(base, "/api/openapi.json")).body);
});

afterAll(async () => {
  await server?.close();
});

const id = () => papersOf(store)[0].id;

function expectError(response: { status: number; text: string; body: any }, status: number, code?: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  if (code !== undefined) expect(response.body.error.code).toBe(code);
  expect(response.text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|Error:/);
}

describe("a bad k", () => {
  it.each(["0", "101", "-1", "abc", "1.5", "", "1e2", "99999999999999999999", "10&k=11"])(
    "k=%s is a 400",
    async (k) => {
      const response = await fetchJson(base, paperPath(id(), `/related?k=${k}`));
      expectError(response, 400, "INVALID_PARAMETER");
      expect(response.body.error.message).toContain("k must be an integer from 1 to 100");
      openapi.check("GET", "/api/papers/{id}/related", 400, response.body);
    },
  );

  it.each(["0", "101", "x"])("k=%s on text related is a 400", async (k) => {
    expectError(await fetchJson(base, `/api/related?q=graph&k=${k}`), 400, "INVALID_PARAMETER");
  });

  it.each([0, 101, 2.5, "10", null])("k=%s in a POST body is a 400", async (k) => {
    const response = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "graph", k }),
    });
    expectError(response, 400, "INVALID_BODY");
    openapi.check("POST", "/api/related", 400, response.body);
  });

  it.each([
    ["/api/search?q=graph&limit=0"],
    ["/api/search?q=graph&limit=101"],
    ["/api/clusters/0?limit=0"],
    ["/api/clusters/0?offset=-1"],
    ["/api/topics?limit=abc"],
    ["/api/export.gexf?version=2.0"],
    ["/api/clusters/0?subcluster=-1"],
    ["/api/clusters/0?subcluster=x"],
    ["/api/clusters/0?subcluster="],
    ["/api/clusters/0?subcluster=0&subcluster=1"],
    ["/api/topics/quantization/papers?limit=0"],
    ["/api/topics/quantization/papers?limit=1001"],
    ["/api/topics/quantization/papers?offset=x"],
  ])("%s is a 400", async (path) => {
    expectError(await fetchJson(base, path), 400, "INVALID_PARAMETER");
  });
});

describe("an empty query", () => {
  it.each([
    "/api/search",
    "/api/search?q=",
    "/api/search?q=%20%20",
    "/api/related",
    "/api/related?q=",
    "/api/related?q=%09",
  ])("%s is a 400", async (path) => {
    const response = await fetchJson(base, path);
    expectError(response, 400, "INVALID_PARAMETER");
    expect(response.body.error.message).toMatch(/^q/);
  });

  it.each([{}, { text: "" }, { text: "   " }, { text: 42 }, [], { q: "graph" }])(
    "POST body %j is a 400",
    async (body) => {
      const response = await fetchJson(base, "/api/related", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expectError(response, 400, "INVALID_BODY");
    },
  );
});

describe("malformed and oversized bodies", () => {
  it.each(['{"text": "graph"', "not json", '{"text": "a",}', "null", '"text"'])("%s is a 400", async (body) => {
    const response = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expectError(response, 400);
    expect(["MALFORMED_JSON", "INVALID_BODY"]).toContain(response.body.error.code);
  });

  it("a body over the limit is a 413", async () => {
    const response = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "graph ".repeat(2000) }),
    });
    expectError(response, 413, "PAYLOAD_TOO_LARGE");
    openapi.check("POST", "/api/related", 413, response.body);
  });

  it("a body that is not JSON is a 415", async () => {
    const response = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "graph",
    });
    expectError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("a body in an unsupported charset is a 415", async () => {
    const response = await fetchJson(base, "/api/related", {
      method: "POST",
      headers: { "content-type": "application/json; charset=klingon" },
      body: '{"text": "graph"}',
    });
    expectError(response, 415);
  });
});

describe("unknown ids and routes", () => {
  it.each([
    [paperPath("no such paper")],
    [paperPath("no such paper", "/related")],
    ["/api/clusters/9999"],
    ["/api/clusters/9999/graph"],
    ["/api/clusters/0/graph/extra"],
    ["/api/topics/no%20such%20topic/papers"],
    ["/api/topics/quantization"],
    ["/api/overview/0"],
    ["/api/nope"],
    ["/api"],
    ["/nope.html"],
    ["/api/papers/x/related/extra"],
  ])("%s is a 404", async (path) => {
    expectError(await fetchJson(base, path), 404, "NOT_FOUND");
  });

  it("the 404 of an unknown paper matches the OpenAPI error shape", async () => {
    const response = await fetchJson(base, paperPath("missing"));
    openapi.check("GET", "/api/papers/{id}", 404, response.body);
    expect(response.body.error.message).toContain('"missing"');
  });

  it("a cluster id that is not an integer is a 400", async () => {
    expectError(await fetchJson(base, "/api/clusters/abc"), 400, "INVALID_PARAMETER");
    expectError(await fetchJson(base, "/api/clusters/1.5"), 400, "INVALID_PARAMETER");
    const response = await fetchJson(base, "/api/clusters/abc/graph");
    expectError(response, 400, "INVALID_PARAMETER");
    openapi.check("GET", "/api/clusters/{id}/graph", 400, response.body);
  });

  it("the 404s of an unknown cluster's graph, subcluster or topic match the OpenAPI error shape", async () => {
    const graph = await fetchJson(base, "/api/clusters/9999/graph");
    openapi.check("GET", "/api/clusters/{id}/graph", 404, graph.body);
    const unsplit = store.clusterIndex.clusters.find((c) => c.subclusters.length === 0)!;
    const sub = await fetchJson(base, `/api/clusters/${unsplit.id}?subcluster=0`);
    expectError(sub, 404, "NOT_FOUND");
    expect(sub.body.error.message).toContain("not split");
    openapi.check("GET", "/api/clusters/{id}", 404, sub.body);
    const topic = await fetchJson(base, `/api/topics/${encodeURIComponent("<no such topic>")}/papers`);
    expectError(topic, 404, "NOT_FOUND");
    expect(topic.text).not.toContain("<no");
    openapi.check("GET", "/api/topics/{term}/papers", 404, topic.body);
  });

  it.each([
    ["DELETE", "/api/graph"],
    ["PUT", paperPath("x")],
    ["POST", "/api/search?q=a"],
    ["PATCH", "/api/related"],
    ["POST", "/api/overview"],
    ["DELETE", "/api/clusters/0/graph"],
    ["PUT", "/api/topics/quantization/papers"],
  ])("%s %s is a 405 naming the allowed methods", async (method, path) => {
    const response = await fetchJson(base, path, { method });
    expectError(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers.get("allow")).toMatch(/GET/);
  });

  it("PUT /api/papers (papers are listed and added there) is a 405 allowing GET and POST", async () => {
    const response = await fetchJson(base, "/api/papers", { method: "PUT" });
    expectError(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});

describe("hostile paths and long URLs", () => {
  it("malformed percent-encoding in an id is a 400", async () => {
    const response = await rawRequest(base, "/api/papers/%E0%A4%A/related");
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error.code).toBeTypeOf("string");
    expect(response.text).not.toMatch(/URIError|at /);
  });

  it("malformed percent-encoding in a topic is a 400", async () => {
    const response = await rawRequest(base, "/api/topics/%E0%A4%A/papers");
    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/URIError|at /);
  });

  it("a topic of 201 characters is a 400, of 200 a 404", async () => {
    expectError(await fetchJson(base, `/api/topics/${"t".repeat(201)}/papers`), 400, "INVALID_PARAMETER");
    expectError(await fetchJson(base, `/api/topics/${"t".repeat(200)}/papers`), 404, "NOT_FOUND");
  });

  it("an id of 1001 characters is a 400, of 1000 a 404", async () => {
    expectError(await fetchJson(base, paperPath("x".repeat(1001))), 400, "INVALID_PARAMETER");
    expectError(await fetchJson(base, paperPath("x".repeat(1000))), 404, "NOT_FOUND");
  });

  it("a search query over 500 characters is refused", async () => {
    const response = await fetchJson(base, `/api/search?q=${"graph%20".repeat(100)}x`);
    expectError(response, 400, "INVALID_PARAMETER");
    expect(response.body.error.message).toContain("500");
  });

  it("a long free text is read up to its limit", async () => {
    const text = `quantization ${"floating point precision ".repeat(400)}`;
    const response = await fetchJson(base, `/api/related?q=${encodeURIComponent(text)}`);
    expect(response.status).toBe(200);
    expect(response.body.related.length).toBeGreaterThan(0);
  });

  it("a URL longer than the server accepts is refused and the server keeps serving", async () => {
    const response = await rawRequest(base, `/api/search?q=${"a".repeat(40_000)}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await fetchJson(base, "/api/health")).status).toBe(200);
  });

  it("a query string with thousands of parameters is answered", async () => {
    const params = Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join("&");
    const response = await fetchJson(base, `/api/search?q=graph&${params}`);
    expect(response.status).toBe(200);
  });

  it("repeated parameters are refused, not joined", async () => {
    expectError(await fetchJson(base, "/api/search?q=a&q=b"), 400, "INVALID_PARAMETER");
  });
});

it("logged no server error", () => {
  expect(server.logged).toEqual([]);
});
