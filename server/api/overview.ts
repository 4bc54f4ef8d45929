// GET /api/overview: the map of a large corpus at cluster level (one disc per cluster, links between clusters),
// kept (serialised once, gzip made once).

import { Router } from "express";

import { overview } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";

export function overviewRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.getKept(
        () => undefined,
        () => "overview",
        () => overview(respond.store),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
