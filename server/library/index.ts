// The library: papers kept in an SQLite file (better-sqlite3, WAL, synchronous=FULL), the one module that opens it.
//
// Interface (the seam with the live map, issue 15):
//   Library.open(path, { create?, write?: true | "if-free" | false, check? })  -> Library; LibraryFileError naming the
//       file when it is not a topicgraph library (not SQLite, another application's, a newer schema, damaged),
//       LibraryLockedError when `write: true` and another process holds the writer lock (OS-released on exit).
//   library.writable / readOnlyReason       this process holds the writer lock / why not
//   library.add(papers)                     one transaction; -> { outcomes: WriteOutcome[] per paper,
//                                           change: LibraryChange { version, added, updated, deleted } }
//   library.delete(ids)                     one transaction; -> LibraryChange (unknown ids left out)
//   library.snapshot()                      { version, papers } in the library's stable order (first added first;
//                                           an update keeps a paper's place), read in one transaction
//   library.papers(pageSize?)               the same order, paged (export); library.get(id); library.count()
//   library.version()                       raised by one by every write that changes something (0 when new)
//   library.changesSince(version)           { version, upserted, deleted } after a given version (a restart catching
//                                           up a build made at that version)
//   library.id                              random id of the library, fixed at creation
//   library.close()                         closes the file, releases the lock
//   openOrCreateLibrary(path, { fillFrom })  a missing library created whole (filled from a corpus) and opened
// A write returns only once committed and synced: what it reports is on disk.
// The write routes (api/papers) call the "library changed" hook below after each committed write that changed
// something, and answer when it has returned (or failed: the write stands; the failure is logged).

import type { LibraryChange } from "./library.js";

export { openOrCreateLibrary, type OpenOrCreateOptions } from "./create-library.js";
export { exportJsonl } from "./export-jsonl.js";
export { importCorpus, IMPORT_DEFAULTS, type ImportOptions, type ImportSummary } from "./import-corpus.js";
export { arxivIdOf, doiOf, paperKeys, titleKey } from "./identity.js";
export {
  Library,
  type AddResult,
  type LibraryChange,
  type LibraryChangesSince,
  type LibraryOptions,
  type MatchedBy,
  type WriteOutcome,
} from "./library.js";
export { APPLICATION_ID, SCHEMA_VERSION } from "./schema.js";

/** Called after each committed write that changed the library, with what changed. */
export type LibraryChangedHook = (change: LibraryChange) => void | Promise<void>;
