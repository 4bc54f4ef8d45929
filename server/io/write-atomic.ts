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

/** Writes string chunks in batches of about 1 MB. */
async function writeChunks(handle: FileHandle, chunks: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    batch.push(chunk);
    length += chunk.length;
    if (length >= 1 << 20) {
      await handle.write(batch.join(""));
      batch = [];
      length = 0;
    }
  }
  if (length > 0) await handle.write(batch.join(""));
}
