// GET /api/export.gexf?version=1.3|1.2, GET /api/export.graphml (both of the whole map, or the subgraph of a selection:
// ?cluster=ID[&subcluster=S], ?search=WORDS, ?topic=TERM, each with the facet filters &category=&author=&venue=, or
// the facet filters alone (the map's papers they keep); ?related=TEXT[&k=]: the papers of its list) and
// GET /api/export.json (graphology JSON): the graph as a download, readable cross-origin (CORS) so that Gephi Lite can
// open it by URL. The GEXF and the GraphML also take their query as a POSTed HTML form, since a related text can pass
// the server's header limit in a URL. From the build cache's gzip file when the build has an entry
// (cache/export-files); otherwise the GEXF is streamed (gzip when accepted) and the JSON kept (serialised once).

import { Readable } from "node:stream";

import { Router, type Request, type RequestHandler, type Response } from "express";
import type { z } from "zod";

import { exportFilePath } from "../cache/export-files.js";
import { exportQuery, graphmlQuery, REQUEST_LIMITS } from "../contract/index.js";
import {
  exportBatches,
  exportFilename,
  exportGraph,
  graphJson,
  selectionRows,
  type ExportFormat,
  type Selection,
} from "../query/index.js";
import { formBody } from "./downloads.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { sendGzipFile, sendStream } from "./send-file.js";
import { parseRequest } from "./validate.js";

/** The export's selection as the contract parses it. */
type GraphSelection = z.output<typeof graphmlQuery>;

const GEXF_TYPE = "application/gexf+xml; charset=utf-8";
const GRAPHML_TYPE = "application/graphml+xml; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

const preflight: RequestHandler = (_req, res) => {
  allowCrossOrigin(res);
  res.set({ "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Max-Age": "86400" });
  res.status(204).end();
};

export function exportRouter(respond: Responder): Router {
  const router = Router();
  const download = (res: Response, format: ExportFormat, selection?: Selection) => {
    allowCrossOrigin(res);
    res.attachment(exportFilename(respond.store, format, selection));
  };
  /** GEXF or GraphML of the whole map (kept as a file of the cache entry) or of a selection's subgraph (streamed). */
  const sendGraph =
    (type: string, parse: (req: Request) => { format: ExportFormat } & GraphSelection) =>
    async (req: Request, res: Response) => {
      const { format, ...query } = parse(req);
      // The store of this request: a live library replaces it as papers are added and deleted.
      const { store } = respond;
      const selection = selectionOf(query);
      // An unknown cluster or topic is a 404 before any header of the download is set.
      const rows = selection === undefined ? undefined : selectionRows(store, selection);
      download(res, format, selection);
      res.type(type);
      if (respond.notModified(req, res)) return;
      const file = selection === undefined ? await exportFilePath(store, format) : null;
      if (file !== null) {
        await sendGzipFile(req, res, file);
        return;
      }
      if (req.method === "HEAD") {
        res.end();
        return;
      }
      const graph = await exportGraph(store, selection, rows);
      await sendStream(req, res, Readable.from(yieldBetween(exportBatches(graph, format)), { objectMode: false }));
    };
  const gexf = (fields: unknown, where: "query" | "body") => {
    const { version, ...selection } = parseRequest(exportQuery, fields, where);
    return { format: `gexf-${version}` as const, ...selection };
  };
  const graphml = (fields: unknown, where: "query" | "body") => ({
    format: "graphml" as const,
    ...parseRequest(graphmlQuery, fields, where),
  });
  // NOTE: the form's POST is for the explorer's own page (a long related text); other origins get GET only.
  const form = formBody(REQUEST_LIMITS.textFormBytes);
  router
    .route("/export.gexf")
    .get(sendGraph(GEXF_TYPE, (req) => gexf(req.query, "query")))
    .post(
      ...form,
      sendGraph(GEXF_TYPE, (req) => gexf(req.body, "body")),
    )
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, POST, OPTIONS"));
  router
    .route("/export.graphml")
    .get(sendGraph(GRAPHML_TYPE, (req) => graphml(req.query, "query")))
    .post(
      ...form,
      sendGraph(GRAPHML_TYPE, (req) => graphml(req.body, "body")),
    )
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, POST, OPTIONS"));
  router
    .route("/export.json")
    .get(async (req, res) => {
      download(res, "json");
      const { store } = respond;
      const file = await exportFilePath(store, "json");
      if (file === null) {
        // NOTE: the graphology JSON file as it is (not the API's escaped JSON): a download, not an answer.
        const body = await respond.body("export.json", async () => Buffer.from(await graphJson(store), "utf8"));
        await respond.send(req, res, body, JSON_TYPE);
        return;
      }
      res.type(JSON_TYPE);
      if (respond.notModified(req, res)) return;
      await sendGzipFile(req, res, file);
    })
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, OPTIONS"));
  return router;
}

/** The selection an export's query names: none for the whole map, unfiltered. */
function selectionOf({
  cluster,
  subcluster,
  search,
  topic,
  related,
  k,
  ...filters
}: GraphSelection): Selection | undefined {
  if (cluster !== undefined) return { kind: "cluster", cluster, subcluster, filters };
  if (search !== undefined) return { kind: "search", q: search, filters };
  if (topic !== undefined) return { kind: "topic", term: topic, filters };
  if (related !== undefined) return { kind: "related", q: related, k: k ?? REQUEST_LIMITS.k.default };
  const { category, author, venue } = filters;
  return category === undefined && author === undefined && venue === undefined
    ? undefined
    : { kind: "papers", filters };
}

/** The batches, with a turn of the event loop after each, so that other requests are answered during a download. */
async function* yieldBetween(batches: Iterable<string>): AsyncGenerator<string> {
  for (const batch of batches) {
    yield batch;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function allowCrossOrigin(res: Response): void {
  res.set({
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Disposition, ETag",
    // NOTE: helmet's default same-origin policy would stop another site's page from reading the file.
    "Cross-Origin-Resource-Policy": "cross-origin",
  });
}
