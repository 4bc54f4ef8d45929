// The library file's schema and its marks: `PRAGMA application_id` says the file is a topicgraph library,
// `PRAGMA user_version` is its schema version. Opening checks both before anything else reads the file.

import { randomUUID } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

import type Database from "better-sqlite3";

import { LibraryFileError } from "../errors.js";

/** "TGLB": written in every library file's header (SQLite's application_id), checked on every open. */
export const APPLICATION_ID = 0x54474c42;
/** The schema this code writes and reads; a file with a higher one was written by a newer topicgraph. */
export const SCHEMA_VERSION = 1;

const SCHEMA = `
  -- seq orders the papers (insertion order, kept by an update); id is the paper's id everywhere else.
  CREATE TABLE papers (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    abstract TEXT NOT NULL,
    authors TEXT,
    year INTEGER,
    url TEXT,
    categories TEXT,
    arxiv_id TEXT,
    doi TEXT,
    -- optional fields without a column of their own (library/library EXTRA_FIELDS), as JSON
    extra TEXT,
    title_key TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE INDEX papers_arxiv_id ON papers (arxiv_id) WHERE arxiv_id IS NOT NULL;
  CREATE INDEX papers_doi ON papers (doi) WHERE doi IS NOT NULL;
  CREATE INDEX papers_title_key ON papers (title_key);
  CREATE INDEX papers_version ON papers (version);
  -- Deleted ids with the library version that deleted them, for changesSince().
  CREATE TABLE deletions (id TEXT NOT NULL, version INTEGER NOT NULL);
  CREATE INDEX deletions_version ON deletions (version);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

const SQLITE_HEADER = "SQLite format 3\0";

/**
 * Throws LibraryFileError unless the file at `path` is empty or starts with SQLite's header: a text file, a gzip
 * or a truncated header is named as "not an SQLite database" before SQLite reads it.
 */
export function checkHeader(path: string): void {
  const fd = openSync(path, "r");
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    if (read === 0) return;
    if (read < 100 || header.toString("latin1", 0, 16) !== SQLITE_HEADER) {
      throw new LibraryFileError(`${path}: not a topicgraph library (not an SQLite database)`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Creates the schema in an empty database and marks it as ours, in one transaction. */
export function createSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    const meta = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    meta.run("version", "0");
    meta.run("library_id", randomUUID());
    meta.run("created_at", new Date().toISOString());
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** "new" for an empty database (no schema, no marks), "ours" for a library this code reads; otherwise throws. */
export function checkMarks(db: Database.Database, path: string): "new" | "ours" {
  const applicationId = db.pragma("application_id", { simple: true }) as number;
  const userVersion = db.pragma("user_version", { simple: true }) as number;
  if (applicationId === 0) {
    const objects = db.prepare("SELECT count(*) FROM sqlite_schema").pluck().get() as number;
    if (objects === 0 && userVersion === 0) return "new";
    throw new LibraryFileError(`${path}: not a topicgraph library (an SQLite database of another application)`);
  }
  if (applicationId !== APPLICATION_ID) {
    const hex = `0x${(applicationId >>> 0).toString(16).padStart(8, "0")}`;
    throw new LibraryFileError(
      `${path}: not a topicgraph library (an SQLite database of another application, application_id ${hex})`,
    );
  }
  if (userVersion > SCHEMA_VERSION) {
    throw new LibraryFileError(
      `${path}: written by a newer topicgraph (library schema ${userVersion}; this one reads up to ${SCHEMA_VERSION})`,
    );
  }
  if (userVersion < 1) throw new LibraryFileError(`${path}: a damaged topicgraph library (no schema version)`);
  return "ours";
}
