// Reading a build cache entry back (cache/build-cache writes it). Every file goes through the entry's manifest
// (cache/entry-manifest: its length and checksum) and every array through what the build implies
// (cache/entry-checks), so that a damaged or wrongly written entry is a CacheEntryError naming the file, never a
// build served wrong: the caller rebuilds. graph.json, read only when an export is written, is written again from
// the store's own data when it is damaged (build-codec graphTextOf).

import { stat, utimes } from "node:fs/promises";
import { join } from "node:path";

import { CacheEntryError } from "../errors.js";
import type { TopicGraph, TopicGraphAttributes } from "../graph/types.js";
import { writeFileAtomic } from "../io/write-atomic.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { PaperTable, type PaperTableArrays } from "../query/paper-table.js";
import { searchIndexFrom, type SearchIndex, type SearchIndexParts } from "../query/search-index.js";
import type { ServedBuild } from "../query/served-build.js";
import { arrayViews, type ArrayDirectory, type StoredArray } from "./array-file.js";
import {
  CACHE_FORMAT,
  type CorpusReport,
  type StoredMeta,
  type StoredPapers,
  type StoredSearch,
} from "./build-cache.js";
import {
  decodeBuild,
  decodeGraph,
  decodeModelMaps,
  decodeServedBuild,
  graphTextOf,
  isQueryList,
  type BuildMeta,
  type GraphText,
} from "./build-codec.js";
import { checksumOf } from "./checksum.js";
import {
  checkBuildArrays,
  checkGraphText,
  checkPaperArrays,
  checkSearchArrays,
  EntryRangeError,
} from "./entry-checks.js";
import {
  checkedFile,
  MANIFEST_FILE,
  parseCheckedJson,
  readEntryFile,
  readManifest,
  type EntryManifest,
} from "./entry-manifest.js";

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
  /**
   * Reads graph.json and builds the graphology graph from it and the columns (for the exports). A damaged graph.json
   * is written again from the build and `papers` (the entry's when it has them), with a line to `warn`.
   */
  graph: (options?: { papers?: PaperTable; rows?: ArrayLike<number> }) => Promise<TopicGraph>;
  /**
   * Milliseconds spent reading and parsing meta.json, then waiting for arrays.bin, decoding the model's maps, waiting
   * for lists.bin, and for the search index and the papers (all read at the same time as meta.json); and checking
   * the files' checksums and the arrays' ranges (counted in none of the others).
   */
  timings: { meta: number; arrays: number; decode: number; lists: number; search: number; check: number };
}

export interface ReadEntryOptions {
  /** Where a line goes when graph.json is written again. */
  warn?: (line: string) => void;
}

/**
 * The build saved under `key` as the store reads it (no graphology graph), with its search index and papers; null
 * when there is no such entry; CacheEntryError naming the file when there is one that cannot be served.
 */
export async function loadServedBuild(
  directory: string,
  key: string,
  options: ReadEntryOptions = {},
): Promise<CachedServedBuild | null> {
  const entry = join(directory, key);
  const time = stepTimer();
  // NOTE: the binary files are read on libuv's threads while this one parses the JSON and decodes the model's maps:
  // they are most of an entry's bytes, and fresh memory is slow to touch; lists.bin, the largest, is needed only once
  // decoding is done.
  const reads = {
    arrays: readEntryFile(entry, "arrays.bin"),
    search: readEntryFile(entry, "search.bin"),
    papers: readEntryFile(entry, "papers.bin"),
    lists: readEntryFile(entry, "lists.bin"),
  };
  const manifest = await manifestOf(entry);
  if (manifest === null) return null;
  const file = new EntryFiles(entry, manifest, time.check);

  const stored = await file.json<StoredMeta>("meta.json");
  const meta = time.lap();
  const arrayBytes = await file.bytes("arrays.bin", reads.arrays);
  // NOTE: an array placed outside its file's bytes is meta.json's fault: the file's own checksum matched.
  const arrays = file.within("meta.json", () => arrayViews(arrayBytes, stored.arrays, "arrays.bin"));
  const read = time.lap();
  const maps = file.within("arrays.bin", () => decodeModelMaps(stored.meta, arrays));
  const decode = time.lap();
  const listBytes = await file.bytes("lists.bin", reads.lists);
  const all = { ...arrays, ...file.within("meta.json", () => arrayViews(listBytes, stored.lists, "lists.bin")) };
  time.check(() => checkArrays(entry, stored.meta, all));
  const build = file.within("meta.json", () => decodeServedBuild(stored.meta, all, maps));
  const lists = time.lap();
  const searchIndex = await readSearchIndex(file, reads.search, build.columns.ids.length);
  const paperFiles = await readPapers(file, reads.papers, build.columns.ids);
  const search = time.lap();
  await touch(entry);
  const attributes = stored.meta.graph.attributes;
  const graph = ({ papers = paperFiles?.papers, rows }: { papers?: PaperTable; rows?: ArrayLike<number> } = {}) => {
    if (papers === undefined) throw new TypeError("cache/read-entry: the entry has no papers to write graph.json from");
    return readCachedGraph(entry, build, papers, attributes, options.warn, rows);
  };
  return {
    build,
    searchIndex,
    ...(paperFiles ?? { papers: null, corpus: null }),
    entry,
    graph,
    timings: { meta, arrays: read, decode, lists, search, check: time.checked() },
  };
}

