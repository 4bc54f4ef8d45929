// GET /api/openapi.json: the OpenAPI 3.1 document of this API, generated from the contract (kept).

import { Router } from "express";

import { openApiDocument } from "../contract/index.js";
import { methodNotAllowed } from "./error-handler.js";
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
