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
  const limits = resolveRecordLimits({ maxRecordBytes: options.maxRecordBytes });
  try {
    const located: LocatedPaper[] = [];
    const skipped: CorpusIssue[] = [];
    let records = 0;
    for await (const record of READERS[format](await openCorpusText(path, options.onProgress), limits)) {
      records++;
      if ("error" in record) {
        skipped.push({ file: path, line: record.line, reason: record.error });
        continue;
      }
      const normalized = normalizeRecord(record.fields);
      if ("reason" in normalized) skipped.push({ file: path, line: record.line, reason: normalized.reason });
      else located.push({ paper: normalized.paper, line: record.line, idFromTitle: normalized.idFromTitle });
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
  } catch (error) {
    throw toCorpusReadError(error, path);
  }
}

function toCorpusReadError(error: unknown, path: string): unknown {
  if (error instanceof CorpusReadError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") return error;
  const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
  return new CorpusReadError(`corpus: cannot read "${path}": ${why.split("\n")[0]} (${code})`, { cause: error });
}
