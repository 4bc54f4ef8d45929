// Reads a corpus file of any supported format into papers, with every skipped record and duplicate reported.

import { CorpusReadError } from "../errors.js";
import { openCorpusText, resolveRecordLimits, type RecordLimits } from "./corpus-source.js";
import { normalizeRecord } from "./normalize-record.js";
import { readBibtexRecords } from "./read-bibtex.js";
import { readCsvRecords } from "./read-csv.js";
import { readDailyRecords } from "./read-daily.js";
import { readJsonRecords } from "./read-json.js";
import { readJsonlRecords } from "./read-jsonl.js";
import { readRisRecords } from "./read-ris.js";
import { resolveDuplicates, type LocatedPaper } from "./resolve-duplicates.js";
import {
  CORPUS_FORMATS,
  type CorpusFormat,
  type CorpusIssue,
  type CorpusReadOptions,
  type CorpusReadSummary,
  type RawRecord,
} from "./types.js";

export { CorpusReadError } from "../errors.js";

const READERS: Record<CorpusFormat, (chunks: AsyncIterable<string>, limits: RecordLimits) => AsyncIterable<RawRecord>> =
  {
    jsonl: readJsonlRecords,
    json: readJsonRecords,
    csv: readCsvRecords,
    daily: readDailyRecords,
    bib: readBibtexRecords,
    ris: readRisRecords,
  };

const EXTENSIONS: Record<string, CorpusFormat> = {
  jsonl: "jsonl",
  ndjson: "jsonl",
  json: "json",
  csv: "csv",
  txt: "daily",
  bib: "bib",
  ris: "ris",
};

/** The format named by the path's extension, a trailing `.gz` aside (`a.jsonl.gz` is jsonl); else undefined. */
export function detectFormat(path: string): CorpusFormat | undefined {
  const extension = /\.([a-z0-9]+)(?:\.gz)?$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : EXTENSIONS[extension];
}

/**
 * Reads the corpus at `path`: format from `options.format` or the extension, gzip detected by its magic bytes.
 * Bad records (and records over `options.maxRecordBytes`) are skipped and reported at `file:line`, duplicates
 * resolved and reported. Throws CorpusReadError when the file cannot be read, is not a regular file, its format is
 * unknown, or it holds no valid record.
 */
export async function readCorpus(path: string, options: CorpusReadOptions = {}): Promise<CorpusReadSummary> {
  const format = formatOf(path, options);
  const located: LocatedPaper[] = [];
  const skipped: CorpusIssue[] = [];
  let records = 0;
  for await (const record of readCorpusRecords(path, { ...options, format })) {
    records++;
    if ("reason" in record) skipped.push({ file: path, line: record.line, reason: record.reason });
    else located.push(record);
  }
  const { papers, duplicates } = resolveDuplicates(located, path);
  if (papers.length === 0) {
    const first = skipped[0];
    throw new CorpusReadError(
      `corpus: no valid record in "${path}"` +
        (first === undefined
          ? " (it holds none)"
          : ` (${skipped.length} skipped, the first at line ${first.line}: ${first.reason})`),
    );
  }
  return { papers, format, records, skipped, duplicates };
}

/** A record read as a paper (with the line it starts at), or why it is not one. */
export type PaperRecord = LocatedPaper | { line: number; reason: string };

/**
 * The papers of a format reader's raw records, each normalised (corpus/normalize-record): the one way a record
 * becomes a paper, for corpus files, the library's import and request bodies alike.
 */
export async function* paperRecords(records: AsyncIterable<RawRecord>): AsyncGenerator<PaperRecord> {
  for await (const record of records) {
    if ("error" in record) {
      yield { line: record.line, reason: record.error };
      continue;
    }
    const normalized = normalizeRecord(record.fields);
    if ("reason" in normalized) yield { line: record.line, reason: normalized.reason };
    else yield { paper: normalized.paper, line: record.line, idFromTitle: normalized.idFromTitle };
  }
}

/** The records of a text in `format` (a request body, say) as papers. */
export function paperRecordsOf(chunks: AsyncIterable<string>, format: CorpusFormat): AsyncGenerator<PaperRecord> {
  return paperRecords(READERS[format](chunks, resolveRecordLimits({})));
}

/**
 * The records of the corpus at `path` as papers, streamed, without resolving duplicates (the library resolves them
 * against what it holds). Format and errors as readCorpus.
 */
export async function* readCorpusRecords(path: string, options: CorpusReadOptions = {}): AsyncGenerator<PaperRecord> {
  const format = formatOf(path, options);
  const limits = resolveRecordLimits({ maxRecordBytes: options.maxRecordBytes });
  try {
    yield* paperRecords(READERS[format](await openCorpusText(path, options.onProgress), limits));
  } catch (error) {
    throw toCorpusReadError(error, path);
  }
}

/** The format of `path`: `options.format` or its extension; CorpusReadError when neither names a known one. */
export function formatOf(path: string, options: CorpusReadOptions = {}): CorpusFormat {
  const format = options.format ?? detectFormat(path);
  if (format === undefined || !CORPUS_FORMATS.includes(format)) {
    const named = options.format === undefined ? `the extension of "${path}"` : `format "${String(options.format)}"`;
    throw new CorpusReadError(
      `corpus: unknown format from ${named}; expected ${CORPUS_FORMATS.join(", ")} ` +
        `(extensions ${Object.keys(EXTENSIONS)
          .map((e) => `.${e}`)
          .join(", ")}, optionally .gz)`,
    );
  }
  return format;
}

function toCorpusReadError(error: unknown, path: string): unknown {
  if (error instanceof CorpusReadError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") return error;
  const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
  return new CorpusReadError(`corpus: cannot read "${path}": ${why.split("\n")[0]} (${code})`, { cause: error });
}
