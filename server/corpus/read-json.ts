// JSON array reader (.json): a streaming splitter finds each top-level element, JSON.parse reads it.

import { RECORD_DEFAULTS, RecordSize, overLimitReason, type RecordLimits } from "./corpus-source.js";
import { describeJsonError, describeJsonKind, isPlainObject } from "./json-utils.js";
import type { RawRecord } from "./types.js";

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Yields one raw record per element of the top-level array, located at the line where the element starts.
 * NOTE: the file is never held whole: a small state machine (depth, in-string, escape) splits the stream at
 * the array's own commas, so one broken element is reported and its neighbours are still read, as long as its
 * quotes and brackets balance (an unclosed string runs on into the next elements). A file whose first value is
 * an object is read as a sequence of objects (JSON Lines saved as `.json`). An element over the record size limit is
 * counted, not kept, and reported.
 */
export async function* readJsonRecords(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
): AsyncGenerator<RawRecord> {
  let mode: "start" | "array" | "objects" | "end" = "start";
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let elementLine = 0;
  let active = false;
  const size = new RecordSize(limits);
  /** Adds a piece of the element; its parts are dropped once it is over the limit. */
  const keep = (piece: string) => {
    if (size.add(piece)) parts.push(piece);
    else parts = [];
  };
  const element = (): RawRecord =>
    size.over
      ? { line: elementLine, error: overLimitReason(size.bytes, limits) }
      : parseElement(parts.join(""), elementLine);

  for await (const chunk of chunks) {
    let sliceStart = 0;
    const records: RawRecord[] = [];
    const flush = (end: number): void => {
      keep(chunk.slice(sliceStart, end));
      records.push(element());
      parts = [];
      size.reset();
      active = false;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (mode === "end") {
        if (isWhitespace(c)) continue;
        records.push({ line, error: "content after the closing ] of the array: ignored" });
        yield* records;
        return;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (isWhitespace(c)) continue;
      if (mode === "start") {
        if (c === OPEN_BRACKET) {
          mode = "array";
          continue;
        }
        mode = "objects";
      }
      if (mode === "array" && depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
        if (active) flush(i);
        if (c === CLOSE_BRACKET) mode = "end";
        continue;
      }
      if (!active) {
        active = true;
        elementLine = line;
        sliceStart = i;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) {
        depth--;
        if (mode === "objects" && depth === 0) flush(i + 1);
      }
    }
    if (active) keep(chunk.slice(sliceStart));
    yield* records;
  }
  if (active) yield element();
}

function parseElement(text: string, line: number): RawRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: describeJsonError(error) };
  }
  return isPlainObject(value)
    ? { line, fields: value }
    : { line, error: `not a JSON object (${describeJsonKind(value)})` };
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === NEWLINE || c === 13 || c === 9;
}
