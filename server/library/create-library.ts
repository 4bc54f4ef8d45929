// Opening a library that may not exist yet: a missing one is created whole, filled from a corpus under a temporary
// name and then linked into place, so that a crash while filling leaves no half-filled library (the next start fills
// it again) and two processes starting at once end with one library.

import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

import { importCorpus, type ImportSummary } from "./import-corpus.js";
import { Library, type LibraryOptions } from "./library.js";

export interface OpenOrCreateOptions extends Omit<LibraryOptions, "create"> {
  /** The corpus a new library is filled from; none: a new library is empty. */
  fillFrom?: string | null;
}

/** The library at `path`, created first when missing; `created` is what filling it reported (null: it existed). */
export async function openOrCreateLibrary(
  path: string,
  options: OpenOrCreateOptions = {},
): Promise<{ library: Library; created: ImportSummary | null }> {
  let created: ImportSummary | null = null;
  if (!existsSync(path)) created = await createLibrary(path, options.fillFrom ?? null);
  const { fillFrom: _fillFrom, ...open } = options;
  return { library: Library.open(path, open), created };
}

async function createLibrary(path: string, fillFrom: string | null): Promise<ImportSummary> {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.new`);
  const summary: ImportSummary = { records: 0, added: 0, updated: [], skipped: [], duplicates: [] };
  try {
    const library = Library.open(temporary, { create: true, write: true });
    try {
      if (fillFrom !== null) Object.assign(summary, await importCorpus(library, fillFrom));
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

function syncDirectory(directory: string): void {
  const fd = openSync(directory, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
