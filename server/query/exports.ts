// The graph as files: GEXF (1.3 or the 1.2 draft) and graphology JSON. For a build in the build cache, each export
// is written once into the cache entry as a gzip file (cache/export-files exportFilePath) and every download reads
// that file; for a build without an entry, the GEXF is streamed in batches from graph/export-gexf's chunks, never held whole (45 MB
// at 17.6k papers, 1 s to write: it would stop every other request), and the JSON is serialised once and kept.
// Either way the graphology graph is asked of the store's export source only while an export is written.

import { createHash } from "node:crypto";

import { gexfChunks, type GexfVersion } from "../graph/export-gexf.js";
import { toGraphJson } from "../graph/export-json.js";
import type { TopicGraph } from "../graph/types.js";
import type { SerializedBody, TopicStore } from "./store.js";

export type ExportFormat = "json" | `gexf-${GexfVersion}`;

/** Characters per streamed batch. */
const BATCH_CHARS = 64 * 1024;

export function exportFilename(store: TopicStore, format: ExportFormat): string {
  return `topicgraph-${store.info.corpusHash}.${format === "json" ? "json" : "gexf"}`;
}

/**
 * A tag that changes whenever the bytes could: the writers are deterministic for a graph, and a graph is identified
 * by its corpus and the time it was built (or loaded).
 */
export function exportTag(store: TopicStore, format: ExportFormat): string {
  return createHash("sha256")
    .update(`${format}\u0000${store.info.corpusHash}\u0000${store.info.builtAt}`)
    .digest("base64url")
    .slice(0, 27);
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

/** The graphology JSON export, serialised on first use and kept (0.9 s once at 17.6k papers). */
export async function jsonExport(store: TopicStore): Promise<SerializedBody> {
  let cached = store.serialized.get("json");
  if (cached === undefined) {
    const body = Buffer.from(toGraphJson(await store.exports.graph()), "utf8");
    cached = { body, hash: exportTag(store, "json") };
    store.serialized.set("json", cached);
  }
  return cached;
}
