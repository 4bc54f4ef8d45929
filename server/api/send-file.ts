// Sends a gzip file (an export kept in the build cache): as it is, with Content-Encoding gzip, to a client that
// accepts gzip; through gunzip to one that does not. HEAD gets the headers only.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

import type { Request, Response } from "express";

export async function sendGzipFile(req: Request, res: Response, path: string): Promise<void> {
  const gzip = req.acceptsEncodings("gzip", "identity") === "gzip";
  if (gzip) res.set({ "Content-Encoding": "gzip", "Content-Length": String((await stat(path)).size) });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  // NOTE: a client that goes away mid-download ends the pipeline; there is nothing to answer then.
  const file = createReadStream(path);
  await (gzip ? pipeline(file, res) : pipeline(file, createGunzip(), res)).catch(() => res.destroy());
}
