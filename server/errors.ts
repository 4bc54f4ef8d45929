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
