// BibTeX reader (.bib): the entries of a reference manager's export, parsed by @retorquere/bibtex-parser (the parser
// of Better BibTeX for Zotero: LaTeX commands and accents made Unicode, @string macros, names split into parts).

import { parseAsync, type Creator, type Entry } from "@retorquere/bibtex-parser";

import { RECORD_DEFAULTS, overLimitReason, type RecordLimits } from "./corpus-source.js";
import type { RawRecord } from "./types.js";

/** Fields a venue is read from, the first present wins. */
const VENUE_FIELDS = ["journal", "journaltitle", "booktitle"] as const;

/**
 * Yields one raw record per entry, in file order, located at the line of its `@`; an entry the parser could not read
 * is reported at its line with the parser's reason, and the entries after it are still read. Fields read: the key
 * (as `id`), title, abstract, author, year (or biblatex's date), doi, url, journal/journaltitle/booktitle (as `venue`)
 * and keywords (as `categories`).
 * NOTE: the parser takes the whole text, so a .bib is held whole while it is read (reference libraries are small);
 * an entry over the record size limit is still reported and skipped.
 */
export async function* readBibtexRecords(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = RECORD_DEFAULTS,
): AsyncGenerator<RawRecord> {
  let source = "";
  for await (const chunk of chunks) source += chunk;
  const text = hideAngleBrackets(source);
  // NOTE: titles kept as written (no sentence-casing); an unknown command keeps its argument's text.
  const library = await parseAsync(text, { english: false, sentenceCase: false, unsupported: "ignore" });
  const lines = new LineIndex(text);
  const located: { offset: number; record: RawRecord }[] = [];
  let cursor = 0;
  for (const entry of library.entries) {
    // NOTE: an entry the parser gave up on is also listed, with no source text; its error below reports it.
    if (entry.input === "") continue;
    const offset = text.indexOf(entry.input, cursor);
    if (offset === -1) continue;
    cursor = offset + entry.input.length;
    const line = lines.lineOf(offset);
    const bytes = Buffer.byteLength(entry.input, "utf8");
    const record: RawRecord =
      bytes > limits.maxRecordBytes
        ? { line, error: overLimitReason(bytes, limits) }
        : { line, fields: fieldsOf(entry) };
    located.push({ offset, record });
  }
  const taken = new Set<number>();
  for (const { error, input } of library.errors) {
    // NOTE: an error without source text (an undefined @string) leaves its entry read, with the macro's name as text.
    if (input === undefined || input.trim() === "") continue;
    const offset = findUnused(text, input.trim(), taken);
    const line = offset === -1 ? 1 : lines.lineOf(offset);
    located.push({ offset, record: { line, error: `BibTeX: ${firstLine(error)}` } });
  }
  located.sort((a, b) => a.offset - b.offset);
  for (const { record } of located) yield record;
}

function fieldsOf(entry: Entry): Record<string, unknown> {
  const { fields } = entry;
  const venue = VENUE_FIELDS.map((name) => fields[name]).find((value) => typeof value === "string");
  // NOTE: composed only when the source is: then every decomposed letter is the parser's (`{\"o}` as an o and a
  // combining diaeresis); text written decomposed in the file is kept as written.
  const compose = entry.input === entry.input.normalize("NFC");
  const plainText = (value: string | undefined) => {
    const text = value === undefined ? undefined : showAngleBrackets(value.replace(MARKUP, ""));
    return compose ? text?.normalize("NFC") : text;
  };
  return {
    id: showAngleBrackets(entry.key),
    title: plainText(fields.title),
    abstract: plainText(fields.abstract),
    authors: fields.author?.map((creator) => plainText(creatorName(creator))),
    year: fields.year ?? fields.date,
    url: fields.url && showAngleBrackets(fields.url),
    doi: fields.doi && showAngleBrackets(fields.doi),
    venue: plainText(venue),
    categories: fields.keywords?.map(plainText),
  };
}

/**
 * The source with every `<` and `>` (raw, or as \textless and \textgreater) made a private-use character before it
 * is parsed. NOTE: the parser renders formatting commands as HTML tags (`\textbf{x}` as `<b>x</b>`), and a raw `<`
 * as "¡" (the OT1 font's glyph at that code); hidden, every `<` in its output is its own markup, which is removed, and
 * the hidden characters are shown again as themselves.
 */
function hideAngleBrackets(source: string): string {
  return source.replace(ANGLE_BRACKETS, (match) =>
    match.startsWith("\\textl") || match === "<" ? HIDDEN_LT : HIDDEN_GT,
  );
}

function showAngleBrackets(text: string): string {
  return text.replace(HIDDEN, (char) => (char === HIDDEN_LT ? "<" : ">"));
}

const ANGLE_BRACKETS = /\\text(?:less|greater)(?:\{\}|(?![A-Za-z])[ \t]*)|[<>]/g;
const HIDDEN_LT = "\ue000";
const HIDDEN_GT = "\ue001";
const HIDDEN = /[\ue000\ue001]/g;

/** "First von Last, Jr." as one string; an organisation's name (braced in the file) as it is. */
function creatorName(creator: Creator): string {
  if (creator.name !== undefined) return creator.name;
  const name = [creator.firstName, creator.prefix, creator.lastName].filter(Boolean).join(" ");
  return creator.suffix ? `${name}, ${creator.suffix}` : name;
}

/** The parser's markup: every tag, since the source's own angle brackets are hidden (see hideAngleBrackets). */
const MARKUP = /<[^<>]*>/g;

/** The first offset of `input` in `text` not already taken (errors come in two lists, each in order). */
function findUnused(text: string, input: string, taken: Set<number>): number {
  let offset = text.indexOf(input);
  while (offset !== -1 && taken.has(offset)) offset = text.indexOf(input, offset + 1);
  if (offset !== -1) taken.add(offset);
  return offset;
}

function firstLine(message: string): string {
  return message.split("\n")[0].trim();
}

/** 1-based line numbers of offsets in a text, by binary search over the offsets where lines start. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}
