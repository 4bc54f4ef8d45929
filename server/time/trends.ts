// Papers over time: the timeline of a corpus (monthly, or yearly when it spans more than five years), each paper's
// bucket on it, the trend of a set of papers (papers per bucket) and its growth (its share of the recent papers
// against its share of the papers before), and rankings of emerging and fading sets. Pure: no I/O, no HTTP.
//
// Growth, written out: with R and B the papers of the recent and earlier buckets (of the whole corpus, or of the
// papers a filter keeps) and r and b the set's, growth = ((r + p·R/T) / R) / ((b + p·B/T) / B), T = R + B, p = `prior`
// papers: the set's share of recent papers over its share of earlier ones, shrunk toward 1 (no change) by p papers
// split as the corpus's own, so that a set of three recent papers is not ranked infinitely emerging.

import { formatMonth, paperDate, type PaperDate } from "./paper-date.js";

export interface TimelineOptions {
  /** Longest span, in months, drawn month by month; a longer one is drawn year by year. */
  maxMonthlySpan: number;
  /** Share of the dated papers cut from each end before the span is measured, so that a few outliers do not stretch it. */
  trim: number;
  /** Share of the timeline's buckets, the last ones (rounded up, at least one), that make the recent period. */
  recentShare: number;
  /** Papers of shrinkage toward no change in growth (see the header). */
  prior: number;
}

export const TIMELINE_DEFAULTS: TimelineOptions = { maxMonthlySpan: 60, trim: 0.005, recentShare: 0.25, prior: 5 };

/** Each paper's date as columns: month number (year * 12 + month - 1) and a code of its precision and source. */
export interface DateColumns {
  months: Int32Array;
  /** DATE_KIND: 0 none; 1 `date` to the month or day; 2 `date` with a year only; 3 `year`; 4 derived from the arXiv id. */
  kinds: Uint8Array;
}

const KIND_OF: Record<PaperDate["source"], Record<PaperDate["precision"], number>> = {
  date: { month: 1, year: 2 },
  year: { month: 3, year: 3 },
  "arxiv-id": { month: 4, year: 4 },
};

export function dateColumns(papers: readonly Parameters<typeof paperDate>[0][]): DateColumns {
  const months = new Int32Array(papers.length);
  const kinds = new Uint8Array(papers.length);
  papers.forEach((paper, row) => {
    const date = paperDate(paper);
    if (date === undefined) return;
    months[row] = date.month;
    kinds[row] = KIND_OF[date.source][date.precision];
  });
  return { months, kinds };
}

/** The date of a row of `columns`, as paperDate gave it. */
export function dateAt(columns: DateColumns, row: number): PaperDate | undefined {
  const kind = columns.kinds[row];
  if (kind === 0) return undefined;
  const month = columns.months[row];
  if (kind === 1) return { month, precision: "month", source: "date" };
  if (kind === 2) return { month, precision: "year", source: "date" };
  if (kind === 3) return { month, precision: "year", source: "year" };
  return { month, precision: "month", source: "arxiv-id" };
}

const isMonthPrecise = (kind: number) => kind === 1 || kind === 4;

export interface TimelineSummary {
  /** Papers with a date (given or derived). */
  dated: number;
  /** Of them, dates derived from the arXiv id. */
  derived: number;
  /** Papers without a date. */
  undated: number;
  /** Dated papers on no bucket: outside the trimmed span, or known only to the year on a monthly timeline. */
  unplaced: number;
}

export interface Timeline {
  unit: "month" | "year";
  /** Bucket labels in order: "2025-06" (month) or "2025" (year); empty when no paper is dated. */
  labels: string[];
  /** Index of the first bucket of the recent period; labels.length when there is no earlier period to compare with. */
  recentFrom: number;
  /** The first bucket's month number (monthly) or year (yearly). */
  start: number;
  /** Each row's bucket, or -1. */
  bucket: Int32Array;
  summary: TimelineSummary;
  /** Papers of shrinkage toward no change in growth (TimelineOptions). */
  prior: number;
  /** The options it was made with (widenTimeline keeps to them). */
  options: TimelineOptions;
}

