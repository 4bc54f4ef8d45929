// The Library: the papers of a topicgraph library file (SQLite through better-sqlite3), read and written here only.
// Every write is one transaction, committed with synchronous=FULL in WAL mode: once a write method returns, its papers
// survive kill -9 and power loss. A write finds duplicates by id, then arXiv id or DOI, then title (library/identity).

import { existsSync } from "node:fs";
import { resolve } from "node:path";

import Database from "better-sqlite3";

import type { Paper } from "../corpus/types.js";
import { LibraryFileError, LibraryLockedError, ReadOnlyError } from "../errors.js";
import { keysConflict, paperKeys, type PaperKeys } from "./identity.js";
import { checkHeader, checkMarks, createSchema } from "./schema.js";
import { acquireWriterLock, type WriterLock } from "./writer-lock.js";

export interface LibraryOptions {
  /** Create the library when the file is missing (default false: LibraryFileError). */
  create?: boolean;
  /**
   * Take the writer lock: true throws LibraryLockedError when another process holds it; "if-free" opens the library
   * read-only then (see `readOnlyReason`); false (the default) only reads.
   */
  write?: boolean | "if-free";
  /** Run SQLite's quick_check on open (default true): a damaged file is refused before it is served. */
  check?: boolean;
}

/** How a written paper was matched to one the library held. */
export type MatchedBy = "id" | "arxiv" | "doi" | "title";

/**
 * What a write did with one paper: `added` (a new paper, under `id`), `updated` (a paper the library held, matched
 * by `matchedBy`, with fields changed), or `duplicate` (matched, and it brought nothing new). `id` is the library's
 * id of the paper, which differs from the given one when matched by another key or renamed (`renamedFrom`): an id
 * already held by a different paper (their arXiv ids or DOIs differ) gets the first free `id-2`, `id-3`, ...
 */
export type WriteOutcome =
  | { status: "added"; id: string; renamedFrom?: string }
  | { status: "updated" | "duplicate"; id: string; matchedBy: MatchedBy };

/** What one write transaction changed, as the library holds it afterwards (the "library changed" hook's argument). */
export interface LibraryChange {
  /** The library's version after the write. */
  version: number;
  added: Paper[];
  /** The papers with changed fields, as they are now (their ids and positions are kept). */
  updated: Paper[];
  /** Ids deleted. */
  deleted: string[];
}

export interface AddResult {
  /** One per given paper, in order. */
  outcomes: WriteOutcome[];
  change: LibraryChange;
}

/** Papers changed since a version: `upserted` as they are now (added or updated), `deleted` ids no longer held. */
export interface LibraryChangesSince {
  version: number;
  upserted: Paper[];
  deleted: string[];
}

interface PaperRow {
  seq: number;
  id: string;
  title: string;
  abstract: string;
  authors: string | null;
  year: number | null;
  url: string | null;
  categories: string | null;
  arxiv_id: string | null;
  doi: string | null;
  extra: string | null;
}

const COLUMNS = "seq, id, title, abstract, authors, year, url, categories, arxiv_id, doi, extra";

/** A paper's optional fields kept as JSON in the `extra` column (the DOI as written, the venue, the date). */
const EXTRA_FIELDS = ["doi", "venue", "date"] as const;

export class Library {
  /** The library file, as an absolute path. */
  readonly path: string;
  /** Why the library is read-only although writing was asked for ("if-free" and another process writes); else null. */
  readonly readOnlyReason: string | null;
  private readonly db: Database.Database;
  private lock: WriterLock | null;
  private readonly statements;
  private cachedCount: { dataVersion: number; count: number } | null = null;

