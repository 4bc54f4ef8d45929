// GET /api/openapi.json: the OpenAPI 3.1 document of this API.

import { Router } from "express";

import { methodNotAllowed } from "./error-handler.js";
import { openApiDocument } from "./openapi-document.js";

export function openApiRouter(): Router {
  const router = Router();
  router
    .route("/")
    .get((_req, res) => {
      res.json(openApiDocument());
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
