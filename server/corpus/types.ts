// The Paper record and the shapes the corpus readers report: one place for what a corpus is.

/** One paper of a corpus. `id` is unique within a corpus; optional fields are carried to the graph. */
export interface Paper {
  id: string;
  title: string;
  abstract: string;
  authors?: string[];
  year?: number;
  url?: string;
  /** Subject categories, primary first (arXiv's `labels` are read into this field). */
  categories?: string[];
  /** Digital Object Identifier as written, without a resolver prefix such as "https://doi.org/". */
  doi?: string;
  /** The journal, proceedings or other venue. */
  venue?: string;
  /** Publication or submission date, ISO 8601 as precise as known ("2025", "2025-06", "2025-06-03T17:59:59Z"). */
  date?: string;
}

export type CorpusFormat = "jsonl" | "json" | "csv" | "daily" | "bib" | "ris";

export const CORPUS_FORMATS: readonly CorpusFormat[] = ["jsonl", "json", "csv", "daily", "bib", "ris"];

/** A record that was skipped or changed, located at `file:line`. */
export interface CorpusIssue {
  file: string;
  line: number;
  reason: string;
}

export interface CorpusReadSummary {
  papers: Paper[];
  format: CorpusFormat;
  /** Records seen, good or bad. */
  records: number;
  /** Records dropped, each with where and why. */
  skipped: CorpusIssue[];
  /** Duplicate ids or titles and how each was resolved. */
  duplicates: CorpusIssue[];
}

export interface CorpusReadOptions {
  /** Overrides the format named by the file's extension. */
  format?: CorpusFormat;
  /** Called as the file is read, with bytes read from disk (compressed bytes for gzip) and the file's size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Records larger than this (bytes of UTF-8) are skipped and reported (corpus/corpus-source RECORD_DEFAULTS). */
  maxRecordBytes?: number;
}

/** One record as a format reader found it, before validation: its fields, or why it could not be parsed. */
export type RawRecord = { line: number; fields: Record<string, unknown> } | { line: number; error: string };