/** The build saved under `key` with its graphology graph (for tests and tools; serving uses loadServedBuild). */
export async function loadCachedBuild(directory: string, key: string): Promise<TopicGraphBuild | null> {
  const entry = join(directory, key);
  const manifest = await manifestOf(entry);
  if (manifest === null) return null;
  const file = new EntryFiles(entry, manifest);
  const stored = await file.json<StoredMeta>("meta.json");
  const arrayBytes = await file.bytes("arrays.bin", readEntryFile(entry, "arrays.bin"));
  const listBytes = await file.bytes("lists.bin", readEntryFile(entry, "lists.bin"));
  const arrays = {
    ...file.within("meta.json", () => arrayViews(arrayBytes, stored.arrays, "arrays.bin")),
    ...file.within("meta.json", () => arrayViews(listBytes, stored.lists, "lists.bin")),
  };
  checkArrays(entry, stored.meta, arrays);
  const graph = await file.json<GraphText>("graph.json");
  file.within("graph.json", () => checkGraphText(graph, stored.meta.graph.ids.length, arrays["edge.source"].length));
  await touch(entry);
  return file.within("meta.json", () => decodeBuild({ meta: stored.meta, arrays, graph }));
}

/**
 * The graphology graph of an entry (or, given `rows`, of those papers and the links among them), from its graph.json
 * and the build's columns and graph attributes. A graph.json
 * that is missing or damaged is made again from the build and its papers, and written back when it is the same
 * bytes as the manifest lists (as it is, unless the entry is wrong in a way the other checks missed).
 */
export async function readCachedGraph(
  entry: string,
  build: ServedBuild,
  papers: PaperTable,
  attributes: TopicGraphAttributes,
  warn: (line: string) => void = () => undefined,
  rows?: ArrayLike<number>,
): Promise<TopicGraph> {
  let text: GraphText;
  let manifest: EntryManifest | null = null;
  try {
    manifest = await manifestOf(entry);
    if (manifest === null) throw new CacheEntryError(join(entry, MANIFEST_FILE), "is missing");
    const file = new EntryFiles(entry, manifest);
    const read = await file.json<GraphText>("graph.json");
    text = file.within("graph.json", () => {
      checkGraphText(read, build.columns.ids.length, build.columns.source.length);
      return read;
    });
  } catch (error) {
    if (!(error instanceof CacheEntryError)) throw error;
    text = graphTextOf(build, papers);
    const json = JSON.stringify(text);
    const expected = manifest?.files["graph.json"];
    const same = expected !== undefined && checksumOf(json).sum === expected.sum;
    const written =
      same &&
      (await writeFileAtomic(join(entry, "graph.json"), json).then(
        () => true,
        () => false,
      ));
    // NOTE: once per file and reason: each export asks for the graph, and one that could not be written is made again.
    if (!warned.has(error.message)) {
      warned.add(error.message);
      warn(`topicgraph: ${error.message}: ${written ? "written again from the build" : "made again from the build"}`);
    }
  }
  return decodeGraph(build.columns, attributes, text, rows);
}

/** graph.json damages already said. */
const warned = new Set<string>();

/** The checked files of one entry: each read through the manifest, each failure a CacheEntryError naming it. */
class EntryFiles {
  constructor(
    readonly entry: string,
    readonly manifest: EntryManifest,
    private readonly timed: <T>(work: () => T) => T = (work) => work(),
  ) {}

