// The disk cache of builds: a corpus already built with the same options is loaded instead of rebuilt. Each entry
// is a directory named by a hash of the corpus content, the options and the cache format, holding the build
// (meta.json, arrays.bin, graph.json: cache/build-codec), its clusters (for aligning a rebuild's), the search index
// of its papers (search.json, search.bin), the papers themselves as the store keeps them with what reading the
// corpus reported (papers.json, papers.bin) and, once asked for, its exports (export-*.gz, cache/export-files); it
// is written under a temporary name and renamed, so that a reader sees a whole entry or none.
// A source pointer (`source-<hash>`, a file holding an entry's name) maps a corpus file's path, bytes and format and
// the options to the entry built from it: a restart on an unchanged file finds its build without reading the papers.

import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, type Dirent } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type { CorpusFormat, CorpusReadSummary, Paper } from "../corpus/types.js";
import type { PreviousClusters } from "../graph/align-clusters.js";
import { stableStringify } from "../graph/export-json.js";
import type { TopicGraph, TopicGraphAttributes } from "../graph/types.js";
import { writeFileAtomic } from "../io/write-atomic.js";
import type { PipelineOptions, TopicGraphBuild } from "../pipeline.js";
import type { GraphColumns } from "../query/graph-columns.js";
import { PaperTable, type PaperTableArrays } from "../query/paper-table.js";
import { searchIndexFrom, type SearchIndex } from "../query/search-index.js";
import type { ServedBuild } from "../query/store.js";
import { arrayViews, readArrays, writeArrays, type ArrayDirectory, type StoredArray } from "./array-file.js";
import {
  decodeBuild,
  decodeGraph,
  decodeModelMaps,
  decodeServedBuild,
  encodeBuild,
  isQueryList,
  type BuildMeta,
  type GraphText,
} from "./build-codec.js";

/**
 * Raised when the saved format changes, so that old entries are never read as new ones. 4: the graph as columns,
 * with what only the graphology graph needs apart in graph.json; the search index. 5: the paper table and the
 * corpus report, and source pointers. 6: the arrays only queries read apart, in lists.bin. 7: bigrams as two token arrays (text/pair-ids).
 */
export const CACHE_FORMAT = 7;

/** What reading the corpus reported, without the papers (kept in an entry's papers.json). */
export type CorpusReport = Omit<CorpusReadSummary, "papers">;
/** Entries kept; the least recently used beyond this are removed when a new one is written. */
export const CACHE_ENTRIES = 4;

