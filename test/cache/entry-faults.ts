// Damage done to a build cache entry by hand, as a flaky disk or a careless edit would: a file corrupted in place
// (same length), truncated, emptied, deleted, or holding a value out of range with its checksum made to match (so
// that what finds it is the range checks, not the checksum). And the answers of a server, to compare with a fresh
// build's.

import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

import type { ArrayDirectory } from "../../server/cache/array-file.js";
import { checksumOf } from "../../server/cache/checksum.js";
import { MANIFEST_FILE, manifestText, type EntryManifest } from "../../server/cache/entry-manifest.js";
import { paperPath, rawRequest } from "../api/helpers.js";

export type Fault = "corrupt" | "truncate" | "empty" | "missing" | "out-of-range";

/** Whether a fault makes sense for a file (an export's bytes hold no value to put out of range). */
export function appliesTo(fault: Fault, file: string): boolean {
  return fault !== "out-of-range" || OUT_OF_RANGE[file] !== undefined;
}

export function damage(entry: string, file: string, fault: Fault): void {
  const path = join(entry, file);
  if (!existsSync(path)) throw new Error(`test: ${path} does not exist`);
  switch (fault) {
    case "corrupt": {
      // The same length: only a checksum can tell.
      const bytes = readFileSync(path);
      const at = bytes.length >> 1;
      bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
      writeFileSync(path, bytes);
      return;
    }
    case "truncate":
      truncateSync(path, readFileSync(path).length >> 1);
      return;
    case "empty":
      truncateSync(path, 0);
      return;
    case "missing":
      rmSync(path);
      return;
    case "out-of-range":
      OUT_OF_RANGE[file](entry);
      return;
  }
}

/** Makes the manifest's checksum of `file` match its (damaged) bytes. */
function reseal(entry: string, file: string): void {
  const manifest = readJson<EntryManifest>(entry, MANIFEST_FILE);
  manifest.files[file] = checksumOf(readFileSync(join(entry, file)));
  writeFileSync(join(entry, MANIFEST_FILE), manifestText(manifest));
}

function readJson<T>(entry: string, file: string): T {
  return JSON.parse(readFileSync(join(entry, file), "utf8")) as T;
}

/** Sets value `index` of the array `name` in a binary file whose directory is `directory`, then reseals. */
function setValue(entry: string, file: string, directory: ArrayDirectory, name: string, index: number, value: number) {
  const path = join(entry, file);
  const bytes = readFileSync(path);
  const { type, offset } = directory[name];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === "Int32Array") view.setInt32(offset + index * 4, value, true);
  else if (type === "Float64Array") view.setFloat64(offset + index * 8, value, true);
  else throw new Error(`test: ${name} is a ${type}`);
  writeFileSync(path, bytes);
  reseal(entry, file);
}

/** Edits a JSON file of the entry, then reseals it. */
function editJson<T>(entry: string, file: string, edit: (value: T) => void): void {
  const value = readJson<T>(entry, file);
  edit(value);
  writeFileSync(join(entry, file), JSON.stringify(value));
  reseal(entry, file);
}

interface Directories {
  arrays: ArrayDirectory;
  lists: ArrayDirectory;
}

const OUT_OF_RANGE: Record<string, (entry: string) => void> = {
  // The case: a cluster id of 999 made createStore throw at every start.
  "arrays.bin": (entry) =>
    setValue(entry, "arrays.bin", readJson<Directories>(entry, "meta.json").arrays, "node.cluster", 0, 999),
  "lists.bin": (entry) =>
    setValue(entry, "lists.bin", readJson<Directories>(entry, "meta.json").lists, "related.indices", 0, 100_000),
  "meta.json": (entry) =>
    editJson<Directories>(entry, "meta.json", (stored) => (stored.arrays["node.cluster"].offset = 1e9)),
  "search.bin": (entry) =>
    setValue(
      entry,
      "search.bin",
      readJson<{ arrays: ArrayDirectory }>(entry, "search.json").arrays,
      "postingRows",
      0,
      1e6,
    ),
  "search.json": (entry) => editJson<{ rows: number }>(entry, "search.json", (stored) => (stored.rows = 9999)),
  "papers.bin": (entry) =>
    setValue(
      entry,
      "papers.bin",
      readJson<{ arrays: ArrayDirectory }>(entry, "papers.json").arrays,
      "papers.titleOffsets",
      1,
      1e9,
    ),
  "papers.json": (entry) =>
    editJson<{ arrays: ArrayDirectory }>(
      entry,
      "papers.json",
      (stored) => (stored.arrays["papers.years"].length = 1e6),
    ),
  "graph.json": (entry) => editJson<{ nodes: unknown[] }>(entry, "graph.json", (text) => text.nodes.pop()),
  [MANIFEST_FILE]: (entry) =>
    editManifest(entry, (manifest) => (manifest.files["arrays.bin"] = { ...manifest.files["arrays.bin"], bytes: -1 })),
};

