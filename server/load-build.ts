// Obtaining a build to serve: load it from the cache (server/cache) or read the corpus and build the topic graph,
// with the search index of its papers. Kept apart from serving it, so that the server does not know which.
// An unchanged corpus file is found in the cache by a fingerprint of its bytes, without reading its papers (they are
// in the entry); otherwise the corpus is read and its papers' content is the key. A build loaded from the cache has
// no graphology graph: the exports read it back from the entry when they need it.
// A cache entry that cannot be served (a file missing or damaged, a value out of range: cache/read-entry) is said in
// one line and built again; the entry served from is leased (cache/entry-leases) so that no other process prunes it.

import { resolve } from "node:path";

import {
  cacheKey,
  librarySourceKey,
  previousClusters,
  readLatestPointer,
  readSourcePointer,
  saveCachedBuild,
  saveSourcePointer,
  sourceKey,
  type CorpusReport,
} from "./cache/build-cache.js";
import { acquireLease, removeDeadTemporaries, type Lease } from "./cache/entry-leases.js";
import { loadServedBuild, readCachedGraph, type CachedServedBuild } from "./cache/read-entry.js";
import { resolveRecordLimits } from "./corpus/corpus-source.js";
import { fileFingerprint } from "./corpus/file-fingerprint.js";
import { detectFormat, readCorpus } from "./corpus/read-corpus.js";
import type { CorpusFormat } from "./corpus/types.js";
import {
  buildTopicGraph,
  resolvePipelineOptions,
  type PipelineHooks,
  type PipelineOptions,
  type TopicGraphBuild,
} from "./pipeline.js";
import { PaperTable } from "./query/paper-table.js";
import { buildSearchIndex, type SearchIndex } from "./query/search-index.js";
import { servedBuild, type ServedBuild } from "./query/served-build.js";
import type { Library } from "./library/index.js";
import type { Paper } from "./corpus/types.js";

export interface LoadBuildOptions {
  /** The corpus file to build; ignored when `library` is given. */
  corpus: string;
  /** The library whose papers to build (in its order), instead of a corpus file. */
  library?: Library;
  format?: CorpusFormat;
  /** Records larger than this many bytes are skipped (corpus/corpus-source's default otherwise). */
  maxRecordBytes?: number;
  pipeline: Partial<PipelineOptions>;
  hooks?: PipelineHooks;
  /** Cache directory (server/cache), or null or absent to build every time. */
  cacheDir?: string | null;
  /** Where a line goes when a cache entry cannot be served (and is built again) or an export file is damaged. */
  warn?: (line: string) => void;
  /** A cache entry's directory not to load (the store could not be built from it): built again instead. */
  avoidEntry?: string;
}

export interface LoadedBuild {
  /** What the store answers from (no graphology graph), with where its exports get the graph. */
  build: ServedBuild & Required<Pick<ServedBuild, "exports">>;
  /** The papers in build order, as the store keeps them (the build keeps no abstracts). */
  papers: PaperTable;
  /** What reading the corpus reported (when it was read for this build or for the cached one). */
  corpus: CorpusReport;
  /** The search index of the papers (createStore's `searchIndex`). */
  searchIndex: SearchIndex;
  builtAt: Date;
  /**
   * Milliseconds spent reading the corpus (or only fingerprinting its file, when that found the build) and building
   * the graph (or loading it from the cache).
   */
  readMs: number;
  buildMs: number;
  /** Milliseconds of each step of `buildMs`, in order (for the ready line and the benchmarks). */
  steps: Record<string, number>;
  /**
   * The library version the build holds the papers of (with `library`): the library's current one, or an earlier
   * one when its latest build was loaded; the caller folds the changes since in.
   */
  libraryVersion?: number;
  /** True when the build came from the cache. */
  cached: boolean;
  /** False when the cache entry was found by the corpus file's fingerprint, without reading its papers. */
  corpusRead: boolean;
  /** The cache entry the build was loaded from (null for a fresh build). */
  entry: string | null;
  /** Releases the lease on the build's cache entry (cache/entry-leases); call when no longer serving it. */
  release: () => Promise<void>;
  /**
   * Saves a fresh build to the cache (nothing to do for a cached one or without a cache); call once serving. Once
   * saved, the exports read the graph back from the cache entry, and the build's own graph is no longer held.
   */
  persist: () => Promise<void>;
}

