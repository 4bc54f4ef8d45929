// GET /api/export.gexf?version=1.3|1.2 and GET /api/export.json (graphology JSON): the graph as a download,
// readable cross-origin (CORS) so that Gephi Lite can open it by URL. From the build cache's gzip file when the build
// has an entry (cache/export-files); otherwise the GEXF is streamed (gzip by the compression middleware when accepted)
// and the JSON kept (serialised once).

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { Router, type RequestHandler, type Response } from "express";

import { exportFilePath } from "../cache/export-files.js";
import { exportQuery } from "../contract/index.js";
import { exportFilename, gexfBatches, graphJson, type ExportFormat } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import type { Responder } from "./respond.js";
import { sendGzipFile } from "./send-file.js";
import { parseRequest } from "./validate.js";

const GEXF_TYPE = "application/gexf+xml; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

const preflight: RequestHandler = (_req, res) => {
  allowCrossOrigin(res);
  res.set({ "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Max-Age": "86400" });
  res.status(204).end();
};

export function exportRouter(respond: Responder): Router {
  const { store } = respond;
  const router = Router();
  const download = (res: Response, format: ExportFormat) => {
    allowCrossOrigin(res);
    res.attachment(exportFilename(store, format));
  };
  router
    .route("/export.gexf")
    .get(async (req, res) => {
      const { version } = parseRequest(exportQuery, req.query, "query");
      const format: ExportFormat = `gexf-${version}`;
      download(res, format);
      res.type(GEXF_TYPE);
      if (respond.notModified(req, res)) return;
      const file = await exportFilePath(store, format);
      if (file !== null) {
        await sendGzipFile(req, res, file);
        return;
      }
      if (req.method === "HEAD") {
        res.end();
        return;
      }
      // NOTE: a client that goes away mid-download ends the pipeline; there is nothing to answer then.
      const graph = await store.exports.graph();
      await pipeline(Readable.from(yieldBetween(gexfBatches(graph, version)), { objectMode: false }), res).catch(() =>
        res.destroy(),
      );
    })
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, OPTIONS"));
  router
    .route("/export.json")
    .get(async (req, res) => {
      download(res, "json");
      const file = await exportFilePath(store, "json");
      if (file === null) {
        // NOTE: the graphology JSON file as it is (not the API's escaped JSON): a download, not an answer.
        const body = await respond.body("export.json", async () => Buffer.from(await graphJson(store), "utf8"));
        await respond.sendKept(req, res, body, JSON_TYPE);
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
