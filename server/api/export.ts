// GET /api/export.gexf?version=1.3|1.2 and GET /api/export.json (graphology JSON): the graph as a download,
// readable cross-origin (CORS) so that Gephi Lite can open it by URL.

import { Router, type RequestHandler, type Response } from "express";

import { exportBody, exportFilename, type ExportFormat, type TopicStore } from "../query/index.js";
import { methodNotAllowed } from "./error-handler.js";
import { exportQuery } from "./request-schemas.js";
import { sendSerialized } from "./send-serialized.js";
import { parseRequest } from "./validate.js";

const preflight: RequestHandler = (_req, res) => {
  allowCrossOrigin(res);
  res.set({ "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Max-Age": "86400" });
  res.status(204).end();
};

export function exportRouter(store: TopicStore): Router {
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
      await sendSerialized(req, res, exportBody(store, format), "application/gexf+xml; charset=utf-8");
    })
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, OPTIONS"));
  router
    .route("/export.json")
    .get(async (req, res) => {
      download(res, "json");
      await sendSerialized(req, res, exportBody(store, "json"), "application/json; charset=utf-8");
    })
    .options(preflight)
    .all(methodNotAllowed("GET, HEAD, OPTIONS"));
  return router;
}

function allowCrossOrigin(res: Response): void {
  res.set({
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Disposition, ETag",
    // NOTE: helmet's default same-origin policy would stop another site's page from reading the file.
    "Cross-Origin-Resource-Policy": "cross-origin",
  });
}
