// Domain error classes, each with a stable `code`; only the API layer maps them to HTTP statuses.

/** Base of every error the domain throws on purpose; `code` is what callers branch on. */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A corpus file is missing or unreadable, or its format is unknown. */
export class CorpusReadError extends DomainError {
  readonly code = "CORPUS_UNREADABLE";
}

/** A paper, cluster or other resource that the graph does not hold. */
export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
}

/** A server setting (port, host, directory) from the command line or the environment is invalid. */
export class ConfigError extends DomainError {
  readonly code = "CONFIG_INVALID";
}

/** The server could not start listening (address in use, permission denied). */
export class ListenError extends DomainError {
  readonly code = "LISTEN_FAILED";
}

/**
 * A file of a build cache entry is missing, damaged or holds what a build cannot hold (server/cache); loading falls
 * back to a rebuild. `file` is the file's path, `reason` says what is wrong with it.
 */
export class CacheEntryError extends DomainError {
  readonly code = "CACHE_ENTRY_DAMAGED";

  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/**
 * A library file that cannot be used: not an SQLite database, another application's, written by a newer topicgraph,
 * or damaged. The message names the file.
 */
export class LibraryFileError extends DomainError {
  readonly code = "LIBRARY_UNUSABLE";
}

/** Another process writes to the library (it holds the writer lock). */
export class LibraryLockedError extends DomainError {
  readonly code = "LIBRARY_LOCKED";
}

/** A write asked of a library, or a server, that only reads; the message says how to enable writes. */
export class ReadOnlyError extends DomainError {
  readonly code = "READ_ONLY";
}
