// GET /api/papers?category=&author=&venue=&limit=&offset= (a page of the papers the facet filters keep), GET
// /api/papers/:id (one paper) and GET /api/papers/:id/related?k= (its related papers, explained); for those allowed
// to write (api/write-access), POST /api/papers (add papers to the library) and DELETE /api/papers/:id.
// Ids are path segments: ids with spaces, slashes or non-ASCII characters arrive percent-encoded.

import express, { Router, type RequestHandler } from "express";

import { paperParams, paperRelatedQuery, papersQuery, REQUEST_LIMITS, type PapersAddedDto } from "../contract/index.js";
import { NotFoundError } from "../errors.js";
import type { Library, LibraryChange, LibraryChangedHook } from "../library/index.js";
import { paper, paperList, paperRelated } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { bodyPapers, CSV_TYPES, JSONL_TYPES } from "./paper-bodies.js";
import type { Responder } from "./respond.js";
import { parseRequest, RequestError } from "./validate.js";
import { writeGuard } from "./write-access.js";

/** The library a server writes to, who may write, and what to tell when it changed. */
export interface LibraryAccess {
  library: Library;
  /** The write token; null: the server is read-only. */
  token: string | null;
  /** Called after each committed write that changed the library; the answer waits for it. */
  changed?: LibraryChangedHook;
  /** Where a failure of `changed` is reported (the write stands). */
  logError?: (error: unknown) => void;
}

export function papersRouter(respond: Responder, access?: LibraryAccess): Router {
  const router = Router();
  const writer = writeGuard(access);
  router
    .route("/")
    .get(
      respond.get(
        "papers",
        (req) => parseRequest(papersQuery, req.query, "query"),
        ({ limit, offset, ...filters }) => paperList(respond.store, limit, offset, filters),
      ),
    )
    .post(writer, ...parseBody(), async (req, res) => {
      const library = access!.library;
      const { papers, skipped } = await bodyPapers(req, REQUEST_LIMITS.postPapers);
      if (papers.length + skipped.length === 0) throw new RequestError(400, "INVALID_BODY", "no papers in the body");
      const { outcomes, change } = library.add(papers.map((entry) => entry.paper));
      await announce(access!, change);
      const answer: PapersAddedDto = {
        added: change.added.length,
        updated: change.updated.length,
        skipped,
        papers: outcomes.map((outcome, i) => ({ index: papers[i].index, ...outcome })),
        library: { papers: library.count(), version: change.version },
      };
      await respond.json(req, res, answer, 201);
    })
    .all(methodNotAllowed("GET, HEAD, POST"));
  router
    .route("/:id")
    .get(
      respond.get(
        "paper",
        (req) => parseRequest(paperParams, req.params, "path").id,
        (id) => paper(respond.store, id),
      ),
    )
    .delete(writer, async (req, res) => {
      const { id } = parseRequest(paperParams, req.params, "path");
      const change = access!.library.delete([id]);
      if (change.deleted.length === 0) throw new NotFoundError(`no paper "${id}" in the library`);
      await announce(access!, change);
      res.status(204).end();
    })
    .all(methodNotAllowed("GET, HEAD, DELETE"));
  router
    .route("/:id/related")
    .get(
      respond.get(
        "related",
        (req) => ({
          id: parseRequest(paperParams, req.params, "path").id,
          k: parseRequest(paperRelatedQuery, req.query, "query").k,
        }),
        ({ id, k }) => paperRelated(respond.store, id, k),
      ),
    )
    .all(methodNotAllowed("GET, HEAD"));
  return router;
}

/** JSON, JSON Lines and CSV bodies up to the request limit (larger: 413); anything else: 415. */
function parseBody(): RequestHandler[] {
  const limit = REQUEST_LIMITS.postBytes;
  return [
    (req, _res, next) => {
      if (!req.is(["application/json", ...JSONL_TYPES, ...CSV_TYPES])) {
        throw new RequestError(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "send papers as application/json, application/x-ndjson (JSON Lines) or text/csv",
        );
      }
      next();
    },
    express.json({ limit, type: "application/json" }),
    express.text({ limit, type: [...JSONL_TYPES, ...CSV_TYPES] }),
  ];
}

async function announce(access: LibraryAccess, change: LibraryChange): Promise<void> {
  if (access.changed === undefined || change.added.length + change.updated.length + change.deleted.length === 0) return;
  try {
    await access.changed(change);
  } catch (error) {
    (access.logError ?? console.error)(error);
  }
}
