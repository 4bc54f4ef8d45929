// The dynamic JSON GET endpoints answered on node:http directly, in front of Express, when they succeed: Express 5
// is the bottleneck of these small answers. Measured on the seed (`wrk -t1 -c50`, GET /api/papers/:id/related, the
// same query and JSON on this 2-core machine): node:http 15,480 req/s, p99 4.7 ms, 67 µs of server CPU a request;
// a bare Express app 5,940 req/s, p99 20 ms, 190 µs; the same handler as Express's first middleware 6,820 req/s,
// p99 18 ms (Express's own entry: request and response prototypes, router) before any route runs.
// Only successes are answered here, for GET requests in the routes' canonical form that accept no compression (API
// clients, scripts, load tests); anything else (another method or path, a bad parameter, an unknown id, a client
// that accepts gzip, whose answers the compression middleware negotiates) goes to Express, which answers it as it
// always did. The answers are the routers' own (api/json-answers) and the headers those Express sends (helmet's,
// captured from the app's middleware), so a response does not depend on which of the two sent it.

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";

import type { JsonAnswer, JsonAnswers } from "./json-answers.js";

/** Answers `req` and returns true, or returns false having sent nothing. */
export type HotRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A route: its path segments after /api/, `:name` for a parameter, and its answer. */
type Route = { segments: readonly string[]; answer: JsonAnswer };

export function hotRoutes(answers: JsonAnswers, headers: OutgoingHttpHeaders): HotRoutes {
  const routes: Route[] = [
    { segments: ["papers", ":id"], answer: answers.paper },
    { segments: ["papers", ":id", "related"], answer: answers.paperRelated },
    { segments: ["clusters", ":id"], answer: answers.cluster },
    { segments: ["related"], answer: answers.textRelated },
    { segments: ["search"], answer: answers.search },
    { segments: ["topics"], answer: answers.topics },
    { segments: ["topics", ":term", "papers"], answer: answers.topicPapers },
  ];
  // NOTE: one object for every answer's headers (writeHead reads it and keeps nothing: checked on Node 20, a header
  // set on the object after writeHead is not in that response). A spread made per answer
  // reached V8's old generation: at 96,499 papers, `related` at 50 connections promoted 8.0-8.3 MB/s (--trace-gc)
  // and paid a 20-33 ms major GC every ~12 s, which set its p99 (19-28 ms); with this one, 0.5 MB/s, no major GC in
  // 30 s, p99 11.6 ms. The heap profiler's samples of objects collected by major GCs: 64 MB in 8 s, then 3.4 MB.
  const sent: OutgoingHttpHeaders = { ...headers, "Content-Type": "application/json; charset=utf-8" };
  return (req, res) => {
    if (req.method !== "GET" || req.headers["accept-encoding"] !== undefined) return false;
    const url = req.url ?? "";
    if (!url.startsWith("/api/")) return false;
    const mark = url.indexOf("?");
    const segments = url.slice(5, mark < 0 ? url.length : mark).split("/");
    for (const route of routes) {
      const params = match(route.segments, segments);
      if (params === null) continue;
      let body: Buffer;
      try {
        // Query strings as Express's "simple" query parser reads them (server/app).
        body = route.answer(params, mark < 0 ? {} : parseQuery(url.slice(mark + 1)));
      } catch {
        return false;
      }
      sent["Content-Length"] = body.length;
      res.writeHead(200, sent);
      res.end(body);
      return true;
    }
    return false;
  };
}

/** The decoded parameters of `segments` on `pattern`, or null when it does not match (or a segment is malformed). */
function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i];
    const got = segments[i];
    if (want.startsWith(":")) {
      if (got.length === 0) return null;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return null;
      }
    } else if (want !== got) return null;
  }
  return params;
}
