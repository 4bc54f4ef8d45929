// GET /api/openapi.json: the OpenAPI 3.1 document of this API (kept).

import { Router } from "express";

import { methodNotAllowed } from "./error-handler.js";
import { openApiDocument } from "./openapi-document.js";
import type { Responder } from "./respond.js";

export function openApiRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.getKept(
        () => undefined,
        () => "openapi",
        () => openApiDocument(),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
