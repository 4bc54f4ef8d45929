// Obtaining a build to serve: read the corpus, build the topic graph. Kept apart from serving it, so that a cache
// of builds can stand in here without the server knowing.

import { cacheKey, loadCachedBuild, previousClusters, saveCachedBuild } from "./cache/build-cache.js";
import { readCorpus } from "./corpus/read-corpus.js";
import type { CorpusFormat, CorpusReadSummary, Paper } from "./corpus/types.js";
import {
  buildTopicGraph,
  resolvePipelineOptions,
  type PipelineHooks,
  type PipelineOptions,
  type TopicGraphBuild,
} from "./pipeline.js";

export interface LoadBuildOptions {
  corpus: string;
  format?: CorpusFormat;
  pipeline: Partial<PipelineOptions>;
  hooks?: PipelineHooks;
  /** Cache directory (server/cache), or null or absent to build every time. */
  cacheDir?: string | null;
}

export interface LoadedBuild {
  build: TopicGraphBuild;
  /** The papers in build order (the build keeps no abstracts). */
  papers: readonly Paper[];
  corpus: CorpusReadSummary;
  builtAt: Date;
  /** Milliseconds spent reading the corpus and building the graph (or loading it from the cache). */
  readMs: number;
  buildMs: number;
  /** True when the build came from the cache. */
  cached: boolean;
  /** Saves a fresh build to the cache (nothing to do for a cached one or without a cache); call once serving. */
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
  const cached = cacheDir === null ? null : await loadCachedBuild(cacheDir, key).catch(() => null);
  if (cached !== null) {
    return { ...base, build: cached, buildMs: performance.now() - read, cached: true, persist: async () => {} };
  }
  // A changed corpus keeps the cluster ids and colours of its latest build where clusters are still the same.
  const previous = cacheDir === null ? null : await previousClusters(cacheDir, options.corpus);
  const build = await buildTopicGraph(corpus.papers, options.pipeline, options.hooks, previous);
  const persist = cacheDir === null ? async () => {} : () => saveCachedBuild(cacheDir, key, build, options.corpus);
  return { ...base, build, buildMs: performance.now() - read, cached: false, persist };
}
