// JSON Lines reader (.jsonl, .ndjson): one JSON object per physical line, streamed.

import { RECORD_DEFAULTS, overLimitReason, type RecordLimits } from "./corpus-source.js";
import { describeJsonError, describeJsonKind, isPlainObject } from "./json-utils.js";
import { isOversize, readLines } from "./read-lines.js";
import type { RawRecord } from "./types.js";

/** Yields one raw record per non-blank line; a line that is not a JSON object, or too long, yields an error record. */
export async function* readJsonlRecords(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
): AsyncGenerator<RawRecord> {
  for await (const item of readLines(chunks, limits)) {
    if (isOversize(item)) {
      yield { line: item.line, error: overLimitReason(item.oversize, limits) };
      continue;
    }
    const { text, line } = item;
    if (text.trim().length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: describeJsonError(error) };
      continue;
    }
    if (isPlainObject(value)) yield { line, fields: value };
    else yield { line, error: `not a JSON object (${describeJsonKind(value)})` };
  }
}
