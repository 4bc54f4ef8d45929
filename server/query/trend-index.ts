// Trends of a store's clusters and main topics, computed once per store from the papers' dates (time/trends), or for
// a store version from the build's and the papers added and deleted since, and the rankings of emerging and fading
// ones, for all papers or for those a facet filter keeps. No HTTP.

import type { TimelineDto } from "../contract/index.js";
import { round } from "../round.js";
import {
  bucketOn,
  buildTimeline,
  countPositions,
  positionIn,
  widenTimeline,
  growthOf,
  growthOrder,
  takeRanked,
  type GrowthOrder,
  trendOf,
  trimmedPositions,
  type DateColumns,
  type Timeline,
} from "../time/trends.js";
import { topTopics, type TopicCounts } from "./topic-counts.js";

/** Topics with a trend: the most common ones (the others' trend is empty, their growth null). */
export const MAIN_TOPICS = 2_000;

export interface Trend {
  /** Papers per bucket of the timeline. */
  trend: Int32Array;
  /** time/trends growthOf: > 1 emerging, < 1 fading; null when there is nothing to compare. */
  growth: number | null;
  /** Papers on the timeline. */
  papers: number;
}

export interface TrendIndex {
  dates: DateColumns;
  timeline: Timeline;
  /** The timeline as the API shows it. */
  timelineDto: TimelineDto;
  /** Papers per bucket of the whole corpus. */
  totals: Int32Array;
  /** By cluster id. */
  clusters: readonly Trend[];
  /** By position in topicCounts.topics, for the first MAIN_TOPICS. */
  topics: readonly Trend[];
  /** The vocabulary column of each of `topics`. */
  topicColumns: Int32Array;
}

/** The rows containing a vocabulary column (query/topic-changes columnRows): rows on no bucket are not counted. */
export type ColumnRows = (column: number) => ArrayLike<number>;

export function buildTrendIndex(
  dates: DateColumns,
  members: readonly Int32Array[],
  columnRows: ColumnRows,
  topicCounts: TopicCounts,
  timeline: Timeline = buildTimeline(dates),
): TrendIndex {
  const totals = trendOf(timeline, null);
  const trendOfRows = (rows: ArrayLike<number>) => trendWith(timeline, totals, rows, null);
  const topicColumns = topTopics(topicCounts, MAIN_TOPICS).columns;
  return {
    dates,
    timeline,
    timelineDto: timelineDto(timeline),
    totals,
    clusters: members.map(trendOfRows),
    topics: Array.from(topicColumns, (column) => trendOfRows(columnRows(column))),
    topicColumns,
  };
}

/**
 * The timeline of a store version (query/changes): the build's, widened (time/trends widenTimeline) to the span of
 * the dates of the papers on the map now, trimmed as buildTimeline trims a corpus's (so that one paper of an outlying
 * date does not stretch it), rows base.. dated by `dates`; every paper whose date falls on it placed (a build's paper
 * its trimming left off too), deleted papers (`deleted`) on none; its summary counts the papers on the map.
 */
export function extendTimeline(built: Timeline, dates: DateColumns, deleted: Uint8Array, base: number): Timeline {
  const { months, kinds } = dates;
  const n = months.length;
  const counts = new Map(builtPositions(built, dates, base));
  const move = (row: number, by: number) => {
    const at = positionIn(built.unit, months[row], kinds[row]);
    if (at !== null) counts.set(at, counts.get(at)! + by);
  };
  for (let row = 0; row < n; row++) {
    if (row < base && deleted[row] === 1) move(row, -1);
    else if (row >= base && deleted[row] !== 1) {
      const at = positionIn(built.unit, months[row], kinds[row]);
      if (at !== null) counts.set(at, (counts.get(at) ?? 0) + 1);
    }
  }
  const span = trimmedPositions(counts, built.options.trim);
  const timeline = span === null ? built : widenTimeline(built, span[0], span[1]);
  const bucket = new Int32Array(n);
  bucket.set(timeline.bucket.subarray(0, base));
  const summary = { dated: 0, derived: 0, undated: 0, unplaced: 0 };
  for (let row = 0; row < n; row++) {
    if (deleted[row] === 1) {
      bucket[row] = -1;
      continue;
    }
    if (row >= base || (bucket[row] < 0 && timeline !== built))
      bucket[row] = bucketOn(timeline, months[row], kinds[row]);
    if (kinds[row] === 0) summary.undated++;
    else {
      summary.dated++;
      if (kinds[row] === 4) summary.derived++;
      if (bucket[row] < 0) summary.unplaced++;
    }
  }
  return { ...timeline, bucket, summary };
}

const positionsOfBuilds = new WeakMap<Timeline, ReadonlyMap<number, number>>();

/** The build's papers (rows ..base) by position on its timeline's unit, counted once per build. */
function builtPositions(built: Timeline, dates: DateColumns, base: number): ReadonlyMap<number, number> {
  let counts = positionsOfBuilds.get(built);
  if (counts === undefined) {
    counts = countPositions(
      built.unit,
      dates,
      Array.from({ length: base }, (_, row) => row),
    );
    positionsOfBuilds.set(built, counts);
  }
  return counts;
}

/** What a store version's trends are made from, beside its timeline. */
export interface TrendChanges {
  /** The build's trend index. */
  built: TrendIndex;
  /** Rows of the build deleted since that contain a column, and rows added since (not deleted) that do. */
  deletedRows: (column: number) => readonly number[];
  addedRows: (column: number) => readonly number[];
  columnRows: ColumnRows;
}

const builtTopicPositions = new WeakMap<TrendIndex, Map<number, number>>();

