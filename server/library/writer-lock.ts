// The library's writer lock: one process at a time writes to a library. The lock is an exclusive SQLite file lock on
// `<library>.lock`, held while the process lives: the operating system releases it when the process ends, however it
// ends (kill -9 included), so a crashed writer never leaves a stale lock behind.

import Database from "better-sqlite3";

export interface WriterLock {
  release(): void;
}

/** Takes the writer lock of the library at `path`; null when another process (or connection) holds it. */
export function acquireWriterLock(path: string): WriterLock | null {
  const db = new Database(`${path}.lock`, { timeout: 0 });
  try {
    // NOTE: in EXCLUSIVE locking mode SQLite keeps the file lock it takes until the connection closes; BEGIN EXCLUSIVE
    // takes it at once, and fails with SQLITE_BUSY when another connection has it.
    db.pragma("journal_mode = MEMORY");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
    throw error;
  }
  let held = true;
  return {
    release() {
      if (held) db.close();
      held = false;
    },
  };
}
