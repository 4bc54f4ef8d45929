// GET /api/graph: every node and link for the client's map, compact, serialised once, with an ETag and gzip.

import { Router } from "express";

import { graphBody, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { sendSerialized } from "./send-serialized.js";

export function graphRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/")
    .get(async (req, res) => sendSerialized(req, res, graphBody(store), "application/json; charset=utf-8"))
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
