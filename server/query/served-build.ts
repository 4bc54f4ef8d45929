// What the store answers from: the graph as typed columns and the parts of a build that answer similarity, whether
// the build was just made (its graphology graph becomes columns) or loaded from the build cache; and the shape of the
// changes kept beside it (query/overlay reads rows through them).

import type { TopicGraph } from "../graph/types.js";
import type { TopicGraphBuild } from "../pipeline.js";
import type { SparseVector } from "../text/sparse.js";
import { graphColumns, type GraphColumns } from "./graph-columns.js";
import type { PaperTopicTable } from "./topic-counts.js";

/** What the store answers from: the graph as columns and the parts of the build that answer similarity. */
export interface ServedBuild extends Pick<
  TopicGraphBuild,
  "model" | "lsa" | "index" | "related" | "expandedEmbeddings" | "membership" | "options"
> {
  columns: GraphColumns;
  /** Each paper's top topics with their TF-IDF weights, when saved with the build (server/cache); else computed. */
  paperTopics?: PaperTopicTable;
  /** Where the exports get the graphology graph (server/load-build sets it: the build's own, or the cache's). */
  exports?: ExportSource;
  /** Papers added and deleted since the build (query/changes); absent: none. */
  overlay?: MapOverlay;
}

/** What an added paper brings to the similarity answers. */
export interface AddedRow {
  /** L2-normalised TF-IDF vector in the build's vocabulary. */
  vector: SparseVector;
  /** Unit LSA vector (the vector folded in), and that vector expanded by feedback; null without LSA. */
  embedding: Float32Array | null;
  expanded: Float32Array | null;
}

/** One row's related papers, best first, -1 padded. */
export interface RelatedList {
  indices: Int32Array;
  scores: Float32Array;
}

export interface MapOverlay {
  /** Rows of the build; the added papers are rows base.. in the order they were added. */
  base: number;
  added: readonly AddedRow[];
  /** Related lists that differ from the build's: the added papers', and those of the papers they entered. */
  related: ReadonlyMap<number, RelatedList>;
  /** 1 for a deleted row, by row (the build's and the added ones). */
  deleted: Uint8Array;
  deletedCount: number;
}

/** Where the exports get the graphology graph from (a build in memory, or the build cache on demand). */
export interface ExportSource {
  /**
   * The graph; given `rows`, the papers an export of a selection needs, a source reading the graph from the cache
   * makes only those rows' papers and the links among them (the caller still takes the selection's subgraph).
   */
  graph: (rows?: ArrayLike<number>) => TopicGraph | Promise<TopicGraph>;
  /** The build's cache entry, where exports are kept as files; null: none (yet), exports are written from the graph. */
  directory: () => string | null;
  /** Where a line goes when an export file of the entry is damaged and written again. */
  warn?: (line: string) => void;
}

/** The parts of a build the store keeps: a TopicGraphBuild's graph becomes columns. */
export function servedBuild(build: TopicGraphBuild | ServedBuild): ServedBuild {
  const { model, lsa, index, related, expandedEmbeddings, membership, options } = build;
  if ("columns" in build) {
    const { columns, paperTopics } = build;
    return { model, lsa, index, related, expandedEmbeddings, membership, options, columns, paperTopics };
  }
  const columns = graphColumns(build.graph, options.paperTopics);
  return { model, lsa, index, related, expandedEmbeddings, membership, options, columns };
}
