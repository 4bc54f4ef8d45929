// Trends of a store's clusters and main topics, computed once per store from the papers' dates (time/trends), and
// the rankings of emerging and fading ones, for all papers or for those a facet filter keeps. No HTTP.

import type { TimelineDto } from "../contract/index.js";
import { round } from "../round.js";
import { buildTimeline, growthOf, rankByGrowth, trendOf, type DateColumns, type Timeline } from "../time/trends.js";
import type { InvertedIndex } from "../graph/top-k.js";
import type { TopicCounts } from "./topic-counts.js";

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
}

export function buildTrendIndex(
  dates: DateColumns,
  members: readonly Int32Array[],
  index: InvertedIndex,
  topicCounts: TopicCounts,
  timeline: Timeline = buildTimeline(dates),
): TrendIndex {
  const totals = trendOf(timeline, null);
  const trendOfRows = (rows: ArrayLike<number>) => trendWith(timeline, totals, rows, null);
  const topicCount = Math.min(MAIN_TOPICS, topicCounts.topics.length);
  return {
    dates,
    timeline,
    timelineDto: timelineDto(timeline),
    totals,
    clusters: members.map(trendOfRows),
    topics: Array.from({ length: topicCount }, (_, t) => trendOfRows(topicRowsAt(index, topicCounts, t))),
  };
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

/** The papers of topics[position]: every paper whose text contains it (the inverted index's column). */
function topicRowsAt(index: InvertedIndex, counts: TopicCounts, position: number): Int32Array {
  const column = counts.columns[position];
  return index.rows.subarray(index.colptr[column], index.colptr[column + 1]);
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
  inverted: InvertedIndex,
  topicCounts: TopicCounts,
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
      : index.topics.map((_, t) => trendWith(timeline, totals, topicRowsAt(inverted, topicCounts, t), keep));
  const rank = (trends: readonly Trend[]): TrendRanking => {
    const ranked = rankByGrowth(
      trends.map((trend, at) => ({ item: { at, trend }, growth: trend.growth, papers: trend.papers })),
      minPapers,
      limit,
    );
    return { emerging: ranked.emerging.map((r) => r.item), fading: ranked.fading.map((r) => r.item) };
  };
  return { totals, clusters: rank(clusters), topics: rank(topics) };
}
