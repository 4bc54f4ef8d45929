// GET /api/facets?limit=&category=&author=&venue=: the papers' categories, authors and venues with their counts.

import { Router } from "express";

import { facetsQuery } from "../contract/index.js";
import { facets } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest } from "./validate.js";

export function facetsRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.get(
        "facets",
        (req) => parseRequest(facetsQuery, req.query, "query"),
        ({ limit, ...filters }) => facets(respond.store, limit, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
