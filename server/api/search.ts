// GET /api/search?q=&limit=: papers whose title or abstract hold every word of the query (title matches first),
// and topics for suggestions.

import { Router } from "express";

import { search, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { searchQuery } from "./request-schemas.js";
import { parseRequest } from "./validate.js";

export function searchRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/")
    .get((req, res) => {
      const { q, limit } = parseRequest(searchQuery, req.query, "query");
      res.json(search(store, q, limit));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