  private constructor(path: string, db: Database.Database, lock: WriterLock | null, readOnlyReason: string | null) {
    this.path = path;
    this.db = db;
    this.lock = lock;
    this.readOnlyReason = readOnlyReason;
    this.statements = {
      byId: db.prepare<[string], PaperRow>(`SELECT ${COLUMNS} FROM papers WHERE id = ?`),
      byArxiv: db.prepare<[string], PaperRow>(`SELECT ${COLUMNS} FROM papers WHERE arxiv_id = ? ORDER BY seq`),
      byDoi: db.prepare<[string], PaperRow>(`SELECT ${COLUMNS} FROM papers WHERE doi = ? ORDER BY seq`),
      byTitle: db.prepare<[string], PaperRow>(`SELECT ${COLUMNS} FROM papers WHERE title_key = ? ORDER BY seq`),
      all: db.prepare<[], PaperRow>(`SELECT ${COLUMNS} FROM papers ORDER BY seq`),
      page: db.prepare<[number, number], PaperRow>(`SELECT ${COLUMNS} FROM papers WHERE seq > ? ORDER BY seq LIMIT ?`),
      since: db.prepare<[number], PaperRow>(`SELECT ${COLUMNS} FROM papers WHERE version > ? ORDER BY seq`),
      deletedSince: db.prepare<[number], { id: string }>(
        "SELECT DISTINCT id FROM deletions WHERE version > ? AND id NOT IN (SELECT id FROM papers)",
      ),
      count: db.prepare<[], number>("SELECT count(*) FROM papers").pluck(),
      idTaken: db.prepare<[string], number>("SELECT 1 FROM papers WHERE id = ?").pluck(),
      insert: db.prepare(
        `INSERT INTO papers (id, title, abstract, authors, year, url, categories, arxiv_id, doi, extra, title_key,
         version)
         VALUES (@id, @title, @abstract, @authors, @year, @url, @categories, @arxivId, @doi, @extra, @titleKey,
         @version)`,
      ),
      update: db.prepare(
        `UPDATE papers SET title = @title, abstract = @abstract, authors = @authors, year = @year, url = @url,
         categories = @categories, arxiv_id = @arxivId, doi = @doi, extra = @extra, title_key = @titleKey,
         version = @version
         WHERE seq = @seq`,
      ),
      remove: db.prepare<[string], PaperRow>(`DELETE FROM papers WHERE id = ? RETURNING ${COLUMNS}`),
      logDeletion: db.prepare<[string, number]>("INSERT INTO deletions (id, version) VALUES (?, ?)"),
      version: db.prepare<[], string>("SELECT value FROM meta WHERE key = 'version'").pluck(),
      setVersion: db.prepare<[string]>("UPDATE meta SET value = ? WHERE key = 'version'"),
      libraryId: db.prepare<[], string>("SELECT value FROM meta WHERE key = 'library_id'").pluck(),
    };
  }

  /**
   * Opens the library at `path` (creating it with `create`). Throws LibraryFileError naming the file when it is not
   * a topicgraph library (not SQLite, another application's, a newer schema, damaged), LibraryLockedError when
   * `write: true` and another process writes to it.
   */
  static open(path: string, options: LibraryOptions = {}): Library {
    const absolute = resolve(path);
    const exists = existsSync(absolute);
    if (!exists && !options.create) {
      throw new LibraryFileError(`${path}: no such library (topicgraph import <corpus> --db ${path} creates one)`);
    }
    if (exists) fileCall(path, () => checkHeader(absolute));
    const wantsWrite = options.write ?? false;
    const lock = wantsWrite !== false || !exists ? acquireWriterLock(absolute) : null;
    if (lock === null && (wantsWrite === true || !exists)) {
      throw new LibraryLockedError(`${path}: another topicgraph process is writing to this library`);
    }
    const readOnlyReason =
      wantsWrite === "if-free" && lock === null ? "another topicgraph process is writing to this library" : null;
    let db: Database.Database | null = null;
    try {
      db = fileCall(path, () => new Database(absolute, { timeout: 5000 }));
      const opened = db;
      fileCall(path, () => {
        // NOTE: the marks and pages are checked before anything is set: another application's file, or a damaged one,
        // is never changed (not even to WAL mode).
        const state = checkMarks(opened, path);
        if (state === "ours" && (options.check ?? true)) {
          const problems = opened.pragma("quick_check(1)", { simple: true });
          if (problems !== "ok")
            throw new LibraryFileError(`${path}: a damaged topicgraph library (${oneLine(problems)})`);
        }
        // NOTE: WAL is kept in the file: set on a new library, a no-op on the next opens.
        opened.pragma("journal_mode = WAL");
        opened.pragma("synchronous = FULL");
        if (state === "new") {
          if (lock === null) throw new LibraryLockedError(`${path}: another topicgraph process is creating it`);
          createSchema(opened);
        }
      });
      return new Library(absolute, opened, lock, readOnlyReason);
    } catch (error) {
      db?.close();
      lock?.release();
      throw error;
    }
  }

  /** True when this process holds the writer lock: add() and delete() may be called. */
  get writable(): boolean {
    return this.lock !== null;
  }

  /** A random id given to the library when it was created (with its version, it names a state of the library). */
  get id(): string {
    return this.read(() => this.statements.libraryId.get()!);
  }

  /** Papers held. NOTE: recounted only when the file changed (another process may write to it). */
  count(): number {
    return this.read(() => {
      const dataVersion = this.db.pragma("data_version", { simple: true }) as number;
      if (this.cachedCount?.dataVersion !== dataVersion) {
        this.cachedCount = { dataVersion, count: this.statements.count.get()! };
      }
      return this.cachedCount.count;
    });
  }

