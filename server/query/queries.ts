// The questions the API asks of a store, one function each, answering with the shapes of server/contract. Pure of
// HTTP: unknown ids throw NotFoundError; arguments arrive validated (k, limit and offset in range, text non-empty).

import { basename } from "node:path";

import type {
  ClusterGraphDto,
  ClusterPapersDto,
  ClustersDto,
  FacetFiltersDto,
  FacetsDto,
  GraphDto,
  HealthDto,
  LibraryHealthDto,
  OverviewDto,
  PaperListDto,
  PaperRelatedDto,
  PaperResponseDto,
  SearchDto,
  TextRelatedDto,
  TopicPapersDto,
  TopicsDto,
  TrendsDto,
} from "../contract/index.js";
import { round } from "../round.js";
import { paperDateFields } from "../time/paper-date.js";
import { clusterPage } from "./cluster-index.js";
import { countValues, FACETS, type FacetFilters } from "./facet-index.js";
import { clusterGraphView, graphView, overviewView } from "./graph-view.js";
import { paperDetail } from "./paper-detail.js";
import { paperRow, paperSummary } from "./paper-index.js";
import { paperRelatedOfRow } from "./paper-related.js";
import { clusterListRows, keepOf, keptRows, searchHits, topicListRows } from "./selection.js";
import type { TopicStore } from "./store.js";
import { textRelatedOf } from "./text-related.js";
import { columnRows } from "./topic-changes.js";
import { suggestTopics, topTopics } from "./topic-counts.js";
import { MAIN_TOPICS, rankTrends, trendFields } from "./trend-index.js";

/** Skipped records /api/health lists. */
export const SKIPPED_SAMPLE = 10;

/** Topics suggested by a search. */
export const SUGGESTED_TOPICS = 10;

/** Values of each facet a cluster's answer names (its main categories, authors and venues). */
export const CLUSTER_FACET_VALUES = 5;

export function health(store: TopicStore, largeMapFrom: number, library: LibraryHealthDto | null = null): HealthDto {
  return {
    status: "ok",
    papers: store.info.papers,
    clusters: store.clusterIndex.clusters.length,
    builtAt: store.info.builtAt,
    buildMs: Math.round(store.buildMs),
    largeMapFrom,
    skipped: {
      count: store.skipped.length,
      sample: store.skipped
        .slice(0, SKIPPED_SAMPLE)
        .map(({ file, line, reason }) => ({ file: basename(file), line, reason })),
    },
    build: store.info,
    library,
  };
}

export function clusters(store: TopicStore): ClustersDto {
  return { build: store.info, timeline: store.trends.timelineDto, clusters: [...store.clusterIndex.clusters] };
}

/** The filters as an answer echoes them (only those given). */
function filtersDto(filters: FacetFilters): FacetFiltersDto {
  const dto: FacetFiltersDto = {};
  for (const facet of FACETS) if (filters[facet] !== undefined) dto[facet] = filters[facet];
  return dto;
}

/**
 * A page of a cluster's papers, or of one of its subclusters' (`subcluster`), most central first, among those the
 * facet filters keep; with the main categories, authors and venues of those papers.
 */
export function clusterPapers(
  store: TopicStore,
  id: number,
  limit: number,
  offset: number,
  subcluster?: number,
  filters: FacetFilters = {},
): ClusterPapersDto {
  const { clusterIndex, paperIndex, build } = store;
  const rows = clusterListRows(store, id, subcluster, filters);
  const page = clusterPage(clusterIndex, paperIndex, build.columns, id, limit, offset, subcluster, rows);
  const top = (facet: (typeof FACETS)[number]) =>
    countValues(store.facets, facet, rows, null, CLUSTER_FACET_VALUES).values;
  return {
    build: store.info,
    ...page,
    filters: filtersDto(filters),
    facets: { category: top("category"), author: top("author"), venue: top("venue") },
  };
}

export function overview(store: TopicStore): OverviewDto {
  return overviewView(store.build.columns, store.clusterIndex, store.trends, store.info);
}

export function paper(store: TopicStore, id: string): PaperResponseDto {
  const row = paperRow(store.paperIndex, id);
  const { build, paperIndex, clusterIndex, paperTopics } = store;
  const detail = paperDetail(build.model, row, paperIndex, clusterIndex, build.columns, paperTopics);
  const date = paperDateFields(store.papers.paper(row));
  if (date !== undefined) Object.assign(detail, date);
  return { build: store.info, paper: detail };
}

export function paperRelated(store: TopicStore, id: string, k: number): PaperRelatedDto {
  const row = paperRow(store.paperIndex, id);
  return {
    build: store.info,
    paper: paperSummary(store.paperIndex, row),
    related: paperRelatedOfRow(store.build, store.pickTopics, store.paperIndex, row, k),
  };
}

export function textRelated(store: TopicStore, text: string, k: number): TextRelatedDto {
  const { build, paperIndex, clusterIndex, textScratch } = store;
  return { build: store.info, ...textRelatedOf(build, paperIndex, clusterIndex, textScratch, text, k) };
}

