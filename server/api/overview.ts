// GET /api/overview: the map of a large corpus at cluster level (one disc per cluster, links between clusters).

import { Router } from "express";

import { overview, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";

export function overviewRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/")
    .get((_req, res) => {
      res.json(overview(store));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
