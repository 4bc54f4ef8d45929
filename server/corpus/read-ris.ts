// RIS reader (.ris): records from a `TY  - ` line to an `ER  - ` line, each read into tags by Citation.js's RIS
// parser (@citation-js/plugin-ris: continuation lines, repeated tags), then mapped to a paper's fields.

import { plugins } from "@citation-js/core";
import "@citation-js/plugin-ris";

import { RECORD_DEFAULTS, RecordSize, overLimitReason, type RecordLimits } from "./corpus-source.js";
import { isOversize, readLines } from "./read-lines.js";
import type { RawRecord } from "./types.js";

/** Tags each field is read from, the first present wins (RIS has older and newer names for most). */
const TAGS = {
  title: ["TI", "T1", "CT"],
  abstract: ["AB", "N2"],
  authors: ["AU", "A1"],
  year: ["PY", "Y1", "DA"],
  doi: ["DO"],
  url: ["UR", "L2"],
  venue: ["T2", "JO", "JF", "JA", "J2"],
  categories: ["KW"],
  id: ["ID"],
} as const;

type Tags = Record<string, string | string[]>;

/** A tag line: two characters (a capital, then a capital or digit), two spaces, a hyphen, then a space or the end. */
const TAG_LINE = /^([A-Z][A-Z0-9]) {2}-(?: |$)/;

interface OpenRecord {
  line: number;
  lines: string[];
  size: RecordSize;
}

/**
 * Yields one raw record per `TY` ... `ER` record, located at its `TY` line; a record left open at the end of the file
 * is read as if it had ended. Text between records is reported once per run of lines (at its first line) and
 * skipped; a record over the record size limit is counted, not kept, and reported.
 */
export async function* readRisRecords(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
): AsyncGenerator<RawRecord> {
  let record: OpenRecord | undefined;
  let outside = false;
  for await (const item of readLines(chunks, limits)) {
    const tag = isOversize(item) ? undefined : TAG_LINE.exec(item.text.trimStart())?.[1];
    if (tag === "TY") {
      if (record !== undefined) yield parseRecord(record, limits);
      record = { line: item.line, lines: [], size: new RecordSize(limits) };
      outside = false;
    }
    if (record === undefined) {
      const blank = !isOversize(item) && item.text.trim() === "";
      if (!blank && !outside)
        yield { line: item.line, error: "RIS: text outside a record (before a TY line): skipped" };
      outside = !blank || outside;
      continue;
    }
    if (isOversize(item)) record.size.bytes += item.oversize;
    else if (record.size.add(item.text)) record.lines.push(item.text);
    if (record.size.over) record.lines = [];
    if (tag === "ER") {
      yield parseRecord(record, limits);
      record = undefined;
    }
  }
  if (record !== undefined) yield parseRecord(record, limits);
}

function parseRecord(record: OpenRecord, limits: RecordLimits): RawRecord {
  const { line } = record;
  if (record.size.over) return { line, error: overLimitReason(record.size.bytes, limits) };
  const parsed = plugins.input.data(record.lines.join("\n"), "@ris/file") as Tags[];
  const tags = parsed[0];
  if (parsed.length !== 1 || tags === undefined) return { line, error: "RIS: a record without a type (TY)" };
  const first = (names: readonly string[]) => names.map((name) => all(tags[name])[0]).find(Boolean);
  const list = (names: readonly string[]) => names.map((name) => all(tags[name])).find((values) => values.length > 0);
  return {
    line,
    fields: {
      id: first(TAGS.id),
      title: first(TAGS.title),
      abstract: first(TAGS.abstract),
      authors: list(TAGS.authors)?.map(displayName),
      year: /^\s*(\d{4})/.exec(first(TAGS.year) ?? "")?.[1],
      doi: first(TAGS.doi),
      url: list(TAGS.url)?.find((url) => /^https?:\/\//i.test(url)),
      venue: first(TAGS.venue),
      categories: list(TAGS.categories),
    },
  };
}

function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** RIS names are "Last, First[, Suffix]": made "First Last[, Suffix]" like the other formats' names. */
function displayName(name: string): string {
  const parts = name.split(",").map((part) => part.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) return name;
  const [last, first, suffix] = parts;
  return suffix === undefined ? `${first} ${last}` : `${first} ${last}, ${suffix}`;
}
