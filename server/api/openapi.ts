// GET /api/openapi.json: the OpenAPI 3.1 document of this API, generated from the contract once.

import { Router } from "express";

import { openApiDocument } from "../contract/index.js";
import { methodNotAllowed } from "./error-handler.js";

export function openApiRouter(): Router {
  const router = Router();
  const document = openApiDocument();
  router
    .route("/")
    .get((_req, res) => {
      res.json(document);
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
