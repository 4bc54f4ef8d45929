// createApp({ store, config }): the request listener that serves the API and the client: the Express app (security
// headers, compression, one router per resource, the JSON 404 and the error handler) behind api/hot-routes, which
// answers the most asked JSON GETs on node:http directly when it can. Never listens.

import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from "node:http";

import compression from "compression";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";

import { clientRouter } from "./api/client.js";
import { clustersRouter } from "./api/clusters.js";
import { errorHandler, notFoundHandler } from "./api/error-handler.js";
import { exportRouter } from "./api/export.js";
import { graphRouter } from "./api/graph.js";
import { healthRouter } from "./api/health.js";
import { hotRoutes } from "./api/hot-routes.js";
import { jsonAnswers, type JsonAnswers } from "./api/json-answers.js";
import { openApiRouter } from "./api/openapi.js";
import { overviewRouter } from "./api/overview.js";
import { papersRouter } from "./api/papers.js";
import { relatedRouter } from "./api/related.js";
import { searchRouter } from "./api/search.js";
import { topicsRouter } from "./api/topics.js";
import { APP_DEFAULTS, type AppConfig } from "./config.js";
import type { TopicStore } from "./query/index.js";

export interface AppDependencies {
  store: TopicStore;
  config?: Partial<AppConfig>;
}

/**
 * gzip/deflate/br for responses over 4 kB (a cluster page, a long related list); bodies serialised once per graph
 * carry their own gzip copy. NOTE: requests that accept no compression skip the middleware, which costs a third of
 * Express's own time per request even when it has nothing to do.
 */
function compressWhenAccepted(): RequestHandler {
  const compress = compression({ threshold: 4096 });
  return (req, res, next) => (req.headers["accept-encoding"] ? compress(req, res, next) : next());
}

/** The security headers of every response. */
function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { "upgrade-insecure-requests": null } },
    // NOTE: served over plain HTTP on loopback by default; HSTS would only be ignored or, behind a proxy, wrong.
    strictTransportSecurity: false,
  });
}

/** The headers that `middleware` sets on a response (helmet's are the same for every request). */
function headersSetBy(middleware: RequestHandler): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const res = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    removeHeader: (name: string) => delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  middleware({} as never, res as never, () => undefined);
  return headers;
}

export function createApp({ store, config: overrides = {} }: AppDependencies): RequestListener {
  const config: AppConfig = { ...APP_DEFAULTS, ...overrides };
  const answers = jsonAnswers(store);
  const app = expressApp(store, answers, config);
  if (!config.hotRoutes) return app;
  const hot = hotRoutes(answers, headersSetBy(securityHeaders()));
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!hot(req, res)) app(req, res);
  };
}

function expressApp(store: TopicStore, answers: JsonAnswers, config: AppConfig): Express {
  const app = express();
  app.disable("x-powered-by");
  // NOTE: no ETag computed over every dynamic JSON body; bodies served many times (graph, exports) carry their own.
  app.set("etag", false);
  // NOTE: `<`, `>` and `&` in JSON strings as \u escapes: corpus text stays inert even if a body is sniffed as HTML.
  app.set("json escape", true);
  app.set("query parser", "simple");

  app.use(securityHeaders());
  app.use(compressWhenAccepted());

  // NOTE: each resource's router under its own prefix, the most asked first: a request enters one router only.
  const api = express.Router();
  api.use("/papers", papersRouter(answers));
  api.use("/clusters", clustersRouter(store, answers));
  api.use("/related", relatedRouter(store, answers, config.bodyLimit));
  api.use("/search", searchRouter(answers));
  api.use("/graph", graphRouter(store));
  api.use("/overview", overviewRouter(store));
  api.use("/topics", topicsRouter(answers));
  api.use("/health", healthRouter(store, config.largeMapFrom));
  api.use("/openapi.json", openApiRouter());
  api.use(exportRouter(store));
  api.use(notFoundHandler);
  app.use("/api", api);

  app.use(clientRouter(config.clientDir));
  app.use(notFoundHandler);
  app.use(errorHandler(config.logError));
  return app;
}
