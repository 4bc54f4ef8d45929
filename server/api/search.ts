// GET /api/search?q=&limit=&offset=: a page of the papers whose title or abstract hold every word of the query, ranked
// (query/search-index), with how many match; and topics for suggestions. GET /api/search/papers.csv|.bib|.ris?q=: every
// paper that matches, as a file.

import { Router } from "express";

import { searchDownloadQuery, searchQuery } from "../contract/index.js";
import { search } from "../query/index.js";
import { addPaperDownloads } from "./downloads.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { parseRequest } from "./validate.js";

export function searchRouter(respond: Responder): Router {
  const router = Router();
  router
    .route("/")
    .get(
      respond.get(
        (req) => parseRequest(searchQuery, req.query, "query"),
        ({ q, limit, offset, ...filters }) => search(respond.store, q, limit, offset, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  addPaperDownloads(router, "/", respond, (req) => ({
    kind: "search",
    q: parseRequest(searchDownloadQuery, req.query, "query").q,
  }));
  return router;
}
