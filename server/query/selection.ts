// A selection of the map, all of its papers: a cluster or one of its subclusters, a search's results, the papers on a
// topic, the papers related to a text; in the order their lists show them. For the downloads (CSV, BibTeX, RIS of the
// papers; GEXF and GraphML of a cluster's subgraph). Pure of HTTP: unknown clusters and topics throw NotFoundError.

import subgraph from "graphology-operators/subgraph.js";

import type { Paper } from "../corpus/types.js";
import { formatBibtex } from "../corpus/write-bibtex.js";
import { formatCsv } from "../corpus/write-csv.js";
import { formatRis } from "../corpus/write-ris.js";
import { slugify } from "../corpus/slug.js";
import type { TopicGraph } from "../graph/types.js";
import { clusterRows } from "./cluster-index.js";
import { searchHits } from "./queries.js";
import type { TopicStore } from "./store.js";
import { relatedRowsOfText } from "./text-related.js";
import { topicRows } from "./topic-changes.js";

export type Selection =
  | { kind: "cluster"; cluster: number; subcluster?: number }
  | { kind: "search"; q: string }
  | { kind: "topic"; term: string }
  | { kind: "related"; q: string; k: number };

/** The paper lists' download formats, each with its writer (corpus/write-*: the escaping lives there). */
export const PAPER_FORMATS = { csv: formatCsv, bib: formatBibtex, ris: formatRis } as const;
export type PaperFormat = keyof typeof PAPER_FORMATS;

/** The rows of every paper of the selection, in the order of its list. */
export function selectionRows(store: TopicStore, selection: Selection): ArrayLike<number> {
  switch (selection.kind) {
    case "cluster":
      return clusterRows(store.clusterIndex, selection.cluster, selection.subcluster);
    case "search":
      return searchHits(store, selection.q, store.papers.length, null).hits.map(({ row }) => row);
    case "topic":
      return topicRows(store.build, selection.term).rows;
    case "related":
      return relatedRowsOfText(store.build, store.textScratch, selection.q, selection.k);
  }
}

/** The selection's papers, whole, as the corpus gave them. */
export function selectionPapers(store: TopicStore, selection: Selection): Paper[] {
  return Array.from(selectionRows(store, selection), (row) => store.papers.paper(row));
}

/** The selection's papers in `format` (PAPER_FORMATS). */
export function formatSelection(store: TopicStore, selection: Selection, format: PaperFormat): string {
  return PAPER_FORMATS[format](selectionPapers(store, selection));
}

/** A file name for the selection's download, without extension: `cluster-3`, `cluster-3-sub-1`, `search-<words>`. */
export function selectionName(selection: Selection): string {
  switch (selection.kind) {
    case "cluster":
      return `cluster-${selection.cluster}${selection.subcluster === undefined ? "" : `-sub-${selection.subcluster}`}`;
    case "search":
      return `search-${slugify(selection.q, 60)}`;
    case "topic":
      return `topic-${slugify(selection.term, 60)}`;
    case "related":
      return "related";
  }
}

/**
 * The subgraph of the selection's papers and the links among them, in the graph's order, with the graph's attributes
 * (its clusters narrowed to the selection's).
 */
export function selectionGraph(graph: TopicGraph, store: TopicStore, selection: Selection): TopicGraph {
  const ids = new Set(Array.from(selectionRows(store, selection), (row) => store.papers.ids[row]));
  const selected = subgraph(graph, (key) => ids.has(key)) as TopicGraph;
  const attributes = graph.getAttributes();
  const clusters =
    selection.kind === "cluster"
      ? attributes.clusters.filter(({ id }) => id === selection.cluster)
      : attributes.clusters;
  selected.replaceAttributes({ ...attributes, clusters });
  return selected;
}
