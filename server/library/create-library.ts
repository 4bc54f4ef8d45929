// Opening a library that may not exist yet: a missing one is created whole, filled from a corpus under a temporary
// name and then linked into place, so that a crash while filling leaves no half-filled library (the next start fills
// it again) and two processes starting at once end with one library.

import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

import { importCorpus, type ImportOptions, type ImportSummary } from "./import-corpus.js";
import { Library, type LibraryOptions } from "./library.js";

export interface OpenOrCreateOptions extends Omit<LibraryOptions, "create"> {
  /** The corpus a new library is filled from; none: a new library is empty. */
  fillFrom?: string | null;
  /** Papers per transaction while filling (importCorpus's batchSize). */
  batchSize?: number;
  /** Called after each committed batch while filling. */
  onCommit?: ImportOptions["onCommit"];
}

/** The library at `path`, created first when missing; `created` is what filling it reported (null: it existed). */
export async function openOrCreateLibrary(
  path: string,
  options: OpenOrCreateOptions = {},
): Promise<{ library: Library; created: ImportSummary | null }> {
  let created: ImportSummary | null = null;
  const { fillFrom = null, batchSize, onCommit, ...open } = options;
  if (!existsSync(path)) created = await createLibrary(path, fillFrom, { batchSize, onCommit });
  return { library: Library.open(path, open), created };
}

async function createLibrary(path: string, fillFrom: string | null, fill: ImportOptions): Promise<ImportSummary> {
  const target = resolve(path);
  removeLeftovers(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.new`);
  const summary: ImportSummary = { records: 0, added: 0, updated: [], skipped: [], duplicates: [] };
  try {
    const library = Library.open(temporary, { create: true, write: true });
    try {
      if (fillFrom !== null) Object.assign(summary, await importCorpus(library, fillFrom, fill));
    } finally {
      // NOTE: closing the last connection checkpoints the WAL into the file and removes it: the file is whole.
      library.close();
    }
    try {
      linkSync(temporary, target);
    } catch (error) {
      // Another process created it meanwhile: theirs is served.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    syncDirectory(dirname(target));
  } finally {
    for (const leftover of [temporary, `${temporary}-wal`, `${temporary}-shm`, `${temporary}.lock`]) {
      rmSync(leftover, { force: true });
    }
  }
  return summary;
}

/** Removes what a creation killed before it ended left beside `target` (its process is gone). */
function removeLeftovers(target: string): void {
  const prefix = `.${basename(target)}.`;
  for (const name of readdirSync(dirname(target))) {
    const pid = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]{8}\.new/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && !isAlive(Number(pid))) rmSync(join(dirname(target), name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