/** The timeline of a corpus's dates: its unit, buckets, recent period and each paper's bucket. */
export function buildTimeline(columns: DateColumns, options: Partial<TimelineOptions> = {}): Timeline {
  const checked = checkOptions(options);
  const { maxMonthlySpan, trim, recentShare, prior } = checked;
  const { months, kinds } = columns;
  const n = months.length;
  let dated = 0;
  let derived = 0;
  let precise = 0;
  for (let row = 0; row < n; row++) {
    if (kinds[row] === 0) continue;
    dated++;
    if (kinds[row] === 4) derived++;
    if (isMonthPrecise(kinds[row])) precise++;
  }
  const bucket = new Int32Array(n).fill(-1);
  const summary = { dated, derived, undated: n - dated, unplaced: dated };
  if (dated === 0) {
    return { unit: "month", labels: [], recentFrom: 0, start: 0, bucket, summary, prior, options: checked };
  }

  // Monthly when most dated papers know their month and the trimmed span of those is short enough; else yearly.
  let unit: Timeline["unit"] = "year";
  let span: [number, number] = [0, 0];
  if (precise * 2 >= dated) {
    span = trimmedSpan(months, kinds, isMonthPrecise, trim);
    if (span[1] - span[0] + 1 <= maxMonthlySpan) unit = "month";
  }
  if (unit === "year") {
    const [first, last] = trimmedSpan(months, kinds, (kind) => kind !== 0, trim);
    span = [Math.floor(first / 12), Math.floor(last / 12)];
  }
  const [start, end] = span;
  const count = end - start + 1;
  let placed = 0;
  for (let row = 0; row < n; row++) {
    bucket[row] = bucketOf(unit, start, count, months[row], kinds[row]);
    if (bucket[row] >= 0) placed++;
  }
  summary.unplaced = dated - placed;
  const labels = labelsOf(unit, start, count);
  return {
    unit,
    labels,
    recentFrom: recentFromOf(count, recentShare),
    start,
    bucket,
    summary,
    prior,
    options: checked,
  };
}

function labelsOf(unit: Timeline["unit"], start: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    unit === "month" ? formatMonth(start + i) : formatMonth((start + i) * 12, "year"),
  );
}

function recentFromOf(count: number, recentShare: number): number {
  return count < 2 ? count : count - Math.max(1, Math.ceil(count * recentShare));
}

/** Where a date (a month number and its DateColumns kind) falls in a unit's numbering (month or year), or null. */
export function positionIn(unit: Timeline["unit"], month: number, kind: number): number | null {
  if (kind === 0 || (unit === "month" && !isMonthPrecise(kind))) return null;
  return unit === "month" ? month : Math.floor(month / 12);
}

/**
 * The timeline widened, in its unit, to span `first`..`last` (numbered as `start`) as well, with its labels and
 * recent period made as buildTimeline makes them; a monthly timeline grows to maxMonthlySpan months at most (later
 * months first). A timeline without buckets stays as it is. Rows keep their buckets, moved with the start.
 */
export function widenTimeline(timeline: Timeline, first: number, last: number): Timeline {
  const count = timeline.labels.length;
  if (count === 0) return timeline;
  let start = Math.min(timeline.start, first);
  let end = Math.max(timeline.start + count - 1, last);
  if (timeline.unit === "month") {
    const room = timeline.options.maxMonthlySpan;
    end = Math.min(end, timeline.start + room - 1);
    start = Math.max(start, end - room + 1);
  }
  if (start === timeline.start && end === timeline.start + count - 1) return timeline;
  const shift = timeline.start - start;
  const widened = end - start + 1;
  return {
    ...timeline,
    labels: labelsOf(timeline.unit, start, widened),
    recentFrom: recentFromOf(widened, timeline.options.recentShare),
    start,
    bucket: timeline.bucket.map((b) => (b >= 0 ? b + shift : -1)),
  };
}

/** How many rows sit at each position (positionIn) of a unit's numbering; rows without one are not counted. */
export function countPositions(
  unit: Timeline["unit"],
  columns: DateColumns,
  rows: Iterable<number>,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const at = positionIn(unit, columns.months[row], columns.kinds[row]);
    if (at !== null) counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  return counts;
}

/**
 * The first and last position of the counted rows after cutting `trim` of them from each end, as buildTimeline
 * trims a corpus's dates before it measures their span; null when no row is counted.
 */
export function trimmedPositions(counts: ReadonlyMap<number, number>, trim: number): [number, number] | null {
  const positions = [...counts.keys()].filter((at) => counts.get(at)! > 0).sort((a, b) => a - b);
  let total = 0;
  for (const at of positions) total += counts.get(at)!;
  if (total === 0) return null;
  const cut = Math.floor(total * trim);
  // The positions of the sorted rows number cut and total - 1 - cut.
  const at = (index: number) => {
    let seen = 0;
    for (const position of positions) if ((seen += counts.get(position)!) > index) return position;
    return positions[positions.length - 1];
  };
  return [at(cut), at(total - 1 - cut)];
}

/** The bucket of a date (a month number and its DateColumns kind) on a timeline, or -1 when it is on none. */
export function bucketOn(timeline: Pick<Timeline, "unit" | "start" | "labels">, month: number, kind: number): number {
  return bucketOf(timeline.unit, timeline.start, timeline.labels.length, month, kind);
}

function bucketOf(unit: Timeline["unit"], start: number, count: number, month: number, kind: number): number {
  const at = positionIn(unit, month, kind);
  return at === null || at < start || at >= start + count ? -1 : at - start;
}

/** [first, last] month of the rows `keep` accepts, after cutting `trim` of them from each end. */
function trimmedSpan(
  months: Int32Array,
  kinds: Uint8Array,
  keep: (kind: number) => boolean,
  trim: number,
): [number, number] {
  const values: number[] = [];
  for (let row = 0; row < months.length; row++) if (keep(kinds[row])) values.push(months[row]);
  const sorted = Int32Array.from(values).sort();
  const cut = Math.floor(sorted.length * trim);
  return [sorted[cut], sorted[sorted.length - 1 - cut]];
}

