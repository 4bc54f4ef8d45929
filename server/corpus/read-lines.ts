// Splits a stream of text chunks into physical lines with their 1-based numbers (LF or CRLF ends); a line over the
// record size limit (corpus/corpus-source) is counted, never held, and yielded as its size.

import { RECORD_DEFAULTS, RecordSize, type RecordLimits } from "./corpus-source.js";

export interface NumberedLine {
  text: string;
  line: number;
  /** The line ended with CRLF (its `\r` is not in `text`). */
  crlf?: true;
}

/** A line over the limit: its size in bytes, its text dropped. */
export interface OversizeLine {
  line: number;
  oversize: number;
}

/** Yields every physical line, `\r` before `\n` removed; a last line without an end is yielded too. */
export async function* readLines(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
): AsyncGenerator<NumberedLine | OversizeLine> {
  let pending = "";
  let line = 0;
  let skipping = false;
  const size = new RecordSize(limits);
  const ended = (text: string): NumberedLine | OversizeLine => {
    line++;
    if (skipping) return { line, oversize: size.bytes };
    return text.endsWith("\r") ? { text: text.slice(0, -1), line, crlf: true } : { text, line };
  };
  for await (const chunk of chunks) {
    // NOTE: only the new chunk is searched, so a line spanning many chunks costs linear time, not quadratic.
    let start = 0;
    for (;;) {
      const end = chunk.indexOf("\n", start);
      const piece = end === -1 ? chunk.slice(start) : chunk.slice(start, end);
      if (!size.add(piece) && !skipping) {
        skipping = true;
        pending = "";
      }
      if (end === -1) {
        if (!skipping) pending += piece;
        break;
      }
      yield ended(pending + piece);
      pending = "";
      skipping = false;
      size.reset();
      start = end + 1;
    }
  }
  if (pending.length > 0 || skipping) yield ended(pending);
}

export function isOversize(line: NumberedLine | OversizeLine): line is OversizeLine {
  return "oversize" in line;
}