/**
 * The trends of a store version: totals and clusters counted on its timeline (extendTimeline), and each main topic's
 * trend the build's with the papers deleted and added since taken out and put in (a topic that was not a main one of
 * the build counted from its rows).
 */
export function extendTrendIndex(
  changes: TrendChanges,
  dates: DateColumns,
  timeline: Timeline,
  members: readonly Int32Array[],
  topicCounts: TopicCounts,
): TrendIndex {
  const { built } = changes;
  let positions = builtTopicPositions.get(built);
  if (positions === undefined) {
    positions = new Map(Array.from(built.topicColumns, (column, at) => [column, at]));
    builtTopicPositions.set(built, positions);
  }
  const totals = trendOf(timeline, null);
  // Buckets of the build's timeline are this many later on the widened one.
  const shift = built.timeline.start - timeline.start;
  const topicColumns = topTopics(topicCounts, MAIN_TOPICS).columns;
  // Papers of the build its timeline left off and the widened one places are in none of the build's trends.
  const placedAnew = timeline.labels.length !== built.timeline.labels.length && placesAnew(built.timeline, timeline);
  const topics = Array.from(topicColumns, (column): Trend => {
    const at = placedAnew ? undefined : positions.get(column);
    if (at === undefined) return trendWith(timeline, totals, changes.columnRows(column), null);
    const trend = new Int32Array(timeline.labels.length);
    trend.set(built.topics[at].trend, shift);
    for (const row of changes.deletedRows(column)) {
      if (built.timeline.bucket[row] >= 0) trend[built.timeline.bucket[row] + shift]--;
    }
    for (const row of changes.addedRows(column)) if (timeline.bucket[row] >= 0) trend[timeline.bucket[row]]++;
    return { trend, growth: growthOf(timeline, trend, totals), papers: trend.reduce((sum, count) => sum + count, 0) };
  });
  return {
    dates,
    timeline,
    timelineDto: timelineDto(timeline),
    totals,
    clusters: members.map((rows) => trendWith(timeline, totals, rows, null)),
    topics,
    topicColumns,
  };
}

/** Whether `widened` places a row of the build that `built` places on no bucket. */
function placesAnew(built: Timeline, widened: Timeline): boolean {
  for (let row = 0; row < built.bucket.length; row++)
    if (built.bucket[row] < 0 && widened.bucket[row] >= 0) return true;
  return false;
}

/** The trend and growth of a set of rows on `timeline`, against all papers, as the API writes them. */
export function trendsOn(timeline: Timeline): (rows: ArrayLike<number>) => { trend: number[]; growth: number | null } {
  const totals = trendOf(timeline, null);
  return (rows) => trendFields(trendWith(timeline, totals, rows, null));
}

/** A trend as the API writes it: counts as a plain array, growth rounded. */
export function trendFields({ trend, growth }: Trend): { trend: number[]; growth: number | null } {
  return { trend: Array.from(trend), growth: growth === null ? null : round(growth, 3) };
}

function timelineDto(timeline: Timeline): TimelineDto {
  const { unit, labels, recentFrom, summary } = timeline;
  return {
    unit,
    labels,
    recentFrom: recentFrom < labels.length ? labels[recentFrom] : null,
    dated: summary.dated,
    derived: summary.derived,
    undated: summary.undated,
    unplaced: summary.unplaced,
  };
}

function trendWith(timeline: Timeline, totals: Int32Array, rows: ArrayLike<number>, keep: Uint8Array | null): Trend {
  const trend = trendOf(timeline, rows, keep);
  return { trend, growth: growthOf(timeline, trend, totals), papers: trend.reduce((sum, count) => sum + count, 0) };
}

export interface TrendRanking {
  emerging: { at: number; trend: Trend }[];
  fading: { at: number; trend: Trend }[];
}

/**
 * Emerging and fading clusters (`at`: cluster id) and main topics (`at`: position in topicCounts.topics) with at
 * least `minPapers` papers on the timeline, among the papers `keep` passes (all when null): shares then are of the
 * kept papers.
 */
export function rankTrends(
  index: TrendIndex,
  members: readonly Int32Array[],
  columnRows: ColumnRows,
  keep: Uint8Array | null,
  minPapers: number,
  limit: number,
): { totals: Int32Array; clusters: TrendRanking; topics: TrendRanking } {
  const { timeline } = index;
  const totals = keep === null ? index.totals : trendOf(timeline, null, keep);
  const clusters = keep === null ? index.clusters : members.map((rows) => trendWith(timeline, totals, rows, keep));
  const topics =
    keep === null
      ? index.topics
      : Array.from(index.topicColumns, (column) => trendWith(timeline, totals, columnRows(column), keep));
  const orders =
    keep === null ? unfilteredOrders(index) : { clusters: growthOrder(clusters), topics: growthOrder(topics) };
  const rank = (trends: readonly Trend[], order: GrowthOrder): TrendRanking => {
    const take = (positions: Int32Array) =>
      takeRanked(positions, trends, minPapers, limit).map((at) => ({ at, trend: trends[at] }));
    return { emerging: take(order.emerging), fading: take(order.fading) };
  };
  return { totals, clusters: rank(clusters, orders.clusters), topics: rank(topics, orders.topics) };
}

const keptOrders = new WeakMap<TrendIndex, { clusters: GrowthOrder; topics: GrowthOrder }>();

/** The growth orders of an index's own trends (no filter), made on its first ranking and kept with it. */
function unfilteredOrders(index: TrendIndex): { clusters: GrowthOrder; topics: GrowthOrder } {
  let kept = keptOrders.get(index);
  if (kept === undefined) {
    kept = { clusters: growthOrder(index.clusters), topics: growthOrder(index.topics) };
    keptOrders.set(index, kept);
  }
  return kept;
}
