// Writes papers as RIS (.ris): one record per paper, a tag and its value per line, CRLF line ends.

import { cleanText } from "./normalize-record.js";
import type { Paper } from "./types.js";

/**
 * The papers as RIS: `TY  - JOUR` for a paper with a venue (the venue as `T2`), else `TY  - GEN`; then TI, AU (one
 * line per author), PY, T2, DO, UR, KW (one line per category), ID (the paper's id), AB, and `ER  - `. Every value is
 * one line: whitespace and control characters made one space, so that no value can start a line of its own (a
 * tag, an `ER`); a field left empty is left out.
 */
export function formatRis(papers: Iterable<Paper>): string {
  let text = "";
  for (const paper of papers) {
    const lines = [tagLine("TY", paper.venue === undefined ? "GEN" : "JOUR"), tagLine("TI", paper.title)];
    for (const author of paper.authors ?? []) lines.push(tagLine("AU", author));
    if (paper.year !== undefined) lines.push(tagLine("PY", String(paper.year)));
    if (paper.venue !== undefined) lines.push(tagLine("T2", paper.venue));
    if (paper.doi !== undefined) lines.push(tagLine("DO", paper.doi));
    if (paper.url !== undefined) lines.push(tagLine("UR", paper.url));
    for (const category of paper.categories ?? []) lines.push(tagLine("KW", category));
    lines.push(tagLine("ID", paper.id), tagLine("AB", paper.abstract));
    text += `${lines.filter((line) => line !== "").join("")}ER  - \r\n\r\n`;
  }
  return text;
}

/** `XX  - value` and CRLF, or "" for an empty value. */
function tagLine(tag: string, value: string): string {
  const clean = cleanText(value);
  return clean === "" ? "" : `${tag}  - ${clean}\r\n`;
}
