// Turns one raw record's fields into a Paper: text cleaned, authors/year/categories/url/doi coerced, id kept or made.

import { readIsoDate } from "../time/paper-date.js";
import { isPlainObject } from "./json-utils.js";
import { slugify } from "./slug.js";
import type { Paper } from "./types.js";

/** A paper and whether its id was made from its title, or why the record cannot be a paper. */
export type NormalizedRecord = { paper: Paper; idFromTitle: boolean } | { reason: string };

/**
 * Reads `id`, `title`, `abstract`, `authors`, `year`, `date` (or `published`, as arXiv's API names it), `url` (or
 * the `doi`'s doi.org URL), `categories` (or arXiv's `labels`), `doi` and `venue`; other fields are ignored. Only a
 * missing title or abstract rejects the record; a malformed optional field is dropped. A record with a date and no
 * year gets the date's year.
 */
export function normalizeRecord(fields: Record<string, unknown>): NormalizedRecord {
  const title = cleanText(fields.title);
  const abstract = cleanText(fields.abstract);
  if (!title || !abstract) {
    const missing = [title ? "" : "title", abstract ? "" : "abstract"].filter(Boolean).join(" and ");
    return { reason: `no ${missing}` };
  }
  const givenId = readId(fields.id);
  const paper: Paper = { id: givenId ?? slugify(title), title, abstract };
  const authors = readAuthors(fields.authors);
  if (authors) paper.authors = authors;
  const date = readIsoDate(fields.date) ?? readIsoDate(fields.published);
  const year = readYear(fields.year) ?? (date === undefined ? undefined : Number(date.slice(0, 4)));
  if (year !== undefined) paper.year = year;
  if (date !== undefined) paper.date = date;
  const url = readUrl(fields.url) ?? doiUrl(fields.doi);
  if (url) paper.url = url;
  const categories = readCategories(fields.categories) ?? readCategories(fields.labels);
  if (categories) paper.categories = categories;
  const doi = readDoi(fields.doi);
  if (doi) paper.doi = doi;
  const venue = cleanText(fields.venue);
  if (venue) paper.venue = venue;
  return { paper, idFromTitle: givenId === undefined };
}

/**
 * Text with every run of whitespace or control characters made one space, trimmed; "" for a non-text value.
 * NOTE: control characters become spaces rather than staying: XML 1.0 (GEXF) cannot carry them even escaped.
 * Everything else, markup and bidi marks included, is kept as text; escaping is the renderer's job.
 */
export function cleanText(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return "";
  // NOTE: most text is already clean; the test skips a replace that would rewrite every single space.
  const clean = !NEEDS_CLEANING.test(value) && !value.startsWith(" ") && !value.endsWith(" ");
  return clean ? value : value.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}

/** A control character, whitespace other than U+0020 (what `\s` matches beyond it), or two spaces in a row. */
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|  /;

function readId(value: unknown): string | undefined {
  const id = typeof value === "string" || typeof value === "number" ? cleanText(value) : "";
  return id.length > 0 ? id : undefined;
}

/** An array of names (strings or `{ name }`), or one string: "A; B" splits on `;`, else on `,`, `&` and "and". */
function readAuthors(value: unknown): string[] | undefined {
  let names: unknown[] = [];
  if (Array.isArray(value)) names = value.map((item) => (isPlainObject(item) ? item.name : item));
  else if (typeof value === "string")
    names = value.split(value.includes(";") ? ";" : /\s*[,&]\s*(?:and\s+)?|\s+and\s+/);
  const cleaned = names.map(cleanText).filter((name) => name.length > 0);
  return cleaned.length > 0 ? cleaned : undefined;
}

/** An integer, a numeric string, or an ISO date's year. */
function readYear(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^\s*(\d{1,4})(?:-\d{2}(?:-\d{2})?)?\s*$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** NOTE: only http(s) URLs are kept, so a `javascript:` URL in a corpus never becomes a link in the client. */
function readUrl(value: unknown): string | undefined {
  const url = cleanText(value);
  return /^https?:\/\/\S+$/i.test(url) ? url : undefined;
}

/** A DOI (`10.1000/xyz`, `doi:10.1000/xyz`) as its doi.org URL, so that a record with a DOI and no URL keeps it. */
function doiUrl(value: unknown): string | undefined {
  const doi = /^(?:doi:\s*)?(10\.\d{4,9}\/\S+)$/i.exec(cleanText(value))?.[1];
  return doi === undefined ? undefined : `https://doi.org/${doi}`;
}

/** A DOI without its resolver prefix (`https://doi.org/`, `http://dx.doi.org/`, `doi:`); none if empty or spaced. */
function readDoi(value: unknown): string | undefined {
  const doi = cleanText(value).replace(DOI_PREFIX, "");
  return doi.length > 0 && !/\s/.test(doi) ? doi : undefined;
}

const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;

/** An array of names or one string separated by spaces or commas; order kept, repeats dropped. */
function readCategories(value: unknown): string[] | undefined {
  const names = Array.isArray(value) ? value.map(cleanText) : typeof value === "string" ? value.split(/[\s,]+/) : [];
  const unique = [...new Set(names.filter((name) => name.length > 0))];
  return unique.length > 0 ? unique : undefined;
}
