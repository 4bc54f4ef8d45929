// A selection of the map, all of its papers: a cluster or one of its subclusters, a search's results, the papers on a
// topic, the map's papers (each among the papers the facet filters keep), the papers related to a text; in the order
// their lists show them. The one answer to "which papers are in this list": the JSON lists (queries.ts) page through these rows and the
// downloads (CSV, BibTeX, RIS of the papers; GEXF and GraphML of the subgraph) write all of them, so the two cannot
// disagree. Pure of HTTP: unknown clusters and topics throw NotFoundError.

import subgraph from "graphology-operators/subgraph.js";

import type { Paper } from "../corpus/types.js";
import { formatBibtex } from "../corpus/write-bibtex.js";
import { formatCsv } from "../corpus/write-csv.js";
import { formatRis } from "../corpus/write-ris.js";
import { slugify } from "../corpus/slug.js";
import type { TopicGraph } from "../graph/types.js";
import { clusterRows } from "./cluster-index.js";
import { FACETS, facetKeep, type FacetFilters } from "./facet-index.js";
import { compareHits, searchIndex, type SearchHit } from "./search-index.js";
import type { TopicStore } from "./store.js";
import { relatedRowsOfText } from "./text-related.js";
import { topicRows } from "./topic-changes.js";

export type Selection =
  | { kind: "cluster"; cluster: number; subcluster?: number; filters?: FacetFilters }
  | { kind: "search"; q: string; filters?: FacetFilters }
  | { kind: "topic"; term: string; filters?: FacetFilters }
  | { kind: "papers"; filters?: FacetFilters }
  | { kind: "related"; q: string; k: number };

/** The paper lists' download formats, each with its writer (corpus/write-*: the escaping lives there). */
export const PAPER_FORMATS = { csv: formatCsv, bib: formatBibtex, ris: formatRis } as const;
export type PaperFormat = keyof typeof PAPER_FORMATS;

/** 1 for each row the facet filters keep, 0 for the others; null when no filter is set. */
export function keepOf(store: TopicStore, filters: FacetFilters = {}): Uint8Array | null {
  return facetKeep(store.facets, filters, store.papers.length);
}

/** A cluster's papers (or one subcluster's), most central first, among those the filters keep. */
export function clusterListRows(
  store: TopicStore,
  cluster: number,
  subcluster?: number,
  filters: FacetFilters = {},
): Int32Array {
  const members = clusterRows(store.clusterIndex, cluster, subcluster);
  const keep = keepOf(store, filters);
  return keep === null ? members : members.filter((row) => keep[row] === 1);
}

/**
 * The first `limit` matches of a query (best first) over the build's papers and those added since (deleted ones left
 * out) among those the filters keep, and how many match in all.
 */
export function searchHits(
  store: TopicStore,
  query: string,
  limit: number,
  filters: FacetFilters = {},
): { total: number; hits: SearchHit[] } {
  const keep = keepOf(store, filters);
  const skip = store.build.overlay?.deleted;
  const found = searchIndex(store.searchIndex, query, limit, { skip, keep });
  if (store.addedSearch.length === 0) return found;
  let { total, hits } = found;
  for (const { first, index } of store.addedSearch) {
    const added = searchIndex(index, query, limit, { skip, keep, rowOffset: first, corpus: store.searchIndex });
    total += added.total;
    hits = hits.concat(added.hits);
  }
  return { total, hits: hits.sort(compareHits).slice(0, limit) };
}

/**
 * The papers whose title or abstract contains `term`, heaviest first (query/topic-changes: papers added since the build
 * included, deleted ones left out), among those the filters keep; `term` as the vocabulary writes it.
 */
export function topicListRows(
  store: TopicStore,
  term: string,
  filters: FacetFilters = {},
): { term: string; rows: Int32Array } {
  const topic = topicRows(store.build, term);
  const keep = keepOf(store, filters);
  return keep === null ? topic : { term: topic.term, rows: topic.rows.filter((row) => keep[row] === 1) };
}

/** The map's papers that the filters keep (deleted ones left out), in corpus order: GET /api/papers's list. */
export function keptRows(store: TopicStore, filters: FacetFilters = {}): Int32Array {
  const keep = keepOf(store, filters);
  const deleted = store.build.overlay?.deleted;
  const n = store.papers.length;
  const rows = new Int32Array(n);
  let count = 0;
  for (let row = 0; row < n; row++) {
    if ((keep === null || keep[row] === 1) && deleted?.[row] !== 1) rows[count++] = row;
  }
  return rows.subarray(0, count);
}

/** The rows of every paper of the selection, in the order of its list. */
export function selectionRows(store: TopicStore, selection: Selection): ArrayLike<number> {
  switch (selection.kind) {
    case "cluster":
      return clusterListRows(store, selection.cluster, selection.subcluster, selection.filters);
    case "search":
      return searchHits(store, selection.q, Infinity, selection.filters).hits.map(({ row }) => row);
    case "topic":
      return topicListRows(store, selection.term, selection.filters).rows;
    case "papers":
      return keptRows(store, selection.filters);
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

/**
 * A file name for the selection's download, without extension: `cluster-3`, `cluster-3-sub-1`, `search-<words>`,
 * `topic-<term>`, `papers`, each followed by its filters (`-category-cs-cl`); `related`.
 */
export function selectionName(selection: Selection): string {
  switch (selection.kind) {
    case "cluster": {
      const sub = selection.subcluster === undefined ? "" : `-sub-${selection.subcluster}`;
      return `cluster-${selection.cluster}${sub}${filtersName(selection.filters)}`;
    }
    case "search":
      return `search-${slugify(selection.q, 60)}${filtersName(selection.filters)}`;
    case "topic":
      return `topic-${slugify(selection.term, 60)}${filtersName(selection.filters)}`;
    case "papers":
      return `papers${filtersName(selection.filters)}`;
    case "related":
      return "related";
  }
}

function filtersName(filters: FacetFilters = {}): string {
  return FACETS.map((facet) => (filters[facet] === undefined ? "" : `-${facet}-${slugify(filters[facet], 40)}`)).join(
    "",
  );
}

/**
 * The subgraph of the selection's papers (`rows`, when its caller has them already) and the links among them, in the
 * graph's order, with the graph's attributes (its clusters narrowed to the selection's).
 */
export function selectionGraph(
  graph: TopicGraph,
  store: TopicStore,
  selection: Selection,
  rows: ArrayLike<number> = selectionRows(store, selection),
): TopicGraph {
  const ids = new Set(Array.from(rows, (row) => store.papers.ids[row]));
  const selected = subgraph(graph, (key) => ids.has(key)) as TopicGraph;
  const attributes = graph.getAttributes();
  const clusters =
    selection.kind === "cluster"
      ? attributes.clusters.filter(({ id }) => id === selection.cluster)
      : attributes.clusters;
  selected.replaceAttributes({ ...attributes, clusters });
  return selected;
}
