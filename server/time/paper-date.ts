// A paper's date: read from a corpus's `date` or `published` (ISO 8601 as precise as written) or `year`, else derived
// from a new-style arXiv identifier (YYMM.NNNNN, used since April 2007: 2506.01615 was submitted in June 2025).

/** Where a paper's date came from: its own `date`/`published`, its `year`, or its arXiv id (derived). */
export type DateSource = "date" | "year" | "arxiv-id";

/** A paper's date as a month number (year * 12 + month - 1), or a year alone when that is all that is known. */
export interface PaperDate {
  /** year * 12 + (month - 1); for a year alone, the year's January. */
  month: number;
  precision: "month" | "year";
  source: DateSource;
}

// YYYY, YYYY-MM, YYYY-MM-DD, then an optional time (T or one space) with an optional zone.
const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/i;

/**
 * The ISO 8601 date or date-time in `value`, trimmed and with a space before the time made `T`; undefined for a
 * non-text value or a text that is not a valid date (month 13, 31 February, hour 25).
 */
export function readIsoDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  if (month !== undefined && !(Number(month) >= 1 && Number(month) <= 12)) return undefined;
  if (day !== undefined && !(Number(day) >= 1 && Number(day) <= daysIn(Number(year), Number(month)))) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 60)) return undefined;
  return hour === undefined ? text : text.replace(" ", "T").toUpperCase();
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month of a new-style arXiv id (`2506.01615`, `arXiv:2506.01615v2`, an arxiv.org abs/pdf URL), or undefined. */
export function arxivIdMonth(idOrUrl: string): number | undefined {
  const match =
    /^(?:arxiv:|https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/)?(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?(?:\.pdf)?$/i.exec(
      idOrUrl.trim(),
    );
  if (!match) return undefined;
  const year = 2000 + Number(match[1]);
  const month = Number(match[2]);
  // New-style ids began with 0704; anything earlier or with month 00/13+ is not one.
  if (month < 1 || month > 12 || year * 12 + month < 2007 * 12 + 4) return undefined;
  return year * 12 + month - 1;
}

/** A paper's date: its `date` (when valid), else its `year`, else the month of its arXiv id or arXiv URL. */
export function paperDate(paper: { id: string; date?: string; year?: number; url?: string }): PaperDate | undefined {
  const date = paper.date === undefined ? undefined : readIsoDate(paper.date);
  if (date !== undefined) {
    const year = Number(date.slice(0, 4));
    const month = date.length >= 7 ? Number(date.slice(5, 7)) : undefined;
    return month === undefined
      ? { month: year * 12, precision: "year", source: "date" }
      : { month: year * 12 + month - 1, precision: "month", source: "date" };
  }
  if (paper.year !== undefined) return { month: paper.year * 12, precision: "year", source: "year" };
  const derived = arxivIdMonth(paper.id) ?? (paper.url === undefined ? undefined : arxivIdMonth(paper.url));
  return derived === undefined ? undefined : { month: derived, precision: "month", source: "arxiv-id" };
}

/** `2025-06` for a month number, `2025` for a year's precision. */
export function formatMonth(month: number, precision: "month" | "year" = "month"): string {
  const year = Math.floor(month / 12);
  const yyyy = String(year).padStart(4, "0");
  return precision === "year" ? yyyy : `${yyyy}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/**
 * A paper's date as the API and the graph exports write it: its own `date` (ISO 8601, as precise as written), else
 * `2025` (its year) or `2025-06` (derived from its arXiv id); with where it came from. Undefined when it has none.
 */
export function paperDateFields(
  paper: Parameters<typeof paperDate>[0],
): { date: string; dateSource: DateSource } | undefined {
  const date = paperDate(paper);
  if (date === undefined) return undefined;
  if (date.source === "date") return { date: readIsoDate(paper.date)!, dateSource: "date" };
  return { date: formatMonth(date.month, date.precision), dateSource: date.source };
}
