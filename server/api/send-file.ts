// Sends a gzip file (an export kept in the build cache): as it is, with Content-Encoding gzip, to a client that
// accepts gzip; through gunzip to one that does not. Sends a stream made per request (a subgraph's export) through
// gzip to a client that accepts it. HEAD gets the headers only.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";

import type { Request, Response } from "express";

import { acceptsGzip } from "./respond.js";

export async function sendGzipFile(req: Request, res: Response, path: string): Promise<void> {
  const gzip = acceptsGzip(req);
  if (gzip) res.set({ "Content-Encoding": "gzip", "Content-Length": String((await stat(path)).size) });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  // NOTE: a client that goes away mid-download ends the pipeline; there is nothing to answer then.
  const file = createReadStream(path);
  await (gzip ? pipeline(file, res) : pipeline(file, createGunzip(), res)).catch(() => res.destroy());
}

export async function sendStream(req: Request, res: Response, source: Readable): Promise<void> {
  const gzip = acceptsGzip(req);
  res.vary("Accept-Encoding");
  if (gzip) res.set("Content-Encoding", "gzip");
  // NOTE: a client that goes away mid-download ends the pipeline; there is nothing to answer then.
  await (gzip ? pipeline(source, createGzip(), res) : pipeline(source, res)).catch(() => res.destroy());
}
