// GET /api/search?q=&limit=&offset=: a page of the papers whose title or abstract hold every word of the query, ranked
// (query/search-index), with how many match; and topics for suggestions. GET /api/search/papers.csv|.bib|.ris?q=: every
// paper that matches, as a file; both take the facet filters (category, author, venue).

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
        "search",
        (req) => parseRequest(searchQuery, req.query, "query"),
        ({ q, limit, offset, ...filters }) => search(respond.store, q, limit, offset, filters),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  addPaperDownloads(router, "/", respond, (req) => {
    const { q, ...filters } = parseRequest(searchDownloadQuery, req.query, "query");
    return { kind: "search", q, filters };
  });
  return router;
}
