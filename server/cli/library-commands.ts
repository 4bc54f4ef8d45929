// `topicgraph import <corpus> --db PATH` and `topicgraph export --db PATH --out FILE.jsonl`: papers into and out of a
// library (server/library).

import type { CorpusFormat, CorpusIssue } from "../corpus/types.js";
import { exportJsonl, importCorpus, Library } from "../library/index.js";
import { UsageError } from "./args.js";

const MAX_REPORTED = 20;

export interface ImportCommandOptions {
  corpus: string;
  db: string;
  format?: CorpusFormat;
  batchSize?: number;
}

/**
 * Imports the corpus into the library (created when missing): each committed batch is reported on `progress` (what
 * it reports is on disk), then every skipped record, update and duplicate at file:line, and the totals on `log`.
 */
export async function runImport(
  options: ImportCommandOptions,
  log: (line: string) => void,
  progress: (line: string) => void,
): Promise<void> {
  const start = performance.now();
  const library = Library.open(options.db, { create: true, write: true });
  try {
    const summary = await importCorpus(library, options.corpus, {
      format: options.format,
      batchSize: options.batchSize,
      onCommit: ({ records, papers }) => progress(`committed ${records} records; the library holds ${papers} papers`),
    });
    report("skipped", summary.skipped, log);
    report("updated", summary.updated, log);
    report("duplicates", summary.duplicates, log);
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    log(
      `${options.corpus}: ${summary.records} records: ${summary.added} added, ${summary.updated.length} updated, ` +
        `${summary.skipped.length} skipped, ${summary.duplicates.length} duplicates in ${seconds} s; ` +
        `${options.db} holds ${library.count()} papers (version ${library.version()})`,
    );
  } finally {
    library.close();
  }
}

/** Writes the library's papers, in its order, as JSON Lines (atomically). */
export async function runExport(options: { db: string; out: string }, log: (line: string) => void): Promise<void> {
  const library = Library.open(options.db);
  try {
    const papers = await exportJsonl(library, options.out).catch((error: NodeJS.ErrnoException) => {
      if (error.code === undefined) throw error;
      throw new UsageError(`cannot write ${options.out} (${error.code})`);
    });
    log(`wrote ${papers} papers of ${options.db} to ${options.out}`);
  } finally {
    library.close();
  }
}

function report(what: string, issues: CorpusIssue[], log: (line: string) => void): void {
  for (const issue of issues.slice(0, MAX_REPORTED)) log(`${issue.file}:${issue.line}: ${issue.reason}`);
  if (issues.length > MAX_REPORTED) log(`... and ${issues.length - MAX_REPORTED} more ${what}`);
}
