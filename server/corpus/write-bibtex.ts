// Writes papers as BibTeX (.bib): one entry per paper, every character that BibTeX or LaTeX reads as markup escaped.

import { cleanText } from "./normalize-record.js";
import type { Paper } from "./types.js";

/**
 * LaTeX's special characters in text, as commands that print them. NOTE: braces as \textbraceleft, not \{: BibTeX
 * counts every brace, escaped or not, to find a value's end, so an unbalanced `\{` would end the entry early.
 */
const TEXT_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\textbraceleft{}",
  "}": "\\textbraceright{}",
  "%": "\\%",
  "&": "\\&",
  "#": "\\#",
  $: "\\$",
  _: "\\_",
  "^": "\\textasciicircum{}",
  "~": "\\textasciitilde{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};
const TEXT_SPECIAL = /[\\{}%&#$_^~<>]/g;
/** Pairs TeX fonts print as one glyph (`--` an en dash, `''` a closing quote, `!`` an inverted mark, `,,` a low quote). */
const LIGATURE = /(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)|(?<=,)(?=,)/g;
/** Characters a URL or DOI (verbatim fields) cannot hold unbalanced, percent-encoded. */
const VERBATIM_SPECIAL = /[{}\\]/g;
/** Characters a citation key cannot hold (BibTeX ends or splits a key at them); each becomes `_`. */
const KEY_FORBIDDEN = /[^A-Za-z0-9_:./+-]/g;

/**
 * The papers as BibTeX: `@article` (the venue as `journal`) for a paper with a venue, else `@misc`; the key is the
 * paper's id with characters a key cannot hold made `_` (`-2`, `-3` after a repeat). Fields: title, author (names
 * joined by " and ", a name holding "and" or a comma braced whole), year, journal, doi, url, keywords (the
 * categories), abstract. Text is UTF-8 with whitespace runs made one space; URL and DOI are written verbatim.
 */
export function formatBibtex(papers: Iterable<Paper>): string {
  const keys = new Set<string>();
  let text = "";
  for (const paper of papers) {
    const key = uniqueKey(paper.id, keys);
    const fields: [string, string][] = [["title", escapeText(paper.title)]];
    if (paper.authors !== undefined && paper.authors.length > 0) {
      fields.push(["author", paper.authors.map(formatName).join(" and ")]);
    }
    if (paper.year !== undefined) fields.push(["year", String(paper.year)]);
    if (paper.venue !== undefined) fields.push(["journal", escapeText(paper.venue)]);
    if (paper.doi !== undefined) fields.push(["doi", escapeVerbatim(paper.doi)]);
    if (paper.url !== undefined) fields.push(["url", escapeVerbatim(paper.url)]);
    if (paper.categories !== undefined && paper.categories.length > 0) {
      fields.push(["keywords", paper.categories.map(escapeText).join(", ")]);
    }
    fields.push(["abstract", escapeText(paper.abstract)]);
    text += `@${paper.venue === undefined ? "misc" : "article"}{${key},\n`;
    text += fields.map(([name, value]) => `  ${name} = {${value}}`).join(",\n");
    text += "\n}\n\n";
  }
  return text;
}

/** Text for a braced field value: LaTeX's specials as commands, ligature pairs split by `{}`, one line. */
export function escapeText(text: string): string {
  return cleanText(text)
    .replace(TEXT_SPECIAL, (char) => TEXT_ESCAPES[char])
    .replace(LIGATURE, "{}");
}

function formatName(name: string): string {
  const escaped = escapeText(name);
  // NOTE: BibTeX splits a name list at " and " and a name at its commas (Last, First): braces keep such a name whole.
  return /\sand\s|,/i.test(escaped) ? `{${escaped}}` : escaped;
}

function escapeVerbatim(value: string): string {
  return cleanText(value).replace(VERBATIM_SPECIAL, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function uniqueKey(id: string, taken: Set<string>): string {
  const base = cleanText(id).replace(KEY_FORBIDDEN, "_") || "paper";
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}
