// GET /api/topics?limit=: the main topics (papers' top topics) with how many papers carry each, most common first.

import { Router } from "express";

import { topics, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { topicsQuery } from "./request-schemas.js";
import { parseRequest } from "./validate.js";

export function topicsRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/")
    .get((req, res) => {
      const { limit } = parseRequest(topicsQuery, req.query, "query");
      res.json(topics(store, limit));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
