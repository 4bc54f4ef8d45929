// Obtaining a build to serve: read the corpus, then load the build from the cache (server/cache) or build the topic
// graph, with the search index of its papers. Kept apart from serving it, so that the server does not know which.
// A build loaded from the cache has no graphology graph: the exports read it back from the entry when they need it.

import { cacheKey, loadServedBuild, previousClusters, readCachedGraph, saveCachedBuild } from "./cache/build-cache.js";
import { readCorpus } from "./corpus/read-corpus.js";
import type { CorpusFormat, CorpusReadSummary, Paper } from "./corpus/types.js";
import {
  buildTopicGraph,
  resolvePipelineOptions,
  type PipelineHooks,
  type PipelineOptions,
  type TopicGraphBuild,
} from "./pipeline.js";
import { buildSearchIndex, type SearchIndex } from "./query/search-index.js";
import { servedBuild, type ServedBuild } from "./query/store.js";

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
  /** The papers in build order (the build keeps no abstracts). */
  papers: readonly Paper[];
  corpus: CorpusReadSummary;
  /** The search index of the papers (createStore's `searchIndex`). */
  searchIndex: SearchIndex;
  builtAt: Date;
  /** Milliseconds spent reading the corpus and building the graph (or loading it from the cache). */
  readMs: number;
  buildMs: number;
  /** Milliseconds of each step of `buildMs`, in order (for the ready line and the benchmarks). */
  steps: Record<string, number>;
  /** True when the build came from the cache. */
  cached: boolean;
  /**
   * Saves a fresh build to the cache (nothing to do for a cached one or without a cache); call once serving. Once
   * saved, the exports read the graph back from the cache entry, and the build's own graph is no longer held.
   */
  persist: () => Promise<void>;
}

export async function loadBuild(options: LoadBuildOptions): Promise<LoadedBuild> {
  const start = performance.now();
  const corpus = await readCorpus(options.corpus, { format: options.format });
  const read = performance.now();
  const base = { papers: corpus.papers, corpus, builtAt: new Date(), readMs: read - start };
  const cacheDir = options.cacheDir ?? null;
  // NOTE: the corpus is read and hashed even on a cache hit: that is how a changed corpus is noticed.
  const key = cacheDir === null ? "" : cacheKey(corpus.papers, resolvePipelineOptions(options.pipeline));
  const keyed = performance.now();
  const cached = cacheDir === null ? null : await loadServedBuild(cacheDir, key).catch(() => null);
  if (cached !== null) {
    const searchStart = performance.now();
    const searchIndex = cached.searchIndex ?? buildSearchIndex(corpus.papers);
    const { meta, arrays, decode, search } = cached.timings;
    return {
      ...base,
      build: { ...cached.build, exports: { graph: cached.graph, directory: () => cached.entry } },
      searchIndex,
      buildMs: performance.now() - read,
      steps: { key: keyed - read, meta, arrays, decode, search: search + (performance.now() - searchStart) },
      cached: true,
      persist: async () => {},
    };
  }
  // A changed corpus keeps the cluster ids and colours of its latest build where clusters are still the same.
  const previous = cacheDir === null ? null : await previousClusters(cacheDir, options.corpus);
  const built = performance.now();
  const fresh = await buildTopicGraph(corpus.papers, options.pipeline, options.hooks, previous);
  const indexed = performance.now();
  const searchIndex = buildSearchIndex(corpus.papers);
  const end = performance.now();
  // The build's own graph serves the exports until it is saved; then the entry does, and the graph can be collected.
  let unsaved: TopicGraphBuild | null = fresh;
  let entry: string | null = null;
  const served = servedBuild(fresh);
  const attributes = fresh.graph.getAttributes();
  const exports = {
    graph: () => unsaved?.graph ?? readCachedGraph(entry!, served.columns, attributes),
    directory: () => entry,
  };
  const persist = async () => {
    if (cacheDir === null || unsaved === null) return;
    entry = await saveCachedBuild(cacheDir, key, unsaved, options.corpus, searchIndex);
    unsaved = null;
  };
  return {
    ...base,
    build: { ...served, exports },
    searchIndex,
    buildMs: end - read,
    steps: { key: built - read, build: indexed - built, search: end - indexed },
    cached: false,
    persist,
  };
}
