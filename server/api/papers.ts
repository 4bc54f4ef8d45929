// GET /api/papers/:id (one paper) and GET /api/papers/:id/related?k= (its related papers, explained).
// Ids are path segments: ids with spaces, slashes or non-ASCII characters arrive percent-encoded.

import { Router } from "express";

import { paper, paperRelated, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { paperParams, paperRelatedQuery } from "./request-schemas.js";
import { parseRequest } from "./validate.js";

export function papersRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/:id")
    .get((req, res) => {
      const { id } = parseRequest(paperParams, req.params, "path");
      res.json(paper(store, id));
    })
    .all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:id/related")
    .get((req, res) => {
      const { id } = parseRequest(paperParams, req.params, "path");
      const { k } = parseRequest(paperRelatedQuery, req.query, "query");
      res.json(paperRelated(store, id, k));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
