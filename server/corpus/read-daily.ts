// "Daily papers" text reader (.txt): a short page header, then a title paragraph and an abstract paragraph per paper.

import { RECORD_DEFAULTS, RecordSize, overLimitReason, type RecordLimits } from "./corpus-source.js";
import { isOversize, readLines } from "./read-lines.js";
import type { RawRecord } from "./types.js";

/** Lines of the Hugging Face "Daily Papers" page header, compared lower-cased. */
const HEADER_LINES = new Set([
  "new",
  "get trending papers in your email inbox!",
  "subscribe",
  "daily papers",
  "byak and the research community",
]);
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
/** "Jul 31", "July 31, 2025", "31 Jul", "2025-07-31". */
const DATE_LINE = new RegExp(`^(${MONTH} \\d{1,2}(,? \\d{4})?|\\d{1,2} ${MONTH}( \\d{4})?|\\d{4}-\\d{2}-\\d{2})$`, "i");
/** A paragraph longer than this cannot be a title: it is an abstract whose title is missing. */
const MAX_TITLE_CHARS = 400;

interface Paragraph {
  text: string;
  line: number;
  /** Set when the paragraph is over the record size limit: its size in bytes (its text dropped). */
  oversize?: number;
}

/**
 * Yields one raw record per (title, abstract) pair. Paragraphs are runs of non-blank lines (joined with a
 * space); header lines are skipped until the first other line. A paragraph too long to be a title is
 * reported and the pairing starts again after it, so one missing title does not shift every later paper.
 */
export async function* readDailyRecords(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
): AsyncGenerator<RawRecord> {
  let title: Paragraph | undefined;
  for await (const paragraph of readParagraphs(chunks, limits)) {
    if (paragraph.oversize !== undefined) {
      // A title's abstract: the paper is at the title's line. Too long for a title: the pairing starts after it.
      yield { line: title?.line ?? paragraph.line, error: overLimitReason(paragraph.oversize, limits) };
      title = undefined;
    } else if (title !== undefined) {
      yield { line: title.line, fields: { title: title.text, abstract: paragraph.text } };
      title = undefined;
    } else if (paragraph.text.length > MAX_TITLE_CHARS) {
      yield { line: paragraph.line, error: `expected a title, found ${paragraph.text.length} characters of text` };
    } else {
      title = paragraph;
    }
  }
  if (title !== undefined) yield { line: title.line, error: "title without an abstract at the end of the file" };
}

/** Paragraphs after the page header, each located at its first line; one over the limit only counted. */
async function* readParagraphs(chunks: AsyncIterable<string>, limits: RecordLimits): AsyncGenerator<Paragraph> {
  let inHeader = true;
  let current: Paragraph | undefined;
  const size = new RecordSize(limits);
  for await (const item of readLines(chunks, limits)) {
    const trimmed = isOversize(item) ? "" : item.text.trim();
    if (!isOversize(item) && inHeader && (trimmed.length === 0 || isHeaderLine(trimmed))) continue;
    inHeader = false;
    if (!isOversize(item) && trimmed.length === 0) {
      if (current !== undefined) yield current;
      current = undefined;
      size.reset();
      continue;
    }
    current ??= { text: "", line: item.line };
    if (isOversize(item)) size.bytes += item.oversize;
    else size.add(trimmed);
    if (size.over) {
      current.text = "";
      current.oversize = size.bytes;
    } else {
      current.text = current.text === "" ? trimmed : `${current.text} ${trimmed}`;
    }
  }
  if (current !== undefined) yield current;
}

function isHeaderLine(text: string): boolean {
  return HEADER_LINES.has(text.toLowerCase()) || DATE_LINE.test(text);
}
