// The papers of a selection as a file (CSV, BibTeX, RIS): GET <list>/papers.csv|.bib|.ris beside each list of papers
// (a cluster's, a topic's, a search's, a text's related papers). The writers are corpus/write-*; this module only
// names the file and its type.

import type { Request, RequestHandler, Response, Router } from "express";

import { PAPER_DOWNLOADS, type PaperDownloadFormat } from "../contract/index.js";
import { formatSelection, selectionName, type Selection } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";

const FORMATS = Object.keys(PAPER_DOWNLOADS) as PaperDownloadFormat[];

/**
 * Adds GET `<prefix>papers.csv`, `.bib` and `.ris` to `router`: `parse` turns the request into a selection
 * (RequestError 400), the file is its papers, named `topicgraph-<selection>.<format>`, as an attachment.
 */
export function addPaperDownloads(
  router: Router,
  prefix: string,
  respond: Responder,
  parse: (req: Request) => Selection,
): void {
  for (const format of FORMATS) {
    router
      .route(`${prefix}papers.${format}`)
      .get(sendPapers(respond, parse, format))
      .all(methodNotAllowed("GET, HEAD"));
  }
}

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
