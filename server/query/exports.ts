// The graph as files: GEXF (1.3 or the 1.2 draft), GraphML and graphology JSON, of the whole map or of a selection. For a build in the build cache, each export
// is written once into the cache entry as a gzip file (cache/export-files) and every download reads that file; for
// a build without an entry, the GEXF is streamed in batches from graph/export-gexf's chunks, never held whole (it is
// large and long to write: whole, it would stop every other request), and the JSON is written whole (api/export keeps
// it).
// A selection's subgraph (query/selection) is streamed the same way and not kept.
// Either way the graphology graph is asked of the store's export source only while an export is written.

import { exportFile } from "../cache/export-files.js";
import { gexfChunks, type GexfVersion } from "../graph/export-gexf.js";
import { graphmlChunks } from "../graph/export-graphml.js";
import { graphJsonChunks, toGraphJson } from "../graph/export-json.js";
import type { TopicGraph } from "../graph/types.js";
import { selectionGraph, selectionName, type Selection } from "./selection.js";
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

function chunksOf(graph: TopicGraph, format: ExportFormat): Iterable<string> {
  if (format === "json") return graphJsonChunks(graph);
  if (format === "graphml") return graphmlChunks(graph);
  return gexfChunks(graph, { version: format.slice(5) as GexfVersion });
}

/** The graph to export: the whole map's, or the selection's subgraph. */
export async function exportGraph(store: TopicStore, selection?: Selection): Promise<TopicGraph> {
  const graph = await store.exports.graph();
  return selection === undefined ? graph : selectionGraph(graph, store, selection);
}

/**
 * The export as a gzip file of the build's cache entry (written on first use), or null without an entry or when the
 * entry cannot be written (a read-only cache): the export is then written from the graph as without an entry.
 */
export async function exportFilePath(store: TopicStore, format: ExportFormat): Promise<string | null> {
  const entry = store.exports.directory();
  if (entry === null) return null;
  const graph = async () => chunksOf(await store.exports.graph(), format);
  return exportFile(entry, `export-${format}`, graph, store.exports.warn).catch((error: NodeJS.ErrnoException) =>
    WRITE_ERRORS.has(error.code ?? "") ? null : Promise.reject(error),
  );
}

/** Errors of a cache entry that cannot be written to. */
const WRITE_ERRORS = new Set(["EACCES", "EPERM", "EROFS", "ENOENT", "ENOSPC"]);

/** A GEXF or GraphML document in batches of about 64k characters. */
export function* exportBatches(graph: TopicGraph, format: ExportFormat): Generator<string, void, undefined> {
  let batch = "";
  for (const chunk of chunksOf(graph, format)) {
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