/**
 * A meta.json that passes every check of loading but from which createStore cannot be made (a cluster whose topics
 * are null), its checksum made to match.
 */
export function breakStore(entry: string): void {
  editJson<{ meta: { graph: { attributes: { clusters: { topics: unknown }[] } } } }>(entry, "meta.json", (stored) => {
    stored.meta.graph.attributes.clusters[0].topics = null;
  });
}

function editManifest(entry: string, edit: (manifest: EntryManifest) => void): void {
  const manifest = readJson<EntryManifest>(entry, MANIFEST_FILE);
  edit(manifest);
  writeFileSync(join(entry, MANIFEST_FILE), manifestText(manifest));
}

/** Every GET a client makes of a small map: each endpoint, each cluster, each paper and its related, the exports. */
export async function answerPaths(url: string): Promise<string[]> {
  const get = async (path: string) => JSON.parse((await rawRequest(url, path)).text);
  const graph = await get("/api/graph");
  const clusters = (await get("/api/clusters")).clusters as { id: number }[];
  const topics = ((await get("/api/topics?limit=3")).topics as { term: string }[]).map((t) => t.term);
  const ids = (graph.nodes as { id: string }[]).map((node) => node.id);
  return [
    "/api/health",
    "/api/graph",
    "/api/overview",
    "/api/clusters",
    "/api/topics",
    "/api/search?q=quantiz",
    "/api/search?q=language%20models",
    "/api/related?q=quantization%20of%20language%20models",
    ...clusters.flatMap(({ id }) => [`/api/clusters/${id}?limit=1000`, `/api/clusters/${id}/graph`]),
    ...topics.map((term) => `/api/topics/${encodeURIComponent(term)}/papers`),
    ...ids.flatMap((id) => [paperPath(id), paperPath(id, "/related?k=20")]),
    ...["/api/export.json", "/api/export.gexf", "/api/export.gexf?version=1.2"].flatMap((path) => [
      path,
      `gzip ${path}`,
    ]),
  ];
}

/**
 * The answers to `paths` ("gzip <path>": asked with Accept-Encoding gzip, the body gunzipped), as status and body,
 * without what differs between two starts of the same build (when it was built, how long it took).
 */
export async function answers(url: string, paths: readonly string[]): Promise<Map<string, string>> {
  const answered = new Map<string, string>();
  const ask = async (asked: string) => {
    const gzip = asked.startsWith("gzip ");
    const path = gzip ? asked.slice(5) : asked;
    const response = await rawRequest(url, path, { headers: gzip ? { "accept-encoding": "gzip" } : {} });
    const encoded = response.headers["content-encoding"] === "gzip";
    const text = encoded ? gunzipSync(response.body).toString("utf8") : response.text;
    return `${response.status} ${withoutTimes(text)}`;
  };
  // The API's answers a few at a time; the exports one after another, as a client downloads them.
  const api = paths.filter((path) => !path.includes("/api/export"));
  for (let i = 0; i < api.length; i += 8) {
    const batch = api.slice(i, i + 8);
    (await Promise.all(batch.map(ask))).forEach((answer, k) => answered.set(batch[k], answer));
  }
  for (const path of paths.filter((path) => path.includes("/api/export"))) answered.set(path, await ask(path));
  return new Map(paths.map((path) => [path, answered.get(path)!]));
}

function withoutTimes(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(value, (key, field) => (key === "builtAt" || key === "buildMs" ? undefined : field));
}
