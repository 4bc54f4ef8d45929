// Exports kept as gzip files in a build's cache entry: written once, on first use, from the text chunks of the
// writer (a turn of the event loop between batches, gzip off the main thread), under a temporary name renamed when
// whole; then every download is a file read (with gzip as it is, without it through gunzip), never re-serialised.

import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

import { gexfChunks, type GexfVersion } from "../graph/export-gexf.js";
import { graphJsonChunks } from "../graph/export-json.js";
import type { TopicGraph } from "../graph/types.js";
import type { ExportFormat, TopicStore } from "../query/index.js";

/** Characters per written batch. */
const BATCH_CHARS = 64 * 1024;

const writing = new Map<string, Promise<string>>();

/**
 * The export as a gzip file of the build's cache entry (written on first use), or null without an entry or when the
 * entry cannot be written (a read-only cache): the export is then written from the graph as without an entry.
 */
export async function exportFilePath(store: TopicStore, format: ExportFormat): Promise<string | null> {
  const entry = store.exports.directory();
  if (entry === null) return null;
  const graph = async () => chunksOf(await store.exports.graph(), format);
  return exportFile(entry, `export-${format}`, graph).catch((error: NodeJS.ErrnoException) =>
    WRITE_ERRORS.has(error.code ?? "") ? null : Promise.reject(error),
  );
}

/** Errors of a cache entry that cannot be written to. */
const WRITE_ERRORS = new Set(["EACCES", "EPERM", "EROFS", "ENOENT", "ENOSPC"]);

function chunksOf(graph: TopicGraph, format: ExportFormat): Iterable<string> {
  return format === "json" ? graphJsonChunks(graph) : gexfChunks(graph, { version: format.slice(5) as GexfVersion });
}

/**
 * The path of `<entry>/<name>.gz`, written from `chunks()` when absent; concurrent callers share one write, and a
 * failed write is tried again by the next caller.
 */
export function exportFile(
  entry: string,
  name: string,
  chunks: () => Promise<Iterable<string>> | Iterable<string>,
): Promise<string> {
  const path = join(entry, `${name}.gz`);
  let pending = writing.get(path);
  if (pending === undefined) {
    pending = ensure(path, chunks).finally(() => writing.delete(path));
    writing.set(path, pending);
  }
  return pending;
}

async function ensure(path: string, chunks: () => Promise<Iterable<string>> | Iterable<string>): Promise<string> {
  if (
    await stat(path).then(
      (info) => info.isFile(),
      () => false,
    )
  )
    return path;
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const source = await chunks();
    await pipeline(
      Readable.from(batches(source)),
      createGzip({ level: 6 }),
      createWriteStream(temporary, { flags: "wx" }),
    );
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  return path;
}

/** The chunks joined into batches of about BATCH_CHARS, with a turn of the event loop after each. */
async function* batches(chunks: Iterable<string>): AsyncGenerator<Buffer> {
  let batch = "";
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= BATCH_CHARS) {
      yield Buffer.from(batch, "utf8");
      batch = "";
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (batch.length > 0) yield Buffer.from(batch, "utf8");
}
