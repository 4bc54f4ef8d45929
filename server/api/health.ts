// GET /api/health: the server is up, with the size of its graph, how it was built, and from how many papers the
// client should start from the overview rather than the whole map. Never cached: it must reach the server.

import { Router } from "express";

import { health } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { sendJson } from "./respond.js";

export function healthRouter(respond: Responder, largeMapFrom: number): Router {
  const router = Router();
  router
    .route("/")
    .get((_req, res) => {
      res.set("Cache-Control", "no-store");
      sendJson(res, health(respond.store, largeMapFrom));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
