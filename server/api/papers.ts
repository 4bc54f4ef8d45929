// GET /api/papers?category=&author=&venue=&limit=&offset= (a page of the papers the facet filters keep), GET
// /api/papers/:id (one paper) and GET /api/papers/:id/related?k= (its related papers, explained).
// Ids are path segments: ids with spaces, slashes or non-ASCII characters arrive percent-encoded.

import { Router } from "express";

import { paperParams, paperRelatedQuery, papersQuery } from "../contract/index.js";
import { paper, paperList, paperRelated } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest } from "./validate.js";

export function papersRouter(respond: Responder): Router {
  const { store } = respond;
  const router = Router();
  router
    .route("/")
    .get(
      respond.get(
        (req) => parseRequest(papersQuery, req.query, "query"),
        ({ limit, offset, ...filters }) => paperList(store, limit, offset, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:id")
    .get(
      respond.get(
        (req) => parseRequest(paperParams, req.params, "path").id,
        (id) => paper(store, id),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:id/related")
    .get(
      respond.get(
        (req) => ({
          id: parseRequest(paperParams, req.params, "path").id,
          k: parseRequest(paperRelatedQuery, req.query, "query").k,
        }),
        ({ id, k }) => paperRelated(store, id, k),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
