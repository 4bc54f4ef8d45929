import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError, fetchClusterPapers, fetchGraph, fetchPaper, fetchTextRelated } from "../../client/api.js";
import { tinyGraphDto } from "./fixtures.js";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

afterEach(() => vi.unstubAllGlobals());

describe("api", () => {
  it("builds the paths and query strings of the contract, encoding ids", async () => {
    const fetch = vi.fn(async () => json({}));
    vi.stubGlobal("fetch", fetch);
    await fetchPaper("a/b c");
    await fetchClusterPapers(2, { offset: 50, limit: 50 });
    expect(fetch.mock.calls.map((call) => (call as unknown[])[0])).toEqual([
      "/api/papers/a%2Fb%20c",
      "/api/clusters/2?offset=50&limit=50",
    ]);
  });

  it("posts the user's text as JSON", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => json({ related: [], cluster: null }));
    vi.stubGlobal("fetch", fetch);
    await fetchTextRelated("graph <b>neural</b>");
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe("/api/related");
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body as string)).toEqual({ text: "graph <b>neural</b>" });
  });

  it("reports the server's JSON error message and code", async () => {
    vi.stubGlobal("fetch", async () => json({ error: { code: "NOT_FOUND", message: 'no paper with id "x"' } }, 404));
    const error = await fetchPaper("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "NOT_FOUND", status: 404, message: 'no paper with id "x"' });
  });

  it("says the server cannot be reached when the request fails", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed");
    });
    await expect(fetchPaper("x")).rejects.toMatchObject({ code: "unreachable", status: 0 });
  });

  it("explains a non-JSON error page by its status line", async () => {
    vi.stubGlobal(
      "fetch",
      async () => new Response("<h1>Bad gateway</h1>", { status: 502, statusText: "Bad Gateway" }),
    );
    await expect(fetchPaper("x")).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining("502 Bad Gateway"),
    });
  });

  it("streams the graph and reports the bytes received", async () => {
    const body = JSON.stringify(tinyGraphDto());
    vi.stubGlobal("fetch", async () => new Response(body, { headers: { "content-length": String(body.length) } }));
    const progress: [number, number | null][] = [];
    const graph = await fetchGraph((loaded, total) => progress.push([loaded, total]));
    expect(graph.nodes).toHaveLength(5);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
  });
});
