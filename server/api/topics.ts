// GET /api/topics?limit=: the main topics (papers' top topics) with how many papers carry each, most common first;
// GET /api/topics/:term/papers?limit=&offset=: the papers that carry one of them, heaviest first.

import { Router } from "express";

import { topicPapers, topics, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { topicPapersQuery, topicParams, topicsQuery } from "./request-schemas.js";
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
  router
    .route("/:term/papers")
    .get((req, res) => {
      const { term } = parseRequest(topicParams, req.params, "path");
      const { limit, offset } = parseRequest(topicPapersQuery, req.query, "query");
      res.json(topicPapers(store, term, limit, offset));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
