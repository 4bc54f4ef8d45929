// createStore: everything the API answers from, built once per graph (id -> row map, the graph as typed columns,
// clusters with their papers by centrality, the word index for search, topic counts). No request recomputes TF-IDF,
// links or clusters, and the store keeps no graphology graph: the exports ask `exports.graph()` for one when they
// are written.

import type { BuildInfo } from "../contract/index.js";
import type { CorpusIssue, Paper } from "../corpus/types.js";
import type { PreviousClusters } from "../graph/align-clusters.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { buildTimeline, dateColumns } from "../time/trends.js";
import { buildInfoOf } from "./build-info.js";
import { buildClusterIndex, type ClusterIndex } from "./cluster-index.js";
import { buildFacetIndex, type FacetIndex } from "./facet-index.js";
import { buildPaperTopicTable } from "./paper-detail.js";
import type { PaperTopicTable } from "./topic-counts.js";
import { buildPaperIndex, type PaperIndex } from "./paper-index.js";
import { PaperTable, type PaperFields, type PaperRows } from "./paper-table.js";
import { buildSearchIndex, type SearchIndex } from "./search-index.js";
import { servedBuild, type ExportSource, type ServedBuild } from "./served-build.js";
import { createTextScratch, type TextScratch } from "./text-related.js";
import { buildTopicCounts, type TopicCounts } from "./topic-counts.js";
import { columnRows } from "./topic-changes.js";
import { createTopicPicker, type TopicPicker } from "./topic-picker.js";
import { buildTrendIndex, trendsOn, type TrendIndex } from "./trend-index.js";

export interface StoreSource {
  /**
   * The corpus the graph was built from, in build order (the build keeps no abstracts): its papers (not kept as
   * they are) or the table of them that the store keeps.
   */
  papers: readonly Paper[] | PaperTable;
  /** When the graph was built (or loaded from a cache). */
  builtAt: Date;
  /** How long reading and building took, in milliseconds. */
  buildMs: number;
  /** By default the build's: its `exports`, or its own graphology graph, kept for the exports. */
  exports?: ExportSource;
  /** The search index, when it was saved with the build (server/cache); built from the papers otherwise. */
  searchIndex?: SearchIndex;
  /** The corpus's records skipped when it was read (/api/health reports them); none by default. */
  skipped?: readonly CorpusIssue[];
}

/** A search index of some of the papers added since the build: its row r is the map's row first + r. */
export interface SearchSegment {
  first: number;
  index: SearchIndex;
}

export interface TopicStore {
  readonly build: ServedBuild;
  readonly info: BuildInfo;
  readonly buildMs: number;
  /** The papers, by row (the corpus's Paper objects are not kept). */
  readonly papers: PaperRows;
  readonly paperIndex: PaperIndex;
  readonly clusterIndex: ClusterIndex;
  readonly searchIndex: SearchIndex;
  /** Search indexes of the papers added since the build (query/changes), each over rows first.. of the map. */
  readonly addedSearch: readonly SearchSegment[];
  readonly topicCounts: TopicCounts;
  /** The papers' categories, authors and venues, with their rows. */
  readonly facets: FacetIndex;
  /** The papers' dates, the timeline, and the trends of clusters and main topics. */
  readonly trends: TrendIndex;
  readonly textScratch: TextScratch;
  /** Topics without nested duplicates (graph/label pickWithoutNesting, with cached keys). */
  readonly pickTopics: TopicPicker;
  /** Each paper's top topics with their TF-IDF weights, by row. */
  readonly paperTopics: PaperTopicTable;
  readonly exports: ExportSource;
  /** The corpus's records skipped when it was read. */
  readonly skipped: readonly CorpusIssue[];
}

export function createStore(build: TopicGraphBuild | ServedBuild, source: StoreSource): TopicStore {
  const served = servedBuild(build);
  const exports = source.exports ?? exportSourceOf(build);
  const paperIndex = buildPaperIndex(source.papers, served.columns);
  const pickTopics = createTopicPicker(served.model);
  const paperTopics = served.paperTopics ?? buildPaperTopicTable(served.model, served.columns);
  // NOTE: one pass over the papers as objects for dates and facets (the table keeps them as JSON text), without their
  // titles and abstracts, which neither reads.
  const papers = fieldsOf(source.papers);
  const dates = dateColumns(papers);
  const timeline = buildTimeline(dates);
  const clusterIndex = buildClusterIndex(served.columns, trendsOn(timeline));
  const topicCounts = buildTopicCounts(served.index, served.model.terms, paperTopics);
  return {
    build: served,
    info: buildInfoOf(served, source.builtAt),
    buildMs: source.buildMs,
    papers: paperIndex.table,
    paperIndex,
    clusterIndex,
    searchIndex: source.searchIndex ?? buildSearchIndex(papersOf(source.papers)),
    addedSearch: [],
    topicCounts,
    facets: buildFacetIndex(papers),
    trends: buildTrendIndex(dates, clusterIndex.members, (column) => columnRows(served, column), topicCounts, timeline),
    textScratch: createTextScratch(served, pickTopics),
    pickTopics,
    paperTopics,
    exports,
    skipped: source.skipped ?? [],
  };
}

function papersOf(papers: readonly Paper[] | PaperTable): readonly Paper[] {
  return papers instanceof PaperTable ? Array.from({ length: papers.length }, (_, row) => papers.paper(row)) : papers;
}

function fieldsOf(papers: readonly Paper[] | PaperTable): readonly PaperFields[] {
  return papers instanceof PaperTable ? Array.from({ length: papers.length }, (_, row) => papers.fields(row)) : papers;
}

/**
 * What a rebuild keeps of the map a store serves (graph/align-clusters): each paper's cluster and each cluster's
 * colour, as plain arrays (they cross to the rebuild process as JSON).
 */
export function previousClustersOf(store: Pick<TopicStore, "build">): PreviousClusters {
  const { columns } = store.build;
  return {
    ids: [...columns.ids],
    clusters: Array.from(columns.cluster),
    colors: columns.clusters.map((cluster) => cluster.color),
  };
}

function exportSourceOf(build: TopicGraphBuild | ServedBuild): ExportSource {
  if ("graph" in build) {
    const { graph } = build;
    return { graph: () => graph, directory: () => null };
  }
  if (build.exports === undefined) throw new TypeError("query/store: a build without its graph needs an export source");
  return build.exports;
}
