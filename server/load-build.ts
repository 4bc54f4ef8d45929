// Obtaining a build to serve: load it from the cache (server/cache) or read the corpus and build the topic graph,
// with the search index of its papers. Kept apart from serving it, so that the server does not know which.
// An unchanged corpus file is found in the cache by a fingerprint of its bytes, without reading its papers (they are
// in the entry); otherwise the corpus is read and its papers' content is the key. A build loaded from the cache has
// no graphology graph: the exports read it back from the entry when they need it.

import { resolve } from "node:path";

import {
  cacheKey,
  loadServedBuild,
  previousClusters,
  readCachedGraph,
  readSourcePointer,
  saveCachedBuild,
  saveSourcePointer,
  sourceKey,
  type CachedServedBuild,
  type CorpusReport,
} from "./cache/build-cache.js";
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

export interface LoadBuildOptions {
  corpus: string;
  format?: CorpusFormat;
  pipeline: Partial<PipelineOptions>;
  hooks?: PipelineHooks;
  /** Cache directory (server/cache), or null or absent to build every time. */
  cacheDir?: string | null;
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
  /** True when the build came from the cache. */
  cached: boolean;
  /** False when the cache entry was found by the corpus file's fingerprint, without reading its papers. */
  corpusRead: boolean;
  /**
   * Saves a fresh build to the cache (nothing to do for a cached one or without a cache); call once serving. Once
   * saved, the exports read the graph back from the cache entry, and the build's own graph is no longer held.
   */
  persist: () => Promise<void>;
}

export async function loadBuild(options: LoadBuildOptions): Promise<LoadedBuild> {
  const start = performance.now();
  const cacheDir = options.cacheDir ?? null;
  const pipeline = resolvePipelineOptions(options.pipeline);
  let source: string | null = null;
  if (cacheDir !== null) {
    const fingerprint = await fileFingerprint(options.corpus);
    const format = options.format ?? detectFormat(options.corpus);
    if (fingerprint !== null) source = sourceKey({ path: resolve(options.corpus), format, fingerprint }, pipeline);
    const key = source === null ? null : await readSourcePointer(cacheDir, source);
    const cached = key === null ? null : await loadServedBuild(cacheDir, key).catch(() => null);
    const fingerprinted = performance.now();
    if (cached?.papers && cached.corpus && cached.searchIndex) {
      return fromCache(cached, cached.papers, cached.corpus, cached.searchIndex, {
        readMs: fingerprinted - start - sum(cached.timings),
        steps: cached.timings,
        corpusRead: false,
      });
    }
  }
  const corpus = await readCorpus(options.corpus, { format: options.format });
  const { papers: corpusPapers, ...report } = corpus;
  const read = performance.now();
  const key = cacheDir === null ? "" : cacheKey(corpusPapers, pipeline);
  const keyed = performance.now();
  const cached = cacheDir === null ? null : await loadServedBuild(cacheDir, key).catch(() => null);
  if (cached !== null) {
    const searchStart = performance.now();
    const searchIndex = cached.searchIndex ?? buildSearchIndex(corpusPapers);
    const papers = cached.papers ?? PaperTable.from(corpusPapers, cached.build.columns.ids);
    // The same file next time is found without reading it (a moved or rewritten file with the same papers).
    if (source !== null && cached.papers !== null) await saveSourcePointer(cacheDir!, source, key).catch(() => {});
    const { search, ...timings } = cached.timings;
    return fromCache(cached, papers, report, searchIndex, {
      readMs: read - start,
      steps: { key: keyed - read, ...timings, search: search + (performance.now() - searchStart) },
      corpusRead: true,
    });
  }
  // A changed corpus keeps the cluster ids and colours of its latest build where clusters are still the same.
  const previous = cacheDir === null ? null : await previousClusters(cacheDir, options.corpus);
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
    graph: () => unsaved?.graph ?? readCachedGraph(entry!, served.columns, attributes),
    directory: () => entry,
  };
  const persist = async () => {
    if (cacheDir === null || unsaved === null) return;
    entry = await saveCachedBuild(cacheDir, key, unsaved, {
      corpusPath: options.corpus,
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
    cached: false,
    corpusRead: true,
    persist,
  };
}

function fromCache(
  cached: CachedServedBuild,
  papers: PaperTable,
  corpus: CorpusReport,
  searchIndex: SearchIndex,
  time: { readMs: number; steps: Record<string, number>; corpusRead: boolean },
): LoadedBuild {
  return {
    build: { ...cached.build, exports: { graph: cached.graph, directory: () => cached.entry } },
    papers,
    corpus,
    searchIndex,
    builtAt: new Date(),
    readMs: time.readMs,
    buildMs: sum(time.steps),
    steps: time.steps,
    cached: true,
    corpusRead: time.corpusRead,
    persist: async () => {},
  };
}

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}