  /** Raised by one with every write that changes something; 0 for a new library. */
  version(): number {
    return this.read(() => Number(this.statements.version.get()));
  }

  get(id: string): Paper | undefined {
    return this.read(() => {
      const row = this.statements.byId.get(id);
      return row === undefined ? undefined : paperOf(row);
    });
  }

  /**
   * Every paper in the library's order (the order they were first added; an update keeps a paper's place), with the
   * version they are the state of, read in one transaction.
   */
  snapshot(): { version: number; papers: Paper[] } {
    return this.read(() =>
      this.db.transaction(() => ({
        version: Number(this.statements.version.get()),
        papers: this.statements.all.all().map(paperOf),
      }))(),
    );
  }

  /**
   * Every paper in the library's order, read a page at a time (a large library is never held whole, and writes may
   * run between pages: a paper added meanwhile comes last, one deleted may be missed).
   */
  *papers(pageSize = 1000): Generator<Paper> {
    let after = 0;
    for (;;) {
      const rows = this.read(() => this.statements.page.all(after, pageSize));
      for (const row of rows) yield paperOf(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /** What changed after `version`: papers added or updated since (in library order) and ids deleted since. */
  changesSince(version: number): LibraryChangesSince {
    return this.read(() =>
      this.db.transaction(() => ({
        version: this.version(),
        upserted: this.statements.since.all(version).map(paperOf),
        deleted: this.statements.deletedSince.all(version).map((row) => row.id),
      }))(),
    );
  }

  /**
   * Adds `papers` in one transaction, each matched against the library as it stands (earlier papers of the same call
   * included): by id, then arXiv id, then DOI, then title (library/identity), a match skipped when the two carry
   * different arXiv ids or DOIs. A matched paper is updated with the fields the new record gives (fields it lacks
   * keep their stored values; its id and place are kept); it is a duplicate when that changes nothing.
   */
  add(papers: readonly Paper[]): AddResult {
    this.requireWritable();
    return this.write((version) => {
      const outcomes: WriteOutcome[] = [];
      const added: Paper[] = [];
      const updated: Paper[] = [];
      for (const paper of papers) {
        const keys = paperKeys(paper);
        const match = this.findMatch(paper.id, keys);
        if (match === null) {
          const id = this.statements.idTaken.get(paper.id) === undefined ? paper.id : this.freeId(paper.id);
          const stored = { ...paper, id };
          this.statements.insert.run(rowParameters(stored, keys, version));
          added.push(stored);
          outcomes.push(id === paper.id ? { status: "added", id } : { status: "added", id, renamedFrom: paper.id });
          continue;
        }
        const before = paperOf(match.row);
        const merged = mergePaper(before, paper);
        if (samePaper(before, merged)) {
          outcomes.push({ status: "duplicate", id: before.id, matchedBy: match.by });
          continue;
        }
        this.statements.update.run({ ...rowParameters(merged, paperKeys(merged), version), seq: match.row.seq });
        updated.push(merged);
        outcomes.push({ status: "updated", id: before.id, matchedBy: match.by });
      }
      return { outcomes, change: { version, added, updated, deleted: [] } };
    });
  }

  /** Deletes the papers with these ids in one transaction; returns the change (ids not held are left out). */
  delete(ids: readonly string[]): LibraryChange {
    this.requireWritable();
    return this.write((version) => {
      const deleted: string[] = [];
      for (const id of ids) {
        if (this.statements.remove.get(id) === undefined) continue;
        this.statements.logDeletion.run(id, version);
        deleted.push(id);
      }
      return { change: { version, added: [], updated: [], deleted } };
    }).change;
  }

  /** Closes the file and releases the writer lock. */
  close(): void {
    if (this.db.open) this.db.close();
    this.lock?.release();
    this.lock = null;
  }

  private findMatch(id: string, keys: PaperKeys): { row: PaperRow; by: MatchedBy } | null {
    const fits = (row: PaperRow | undefined) =>
      row !== undefined && !keysConflict(keys, { arxivId: row.arxiv_id, doi: row.doi, titleKey: "" });
    const byId = this.statements.byId.get(id);
    if (fits(byId)) return { row: byId!, by: "id" };
    const candidates: [MatchedBy, PaperRow[]][] = [
      ["arxiv", keys.arxivId === null ? [] : this.statements.byArxiv.all(keys.arxivId)],
      ["doi", keys.doi === null ? [] : this.statements.byDoi.all(keys.doi)],
      ["title", keys.titleKey === "" ? [] : this.statements.byTitle.all(keys.titleKey)],
    ];
    for (const [by, rows] of candidates) {
      const row = rows.find(fits);
      if (row !== undefined) return { row, by };
    }
    return null;
  }

  private freeId(id: string): string {
    let suffix = 2;
    while (this.statements.idTaken.get(`${id}-${suffix}`) !== undefined) suffix++;
    return `${id}-${suffix}`;
  }

  private requireWritable(): void {
    if (this.lock === null) {
      throw new ReadOnlyError(
        `${this.path}: opened read-only${this.readOnlyReason ? ` (${this.readOnlyReason})` : ""}`,
      );
    }
  }

  /**
   * Runs `work` in one IMMEDIATE transaction with the next version; the version is kept only when something changed.
   * Committed (and synced, synchronous=FULL) when this returns.
   */
  private write<T extends { change: LibraryChange }>(work: (version: number) => T): T {
    // NOTE: data_version moves only with other connections' commits; this one's own writes drop the count here.
    this.cachedCount = null;
    return fileCall(this.path, () =>
      this.db
        .transaction(() => {
          const version = Number(this.statements.version.get()) + 1;
          const result = work(version);
          const { added, updated, deleted } = result.change;
          if (added.length + updated.length + deleted.length > 0) this.statements.setVersion.run(String(version));
          else result.change.version = version - 1;
          return result;
        })
        .immediate(),
    );
  }

  private read<T>(work: () => T): T {
    return fileCall(this.path, work);
  }
}

/** Runs `work`, turning SQLite's errors that mean a damaged or foreign file into LibraryFileError naming `path`. */
function fileCall<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string") throw error;
    if (code === "SQLITE_NOTADB")
      throw new LibraryFileError(`${path}: not a topicgraph library (not an SQLite database)`);
    if (code.startsWith("SQLITE_CORRUPT")) {
      throw new LibraryFileError(`${path}: a damaged topicgraph library (${oneLine((error as Error).message)})`, {
        cause: error,
      });
    }
    if (code === "EACCES" || code === "EISDIR" || code === "SQLITE_CANTOPEN" || code === "SQLITE_READONLY") {
      throw new LibraryFileError(`${path}: cannot open the library (${oneLine((error as Error).message)})`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** SQLite's reports span lines; the CLI prints one. */
function oneLine(text: unknown): string {
  return String(text).replace(/\s+/g, " ").trim();
}

function paperOf(row: PaperRow): Paper {
  const paper: Paper = { id: row.id, title: row.title, abstract: row.abstract };
  if (row.authors !== null) paper.authors = JSON.parse(row.authors) as string[];
  if (row.year !== null) paper.year = row.year;
  if (row.url !== null) paper.url = row.url;
  if (row.categories !== null) paper.categories = JSON.parse(row.categories) as string[];
  if (row.extra !== null) Object.assign(paper, JSON.parse(row.extra) as Pick<Paper, (typeof EXTRA_FIELDS)[number]>);
  return paper;
}

function rowParameters(paper: Paper, keys: PaperKeys, version: number) {
  return {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors === undefined ? null : JSON.stringify(paper.authors),
    year: paper.year ?? null,
    url: paper.url ?? null,
    categories: paper.categories === undefined ? null : JSON.stringify(paper.categories),
    arxivId: keys.arxivId,
    doi: keys.doi,
    extra: extraOf(paper),
    titleKey: keys.titleKey,
    version,
  };
}

/** `stored` with every field that `given` carries; the stored id is kept. */
function mergePaper(stored: Paper, given: Paper): Paper {
  const merged: Paper = { ...stored, title: given.title, abstract: given.abstract };
  if (given.authors !== undefined) merged.authors = given.authors;
  if (given.year !== undefined) merged.year = given.year;
  if (given.url !== undefined) merged.url = given.url;
  if (given.categories !== undefined) merged.categories = given.categories;
  for (const field of EXTRA_FIELDS) if (given[field] !== undefined) merged[field] = given[field];
  return merged;
}

function extraOf(paper: Paper): string | null {
  const extra = Object.fromEntries(EXTRA_FIELDS.filter((f) => paper[f] !== undefined).map((f) => [f, paper[f]]));
  return Object.keys(extra).length === 0 ? null : JSON.stringify(extra);
}

function samePaper(a: Paper, b: Paper): boolean {
  return (
    a.title === b.title &&
    a.abstract === b.abstract &&
    a.year === b.year &&
    a.url === b.url &&
    JSON.stringify(a.authors) === JSON.stringify(b.authors) &&
    JSON.stringify(a.categories) === JSON.stringify(b.categories) &&
    extraOf(a) === extraOf(b)
  );
}