export async function loadBuild(options: LoadBuildOptions): Promise<LoadedBuild> {
  const start = performance.now();
  const cacheDir = options.cacheDir ?? null;
  const warn = options.warn ?? (() => undefined);
  const pipeline = resolvePipelineOptions(options.pipeline);
  const leases = new Map<string, Lease>();
  const damaged = new Set<string>();
  /** The entry `key`, leased first; null when there is none or it cannot be served (said in one line). */
  const tryEntry = async (key: string): Promise<CachedServedBuild | null> => {
    if (cacheDir === null || damaged.has(key) || resolve(cacheDir, key) === options.avoidEntry) return null;
    if (!leases.has(key)) leases.set(key, await acquireLease(cacheDir, key));
    try {
      return await loadServedBuild(cacheDir, key, { warn });
    } catch (error) {
      damaged.add(key);
      warn(`topicgraph: cannot serve the cached build: ${(error as Error)?.message ?? String(error)}; building again`);
      return null;
    }
  };
  /** Keeps the lease on `key` (the entry served, or to be saved) and releases the others. */
  const keepLease = async (key: string | null): Promise<() => Promise<void>> => {
    for (const [other, lease] of leases) if (other !== key) await lease.release();
    const kept = key === null ? undefined : leases.get(key);
    return async () => kept?.release();
  };

  const { library } = options;
  // A library's state is named by its id and version; a corpus file's by its path, format and bytes.
  const libraryVersion = library?.version();
  const origin = library?.path ?? options.corpus;
  let source: string | null = null;
  if (cacheDir !== null) {
    // Writers killed mid-write left these; a running writer's are kept.
    await removeDeadTemporaries(cacheDir);
    if (library !== undefined) {
      source = librarySourceKey({ id: library.id, version: libraryVersion! }, pipeline);
    } else {
      const fingerprint = await fileFingerprint(options.corpus);
      const format = options.format ?? detectFormat(options.corpus);
      const { maxRecordBytes } = resolveRecordLimits({ maxRecordBytes: options.maxRecordBytes });
      if (fingerprint !== null) {
        source = sourceKey({ path: resolve(options.corpus), format, fingerprint, maxRecordBytes }, pipeline);
      }
    }
    let key = source === null ? null : await readSourcePointer(cacheDir, source);
    let cached = key === null ? null : await tryEntry(key);
    let builtVersion = libraryVersion;
    if (cached === null && library !== undefined) {
      // The library's latest build, at an earlier version: served with the changes since folded in (serve-command).
      key = await readLatestPointer(cacheDir, origin);
      cached = key === null ? null : await tryEntry(key);
      const held = cached?.corpus?.library;
      const current =
        held !== undefined &&
        held.id === library.id &&
        held.version <= libraryVersion! &&
        held.lineage === librarySourceKey({ id: library.id, version: -1 }, pipeline);
      builtVersion = current ? held.version : undefined;
      if (!current) cached = null;
    }
    const fingerprinted = performance.now();
    if (cached?.papers && cached.corpus && cached.searchIndex) {
      return fromCache(cached, cached.papers, cached.corpus, cached.searchIndex, {
        release: await keepLease(key),
        warn,
        readMs: fingerprinted - start - sum(cached.timings),
        steps: cached.timings,
        corpusRead: false,
        libraryVersion: builtVersion,
      });
    }
  }
  const { papers: corpusPapers, report, version } = await readPapers(options);
  // NOTE: a library written to since its version was read is not the state the pointer names.
  if (library !== undefined && version !== libraryVersion) source = null;
  const read = performance.now();
  const key = cacheDir === null ? "" : cacheKey(corpusPapers, pipeline);
  const keyed = performance.now();
  const cached = cacheDir === null ? null : await tryEntry(key);
  if (cached !== null) {
    const searchStart = performance.now();
    const searchIndex = cached.searchIndex ?? buildSearchIndex(corpusPapers);
    const papers = cached.papers ?? PaperTable.from(corpusPapers, cached.build.columns.ids);
    // The same file next time is found without reading it (a moved or rewritten file with the same papers).
    if (source !== null && cached.papers !== null) await saveSourcePointer(cacheDir!, source, key).catch(() => {});
    const { search, ...timings } = cached.timings;
    return fromCache(
      { ...cached, graph: ({ rows } = {}) => cached.graph({ papers, rows }) },
      papers,
      report,
      searchIndex,
      {
        release: await keepLease(key),
        warn,
        readMs: read - start,
        steps: { key: keyed - read, ...timings, search: search + (performance.now() - searchStart) },
        corpusRead: true,
        libraryVersion: version,
      },
    );
  }
  // The lease on the entry this build is saved as, taken before it is written (another process's prune skips it).
  if (cacheDir !== null && !leases.has(key)) leases.set(key, await acquireLease(cacheDir, key));
  const release = await keepLease(cacheDir === null ? null : key);
  // A changed corpus keeps the cluster ids and colours of its latest build where clusters are still the same.
  const previous = cacheDir === null ? null : await previousClusters(cacheDir, origin);
  const built = performance.now();
  const fresh = await buildTopicGraph(corpusPapers, options.pipeline, options.hooks, previous);
  const indexed = performance.now();
  const searchIndex = buildSearchIndex(corpusPapers);
  const served = servedBuild(fresh);
  const papers = PaperTable.from(corpusPapers, served.columns.ids);
  const end = performance.now();
  // The build's own graph serves the exports until it is saved; then the entry does, and the graph can be collected.
  let unsaved: TopicGraphBuild | null = fresh;
  let entry: string | null = null;
  const attributes = fresh.graph.getAttributes();
  const exports = {
    graph: (rows?: ArrayLike<number>) =>
      unsaved?.graph ?? readCachedGraph(entry!, served, papers, attributes, warn, rows),
    directory: () => entry,
    warn,
  };
  const persist = async () => {
    if (cacheDir === null || unsaved === null) return;
    entry = await saveCachedBuild(cacheDir, key, unsaved, {
      corpusPath: origin,
      source: source ?? undefined,
      searchIndex,
      papers: { table: papers, corpus: report },
    });
    unsaved = null;
  };
  return {
    build: { ...served, exports },
    papers,
    corpus: report,
    searchIndex,
    builtAt: new Date(),
    readMs: read - start,
    buildMs: end - read,
    steps: { key: built - read, build: indexed - built, search: end - indexed },
    libraryVersion: version,
    cached: false,
    corpusRead: true,
    entry: null,
    release,
    persist,
  };
}