/** The key of a build: every paper's content and every option that shapes the result. */
export function cacheKey(papers: readonly Paper[], options: Partial<PipelineOptions>): string {
  const hash = createHash("sha256");
  hash.update(`topicgraph-cache ${CACHE_FORMAT}\n${computingCodeHash()}\n${stableStringify(options)}\n`);
  // Optional fields end up in the graph too, so they are part of the key.
  for (const p of papers) {
    hash.update(
      JSON.stringify([
        p.id,
        p.title,
        p.abstract,
        p.authors ?? null,
        p.year ?? null,
        p.url ?? null,
        p.categories ?? null,
      ]),
    );
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * The key of a source pointer: a corpus file (its absolute path: the skipped records' messages name it; its format;
 * a fingerprint of its bytes, corpus/file-fingerprint) and every option that shapes the result.
 */
export function sourceKey(
  corpus: { path: string; format: CorpusFormat | undefined; fingerprint: string },
  options: Partial<PipelineOptions>,
): string {
  const hash = createHash("sha256");
  hash.update(`topicgraph-source ${CACHE_FORMAT}\n${computingCodeHash()}\n${stableStringify(options)}\n`);
  hash.update(`${corpus.path}\n${corpus.format ?? ""}\n${corpus.fingerprint}\n`);
  return hash.digest("hex").slice(0, 32);
}

/** The entry that a source pointer names, or null. */
export async function readSourcePointer(directory: string, source: string): Promise<string | null> {
  try {
    const key = (await readFile(join(directory, `source-${source}`), "utf8")).trim();
    return /^[0-9a-f]{32}$/.test(key) ? key : null;
  } catch {
    return null;
  }
}

/** Points the source key at the entry `key` (written atomically). */
export async function saveSourcePointer(directory: string, source: string, key: string): Promise<void> {
  await writeFileAtomic(join(directory, `source-${source}`), key);
}

/** A build read back for serving: what the store answers from, without the graphology graph. */
export interface CachedServedBuild {
  build: ServedBuild;
  /** The search index saved with the build, or null when the entry has none. */
  searchIndex: SearchIndex | null;
  /** The papers and what reading the corpus reported, or null when the entry has none. */
  papers: PaperTable | null;
  corpus: CorpusReport | null;
  /** The entry's directory (where its exports are kept). */
  entry: string;
  /** Reads graph.json and builds the graphology graph from it and the columns (for the exports). */
  graph: () => Promise<TopicGraph>;
  /**
   * Milliseconds spent reading and parsing meta.json, then waiting for arrays.bin, decoding the model's maps, waiting
   * for lists.bin, and for the search index and the papers (all read at the same time as meta.json).
   */
  timings: { meta: number; arrays: number; decode: number; lists: number; search: number };
}

interface StoredMeta {
  meta: BuildMeta;
  /** arrays.bin: what decoding and the store read; lists.bin: what only queries read (build-codec isQueryList). */
  arrays: ArrayDirectory;
  lists: ArrayDirectory;
}

/** The build saved under `key` (graphology graph included), or null. */
/** The directories and files whose code decides what a build computes (relative to server/). */
const COMPUTING_CODE = ["pipeline", "text", "graph", "corpus"];

let codeHash: string | undefined;

/**
 * A hash of the code that computes a build (server/pipeline, text/, graph/, corpus/, as .js when compiled or .ts
 * from source): a changed algorithm with unchanged options must not be answered from an old cache entry.
 */
export function computingCodeHash(): string {
  if (codeHash !== undefined) return codeHash;
  const server = join(dirname(fileURLToPath(import.meta.url)), "..");
  const files: string[] = [];
  const walk = (path: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
    }
  };
  for (const name of COMPUTING_CODE) {
    for (const file of [`${name}.js`, `${name}.ts`]) if (existsSync(join(server, file))) files.push(join(server, file));
    walk(join(server, name));
  }
  const hash = createHash("sha256");
  for (const file of files) hash.update(readFileSync(file));
  codeHash = hash.digest("hex").slice(0, 16);
  return codeHash;
}

export async function loadCachedBuild(directory: string, key: string): Promise<TopicGraphBuild | null> {
  const entry = join(directory, key);
  const stored = await readMeta(entry);
  if (stored === null) return null;
  const arrays = {
    ...(await readArrays(join(entry, "arrays.bin"), stored.arrays)),
    ...(await readArrays(join(entry, "lists.bin"), stored.lists)),
  };
  const graph = JSON.parse(await readFile(join(entry, "graph.json"), "utf8")) as GraphText;
  await touch(entry);
  return decodeBuild({ meta: stored.meta, arrays, graph });
}

/** The build saved under `key` as the store reads it (no graphology graph), with its search index; or null. */
export async function loadServedBuild(directory: string, key: string): Promise<CachedServedBuild | null> {
  const entry = join(directory, key);
  let started = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - started;
    started = now;
    return elapsed;
  };
  // NOTE: the binary files are read on libuv's threads while this one parses the JSON and decodes the model's maps:
  // they are most of an entry's bytes, and fresh memory is slow to touch; lists.bin, the largest, is needed only once
  // decoding is done. Their directories are in small JSON files of their own.
  const reads = {
    arrays: readFile(join(entry, "arrays.bin")),
    search: readOptional(join(entry, "search.bin")),
    papers: readOptional(join(entry, "papers.bin")),
    lists: readFile(join(entry, "lists.bin")),
  };
  Object.values(reads).forEach((read) => read.catch(() => undefined));
  const stored = await readMeta(entry);
  if (stored === null) return null;
  const meta = lap();
  const arrays = arrayViews(await reads.arrays, stored.arrays);
  const read = lap();
  const maps = decodeModelMaps(stored.meta, arrays);
  const decode = lap();
  const lists = arrayViews(await reads.lists, stored.lists);
  const build = decodeServedBuild(stored.meta, { ...arrays, ...lists }, maps);
  const listed = lap();
  const searchIndex = await readSearchIndex(entry, await reads.search);
  const paperFiles = await readPapers(entry, build.columns.ids, await reads.papers);
  const search = lap();
  await touch(entry);
  const attributes = stored.meta.graph.attributes;
  const graph = () => readCachedGraph(entry, build.columns, attributes);
  return {
    build,
    searchIndex,
    ...(paperFiles ?? { papers: null, corpus: null }),
    entry,
    graph,
    timings: { meta, arrays: read, decode, lists: listed, search },
  };
}

