// The graph as files: GEXF (1.3 or the 1.2 draft), GraphML and graphology JSON, of the whole map or of a selection.
// For a build in the build cache, each export of the whole map is written once into the cache entry as a gzip file
// (cache/export-files exportFilePath) and every download reads that file; for a build without an entry, and for a
// selection's subgraph (query/selection), the GEXF or GraphML is streamed in batches of its writer's chunks, never
// held whole (it is large and long to write: whole, it would stop every other request), and the JSON is written
// whole (api/export keeps it).
// Either way the graphology graph is asked of the store's export source only while an export is written.

import { gexfChunks, type GexfVersion } from "../graph/export-gexf.js";
import { graphmlChunks } from "../graph/export-graphml.js";
import { graphJsonChunks, toGraphJson } from "../graph/export-json.js";
import type { TopicGraph } from "../graph/types.js";
import { selectionGraph, selectionName, selectionRows, type Selection } from "./selection.js";
import type { TopicStore } from "./store.js";

export type ExportFormat = "json" | "graphml" | `gexf-${GexfVersion}`;

/** Characters per streamed batch. */
const BATCH_CHARS = 64 * 1024;

/** `topicgraph-<corpus hash>[-<selection>].<extension>`. */
export function exportFilename(store: TopicStore, format: ExportFormat, selection?: Selection): string {
  const extension = format === "json" || format === "graphml" ? format : "gexf";
  const selected = selection === undefined ? "" : `-${selectionName(selection)}`;
  return `topicgraph-${store.info.corpusHash}${selected}.${extension}`;
}

/** The export's text in its writer's chunks. */
export function exportChunks(graph: TopicGraph, format: ExportFormat): Iterable<string> {
  if (format === "json") return graphJsonChunks(graph);
  if (format === "graphml") return graphmlChunks(graph);
  return gexfChunks(graph, { version: format.slice(5) as GexfVersion });
}

/** The graph to export: the whole map's, or the selection's subgraph (of its `rows`, when the caller has them). */
export async function exportGraph(
  store: TopicStore,
  selection?: Selection,
  rows?: ArrayLike<number>,
): Promise<TopicGraph> {
  if (selection === undefined) return store.exports.graph();
  const selected = rows ?? selectionRows(store, selection);
  return selectionGraph(await store.exports.graph(selected), store, selection, selected);
}

/** A GEXF or GraphML document in batches of about 64k characters. */
export function* exportBatches(graph: TopicGraph, format: ExportFormat): Generator<string, void, undefined> {
  let batch = "";
  for (const chunk of exportChunks(graph, format)) {
    batch += chunk;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  if (batch.length > 0) yield batch;
}

/** The graphology JSON export of the store's graph. */
export async function graphJson(store: TopicStore): Promise<string> {
  return toGraphJson(await store.exports.graph());
}
