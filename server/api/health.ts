// GET /api/health: the server is up, with the size of its graph and how it was built.

import { Router } from "express";

import { health, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";

export function healthRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/")
    .get((_req, res) => {
      res.set("Cache-Control", "no-store").json(health(store));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
