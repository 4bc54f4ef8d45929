// Atomic file writes for generated files: a temporary file in the target's directory, flushed, then renamed.

import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes `data` (a string as UTF-8, or bytes) to `path` so that readers see either the old file or the new one,
 * never a partial write: the data goes to a uniquely named temporary file next to the target (same directory, so
 * the same file system), is flushed to disk, then renamed over the target. Missing directories are created. On
 * any error the temporary file is removed and the error is rethrown; the target is left untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });

  const temporaryPath = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  // NOTE: "wx" never reuses an existing file; if it fails, the file at that path is not ours to remove.
  const handle = await open(temporaryPath, "wx");
  try {
    try {
      await handle.writeFile(data);
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