/**
 * A page of the papers matching `query` among those the facet filters keep, best first, with how many match in all,
 * and topics to suggest.
 */
export function search(
  store: TopicStore,
  query: string,
  limit: number,
  offset: number,
  filters: FacetFilters = {},
): SearchDto {
  const hits = searchHits(store, query, offset + limit, filters);
  const results = hits.hits.slice(offset).map(({ row, score, inTitle }) => ({
    ...paperSummary(store.paperIndex, row),
    score: round(score, 3),
    matchedIn: inTitle ? ("title" as const) : ("abstract" as const),
  }));
  const topics = suggestTopics(store.build.model, store.topicCounts, query, SUGGESTED_TOPICS);
  return { build: store.info, query, filters: filtersDto(filters), total: hits.total, limit, offset, results, topics };
}

/** The main topics, most common first, each with its papers over time. */
export function topics(store: TopicStore, limit: number): TopicsDto {
  const { trends } = store;
  return {
    build: store.info,
    timeline: trends.timelineDto,
    topics: topTopics(store.topicCounts, limit).topics.map(({ term, papers }, at) => ({
      term,
      papers,
      ...(trends.topics[at] === undefined ? { trend: [], growth: null } : trendFields(trends.topics[at])),
    })),
  };
}

/** Emerging and fading clusters and main topics, among the papers the filters keep. */
export function trends(store: TopicStore, limit: number, minPapers: number, filters: FacetFilters = {}): TrendsDto {
  const { clusterIndex } = store;
  const main = topTopics(store.topicCounts, MAIN_TOPICS).topics;
  const keep = keepOf(store, filters);
  const rows = (column: number) => columnRows(store.build, column);
  const ranked = rankTrends(store.trends, clusterIndex.members, rows, keep, minPapers, limit);
  const cluster = ({ at, trend }: { at: number; trend: Parameters<typeof trendFields>[0] }) => {
    const fields = trendFields(trend);
    return {
      id: at,
      label: clusterIndex.clusters[at].label,
      papers: trend.papers,
      growth: fields.growth!,
      trend: fields.trend,
    };
  };
  const topic = ({ at, trend }: { at: number; trend: Parameters<typeof trendFields>[0] }) => {
    const fields = trendFields(trend);
    return { term: main[at].term, papers: trend.papers, growth: fields.growth!, trend: fields.trend };
  };
  return {
    build: store.info,
    timeline: store.trends.timelineDto,
    filters: filtersDto(filters),
    totals: Array.from(ranked.totals),
    clusters: { emerging: ranked.clusters.emerging.map(cluster), fading: ranked.clusters.fading.map(cluster) },
    topics: { emerging: ranked.topics.emerging.map(topic), fading: ranked.topics.fading.map(topic) },
  };
}

/** Per facet, the values the kept papers carry most, with how many distinct values they carry. */
export function facets(store: TopicStore, limit: number, filters: FacetFilters = {}): FacetsDto {
  const keep = keepOf(store, filters);
  const count = (facet: (typeof FACETS)[number]) => countValues(store.facets, facet, null, keep, limit);
  let papers = store.papers.length - (store.build.overlay?.deletedCount ?? 0);
  if (keep !== null) papers = keep.reduce((sum, kept) => sum + kept, 0);
  return {
    build: store.info,
    filters: filtersDto(filters),
    papers,
    facets: { category: count("category"), author: count("author"), venue: count("venue") },
  };
}

/** A page of the papers the filters keep, in corpus order. */
export function paperList(store: TopicStore, limit: number, offset: number, filters: FacetFilters = {}): PaperListDto {
  const rows = keptRows(store, filters);
  return {
    build: store.info,
    filters: filtersDto(filters),
    total: rows.length,
    limit,
    offset,
    papers: Array.from(rows.subarray(offset, offset + limit), (row) => paperSummary(store.paperIndex, row)),
  };
}

/**
 * A page of the papers whose title or abstract contains `term` (by the TF-IDF's stems and phrase rules), heaviest
 * first; `term` in the answer is its display form. NotFoundError for a term the vocabulary does not have.
 */
export function topicPapers(
  store: TopicStore,
  term: string,
  limit: number,
  offset: number,
  filters: FacetFilters = {},
): TopicPapersDto {
  const { term: written, rows } = topicListRows(store, term, filters);
  const papers = Array.from(rows.subarray(offset, offset + limit), (row) => paperSummary(store.paperIndex, row));
  return { build: store.info, term: written, filters: filtersDto(filters), total: rows.length, limit, offset, papers };
}

/** Every node and link of the map, compact. */
export function graph(store: TopicStore): GraphDto {
  return graphView(store.build.columns, store.paperIndex, store.clusterIndex, store.trends, store.info);
}

/** One cluster's papers and the links among them; NotFoundError for another id. */
export function clusterGraph(store: TopicStore, id: number): ClusterGraphDto {
  const { build, paperIndex, clusterIndex, trends, info } = store;
  return clusterGraphView(build.columns, paperIndex, clusterIndex, trends.timeline, info, id);
}
