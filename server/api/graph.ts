// GET /api/graph: every node and link for the client's map, compact, kept (serialised once, gzip made once).

import { Router } from "express";

import { graph } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";

export function graphRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.getKept(
        () => undefined,
        () => "graph",
        () => graph(respond.store),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
