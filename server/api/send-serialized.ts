// Sends a body serialised once per graph (the graph view, the exports) with an ETag, 304 when the client holds it,
// and a gzip copy (compressed on first use, off the event loop, and kept) when the client accepts gzip.

import { promisify } from "node:util";
import { gzip } from "node:zlib";

import type { Request, Response } from "express";

import type { SerializedBody } from "../query/index.js";

const gzipAsync = promisify(gzip);
const gzipped = new WeakMap<Buffer, Promise<Buffer>>();

/** Smaller bodies are sent as they are. */
const GZIP_FROM_BYTES = 1024;

export async function sendSerialized(
  req: Request,
  res: Response,
  serialized: SerializedBody,
  type: string,
): Promise<void> {
  // NOTE: a weak ETag, since the gzip and identity bytes differ but carry the same content.
  res.set({ ETag: `W/"${serialized.hash}"`, Vary: "Accept-Encoding", "Cache-Control": "no-cache" });
  res.type(type);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const { body } = serialized;
  if (body.length >= GZIP_FROM_BYTES && req.acceptsEncodings("gzip", "identity") === "gzip") {
    let compressed = gzipped.get(body);
    if (compressed === undefined) {
      compressed = gzipAsync(body, { level: 6 });
      gzipped.set(body, compressed);
    }
    const bytes = await compressed;
    res.set("Content-Encoding", "gzip");
    res.send(bytes);
    return;
  }
  res.send(body);
}
