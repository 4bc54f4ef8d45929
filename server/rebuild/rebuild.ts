// One full rebuild, as a rebuild process runs it (rebuild/rebuild-process): the papers read from their source at one
// version, the topic graph built with the served map's clusters to keep (graph/align-clusters), and the result saved
// to the build cache (written under a temporary name and renamed: a crash leaves the last complete build), with the
// progress reported as one share of the whole, phase by phase.

import { cacheKey, librarySourceKey, saveCachedBuild, type CorpusReport } from "../cache/build-cache.js";
import { readCorpus } from "../corpus/read-corpus.js";
import type { CorpusFormat, Paper } from "../corpus/types.js";
import type { PreviousClusters } from "../graph/align-clusters.js";
import { Library } from "../library/index.js";
import { libraryPapers } from "../load-build.js";
import { buildTopicGraph, resolvePipelineOptions, type Phase, type PipelineOptions } from "../pipeline.js";
import { PaperTable } from "../query/paper-table.js";
import { buildSearchIndex } from "../query/search-index.js";
import { servedBuild } from "../query/served-build.js";
import { round } from "../round.js";

/** Where a rebuild reads its papers. */
export type RebuildSource =
  | { kind: "corpus"; path: string; format?: CorpusFormat }
  /** A library file (server/library), read in one transaction at its current version. */
  | { kind: "library"; path: string };

export interface RebuildJob {
  source: RebuildSource;
  cacheDir: string;
  pipeline: Partial<PipelineOptions>;
  /** Names the map's lineage in the cache (its latest build: cache/build-cache previousClusters). */
  origin: string;
  /** The served map's papers and clusters, whose ids and colours the new build keeps where clusters persist. */
  previous: PreviousClusters | null;
}

export interface RebuildResult {
  /** The cache entry's key. */
  key: string;
  /** The version of the source that was built (-1: a corpus file, unversioned). */
  version: number;
  papers: number;
}

export type RebuildStep = "read" | Phase | "save";

export interface RebuildProgress {
  phase: RebuildStep;
  /** Share of the whole rebuild done, 0..1. */
  progress: number;
}

/**
 * Each step's share of a rebuild, from the phase timings of a build of the 96k-paper corpus (pipeline `timings`);
 * the progress of a step moves within its share.
 */
const STEP_SHARES: Record<RebuildStep, number> = {
  read: 0.04,
  tfidf: 0.12,
  lsa: 0.18,
  neighbours: 0.3,
  link: 0.01,
  related: 0.03,
  assemble: 0.03,
  cluster: 0.08,
  stability: 0.02,
  label: 0.05,
  explain: 0.03,
  layout: 0.05,
  save: 0.06,
};
const ORDER = Object.keys(STEP_SHARES) as RebuildStep[];

/** A progress reporter that never moves backwards (phases may report out of their order). */
function progressOf(report: (progress: RebuildProgress) => void) {
  let best = 0;
  return (phase: RebuildStep, done: number, total: number) => {
    const before = ORDER.slice(0, ORDER.indexOf(phase)).reduce((sum, step) => sum + STEP_SHARES[step], 0);
    const within = total > 0 ? Math.min(done / total, 1) : 0;
    best = Math.max(best, before + STEP_SHARES[phase] * within);
    report({ phase, progress: round(best, 3) });
  };
}

export async function rebuild(job: RebuildJob, report: (progress: RebuildProgress) => void): Promise<RebuildResult> {
  const step = progressOf(report);
  step("read", 0, 1);
  const { papers, version, corpus, libraryId } = await readSource(job.source, job.pipeline);
  step("read", 1, 1);
  const pipeline = resolvePipelineOptions(job.pipeline);
  const build = await buildTopicGraph(
    papers,
    job.pipeline,
    { onPhaseStart: (phase) => step(phase, 0, 1), onProgress: (phase, done, total) => step(phase, done, total) },
    job.previous,
  );
  step("save", 0, 1);
  const table = PaperTable.from(papers, servedBuild(build).columns.ids);
  const key = cacheKey(papers, pipeline);
  await saveCachedBuild(job.cacheDir, key, build, {
    corpusPath: job.origin,
    // A restart at this library version serves this build without reading the library again (server/load-build).
    source: libraryId === undefined ? undefined : librarySourceKey({ id: libraryId, version }, pipeline),
    searchIndex: buildSearchIndex(papers),
    papers: { table, corpus },
  });
  step("save", 1, 1);
  return { key, version, papers: papers.length };
}

async function readSource(
  source: RebuildSource,
  pipeline: Partial<PipelineOptions>,
): Promise<{ papers: Paper[]; version: number; corpus: CorpusReport; libraryId?: string }> {
  if (source.kind === "corpus") {
    const { papers, ...corpus } = await readCorpus(source.path, { format: source.format });
    return { papers, version: -1, corpus };
  }
  // NOTE: opened without writing: the serving process holds the library's writer lock.
  const library = Library.open(source.path, { write: false });
  try {
    const { papers, version, report } = libraryPapers(library, resolvePipelineOptions(pipeline));
    return { papers, version, corpus: report, libraryId: library.id };
  } finally {
    library.close();
  }
}
