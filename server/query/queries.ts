// The questions the API asks of a store, one function each, answering with the DTOs of api/dto.ts. Pure of HTTP:
// unknown ids throw NotFoundError; arguments arrive validated (k, limit and offset in range, text non-empty).

import { createHash } from "node:crypto";

import type {
  ClusterPapersDto,
  ClustersDto,
  HealthDto,
  PaperRelatedDto,
  PaperResponseDto,
  SearchDto,
  TextRelatedDto,
  TopicsDto,
} from "../api/dto.js";
import { clusterPage } from "./cluster-index.js";
import { graphView } from "./graph-view.js";
import { paperDetail } from "./paper-detail.js";
import { paperRow } from "./paper-index.js";
import { relatedToRow } from "./paper-related.js";
import { round } from "./round.js";
import { searchIndex } from "./search-index.js";
import type { SerializedBody, TopicStore } from "./store.js";
import { relatedToText } from "./text-related.js";
import { suggestTopics } from "./topic-counts.js";

/** Topics suggested by a search. */
export const SUGGESTED_TOPICS = 10;

export function health(store: TopicStore): HealthDto {
  return {
    status: "ok",
    papers: store.info.papers,
    clusters: store.clusterIndex.clusters.length,
    builtAt: store.info.builtAt,
    buildMs: Math.round(store.buildMs),
    build: store.info,
  };
}

export function clusters(store: TopicStore): ClustersDto {
  return { build: store.info, clusters: [...store.clusterIndex.clusters] };
}

export function clusterPapers(store: TopicStore, id: number, limit: number, offset: number): ClusterPapersDto {
  return { build: store.info, ...clusterPage(store.clusterIndex, store.paperIndex, id, limit, offset) };
}

export function paper(store: TopicStore, id: string): PaperResponseDto {
  const row = paperRow(store.paperIndex, id);
  return {
    build: store.info,
    paper: paperDetail(store.build, store.papers[row], row, store.paperIndex, store.clusterIndex, store.paperTopics),
  };
}

export function paperRelated(store: TopicStore, id: string, k: number): PaperRelatedDto {
  const row = paperRow(store.paperIndex, id);
  return {
    build: store.info,
    paper: store.paperIndex.summaries[row],
    related: relatedToRow(store.build, store.pickTopics, store.paperIndex, row, k),
  };
}

export function textRelated(store: TopicStore, text: string, k: number): TextRelatedDto {
  const { build, paperIndex, clusterIndex, textScratch } = store;
  return { build: store.info, ...relatedToText(build, paperIndex, clusterIndex, textScratch, text, k) };
}

export function search(store: TopicStore, query: string, limit: number): SearchDto {
  const results = searchIndex(store.searchIndex, query, limit).map(({ row, score, inTitle }) => ({
    ...store.paperIndex.summaries[row],
    score: round(score, 3),
    matchedIn: inTitle ? ("title" as const) : ("abstract" as const),
  }));
  return { build: store.info, query, results, topics: suggestTopics(store.topicCounts, query, SUGGESTED_TOPICS) };
}

export function topics(store: TopicStore, limit: number): TopicsDto {
  return { build: store.info, topics: store.topicCounts.topics.slice(0, limit) };
}

/** GET /api/graph's body (GraphDto as JSON), serialised once. */
export function graphBody(store: TopicStore): SerializedBody {
  return memo(store, "graph", () =>
    JSON.stringify(graphView(store.build.graph, store.paperIndex, store.clusterIndex.clusters, store.info)),
  );
}

function memo(store: TopicStore, key: string, serialize: () => string): SerializedBody {
  let cached = store.serialized.get(key);
  if (cached === undefined) {
    const body = Buffer.from(serialize(), "utf8");
    cached = { body, hash: createHash("sha256").update(body).digest("base64url").slice(0, 27) };
    store.serialized.set(key, cached);
  }
  return cached;
}
