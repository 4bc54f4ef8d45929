// GET /api/search?q=&limit=: papers whose title or abstract hold every word of the query (title matches first),
// and topics for suggestions.

import { Router } from "express";

import { searchQuery } from "../contract/index.js";
import { search } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest } from "./validate.js";

export function searchRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.get(
        (req) => parseRequest(searchQuery, req.query, "query"),
        ({ q, limit, ...filters }) => search(respond.store, q, limit, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
