// CSV reader (.csv, RFC 4180): a header row, then rows of quoted or plain fields, streamed.

import type { RawRecord } from "./types.js";

/** One parsed row, located at the physical line where it starts; `unterminated` if a quote never closed. */
export interface CsvRow {
  line: number;
  fields: string[];
  unterminated?: boolean;
}

type State = "field-start" | "unquoted" | "quoted" | "quote-in-quoted";

/**
 * Yields the rows of an RFC 4180 CSV stream: fields separated by commas, rows by LF or CRLF; a field in double
 * quotes may hold commas, line breaks and doubled quotes (`""`). Blank rows are dropped. Lenient where the RFC
 * is silent: a quote inside a plain field is kept as a character, text after a closing quote is appended.
 */
export async function* readCsvRows(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  let state: State = "field-start";
  let field = "";
  let fields: string[] = [];
  let line = 1;
  let rowLine = 1;

  const endRow = (): CsvRow | undefined => {
    fields.push(field);
    const row = fields.length === 1 && fields[0] === "" ? undefined : { line: rowLine, fields };
    fields = [];
    field = "";
    state = "field-start";
    return row;
  };

  for await (const chunk of chunks) {
    const rows: CsvRow[] = [];
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (state === "quoted") {
        const quote = chunk.indexOf('"', i);
        const end = quote === -1 ? n : quote;
        const segment = chunk.slice(i, end);
        field += segment;
        line += countNewlines(segment);
        if (quote !== -1) state = "quote-in-quoted";
        i = end + 1;
        continue;
      }
      const c = chunk[i];
      if (state === "quote-in-quoted") {
        if (c === '"') {
          field += '"';
          state = "quoted";
          i++;
          continue;
        }
        state = "unquoted";
      }
      if (c === '"' && state === "field-start") {
        state = "quoted";
        i++;
      } else if (c === ",") {
        fields.push(field);
        field = "";
        state = "field-start";
        i++;
      } else if (c === "\n") {
        const row = endRow();
        if (row) rows.push(row);
        line++;
        rowLine = line;
        i++;
      } else if (c === "\r") {
        i++;
      } else {
        let j = i + 1;
        while (j < n && chunk[j] !== "," && chunk[j] !== "\n" && chunk[j] !== "\r") j++;
        field += chunk.slice(i, j);
        state = "unquoted";
        i = j;
      }
    }
    yield* rows;
  }
  const unterminated = state === "quoted";
  if (state !== "field-start" || fields.length > 0 || field !== "") {
    const row = endRow();
    if (row) yield unterminated ? { ...row, unterminated } : row;
  }
}

/** Yields one raw record per data row, keyed by the header's lower-cased column names. */
export async function* readCsvRecords(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  let header: string[] | undefined;
  for await (const row of readCsvRows(chunks)) {
    if (header === undefined) {
      header = row.fields.map((name) => name.trim().toLowerCase());
      const missing = ["title", "abstract"].filter((name) => !header?.includes(name));
      if (missing.length > 0) {
        yield { line: row.line, error: `CSV header lacks the column(s) ${missing.join(", ")}: file not read` };
        return;
      }
      continue;
    }
    if (row.unterminated) {
      yield { line: row.line, error: "unterminated quoted field at the end of the file" };
    } else if (row.fields.length !== header.length) {
      yield { line: row.line, error: `expected ${header.length} fields, found ${row.fields.length}` };
    } else {
      const fields = Object.create(null) as Record<string, unknown>;
      header.forEach((name, column) => {
        if (!(name in fields)) fields[name] = row.fields[column];
      });
      yield { line: row.line, fields };
    }
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
