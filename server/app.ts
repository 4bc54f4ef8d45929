// createApp({ store, config }): the Express app that serves the API and the client (the Host allow-list, security
// headers, one router per resource, the explorer's files compressed, the JSON 404 and the error handler). Never
// listens.

import compression from "compression";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";

import { allowedHosts } from "./api/allowed-hosts.js";
import { clientRouter } from "./api/client.js";
import { buildsRouter, rebuildRouter, type BuildsAccess } from "./api/builds.js";
import { clustersRouter } from "./api/clusters.js";
import { errorHandler, notFoundHandler } from "./api/error-handler.js";
import { exportRouter } from "./api/export.js";
import { facetsRouter } from "./api/facets.js";
import { graphRouter } from "./api/graph.js";
import { healthRouter } from "./api/health.js";
import { openApiRouter } from "./api/openapi.js";
import { overviewRouter } from "./api/overview.js";
import { papersRouter, type LibraryAccess } from "./api/papers.js";
import { relatedRouter } from "./api/related.js";
import { Responder } from "./api/respond.js";
import { searchRouter } from "./api/search.js";
import { topicsRouter } from "./api/topics.js";
import { writeGuard } from "./api/write-access.js";
import { ReadOnlyError } from "./errors.js";
import { trendsRouter } from "./api/trends.js";
import { APP_DEFAULTS, type AppConfig } from "./config.js";
import type { TopicStore } from "./query/index.js";
import { startOnly } from "./rebuild/rebuilds.js";

export interface AppDependencies {
  /** The store answers come from, or a function giving the current one (a served library: live/live-map). */
  store: TopicStore | (() => TopicStore);
  /** The map's rebuilds (a served library's: rebuild/rebuilds); none: the map is the one it was started with. */
  rebuilds?: BuildsAccess["rebuilds"];
  config?: Partial<AppConfig>;
  /** The library served, when the server serves one (writes go to it); absent for a corpus file. */
  library?: LibraryAccess;
}

/** The security headers of every response. */
function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { "upgrade-insecure-requests": null } },
    // NOTE: served over plain HTTP on loopback by default; HSTS would only be ignored or, behind a proxy, wrong.
    strictTransportSecurity: false,
  });
}

/** A library served without a build cache: its map follows writes but is never rebuilt (nowhere to save one). */
function noRebuilds(guard: RequestHandler): RequestHandler {
  return (req, res) =>
    guard(req, res, () => {
      throw new ReadOnlyError("this server has no build cache to rebuild its map in: serve it without --no-cache");
    });
}

export function createApp({ store, config: overrides = {}, rebuilds, library }: AppDependencies): Express {
  const config: AppConfig = { ...APP_DEFAULTS, ...overrides };
  const respond = new Responder(store, config.compressFrom, config.answerMemory);
  const builds: BuildsAccess = {
    rebuilds: rebuilds ?? startOnly(respond.store.info.papers),
    guard: rebuilds !== undefined || library === undefined ? writeGuard(library) : noRebuilds(writeGuard(library)),
  };
  const app = express();
  app.disable("x-powered-by");
  // NOTE: no ETag hashed from each body: every answer carries its build's (api/respond).
  app.set("etag", false);
  app.set("query parser", "simple");

  // NOTE: first, so that a page under another name (DNS rebinding) reads nothing, not even the client.
  app.use(allowedHosts(config.allowedHosts));
  app.use(securityHeaders());

  // NOTE: each resource's router under its own prefix, the most asked first: a request enters one router only.
  const api = express.Router();
  api.use("/papers", papersRouter(respond, library && { logError: config.logError, ...library }));
  api.use("/clusters", clustersRouter(respond));
  api.use("/related", relatedRouter(respond, config.bodyLimit));
  api.use("/search", searchRouter(respond));
  api.use("/graph", graphRouter(respond));
  api.use("/overview", overviewRouter(respond));
  api.use("/topics", topicsRouter(respond));
  api.use("/trends", trendsRouter(respond));
  api.use("/facets", facetsRouter(respond));
  api.use("/health", healthRouter(respond, config.largeMapFrom, library));
  api.use("/openapi.json", openApiRouter(respond));
  api.use("/rebuild", rebuildRouter(builds));
  api.use("/builds", buildsRouter(builds));
  api.use(exportRouter(respond));
  api.use(notFoundHandler);
  app.use("/api", api);

  // NOTE: the API compresses its own answers (api/respond); the middleware serves the explorer's files only.
  app.use(compression({ threshold: config.compressFrom }), clientRouter(config.clientDir));
  app.use(notFoundHandler);
  app.use(errorHandler(config.logError));
  return app;
}