async function readOptional(path: string): Promise<Buffer<ArrayBuffer> | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

/** The graphology graph of an entry, from its graph.json and the build's columns and graph attributes. */
export async function readCachedGraph(
  entry: string,
  columns: GraphColumns,
  attributes: TopicGraphAttributes,
): Promise<TopicGraph> {
  const text = JSON.parse(await readFile(join(entry, "graph.json"), "utf8")) as GraphText;
  return decodeGraph(columns, attributes, text);
}

async function readMeta(entry: string): Promise<StoredMeta | null> {
  let text: string;
  try {
    text = await readFile(join(entry, "meta.json"), "utf8");
  } catch {
    return null;
  }
  return JSON.parse(text) as StoredMeta;
}

async function touch(entry: string): Promise<void> {
  const now = new Date();
  await utimes(entry, now, now).catch(() => undefined);
}

async function readSearchIndex(entry: string, bytes: Buffer<ArrayBuffer> | null): Promise<SearchIndex | null> {
  if (bytes === null) return null;
  let stored: { words: string[]; rows: number; arrays: ArrayDirectory };
  try {
    stored = JSON.parse(await readFile(join(entry, "search.json"), "utf8"));
  } catch {
    return null;
  }
  const arrays = arrayViews(bytes, stored.arrays);
  return searchIndexFrom({
    words: stored.words,
    rows: stored.rows,
    wordptr: arrays.wordptr as Int32Array,
    postings: arrays.postings as Int32Array,
  });
}

async function readPapers(
  entry: string,
  ids: readonly string[],
  bytes: Buffer<ArrayBuffer> | null,
): Promise<{ papers: PaperTable; corpus: CorpusReport } | null> {
  if (bytes === null) return null;
  let stored: { corpus: CorpusReport; arrays: ArrayDirectory };
  try {
    stored = JSON.parse(await readFile(join(entry, "papers.json"), "utf8"));
  } catch {
    return null;
  }
  const arrays = arrayViews(bytes, stored.arrays) as unknown as PaperTableArrays;
  return { papers: PaperTable.fromArrays(ids, arrays), corpus: stored.corpus };
}

/** What a build's cache entry holds besides the build. */
export interface SavedExtras {
  /** The corpus file: the entry becomes its latest build (previousClusters); with `source`, its source pointer. */
  corpusPath?: string;
  /** The source key (sourceKey) under which the entry is found again without reading the papers. */
  source?: string;
  searchIndex?: SearchIndex;
  /** The papers (as the store keeps them) and what reading them reported. */
  papers?: { table: PaperTable; corpus: CorpusReport };
}

/**
 * Saves a build under `key`, with what `extras` gives (the search index, the papers); returns the entry's
 * directory. With `extras.corpusPath`, the entry is also remembered as that corpus's latest, whose clusters a
 * rebuild of a changed corpus aligns to (previousClusters), and with `extras.source` found by its source pointer.
 */
