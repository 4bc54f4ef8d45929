// Exports kept as gzip files in a build's cache entry: written once, on first use, from the text chunks of the
// writer (a turn of the event loop between batches, gzip off the main thread), under a temporary name renamed when
// whole; then every download is a file read (with gzip as it is, without it through gunzip), never re-serialised.
// Each file's length and checksum are kept beside it (`<name>.gz.sum`) and checked before it is sent (again only
// when the file changed since): a damaged or truncated export is written again, never sent.

import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

import { writeFileAtomic } from "../io/write-atomic.js";
import { exportChunks, type ExportFormat, type TopicStore } from "../query/index.js";
import { Checksum, type FileSum } from "./checksum.js";

/** Characters per written batch. */
const BATCH_CHARS = 64 * 1024;

const writing = new Map<string, Promise<string>>();
/** Files found whole, by path: the identity (inode, length, times) they had then. */
const checked = new Map<string, string>();

/**
 * The export as a gzip file of the build's cache entry (written on first use), or null without an entry or when the
 * entry cannot be written (a read-only cache): the export is then written from the graph as without an entry.
 */
export async function exportFilePath(store: TopicStore, format: ExportFormat): Promise<string | null> {
  const entry = store.exports.directory();
  if (entry === null) return null;
  const graph = async () => exportChunks(await store.exports.graph(), format);
  return exportFile(entry, `export-${format}`, graph, store.exports.warn).catch((error: NodeJS.ErrnoException) =>
    WRITE_ERRORS.has(error.code ?? "") ? null : Promise.reject(error),
  );
}

/** Errors of a cache entry that cannot be written to. */
const WRITE_ERRORS = new Set(["EACCES", "EPERM", "EROFS", "ENOENT", "ENOSPC"]);

/**
 * The path of `<entry>/<name>.gz`, written from `chunks()` when absent or damaged (then with a line to `warn`);
 * concurrent callers share one write, and a failed write is tried again by the next caller.
 */
export function exportFile(
  entry: string,
  name: string,
  chunks: () => Promise<Iterable<string>> | Iterable<string>,
  warn: (line: string) => void = () => undefined,
): Promise<string> {
  const path = join(entry, `${name}.gz`);
  let pending = writing.get(path);
  if (pending === undefined) {
    pending = ensure(path, chunks, warn).finally(() => writing.delete(path));
    writing.set(path, pending);
  }
  return pending;
}

async function ensure(
  path: string,
  chunks: () => Promise<Iterable<string>> | Iterable<string>,
  warn: (line: string) => void,
): Promise<string> {
  const damage = await damageOf(path);
  if (damage === null) return path;
  if (damage !== "absent") warn(`topicgraph: ${path} ${damage}: written again`);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const source = await chunks();
    const checksum = new Checksum();
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        checksum.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(
      Readable.from(batches(source)),
      createGzip({ level: 6 }),
      tap,
      createWriteStream(temporary, { flags: "wx" }),
    );
    // NOTE: the sum first: a crash between the two renames leaves a file without its sum, which is written again.
    await writeFileAtomic(`${path}.sum`, JSON.stringify(checksum.digest()));
    await rename(temporary, path);
    checked.set(path, identity(await stat(path)));
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  return path;
}

/** null when the file is whole, "absent", or what is wrong with it. */
async function damageOf(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  if (info === null) return "absent";
  if (!info.isFile()) return "is not a file";
  if (checked.get(path) === identity(info)) return null;
  let expected: FileSum;
  try {
    expected = JSON.parse(await readFile(`${path}.sum`, "utf8")) as FileSum;
  } catch {
    return "has no checksum";
  }
  const checksum = new Checksum();
  for await (const chunk of createReadStream(path)) checksum.update(chunk as Buffer);
  const found = checksum.digest();
  if (found.bytes !== expected.bytes)
    return `holds ${found.bytes} bytes where its checksum file says ${expected.bytes}`;
  if (found.sum !== expected.sum) return "differs from its checksum";
  checked.set(path, identity(info));
  return null;
}

function identity(info: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): string {
  return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
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
