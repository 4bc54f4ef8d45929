// GET /api/related?q=TEXT&k= and POST /api/related {"text", "k"}: papers related to a free text (folded into the
// same TF-IDF and LSA space as the papers), and the cluster the text most likely belongs to.
// GET /api/related/papers.csv|.bib|.ris?q=TEXT&k=: those k papers as a file; POST of a form with the same fields for a
// text too long for a URL (what the explorer sends).

import express, { Router } from "express";

import { REQUEST_LIMITS, textRelatedBody, textRelatedQuery } from "../contract/index.js";
import { textRelated } from "../query/index.js";
import { addPaperDownloads } from "./downloads.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest, RequestError } from "./validate.js";

export function relatedRouter(respond: Responder, bodyLimit: number): Router {
  const router = Router();
  const json = express.json({ limit: bodyLimit, type: () => true });
  router
    .route("/")
    .get(
      respond.get(
        "related-text",
        (req) => parseRequest(textRelatedQuery, req.query, "query"),
        ({ q, k }) => textRelated(respond.store, q, k),
      ),
    )
    .post(
      (req, _res, next) => {
        if (!req.is("application/json")) {
          throw new RequestError(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            'send the body as application/json: {"text": "...", "k": 10}',
          );
        }
        next();
      },
      json,
      async (req, res) => {
        const { text, k } = parseRequest(textRelatedBody, req.body, "body");
        await respond.json(req, res, textRelated(respond.store, text, k));
      },
    )
    .all(methodNotAllowed("GET, HEAD, POST"));
  addPaperDownloads(
    router,
    "/",
    respond,
    (req) => ({ kind: "related", ...parseRequest(textRelatedQuery, req.query, "query") }),
    {
      parse: (req) => ({ kind: "related", ...parseRequest(textRelatedQuery, req.body, "body") }),
      limit: REQUEST_LIMITS.textFormBytes,
    },
  );
  return router;
}