export async function saveCachedBuild(
  directory: string,
  key: string,
  build: TopicGraphBuild,
  extras: SavedExtras = {},
): Promise<string> {
  const { corpusPath, searchIndex, papers, source } = extras;
  await mkdir(directory, { recursive: true });
  const entry = join(directory, key);
  const temporary = join(directory, `.${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  await mkdir(temporary);
  try {
    const { meta, arrays, graph } = encodeBuild(build);
    const part = (lists: boolean) =>
      Object.fromEntries(Object.entries(arrays).filter(([name]) => isQueryList(name) === lists));
    const stored: StoredMeta = {
      meta,
      arrays: await writeArrays(join(temporary, "arrays.bin"), part(false)),
      lists: await writeArrays(join(temporary, "lists.bin"), part(true)),
    };
    await writeFile(join(temporary, "meta.json"), JSON.stringify(stored));
    await writeFile(join(temporary, "graph.json"), JSON.stringify(graph));
    if (searchIndex !== undefined) {
      const { words, rows, wordptr, postings } = searchIndex;
      const searchArrays: Record<string, StoredArray> = { wordptr, postings };
      const stored = { words, rows, arrays: await writeArrays(join(temporary, "search.bin"), searchArrays) };
      await writeFile(join(temporary, "search.json"), JSON.stringify(stored));
    }
    if (papers !== undefined) {
      const arrays = papers.table.toArrays() as unknown as Record<string, StoredArray>;
      const stored = { corpus: papers.corpus, arrays: await writeArrays(join(temporary, "papers.bin"), arrays) };
      await writeFile(join(temporary, "papers.json"), JSON.stringify(stored));
    }
    const clusters: PreviousClusters = {
      ids: meta.graph.ids,
      clusters: Array.from(build.membership),
      colors: build.graph.getAttribute("clusters").map((cluster) => cluster.color),
    };
    await writeFile(join(temporary, "clusters.json"), JSON.stringify(clusters));
    await rm(entry, { recursive: true, force: true });
    await rename(temporary, entry);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  if (corpusPath !== undefined) await writeFileAtomic(latestPointer(directory, corpusPath), key);
  if (source !== undefined) await saveSourcePointer(directory, source, key);
  await prune(directory);
  return entry;
}

function latestPointer(directory: string, corpusPath: string): string {
  return join(directory, `latest-${createHash("sha256").update(corpusPath).digest("hex").slice(0, 16)}`);
}

/** The clusters of the latest cached build of the corpus at `corpusPath`, or null. */
export async function previousClusters(directory: string, corpusPath: string): Promise<PreviousClusters | null> {
  try {
    const key = (await readFile(latestPointer(directory, corpusPath), "utf8")).trim();
    if (!/^[0-9a-f]{32}$/.test(key)) return null;
    return JSON.parse(await readFile(join(directory, key, "clusters.json"), "utf8")) as PreviousClusters;
  } catch {
    return null;
  }
}

/** Removes the least recently used entries beyond CACHE_ENTRIES (and temporary leftovers of crashed writes). */
async function prune(directory: string): Promise<void> {
  const names = await readdir(directory);
  const entries: { name: string; used: number }[] = [];
  for (const name of names) {
    const info = await stat(join(directory, name)).catch(() => null);
    if (info === null || !info.isDirectory()) continue;
    if (name.startsWith(".") && name.endsWith(".tmp")) {
      // A write in progress in another process is younger than an hour; older ones were left by a crash.
      if (Date.now() - info.mtimeMs > 3_600_000) await rm(join(directory, name), { recursive: true, force: true });
      continue;
    }
    if (/^[0-9a-f]{32}$/.test(name)) entries.push({ name, used: info.mtimeMs });
  }
  entries.sort((a, b) => b.used - a.used);
  for (const { name } of entries.slice(CACHE_ENTRIES))
    await rm(join(directory, name), { recursive: true, force: true });
  // Source pointers to removed entries.
  const kept = new Set(entries.slice(0, CACHE_ENTRIES).map((e) => e.name));
  for (const name of names.filter((n) => /^source-[0-9a-f]{32}$/.test(n))) {
    const key = await readSourcePointer(directory, name.slice("source-".length));
    if (key === null || !kept.has(key)) await rm(join(directory, name), { force: true });
  }
}
