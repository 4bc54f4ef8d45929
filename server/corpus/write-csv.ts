// Writes papers as CSV (RFC 4180): a header row, one row per paper, CRLF line ends, fields quoted when they must be,
// and cells a spreadsheet would run as a formula disarmed (OWASP, "CSV Injection").

import type { Paper } from "./types.js";

export const CSV_COLUMNS = ["id", "title", "abstract", "authors", "year", "doi", "url", "venue", "categories"] as const;

/**
 * The papers as CSV with the columns of CSV_COLUMNS (what corpus/read-csv reads back): authors joined by "; ",
 * categories by a space, absent fields empty. A field that a spreadsheet would read as a formula (starting with =, +,
 * -, @, tab or CR) gets a leading single quote (guardFormula). A field holding a comma, a double quote, CR or LF, or
 * starting or ending with a space is double-quoted, its quotes doubled.
 */
export function formatCsv(papers: Iterable<Paper>): string {
  let text = `${CSV_COLUMNS.join(",")}\r\n`;
  for (const paper of papers) {
    const row = [
      paper.id,
      paper.title,
      paper.abstract,
      paper.authors?.join("; ") ?? "",
      paper.year === undefined ? "" : String(paper.year),
      paper.doi ?? "",
      paper.url ?? "",
      paper.venue ?? "",
      paper.categories?.join(" ") ?? "",
    ];
    text += `${row.map((field) => quoteField(guardFormula(field))).join(",")}\r\n`;
  }
  return text;
}

/**
 * A formula's first characters (OWASP's list), after any single quotes: a field starting with them gets one more
 * quote, so that a spreadsheet shows it as text and corpus/read-csv (unguardFormula) takes exactly one off.
 */
const FORMULA = /^'*[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** The field as it was before guardFormula. */
export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA.test(value) ? value.slice(1) : value;
}

function quoteField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
