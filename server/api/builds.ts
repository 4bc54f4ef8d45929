// POST /api/rebuild (a write: rebuild the map now; 202 with the build's state) and GET /api/builds/current,
// GET /api/builds/:id (a build's state, phase and progress; never cached: the explorer polls them while a rebuild
// runs).

import { Router, type RequestHandler } from "express";

import { buildParams } from "../contract/index.js";
import { NotFoundError } from "../errors.js";
import type { Rebuilds } from "../rebuild/rebuilds.js";
import { methodNotAllowed } from "./error-handler.js";
import { sendJson } from "./respond.js";
import { parseRequest } from "./validate.js";

/** The builds of the served map, and who may ask for one. */
export interface BuildsAccess {
  rebuilds: Pick<Rebuilds, "current" | "status" | "request">;
  /** Lets a write through or throws (api/write-access). */
  guard: RequestHandler;
}

export function rebuildRouter(access: BuildsAccess): Router {
  const router = Router();
  router
    .route("/")
    .post(access.guard, (_req, res) => {
      const build = access.rebuilds.request("requested");
      res.set("Location", `/api/builds/${build.id}`);
      sendJson(res, build, 202);
    })
    .all(methodNotAllowed("POST"));
  return router;
}

export function buildsRouter(access: BuildsAccess): Router {
  const router = Router();
  router
    .route("/:id")
    .get((req, res) => {
      const { id } = parseRequest(buildParams, req.params, "path");
      const build = id === "current" ? access.rebuilds.current() : access.rebuilds.status(id);
      if (build === undefined) throw new NotFoundError(`no build ${JSON.stringify(id.slice(0, 100))}`);
      res.set("Cache-Control", "no-store");
      sendJson(res, build);
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
