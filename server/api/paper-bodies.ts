// The papers of a POST /api/papers body: JSON (one paper, an array, or {"papers": [...]}), JSON Lines or CSV, each
// record read by the corpus readers' record parsing and normalisation (corpus/read-corpus paperRecords), numbered by
// its place in the body.

import type { Request } from "express";

import { paperRecords, paperRecordsOf, type PaperRecord } from "../corpus/read-corpus.js";
import { describeJsonKind, isPlainObject } from "../corpus/json-utils.js";
import type { CorpusFormat, Paper, RawRecord } from "../corpus/types.js";
import { RequestError } from "./validate.js";

/** Media types of JSON Lines bodies (application/x-ndjson, and the other names in use). */
export const JSONL_TYPES = [
  "application/x-ndjson",
  "application/jsonl",
  "application/x-jsonlines",
  "application/json-lines",
];
export const CSV_TYPES = ["text/csv"];

export interface BodyPapers {
  papers: { index: number; paper: Paper }[];
  /** Records that are not papers: their place in the body (from 0), the line for JSON Lines and CSV, and why. */
  skipped: { index: number; line?: number; reason: string }[];
}

/** The papers of a parsed body (req.body from express.json or express.text); RequestError 413 beyond `maxPapers`. */
export async function bodyPapers(req: Request, maxPapers: number): Promise<BodyPapers> {
  const result: BodyPapers = { papers: [], skipped: [] };
  let index = 0;
  const take = (record: PaperRecord, line: number | undefined) => {
    if (index >= maxPapers) throw tooMany(maxPapers);
    if ("reason" in record)
      result.skipped.push(
        line === undefined ? { index, reason: record.reason } : { index, line, reason: record.reason },
      );
    else result.papers.push({ index, paper: record.paper });
    index++;
  };
  const format = textFormat(req);
  if (format !== null) {
    if (typeof req.body !== "string") throw new RequestError(400, "INVALID_BODY", "the request has no body");
    for await (const record of paperRecordsOf(once(req.body), format)) take(record, record.line);
    return result;
  }
  const elements = jsonElements(req.body);
  if (elements.length > maxPapers) throw tooMany(maxPapers);
  for await (const record of paperRecords(rawRecords(elements))) take(record, undefined);
  return result;
}

/** jsonl or csv for a text body, null for JSON. */
function textFormat(req: Request): CorpusFormat | null {
  if (req.is(JSONL_TYPES)) return "jsonl";
  if (req.is(CSV_TYPES)) return "csv";
  return null;
}

function jsonElements(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isPlainObject(body) && "papers" in body) {
    if (!Array.isArray(body.papers)) throw new RequestError(400, "INVALID_BODY", "papers: expected an array of papers");
    return body.papers;
  }
  if (isPlainObject(body)) return [body];
  throw new RequestError(400, "INVALID_BODY", 'expected a paper, an array of papers or {"papers": [...]}');
}

async function* rawRecords(elements: unknown[]): AsyncGenerator<RawRecord> {
  for (const [i, element] of elements.entries()) {
    yield isPlainObject(element)
      ? { line: i + 1, fields: element }
      : { line: i + 1, error: `not a JSON object (${describeJsonKind(element)})` };
  }
}

function tooMany(maxPapers: number): RequestError {
  return new RequestError(413, "TOO_MANY_PAPERS", `at most ${maxPapers} papers a request: send the rest in another`);
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
