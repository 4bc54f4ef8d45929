// GET /api/export.gexf and /api/export.json: downloads with a file name, readable cross-origin (Gephi Lite opens
// them by URL), ETag and gzip, serialised once.

import { gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toGexf } from "../../server/graph/export-gexf.js";
import { toGraphJson } from "../../server/graph/export-json.js";
import type { TopicStore } from "../../server/query/index.js";
import {
  buildStore,
  fetchJson,
  graphOf,
  OpenApiChecker,
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
  server = await serveStore(store);
  base = server.url;
  openapi = new OpenApiChecker((await fetchJson(base, "/api/openapi.json")).body);
});

afterAll(async () => {
  await server?.close();
});

/** Counts the times the exports ask the store for its graphology graph while `run` runs. */
async function graphsAskedDuring(run: () => Promise<unknown>): Promise<number> {
  const { graph } = store.exports;
  let asked = 0;
  store.exports.graph = () => {
    asked++;
    return graph();
  };
  try {
    await run();
  } finally {
    store.exports.graph = graph;
  }
  return asked;
}

describe("GET /api/export.gexf", () => {
  it.each([
    ["", "1.3", "http://gexf.net/1.3"],
    ["?version=1.3", "1.3", "http://gexf.net/1.3"],
    ["?version=1.2", "1.2", "http://www.gexf.net/1.2draft"],
  ])("%s is a GEXF %s attachment", async (query, version, namespace) => {
    const response = await rawRequest(base, `/api/export.gexf${query}`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/gexf+xml; charset=utf-8");
    const hash = store.info.corpusHash;
    expect(response.headers["content-disposition"]).toBe(`attachment; filename=topicgraph-${hash}.gexf`);
    expect(response.text).toBe(toGexf(graphOf(store), { version: version as "1.3" | "1.2" }));
    expect(response.text).toContain(`xmlns="${namespace}"`);
    openapi.check("GET", "/api/export.gexf", 200, response.text, "application/gexf+xml");
  });

  it("is readable from any origin, with a preflight answer", async () => {
    const response = await rawRequest(base, "/api/export.gexf", { headers: { origin: "https://gephi.org" } });
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(response.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(response.headers["access-control-expose-headers"]).toContain("Content-Disposition");
    const preflight = await rawRequest(base, "/api/export.gexf", {
      method: "OPTIONS",
      headers: { origin: "https://gephi.org", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers["access-control-allow-methods"]).toContain("GET");
  });

  it("is gzipped when accepted and answers 304 to its ETag", async () => {
    const zipped = await rawRequest(base, "/api/export.gexf?version=1.2", {
      headers: { "accept-encoding": "gzip" },
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).toString("utf8")).toBe(toGexf(graphOf(store), { version: "1.2" }));
    const etag = zipped.headers.etag as string;
    const again = await rawRequest(base, "/api/export.gexf?version=1.2", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const stale = await rawRequest(base, "/api/export.gexf?version=1.2", { headers: { "if-none-match": 'W/"stale"' } });
    expect(stale.status).toBe(200);
  });

  it("is streamed, not kept: a second download writes it again, byte for byte", async () => {
    const responses: Awaited<ReturnType<typeof rawRequest>>[] = [];
    const asked = await graphsAskedDuring(async () => {
      responses.push(await rawRequest(base, "/api/export.gexf"));
      responses.push(await rawRequest(base, "/api/export.gexf"));
    });
    expect(responses[1].text).toBe(responses[0].text);
    expect(responses[0].headers["transfer-encoding"]).toBe("chunked");
    expect(asked).toBe(2);
  });

  it("HEAD gives the headers without a body", async () => {
    const response = await rawRequest(base, "/api/export.gexf", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    expect(response.headers["content-disposition"]).toMatch(/^attachment/);
  });
});

describe("GET /api/export.json", () => {
  it("is the graphology JSON of the graph, as an attachment readable cross-origin", async () => {
    const response = await rawRequest(base, "/api/export.json");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename=topicgraph-${store.info.corpusHash}.json`,
    );
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(response.text).toBe(toGraphJson(graphOf(store)));
    openapi.check("GET", "/api/export.json", 200, JSON.parse(response.text));
  });

  it("is serialised once per graph", async () => {
    const first = await rawRequest(base, "/api/export.json");
    const asked = await graphsAskedDuring(async () => {
      const second = await rawRequest(base, "/api/export.json");
      expect(second.text).toBe(first.text);
    });
    expect(asked).toBe(0);
  });
});

it("other endpoints are not opened to other origins", async () => {
  const response = await rawRequest(base, "/api/graph", { headers: { origin: "https://elsewhere.example" } });
  expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  expect(response.headers["cross-origin-resource-policy"]).toBe("same-origin");
});
