// Importing a corpus file into the library: its records read by the corpus readers (every format they accept), each
// matched against the library (library/library add()), committed a batch at a time.

import { readCorpusRecords, type PaperRecord } from "../corpus/read-corpus.js";
import type { CorpusFormat, CorpusIssue, Paper } from "../corpus/types.js";
import type { Library, WriteOutcome } from "./library.js";

export interface ImportOptions {
  format?: CorpusFormat;
  /** Papers per transaction (default IMPORT_DEFAULTS.batchSize). */
  batchSize?: number;
  /** Called after each committed batch with the records read so far and the papers then held. */
  onCommit?: (progress: { records: number; papers: number }) => void;
}

export const IMPORT_DEFAULTS = { batchSize: 10_000 } as const;

export interface ImportSummary {
  records: number;
  added: number;
  /** Papers the library held whose fields the file changed, each at `file:line` with the id it is held under. */
  updated: CorpusIssue[];
  /** Records not read as papers, at `file:line` with why. */
  skipped: CorpusIssue[];
  /** Records of papers the library already held as they are. */
  duplicates: CorpusIssue[];
}

/**
 * Imports the corpus at `path` into `library` (which must be writable). A batch is one transaction: a crash loses at
 * most the batch in progress, and the papers of every batch reported to `onCommit` are on disk.
 */
export async function importCorpus(
  library: Library,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? IMPORT_DEFAULTS.batchSize;
  const summary: ImportSummary = { records: 0, added: 0, updated: [], skipped: [], duplicates: [] };
  let batch: { paper: Paper; line: number }[] = [];
  const commit = () => {
    const { outcomes } = library.add(batch.map((entry) => entry.paper));
    outcomes.forEach((outcome, i) => tally(summary, outcome, path, batch[i].line));
    batch = [];
    options.onCommit?.({ records: summary.records, papers: library.count() });
  };
  for await (const record of readCorpusRecords(path, { format: options.format })) {
    summary.records++;
    if (isSkipped(record)) summary.skipped.push({ file: path, line: record.line, reason: record.reason });
    else batch.push(record);
    if (batch.length >= batchSize) commit();
  }
  if (batch.length > 0) commit();
  return summary;
}

function isSkipped(record: PaperRecord): record is { line: number; reason: string } {
  return "reason" in record;
}

function tally(summary: ImportSummary, outcome: WriteOutcome, file: string, line: number): void {
  if (outcome.status === "added") {
    summary.added++;
    if (outcome.renamedFrom !== undefined) {
      summary.duplicates.push({
        file,
        line,
        reason: `id "${outcome.renamedFrom}" is held by a different paper (another arXiv id or DOI): added as "${outcome.id}"`,
      });
    }
  } else if (outcome.status === "updated") {
    summary.updated.push({ file, line, reason: `updated "${outcome.id}" (same ${MATCH_WORDS[outcome.matchedBy]})` });
  } else {
    summary.duplicates.push({
      file,
      line,
      reason: `duplicate of "${outcome.id}" (same ${MATCH_WORDS[outcome.matchedBy]}), nothing new: skipped`,
    });
  }
}

const MATCH_WORDS = { id: "id", arxiv: "arXiv id", doi: "DOI", title: "title" } as const;
