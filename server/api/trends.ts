// GET /api/trends?limit=&minPapers=&category=&author=&venue=: emerging and fading clusters and main topics.

import { Router } from "express";

import { trendsQuery } from "../contract/index.js";
import { trends } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest } from "./validate.js";

export function trendsRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.get(
        "trends",
        (req) => parseRequest(trendsQuery, req.query, "query"),
        ({ limit, minPapers, ...filters }) => trends(respond.store, limit, minPapers, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
