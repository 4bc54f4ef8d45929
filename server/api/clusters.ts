// GET /api/clusters (serialised once), GET /api/clusters/:id (the cluster and a page of its papers, most central first, optionally of
// one subcluster) and GET /api/clusters/:id/graph (its papers and the links among them, serialised once).

import { Router } from "express";

import { clusterParams } from "../contract/index.js";
import { clusterGraphBody, clustersBody, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { sendAnswer, type JsonAnswers } from "./json-answers.js";
import { sendSerialized } from "./send-serialized.js";
import { parseRequest } from "./validate.js";

export function clustersRouter(store: TopicStore, answers: JsonAnswers): Router {
  const router = Router();
  router
    .route("/")
    .get(async (req, res) => sendSerialized(req, res, clustersBody(store), "application/json; charset=utf-8"))
    .all(methodNotAllowed("GET, HEAD"));
  router.route("/:id").get(sendAnswer(answers.cluster)).all(methodNotAllowed("GET, HEAD"));
  router
    .route("/:id/graph")
    .get(async (req, res) => {
      const { id } = parseRequest(clusterParams, req.params, "path");
      await sendSerialized(req, res, clusterGraphBody(store, id), "application/json; charset=utf-8");
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
