// createApp({ store, config }): the Express app that serves the API and the client (security headers, compression,
// one router per resource, the JSON 404 and the error handler). Never listens.

import compression from "compression";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";

import { clientRouter } from "./api/client.js";
import { clustersRouter } from "./api/clusters.js";
import { errorHandler, notFoundHandler } from "./api/error-handler.js";
import { exportRouter } from "./api/export.js";
import { graphRouter } from "./api/graph.js";
import { healthRouter } from "./api/health.js";
import { jsonAnswers } from "./api/json-answers.js";
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

export function createApp({ store, config: overrides = {} }: AppDependencies): Express {
  const config: AppConfig = { ...APP_DEFAULTS, ...overrides };
  const answers = jsonAnswers(store);
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
