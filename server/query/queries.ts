// The questions the API asks of a store, one function each, answering with the shapes of server/contract. Pure of
// HTTP: unknown ids throw NotFoundError; arguments arrive validated (k, limit and offset in range, text non-empty).

import { basename } from "node:path";

import type {
  ClusterGraphDto,
  ClusterPapersDto,
  ClustersDto,
  GraphDto,
  HealthDto,
  OverviewDto,
  PaperRelatedDto,
  PaperResponseDto,
  SearchDto,
  TextRelatedDto,
  TopicPapersDto,
  TopicsDto,
} from "../contract/index.js";
import { round } from "../round.js";
import { clusterPage } from "./cluster-index.js";
import { clusterGraphView, graphView, overviewView } from "./graph-view.js";
import { paperDetail } from "./paper-detail.js";
import { paperRow, paperSummary } from "./paper-index.js";
import { paperRelatedOfRow } from "./paper-related.js";
import { searchIndex } from "./search-index.js";
import type { TopicStore } from "./store.js";
import { textRelatedOf } from "./text-related.js";
import { suggestTopics, topicRows } from "./topic-counts.js";

/** Skipped records /api/health lists. */
export const SKIPPED_SAMPLE = 10;

/** Topics suggested by a search. */
export const SUGGESTED_TOPICS = 10;

export function health(store: TopicStore, largeMapFrom: number): HealthDto {
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
  };
}

export function clusters(store: TopicStore): ClustersDto {
  return { build: store.info, clusters: [...store.clusterIndex.clusters] };
}

/** A page of a cluster's papers, or of one of its subclusters' (`subcluster`), most central first. */
export function clusterPapers(
  store: TopicStore,
  id: number,
  limit: number,
  offset: number,
  subcluster?: number,
): ClusterPapersDto {
  const { clusterIndex, paperIndex, build } = store;
  return { build: store.info, ...clusterPage(clusterIndex, paperIndex, build.columns, id, limit, offset, subcluster) };
}

export function overview(store: TopicStore): OverviewDto {
  return overviewView(store.build.columns, store.clusterIndex, store.info);
}

export function paper(store: TopicStore, id: string): PaperResponseDto {
  const row = paperRow(store.paperIndex, id);
  const { build, paperIndex, clusterIndex, paperTopics } = store;
  return {
    build: store.info,
    paper: paperDetail(build.model, row, paperIndex, clusterIndex, build.columns, paperTopics),
  };
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

/** A page of the papers matching `query`, best first, with how many match in all, and topics to suggest. */
export function search(store: TopicStore, query: string, limit: number, offset: number): SearchDto {
  const hits = searchIndex(store.searchIndex, query, offset + limit);
  const results = hits.hits.slice(offset).map(({ row, score, inTitle }) => ({
    ...paperSummary(store.paperIndex, row),
    score: round(score, 3),
    matchedIn: inTitle ? ("title" as const) : ("abstract" as const),
  }));
  const topics = suggestTopics(store.build.model, store.topicCounts, query, SUGGESTED_TOPICS);
  return { build: store.info, query, total: hits.total, limit, offset, results, topics };
}

export function topics(store: TopicStore, limit: number): TopicsDto {
  return { build: store.info, topics: store.topicCounts.topics.slice(0, limit) };
}

/**
 * A page of the papers whose title or abstract contains `term` (by the TF-IDF's stems and phrase rules), heaviest
 * first; `term` in the answer is its display form. NotFoundError for a term the vocabulary does not have.
 */
export function topicPapers(store: TopicStore, term: string, limit: number, offset: number): TopicPapersDto {
  const topic = topicRows(store.build.model, store.build.index, term);
  const rows = topic.rows.subarray(offset, offset + limit);
  const papers = Array.from(rows, (row) => paperSummary(store.paperIndex, row));
  return { build: store.info, term: topic.term, total: topic.rows.length, limit, offset, papers };
}

/** Every node and link of the map, compact. */
export function graph(store: TopicStore): GraphDto {
  return graphView(store.build.columns, store.paperIndex, store.clusterIndex, store.info);
}

/** One cluster's papers and the links among them; NotFoundError for another id. */
export function clusterGraph(store: TopicStore, id: number): ClusterGraphDto {
  return clusterGraphView(store.build.columns, store.paperIndex, store.clusterIndex, store.info, id);
}
