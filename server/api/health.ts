// GET /api/health: the server is up, with the size of its graph, how it was built, and from how many papers the
// client should start from the overview rather than the whole map.

import { Router } from "express";

import { health, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";

export function healthRouter(store: TopicStore, largeMapFrom: number): Router {
  const router = Router();
  router
    .route("/")
    .get((_req, res) => {
      res.set("Cache-Control", "no-store").json(health(store, largeMapFrom));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
