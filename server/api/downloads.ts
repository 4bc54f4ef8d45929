// The papers of a selection as a file (CSV, BibTeX, RIS): GET <list>/papers.csv|.bib|.ris beside each list of papers
// (a cluster's, a topic's, a search's, a text's related papers), and for a list asked by a long text a POST of an HTML
// form (its fields those of the GET's query), since a text in the URL can pass the server's header limit. The writers
// are corpus/write-*; this module only names the file and its type.

import express, { type Request, type RequestHandler, type Response, type Router } from "express";

import { PAPER_DOWNLOADS, type PaperDownloadFormat } from "../contract/index.js";
import { formatSelection, selectionName, type Selection } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { RequestError } from "./validate.js";

const FORMATS = Object.keys(PAPER_DOWNLOADS) as PaperDownloadFormat[];

/** A download also sent as a form: `parse` reads the form's fields (req.body), `limit` bounds its bytes (413). */
export interface FormDownload {
  parse: (req: Request) => Selection;
  limit: number;
}

/**
 * Adds GET `<prefix>papers.csv`, `.bib` and `.ris` to `router` (and POST of an application/x-www-form-urlencoded
 * form with `form`): `parse` turns the request into a selection (RequestError 400), the file is its papers, named
 * `topicgraph-<selection>.<format>`, as an attachment.
 */
export function addPaperDownloads(
  router: Router,
  prefix: string,
  respond: Responder,
  parse: (req: Request) => Selection,
  form?: FormDownload,
): void {
  for (const format of FORMATS) {
    const route = router.route(`${prefix}papers.${format}`).get(sendPapers(respond, parse, format));
    if (form === undefined) {
      route.all(methodNotAllowed("GET, HEAD"));
      continue;
    }
    route
      .post(...formBody(form.limit), sendPapers(respond, form.parse, format))
      .all(methodNotAllowed("GET, HEAD, POST"));
  }
}

/**
 * The handlers that read an HTML form's fields into req.body (415 for another media type, 413 past `limit` bytes):
 * the POST of a download asked by a long text.
 */
export function formBody(limit: number): RequestHandler[] {
  // NOTE: extended: false keeps repeated fields as arrays, which the contract refuses (400), as in a query.
  return [requireForm, express.urlencoded({ extended: false, limit, type: () => true })];
}

const requireForm: RequestHandler = (req, _res, next) => {
  if (!req.is("application/x-www-form-urlencoded")) {
    throw new RequestError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "send the fields as an HTML form does: application/x-www-form-urlencoded (name=value&...)",
    );
  }
  next();
};

function sendPapers(
  respond: Responder,
  parse: (req: Request) => Selection,
  format: PaperDownloadFormat,
): RequestHandler {
  return async (req: Request, res: Response) => {
    const selection = parse(req);
    const body = formatSelection(respond.store, selection, format);
    res.attachment(`topicgraph-${selectionName(selection)}.${format}`);
    await respond.send(req, res, Buffer.from(body, "utf8"), PAPER_DOWNLOADS[format].type);
  };
}
