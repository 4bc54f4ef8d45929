// Writes papers as JSON Lines, atomically (through io/write-atomic: a temporary file, then a rename).

import { writeFileAtomic } from "../io/write-atomic.js";
import type { Paper } from "./types.js";

/** One JSON object per line, keys in Paper's order, absent fields left out; "" for no papers. */
export function formatJsonl(papers: Iterable<Paper>): string {
  let text = "";
  for (const { id, title, abstract, authors, year, url, categories, doi, venue, date } of papers) {
    text += `${JSON.stringify({ id, title, abstract, authors, year, url, categories, doi, venue, date })}\n`;
  }
  return text;
}

/** Writes `formatJsonl(papers)` to `path`; readers of `path` see the old file or the whole new one. */
export async function writeJsonl(papers: Iterable<Paper>, path: string): Promise<void> {
  await writeFileAtomic(path, formatJsonl(papers));
}
