// GET /api/export.gexf?version=1.3|1.2, GET /api/export.graphml (both of the whole map, or of a cluster's subgraph with
// ?cluster=ID[&subcluster=S][&category=&author=&venue=]: the papers of its list) and GET /api/export.json (graphology
// JSON): the graph as a download, readable cross-origin (CORS) so that Gephi Lite can open it by URL. From the build
// cache's gzip file when the build has an entry (cache/export-files); otherwise the GEXF is streamed (gzip when
// accepted) and the JSON kept (serialised once).

import { Readable } from "node:stream";

import { Router, type Request, type RequestHandler, type Response } from "express";
import type { z } from "zod";

import { exportFilePath } from "../cache/export-files.js";
import { exportQuery, graphmlQuery } from "../contract/index.js";
import {
  exportBatches,
  exportFilename,
  exportGraph,
  graphJson,
  selectionRows,
  type ExportFormat,
  type Selection,
} from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { sendGzipFile, sendStream } from "./send-file.js";
import { parseRequest } from "./validate.js";

/** The export's selection as the contract parses it (filters only with a cluster). */
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
  /** GEXF or GraphML of the whole map (kept as a file of the cache entry) or of a cluster's subgraph (streamed). */
  const sendGraph =
    (type: string, parse: (req: Request) => { format: ExportFormat } & GraphSelection) =>
    async (req: Request, res: Response) => {
      const { format, cluster, subcluster, ...filters } = parse(req);
      // The store of this request: a live library replaces it as papers are added and deleted.
      const { store } = respond;
      const selection: Selection | undefined =
        cluster === undefined ? undefined : { kind: "cluster", cluster, subcluster, filters };
      // An unknown cluster is a 404 before any header of the download is set.
      if (selection !== undefined) selectionRows(store, selection);
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
      const graph = await exportGraph(store, selection);
      await sendStream(req, res, Readable.from(yieldBetween(exportBatches(graph, format)), { objectMode: false }));
    };
  router
    .route("/export.gexf")
    .get(
      sendGraph(GEXF_TYPE, (req) => {
        const { version, ...selection } = parseRequest(exportQuery, req.query, "query");
        return { format: `gexf-${version}`, ...selection };
      }),
    )
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, OPTIONS"));
  router
    .route("/export.graphml")
    .get(sendGraph(GRAPHML_TYPE, (req) => ({ format: "graphml", ...parseRequest(graphmlQuery, req.query, "query") })))
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, OPTIONS"));
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
