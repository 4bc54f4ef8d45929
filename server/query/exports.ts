// The graph as files: GEXF (1.3 or the 1.2 draft) and graphology JSON. For a build in the build cache, each export
// is written once into the cache entry as a gzip file (cache/export-files exportFilePath) and every download reads
// that file; for a build without an entry, the GEXF is streamed in batches from graph/export-gexf's chunks, never
// held whole (it is large and long to write: whole, it would stop every other request), and the JSON is written
// whole (api/export keeps it).
// Either way the graphology graph is asked of the store's export source only while an export is written.

import { gexfChunks, type GexfVersion } from "../graph/export-gexf.js";
import { toGraphJson } from "../graph/export-json.js";
import type { TopicGraph } from "../graph/types.js";
import type { TopicStore } from "./store.js";

export type ExportFormat = "json" | `gexf-${GexfVersion}`;

/** Characters per streamed batch. */
const BATCH_CHARS = 64 * 1024;

export function exportFilename(store: TopicStore, format: ExportFormat): string {
  return `topicgraph-${store.info.corpusHash}.${format === "json" ? "json" : "gexf"}`;
}

/** The GEXF document in batches of about 64k characters. */
export function* gexfBatches(graph: TopicGraph, version: GexfVersion): Generator<string, void, undefined> {
  let batch = "";
  for (const chunk of gexfChunks(graph, { version })) {
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
