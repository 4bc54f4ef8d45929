// The questions the API asks of a store, one function each, answering with the shapes of server/contract. Pure of
// HTTP: unknown ids throw NotFoundError; arguments arrive validated (k, limit and offset in range, text non-empty).

import { createHash } from "node:crypto";

import type {
  ClusterPapersDto,
  ClustersDto,
  HealthDto,
  OverviewDto,
  PaperRelatedDto,
  PaperResponseDto,
  SearchDto,
  TextRelatedDto,
  TopicPapersDto,
  TopicsDto,
} from "../contract/index.js";
import { clusterById, clusterPage } from "./cluster-index.js";
import { clusterGraphView, graphView, overviewView } from "./graph-view.js";
import { paperDetail } from "./paper-detail.js";
import { paperRow, paperSummary } from "./paper-index.js";
import { paperRelatedOfRow } from "./paper-related.js";
import { round } from "./round.js";
import { searchIndex } from "./search-index.js";
import type { SerializedBody, TopicStore } from "./store.js";
import { textRelatedOf } from "./text-related.js";
import { suggestTopics, topicRows } from "./topic-counts.js";

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
  return overviewView(store.clusterIndex, store.info);
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

export function search(store: TopicStore, query: string, limit: number): SearchDto {
  const results = searchIndex(store.searchIndex, query, limit).map(({ row, score, inTitle }) => ({
    ...paperSummary(store.paperIndex, row),
    score: round(score, 3),
    matchedIn: inTitle ? ("title" as const) : ("abstract" as const),
  }));
  return { build: store.info, query, results, topics: suggestTopics(store.topicCounts, query, SUGGESTED_TOPICS) };
}

export function topics(store: TopicStore, limit: number): TopicsDto {
  return { build: store.info, topics: store.topicCounts.topics.slice(0, limit) };
}

/** A page of the papers that carry `term` among their top topics, heaviest first; NotFoundError for another term. */
export function topicPapers(store: TopicStore, term: string, limit: number, offset: number): TopicPapersDto {
  const rows = topicRows(store.topicCounts, term);
  const papers = Array.from(rows.subarray(offset, offset + limit), (row) => paperSummary(store.paperIndex, row));
  return { build: store.info, term, total: rows.length, limit, offset, papers };
}

/** GET /api/graph's body (GraphDto as JSON), serialised once. */
export function graphBody(store: TopicStore): SerializedBody {
  return memo(store, "graph", () =>
    JSON.stringify(graphView(store.build.columns, store.paperIndex, store.clusterIndex, store.info)),
  );
}

/** GET /api/clusters' body, serialised once. */
export function clustersBody(store: TopicStore): SerializedBody {
  return memo(store, "clusters", () => JSON.stringify(clusters(store)));
}

/** GET /api/overview's body, serialised once. */
export function overviewBody(store: TopicStore): SerializedBody {
  return memo(store, "overview", () => JSON.stringify(overview(store)));
}

/** GET /api/clusters/:id/graph's body (ClusterGraphDto as JSON), serialised once per cluster. */
export function clusterGraphBody(store: TopicStore, id: number): SerializedBody {
  clusterById(store.clusterIndex, id);
  return memo(store, `cluster/${id}`, () =>
    JSON.stringify(clusterGraphView(store.build.columns, store.paperIndex, store.clusterIndex, store.info, id)),
  );
}

/** `<`, `>` and `&` as \\u escapes, as Express's "json escape" writes every other body. */
const MARKUP = /[<>&]/g;
const escapeMarkup = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

function memo(store: TopicStore, key: string, serialize: () => string): SerializedBody {
  let cached = store.serialized.get(key);
  if (cached === undefined) {
    const body = Buffer.from(serialize().replace(MARKUP, escapeMarkup), "utf8");
    cached = { body, hash: createHash("sha256").update(body).digest("base64url").slice(0, 27) };
    store.serialized.set(key, cached);
  }
  return cached;
}
