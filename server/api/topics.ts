// GET /api/topics?limit=: the main topics (papers' top topics) with how many papers carry each, most common first;
// GET /api/topics/:term/papers?limit=&offset=&category=&author=&venue=: every paper whose title or abstract contains a
// topic, heaviest first; GET /api/topics/:term/papers.csv|.bib|.ris (the same filters): all of them as a file.

import { Router } from "express";

import { topicDownloadQuery, topicPapersQuery, topicParams, topicsQuery } from "../contract/index.js";
import { topicPapers, topics } from "../query/index.js";
import { addPaperDownloads } from "./downloads.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest } from "./validate.js";

export function topicsRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.get(
        "topics",
        (req) => parseRequest(topicsQuery, req.query, "query").limit,
        (limit) => topics(respond.store, limit),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:term/papers")
    .get(
      respond.get(
        "topic-papers",
        (req) => ({
          term: parseRequest(topicParams, req.params, "path").term,
          ...parseRequest(topicPapersQuery, req.query, "query"),
        }),
        ({ term, limit, offset, ...filters }) => topicPapers(respond.store, term, limit, offset, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  addPaperDownloads(router, "/:term/", respond, (req) => ({
    kind: "topic",
    term: parseRequest(topicParams, req.params, "path").term,
    filters: parseRequest(topicDownloadQuery, req.query, "query"),
  }));
  return router;
}
