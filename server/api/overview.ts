// GET /api/overview: the map of a large corpus at cluster level (one disc per cluster, links between clusters),
// serialised once, with an ETag and gzip.

import { Router } from "express";

import { overviewBody, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { sendSerialized } from "./send-serialized.js";

export function overviewRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/")
    .get(async (req, res) => sendSerialized(req, res, overviewBody(store), "application/json; charset=utf-8"))
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
