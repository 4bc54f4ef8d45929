// createStore: everything the API answers from, built once per graph (id -> row map, clusters with their papers
// by centrality, the word index for search, topic counts) plus memoised serialisations (graph view, exports).
// No request recomputes TF-IDF, links or clusters.

import type { BuildInfo } from "../api/dto.js";
import type { Paper } from "../corpus/types.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { buildInfoOf } from "./build-info.js";
import { buildClusterIndex, type ClusterIndex } from "./cluster-index.js";
import { buildPaperTopicTable, type PaperTopicTable } from "./paper-detail.js";
import { buildPaperIndex, type PaperIndex } from "./paper-index.js";
import { buildSearchIndex, type SearchIndex } from "./search-index.js";
import { createTextScratch, type TextScratch } from "./text-related.js";
import { buildTopicCounts, type TopicCounts } from "./topic-counts.js";
import { createTopicPicker, type TopicPicker } from "./topic-picker.js";

export interface StoreSource {
  /** The corpus the graph was built from, in build order (the build keeps no abstracts). */
  papers: readonly Paper[];
  /** When the graph was built (or loaded from a cache). */
  builtAt: Date;
  /** How long reading and building took, in milliseconds. */
  buildMs: number;
}

/** A serialised body with a hash of its bytes (for an ETag). */
export interface SerializedBody {
  body: Buffer;
  hash: string;
}

export interface TopicStore {
  readonly build: TopicGraphBuild;
  readonly info: BuildInfo;
  readonly buildMs: number;
  readonly papers: readonly Paper[];
  readonly paperIndex: PaperIndex;
  readonly clusterIndex: ClusterIndex;
  readonly searchIndex: SearchIndex;
  readonly topicCounts: TopicCounts;
  readonly textScratch: TextScratch;
  /** Topics without nested duplicates (graph/label pickWithoutNesting, with cached keys). */
  readonly pickTopics: TopicPicker;
  /** Each paper's top topics with their TF-IDF weights, by row. */
  readonly paperTopics: PaperTopicTable;
  /** Serialisations made on first use and kept: "graph", "json". */
  readonly serialized: Map<string, SerializedBody>;
}

export function createStore(build: TopicGraphBuild, source: StoreSource): TopicStore {
  const paperIndex = buildPaperIndex(source.papers, build.graph);
  const pickTopics = createTopicPicker(build.model);
  return {
    build,
    info: buildInfoOf(build, source.builtAt),
    buildMs: source.buildMs,
    papers: source.papers,
    paperIndex,
    clusterIndex: buildClusterIndex(build, paperIndex),
    searchIndex: buildSearchIndex(source.papers),
    topicCounts: buildTopicCounts(build.graph),
    textScratch: createTextScratch(build, pickTopics),
    pickTopics,
    paperTopics: buildPaperTopicTable(build, paperIndex),
    serialized: new Map(),
  };
}
