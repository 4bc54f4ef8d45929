// Writes papers as CSV (RFC 4180): a header row, one row per paper, CRLF line ends, fields quoted when they must be.

import type { Paper } from "./types.js";

export const CSV_COLUMNS = ["id", "title", "abstract", "authors", "year", "doi", "url", "venue", "categories"] as const;

/**
 * The papers as CSV with the columns of CSV_COLUMNS (what corpus/read-csv reads back): authors joined by "; ",
 * categories by a space, absent fields empty. A field holding a comma, a double quote, CR or LF, or starting or
 * ending with a space is double-quoted, its quotes doubled.
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
    text += `${row.map(quoteField).join(",")}\r\n`;
  }
  return text;
}

function quoteField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
