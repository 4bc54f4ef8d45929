// api/hot-routes: the JSON GETs answered on node:http in front of Express give, for every request, the status,
// headers and body that Express alone gives (successes, bad parameters, unknown ids, odd encodings), on the seed and
// on the hostile corpus; and they answer only what they should, leaving the rest to Express.

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hotRoutes } from "../../server/api/hot-routes.js";
import { jsonAnswers } from "../../server/api/json-answers.js";
import type { TopicStore } from "../../server/query/index.js";
import { buildStore, FIXTURE_CORPORA, rawRequest, serveStore, type RawResponse, type TestServer } from "./helpers.js";

/** Paths of every hot route, good and bad, for a store whose first paper and topic are given. */
function pathsFor(store: TopicStore): string[] {
  const ids = store.papers.ids;
  const paper = (id: string) => `/api/papers/${encodeURIComponent(id)}`;
  const term = encodeURIComponent(store.topicCounts.topics[0].term);
  return [
    ...ids.slice(0, 5).flatMap((id) => [paper(id), `${paper(id)}/related`, `${paper(id)}/related?k=3`]),
    `${paper(ids[0])}/related?k=0`,
    `${paper(ids[0])}/related?k=101`,
    `${paper(ids[0])}/related?k=abc`,
    `${paper(ids[0])}/related?k=1&k=2`,
    `${paper(ids[0])}/related?unknown=1`,
    `${paper(ids[0])}/`,
    `${paper(ids[0])}/related/`,
    `/api/Papers/${encodeURIComponent(ids[0])}`,
    "/api/papers/no-such-paper",
    "/api/papers/no-such-paper/related",
    "/api/papers/%E0%A4%A",
    "/api/papers//related",
    `/api/papers/${"x".repeat(1001)}`,
    "/api/clusters/0",
    "/api/clusters/1?limit=2&offset=1",
    "/api/clusters/0?subcluster=0",
    "/api/clusters/999",
    "/api/clusters/-1",
    "/api/clusters/0?limit=0",
    "/api/related?q=quantization%20of%20large%20language%20models&k=5",
    "/api/related?q=%3Cscript%3E%20graph%20neural%20networks",
    "/api/related?q=",
    "/api/related",
    "/api/search?q=quantization",
    "/api/search?q=graph&limit=2",
    "/api/search?q=",
    `/api/search?q=${"a".repeat(501)}`,
    "/api/topics",
    "/api/topics?limit=3",
    "/api/topics?limit=x",
    `/api/topics/${term}/papers`,
    `/api/topics/${term}/papers?limit=1&offset=1`,
    "/api/topics/no%20such%20topic/papers",
    "/api/nothing-here",
  ];
}

function comparable(response: RawResponse) {
  const { date: _date, ...headers } = response.headers;
  return { status: response.status, headers, body: response.text };
}

for (const [name, corpus] of FIXTURE_CORPORA) {
  describe(`on the ${name}`, () => {
    let store: TopicStore;
    let hot: TestServer;
    let plain: TestServer;

    beforeAll(async () => {
      store = await buildStore(corpus, { lsaDimensions: 8 });
      hot = await serveStore(store);
      plain = await serveStore(store, { hotRoutes: false });
    });

    afterAll(async () => {
      await hot?.close();
      await plain?.close();
    });

    it("every request gets the status, headers and body that Express alone gives", async () => {
      const statuses = new Set<number>();
      for (const path of pathsFor(store)) {
        const [a, b] = [await rawRequest(plain.url, path), await rawRequest(hot.url, path)];
        expect(comparable(b), path).toEqual(comparable(a));
        statuses.add(a.status);
      }
      expect([...statuses].sort()).toEqual([200, 400, 404]);
      expect(hot.logged).toEqual([]);
    });

    it("answers the successes itself and leaves errors, other methods and compression to Express", () => {
      const handle = hotRoutes(jsonAnswers(store), { "X-Test": "1" });
      const call = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) => {
        const sent: { status?: number; headers?: OutgoingHttpHeaders; body?: Buffer } = {};
        const res = {
          writeHead: (status: number, headers: OutgoingHttpHeaders) =>
            Object.assign(sent, { status, headers: { ...headers } }),
          end: (body: Buffer) => (sent.body = body),
        };
        const req = { method: init.method ?? "GET", url, headers: init.headers ?? {} };
        const answered = handle(req as IncomingMessage, res as unknown as ServerResponse);
        return { answered, ...sent };
      };
      const related = `/api/papers/${encodeURIComponent(store.papers.ids[0])}/related?k=2`;
      const ok = call(related);
      expect(ok.answered).toBe(true);
      expect(ok.status).toBe(200);
      expect(ok.headers).toMatchObject({ "X-Test": "1", "Content-Type": "application/json; charset=utf-8" });
      expect(JSON.parse(ok.body!.toString("utf8")).related).toHaveLength(2);
      expect(call(related, { headers: { "accept-encoding": "gzip" } }).answered).toBe(false);
      expect(call(related, { method: "HEAD" }).answered).toBe(false);
      expect(call(related, { method: "POST" }).answered).toBe(false);
      expect(call("/api/papers/no-such-paper").answered).toBe(false);
      expect(call(`${related.slice(0, -1)}0`).answered).toBe(false);
      expect(call("/api/graph").answered).toBe(false);
      expect(call("/index.html").answered).toBe(false);
    });
  });
}
