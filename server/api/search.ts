// GET /api/search?q=&limit=&offset=: a page of the papers whose title or abstract hold every word of the query, ranked
// (query/search-index), with how many match; and topics for suggestions.

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
        ({ q, limit, offset, ...filters }) => search(respond.store, q, limit, offset, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
