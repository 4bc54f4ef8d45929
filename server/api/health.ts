// GET /api/health: the server is up, with the size of its graph, how it was built, from how many papers the client
// should start from the overview rather than the whole map, and the library it serves (papers, writable). Never
// cached: it must reach the server.

import { Router } from "express";

import type { Library } from "../library/index.js";
import { health } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { sendJson } from "./respond.js";

export function healthRouter(
  respond: Responder,
  largeMapFrom: number,
  access?: { library: Library; token: string | null },
): Router {
  const router = Router();
  router
    .route("/")
    .get((_req, res) => {
      const library =
        access === undefined
          ? null
          : {
              papers: access.library.count(),
              writable: access.token !== null && access.library.writable,
              version: access.library.version(),
            };
      res.set("Cache-Control", "no-store");
      sendJson(res, health(respond.store, largeMapFrom, library));
    })
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}