function fromCache(
  cached: CachedServedBuild,
  papers: PaperTable,
  corpus: CorpusReport,
  searchIndex: SearchIndex,
  how: {
    release: () => Promise<void>;
    warn: (line: string) => void;
    readMs: number;
    steps: Record<string, number>;
    corpusRead: boolean;
    libraryVersion?: number;
  },
): LoadedBuild {
  const { release, warn, ...time } = how;
  return {
    build: {
      ...cached.build,
      exports: { graph: (rows) => cached.graph({ rows }), directory: () => cached.entry, warn },
    },
    papers,
    corpus,
    searchIndex,
    builtAt: new Date(),
    readMs: time.readMs,
    buildMs: sum(time.steps),
    steps: time.steps,
    libraryVersion: time.libraryVersion,
    cached: true,
    corpusRead: time.corpusRead,
    entry: cached.entry,
    release,
    persist: async () => {},
  };
}

/** The papers to build: the library's (in its order, at one version) or the corpus file's, with what reading reported. */
async function readPapers(
  options: LoadBuildOptions,
): Promise<{ papers: Paper[]; report: CorpusReport; version?: number }> {
  if (options.library !== undefined) return libraryPapers(options.library, resolvePipelineOptions(options.pipeline));
  const { papers, ...report } = await readCorpus(options.corpus, {
    format: options.format,
    maxRecordBytes: options.maxRecordBytes,
  });
  return { papers, report };
}

/** A library's papers at one version (read in one transaction), in its order, as a build reads them. */
export function libraryPapers(
  library: Pick<Library, "snapshot" | "id">,
  pipeline: Partial<PipelineOptions>,
): {
  papers: Paper[];
  report: CorpusReport;
  version: number;
} {
  const { version, papers } = library.snapshot();
  const report: CorpusReport = {
    format: "library",
    records: papers.length,
    skipped: [],
    duplicates: [],
    library: { id: library.id, version, lineage: librarySourceKey({ id: library.id, version: -1 }, pipeline) },
  };
  return { papers, version, report };
}

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}
