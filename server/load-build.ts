// Obtaining a build to serve: read the corpus, build the topic graph. Kept apart from serving it, so that a cache
// of builds can stand in here without the server knowing.

import { readCorpus } from "./corpus/read-corpus.js";
import type { CorpusFormat, CorpusReadSummary, Paper } from "./corpus/types.js";
import { buildTopicGraph, type PipelineHooks, type PipelineOptions, type TopicGraphBuild } from "./pipeline.js";

export interface LoadBuildOptions {
  corpus: string;
  format?: CorpusFormat;
  pipeline: Partial<PipelineOptions>;
  hooks?: PipelineHooks;
}

export interface LoadedBuild {
  build: TopicGraphBuild;
  /** The papers in build order (the build keeps no abstracts). */
  papers: readonly Paper[];
  corpus: CorpusReadSummary;
  builtAt: Date;
  /** Milliseconds spent reading the corpus and building the graph. */
  readMs: number;
  buildMs: number;
}

export async function loadBuild(options: LoadBuildOptions): Promise<LoadedBuild> {
  const start = performance.now();
  const corpus = await readCorpus(options.corpus, { format: options.format });
  const read = performance.now();
  const build = await buildTopicGraph(corpus.papers, options.pipeline, options.hooks);
  return {
    build,
    papers: corpus.papers,
    corpus,
    builtAt: new Date(),
    readMs: read - start,
    buildMs: performance.now() - read,
  };
}
