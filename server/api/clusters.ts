// GET /api/clusters and GET /api/clusters/:id (the cluster and a page of its papers, most central first).

import { Router } from "express";

import { clusterPapers, clusters, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { clusterParams, clusterQuery } from "./request-schemas.js";
import { parseRequest } from "./validate.js";

export function clustersRouter(store: TopicStore): Router {
  const router = Router();
  router
    .route("/")
    .get((_req, res) => {
      res.json(clusters(store));
    })
    .all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:id")
    .get((req, res) => {
      const { id } = parseRequest(clusterParams, req.params, "path");
      const { limit, offset } = parseRequest(clusterQuery, req.query, "query");
      res.json(clusterPapers(store, id, limit, offset));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