  /** True when the manifest lists `name` (the search index and the papers are optional). */
  has(name: string): boolean {
    return this.manifest.files[name] !== undefined;
  }

  async bytes(name: string, read: Promise<Buffer<ArrayBuffer> | Error> = readEntryFile(this.entry, name)) {
    const data = await read;
    return this.timed(() => checkedFile(this.entry, this.manifest, name, data));
  }

  async json<T>(name: string): Promise<T> {
    const bytes = await this.bytes(name);
    return parseCheckedJson<T>(this.entry, name, bytes);
  }

  /** `work` on the contents of `name`: what it throws becomes a CacheEntryError naming the file. */
  within<T>(name: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof CacheEntryError) throw error;
      throw new CacheEntryError(join(this.entry, name), reasonOf(error), { cause: error });
    }
  }
}

/** checkBuildArrays, its error naming the file that holds the wrong array. */
function checkArrays(entry: string, meta: BuildMeta, arrays: Record<string, StoredArray>): void {
  try {
    checkBuildArrays(meta, arrays);
  } catch (error) {
    if (!(error instanceof EntryRangeError)) throw error;
    const file = error.array.startsWith("meta.") ? "meta.json" : isQueryList(error.array) ? "lists.bin" : "arrays.bin";
    throw new CacheEntryError(join(entry, file), error.message, { cause: error });
  }
}

async function readSearchIndex(
  file: EntryFiles,
  read: Promise<Buffer<ArrayBuffer> | Error>,
  rows: number,
): Promise<SearchIndex | null> {
  if (!file.has("search.json")) return null;
  const stored = await file.json<StoredSearch>("search.json");
  const bytes = await file.bytes("search.bin", read);
  const arrays = file.within("search.json", () => {
    const { keys, groups } = stored;
    if (stored.rows !== rows || !Array.isArray(keys) || !Array.isArray(groups))
      throw new RangeError(`holds ${stored.rows} papers, not ${rows}`);
    return arrayViews(bytes, stored.arrays, "search.bin");
  });
  return file.within("search.bin", () => {
    checkSearchArrays(stored.keys.length, stored.groups.length, rows, arrays);
    const { keys, groups } = stored;
    return searchIndexFrom({ keys, groups, rows, ...arrays } as unknown as SearchIndexParts);
  });
}

async function readPapers(
  file: EntryFiles,
  read: Promise<Buffer<ArrayBuffer> | Error>,
  ids: readonly string[],
): Promise<{ papers: PaperTable; corpus: CorpusReport } | null> {
  if (!file.has("papers.json")) return null;
  const stored = await file.json<StoredPapers>("papers.json");
  const bytes = await file.bytes("papers.bin", read);
  const arrays = file.within("papers.json", () => arrayViews(bytes, stored.arrays, "papers.bin"));
  return file.within("papers.bin", () => {
    checkPaperArrays(ids.length, arrays);
    return { papers: PaperTable.fromArrays(ids, arrays as unknown as PaperTableArrays), corpus: stored.corpus };
  });
}

/** The entry's manifest; null when there is no entry; CacheEntryError for an entry without a readable one. */
async function manifestOf(entry: string): Promise<EntryManifest | null> {
  const manifest = await readManifest(entry, CACHE_FORMAT);
  if (manifest !== null) return manifest;
  const info = await stat(entry).catch(() => null);
  if (info !== null) throw new CacheEntryError(join(entry, MANIFEST_FILE), "is missing");
  return null;
}

/** Marks the entry used (the least recently used are pruned). */
async function touch(entry: string): Promise<void> {
  const now = new Date();
  await utimes(entry, now, now).catch(() => undefined);
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^[a-z/-]+: /, "").split("\n")[0];
}

function stepTimer() {
  let started = performance.now();
  let checking = 0;
  return {
    /** Milliseconds since the last lap, without the time spent in `check`. */
    lap(): number {
      const now = performance.now();
      const elapsed = now - started;
      started = now;
      return elapsed;
    },
    check<T>(work: () => T): T {
      const start = performance.now();
      try {
        return work();
      } finally {
        const spent = performance.now() - start;
        checking += spent;
        started += spent;
      }
    },
    checked: () => checking,
  };
}
