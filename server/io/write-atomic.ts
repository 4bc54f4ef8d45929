// Atomic file writes for generated files: a temporary file in the target's directory, flushed, then renamed.

import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes `data` (a string as UTF-8, or bytes) to `path` so that readers see either the old file or the new one,
 * never a partial write (chunks, e.g. from a generator, are written as they come, so that a large export is never
 * held in memory whole): the data goes to a uniquely named temporary file next to the target (same directory, so
 * the same file system), is flushed to disk, then renamed over the target. Missing directories are created. On
 * any error the temporary file is removed and the error is rethrown; the target is left untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });

  const temporaryPath = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  // NOTE: "wx" never reuses an existing file; if it fails, the file at that path is not ours to remove.
  const handle = await open(temporaryPath, "wx");
  try {
    try {
      if (typeof data === "string" || data instanceof Uint8Array) await handle.writeFile(data);
      else await writeChunks(handle, data);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    await handle.close();
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Writes string chunks through one reused buffer, each chunk encoded straight into it. NOTE: cheaper than joining
 * the chunks into large strings first, which a GEXF export of a large map would otherwise pay.
 */
async function writeChunks(handle: FileHandle, chunks: Iterable<string>): Promise<void> {
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  for (const chunk of chunks) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (used + chunk.length * 3 > buffer.length) {
      await writeAll(handle, buffer, used);
      used = 0;
      if (chunk.length * 3 > buffer.length) {
        const bytes = Buffer.from(chunk);
        await writeAll(handle, bytes, bytes.length);
        continue;
      }
    }
    used += buffer.write(chunk, used);
  }
  await writeAll(handle, buffer, used);
}

/** Writes bytes [0, length) of `buffer`, however many calls it takes. */
async function writeAll(handle: FileHandle, buffer: Buffer, length: number): Promise<void> {
  for (let offset = 0; offset < length;) offset += (await handle.write(buffer, offset, length - offset)).bytesWritten;
}

const WRITE_BUFFER_BYTES = 1 << 20;
