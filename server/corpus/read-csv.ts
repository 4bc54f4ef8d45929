// CSV reader (.csv, RFC 4180): a header row, then rows of quoted or plain fields, streamed line by line. A field that
// corpus/write-csv guarded against spreadsheet formulas ('=...) loses that one quote.

import { RECORD_DEFAULTS, RecordSize, overLimitReason, type RecordLimits } from "./corpus-source.js";
import { isOversize, readLines, type NumberedLine, type OversizeLine } from "./read-lines.js";
import type { RawRecord } from "./types.js";
import { unguardFormula } from "./write-csv.js";

/** One parsed row, located at the physical line where it starts. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** What could not be a row: an oversized line, or a quote never closed (at the line where it opened). */
export interface CsvProblem {
  line: number;
  error: string;
}

type State = "field-start" | "unquoted" | "quoted" | "quote-in-quoted";

/** One row's fields, fed line by line; between lines, a quoted field may be open. */
class RowParser {
  readonly fields: string[] = [];
  private field = "";
  private state: State = "field-start";
  /** The line of the last quoted field opened. */
  quoteLine = 0;
  /** Text came right after a closing quote (RFC 4180 wants a comma or the row's end): a sign of a stray quote. */
  stray = false;

  get open(): boolean {
    return this.state === "quoted";
  }

  feed(text: string, line: number): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.state === "quoted") {
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? n : quote;
        this.field += text.slice(i, end);
        if (quote !== -1) this.state = "quote-in-quoted";
        i = end + 1;
        continue;
      }
      const c = text[i];
      if (this.state === "quote-in-quoted") {
        if (c === '"') {
          this.field += '"';
          this.state = "quoted";
          i++;
          continue;
        }
        if (c !== ",") this.stray = true;
        this.state = "unquoted";
      }
      if (c === '"' && this.state === "field-start") {
        this.state = "quoted";
        this.quoteLine = line;
        i++;
      } else if (c === ",") {
        this.fields.push(this.field);
        this.field = "";
        this.state = "field-start";
        i++;
      } else if (c === "\r") {
        i++;
      } else {
        let j = i + 1;
        while (j < n && text[j] !== "," && text[j] !== "\r") j++;
        this.field += text.slice(i, j);
        this.state = "unquoted";
        i = j;
      }
    }
  }

  /** The line break inside the open quoted field. */
  lineBreak(crlf: boolean): void {
    this.field += crlf ? "\r\n" : "\n";
  }

  end(): string[] {
    this.fields.push(this.field);
    return this.fields;
  }
}

export interface CsvRowOptions {
  /** The number of fields a row should have (the header's), once known. */
  fields?: () => number | undefined;
}

/**
 * Yields the rows of an RFC 4180 CSV stream: fields separated by commas, rows by LF or CRLF; a field in double
 * quotes may hold commas, line breaks and doubled quotes (`""`). Blank rows are dropped. Lenient where the RFC is
 * silent: a quote inside a plain field is kept as a character, text after a closing quote is appended.
 * A quoted field that spans lines and never closes (the file ends, or the row grows over the size limit, or it
 * closes on a later line followed by text, or into a row of the wrong number of fields) is reported at the line
 * where it opened, and the lines after that one are read again as rows: one stray quote costs one row, not the rest
 * of the file.
 */
export async function* readCsvRows(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
  options: CsvRowOptions = {},
): AsyncGenerator<CsvRow | CsvProblem> {
  const source = readLines(chunks, limits)[Symbol.asyncIterator]();
  /** Lines to read again before the source's next. NOTE: a row's lines are at most the size limit. */
  const again: (NumberedLine | OversizeLine)[] = [];
  const next = async () => again.shift() ?? (await source.next()).value;
  for (;;) {
    const first = await next();
    if (first === undefined) return;
    if (isOversize(first)) {
      yield { line: first.line, error: overLimitReason(first.oversize, limits) };
      continue;
    }
    const parser = new RowParser();
    const size = new RecordSize(limits);
    const taken: NumberedLine[] = [first];
    size.add(first.text);
    parser.feed(first.text, first.line);
    /** The line of a quoted field left open at a line's end, and the line that stopped the row, if any. */
    let spanned = 0;
    let stopper: NumberedLine | OversizeLine | undefined;
    let unclosed = false;
    while (parser.open) {
      spanned = parser.quoteLine;
      const line = await next();
      if (line === undefined || isOversize(line) || !size.add(line.text)) {
        stopper = line;
        unclosed = true;
        break;
      }
      parser.lineBreak(taken[taken.length - 1].crlf === true);
      parser.feed(line.text, line.line);
      taken.push(line);
    }
    if (!unclosed) {
      const fields = parser.end();
      const expected = options.fields?.();
      unclosed = spanned > 0 && (parser.stray || (expected !== undefined && fields.length !== expected));
      if (!unclosed) {
        if (fields.length > 1 || fields[0] !== "") yield { line: first.line, fields };
        continue;
      }
    }
    yield { line: spanned, error: "unclosed quote: the lines after it are read again" };
    const after = taken.findIndex((line) => line.line === spanned) + 1;
    again.unshift(...taken.slice(after), ...(stopper === undefined ? [] : [stopper]));
  }
}

/** Yields one raw record per data row, keyed by the header's lower-cased column names. */
export async function* readCsvRecords(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
): AsyncGenerator<RawRecord> {
  let header: string[] | undefined;
  for await (const row of readCsvRows(chunks, limits, { fields: () => header?.length })) {
    if ("error" in row) {
      yield row;
      continue;
    }
    if (header === undefined) {
      header = row.fields.map((name) => name.trim().toLowerCase());
      const missing = ["title", "abstract"].filter((name) => !header?.includes(name));
      if (missing.length > 0) {
        yield { line: row.line, error: `CSV header lacks the column(s) ${missing.join(", ")}: file not read` };
        return;
      }
      continue;
    }
    if (row.fields.length !== header.length) {
      yield { line: row.line, error: `expected ${header.length} fields, found ${row.fields.length}` };
    } else {
      const fields = Object.create(null) as Record<string, unknown>;
      header.forEach((name, column) => {
        if (!(name in fields)) fields[name] = unguardFormula(row.fields[column]);
      });
      yield { line: row.line, fields };
    }
  }
}