function checkOptions(options: Partial<TimelineOptions>): TimelineOptions {
  const merged = { ...TIMELINE_DEFAULTS, ...options };
  const { maxMonthlySpan, trim, recentShare, prior } = merged;
  if (!Number.isInteger(maxMonthlySpan) || maxMonthlySpan < 1) {
    throw new RangeError(`time/trends: maxMonthlySpan must be a positive integer, got ${maxMonthlySpan}`);
  }
  if (!(trim >= 0 && trim < 0.5)) throw new RangeError(`time/trends: trim must be in [0, 0.5), got ${trim}`);
  if (!(recentShare > 0 && recentShare < 1)) {
    throw new RangeError(`time/trends: recentShare must be in (0, 1), got ${recentShare}`);
  }
  if (!(prior >= 0)) throw new RangeError(`time/trends: prior must be >= 0, got ${prior}`);
  return merged;
}

/** Papers per bucket among `rows` (all rows when null), counting only the rows `keep` marks (all when null). */
export function trendOf(
  timeline: Timeline,
  rows: ArrayLike<number> | null,
  keep: Uint8Array | null = null,
): Int32Array {
  const counts = new Int32Array(timeline.labels.length);
  const { bucket } = timeline;
  const length = rows === null ? bucket.length : rows.length;
  for (let i = 0; i < length; i++) {
    const row = rows === null ? i : rows[i];
    if (bucket[row] >= 0 && (keep === null || keep[row] === 1)) counts[bucket[row]]++;
  }
  return counts;
}

/** Recent and earlier papers of a trend. */
export function periods(trend: ArrayLike<number>, recentFrom: number): { recent: number; before: number } {
  let recent = 0;
  let before = 0;
  for (let i = 0; i < trend.length; i++) {
    if (i >= recentFrom) recent += trend[i];
    else before += trend[i];
  }
  return { recent, before };
}

/**
 * Growth of a set's trend against the totals' (see the header): > 1 the set takes a larger share of recent papers
 * than before, < 1 a smaller one; null when the totals have no recent or no earlier papers.
 */
export function growthOf(timeline: Timeline, trend: ArrayLike<number>, totals: ArrayLike<number>): number | null {
  const { recentFrom, prior } = timeline;
  const { recent: R, before: B } = periods(totals, recentFrom);
  if (R === 0 || B === 0) return null;
  const { recent: r, before: b } = periods(trend, recentFrom);
  const T = R + B;
  return (r + (prior * R) / T) / R / ((b + (prior * B) / T) / B);
}

export interface Ranked<T> {
  item: T;
  growth: number;
  /** The set's papers on the timeline. */
  papers: number;
}

/** Positions of growing (growth > 1) and shrinking (growth < 1) items, fastest first. */
export interface GrowthOrder {
  emerging: Int32Array;
  fading: Int32Array;
}

/**
 * The positions in `items` of the emerging (growth > 1, fastest first) and fading (growth < 1, fastest first) items;
 * ties by more papers, then position. NOTE: independent of a minimum of papers, which takeRanked applies, so that one
 * order serves every minimum.
 */
export function growthOrder(items: readonly { growth: number | null; papers: number }[]): GrowthOrder {
  const emerging: number[] = [];
  const fading: number[] = [];
  items.forEach(({ growth }, at) => {
    if (growth !== null && growth > 1) emerging.push(at);
    else if (growth !== null && growth < 1) fading.push(at);
  });
  const growth = (at: number) => items[at].growth!;
  const tie = (a: number, b: number) => items[b].papers - items[a].papers || a - b;
  return {
    emerging: Int32Array.from(emerging.sort((a, b) => growth(b) - growth(a) || tie(a, b))),
    fading: Int32Array.from(fading.sort((a, b) => growth(a) - growth(b) || tie(a, b))),
  };
}

/** The first `limit` positions of `order` whose items have at least `minPapers` papers. */
export function takeRanked(
  order: ArrayLike<number>,
  items: readonly { papers: number }[],
  minPapers: number,
  limit: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < order.length && out.length < limit; i++)
    if (items[order[i]].papers >= minPapers) out.push(order[i]);
  return out;
}

/**
 * The emerging (growth > 1, fastest first) and fading (growth < 1, fastest first) among `items` with at least
 * `minPapers` papers on the timeline; ties by more papers, then input order.
 */
export function rankByGrowth<T>(
  items: readonly { item: T; growth: number | null; papers: number }[],
  minPapers: number,
  limit: number,
): { emerging: Ranked<T>[]; fading: Ranked<T>[] } {
  const order = growthOrder(items);
  const take = (positions: Int32Array) =>
    takeRanked(positions, items, minPapers, limit).map((at) => {
      const { item, growth, papers } = items[at];
      return { item, growth: growth!, papers };
    });
  return { emerging: take(order.emerging), fading: take(order.fading) };
}
