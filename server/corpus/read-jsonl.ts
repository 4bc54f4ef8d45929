// JSON Lines reader (.jsonl, .ndjson): one JSON object per physical line, streamed.

import { describeJsonError, describeJsonKind, isPlainObject } from "./json-utils.js";
import { readLines } from "./read-lines.js";
import type { RawRecord } from "./types.js";

/** Yields one raw record per non-blank line; a line that is not a JSON object yields an error record. */
export async function* readJsonlRecords(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  for await (const { text, line } of readLines(chunks)) {
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
