// GET /api/clusters (kept), GET /api/clusters/:id (the cluster and a page of its papers, most central first, optionally
// of one subcluster), GET /api/clusters/:id/graph (its papers and the links among them, kept per cluster) and
// GET /api/clusters/:id/papers.csv|.bib|.ris (all its papers, or one subcluster's, as a file). The papers' lists and
// files take the same facet filters (category, author, venue).

import { Router } from "express";

import { clusterDownloadQuery, clusterParams, clusterQuery } from "../contract/index.js";
import { clusterGraph, clusterPapers, clusters } from "../query/index.js";
import { addPaperDownloads } from "./downloads.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest } from "./validate.js";

export function clustersRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.getKept(
        () => undefined,
        () => "clusters",
        () => clusters(respond.store),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:id")
    .get(
      respond.get(
        "cluster",
        (req) => ({
          id: parseRequest(clusterParams, req.params, "path").id,
          ...parseRequest(clusterQuery, req.query, "query"),
        }),
        ({ id, limit, offset, subcluster, ...filters }) =>
          clusterPapers(respond.store, id, limit, offset, subcluster, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:id/graph")
    .get(
      respond.getKept(
        (req) => parseRequest(clusterParams, req.params, "path").id,
        (id) => `cluster/${id}`,
        (id) => clusterGraph(respond.store, id),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  addPaperDownloads(router, "/:id/", respond, (req) => {
    const { subcluster, ...filters } = parseRequest(clusterDownloadQuery, req.query, "query");
    return { kind: "cluster", cluster: parseRequest(clusterParams, req.params, "path").id, subcluster, filters };
  });
  return router;
}
