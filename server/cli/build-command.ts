// `topicgraph build <corpus> --out <dir>`: reads a corpus, builds the topic graph, writes graph.json and graph.gexf
// (and graph.graphml with --graphml).

import { basename, join } from "node:path";

import { readCorpus } from "../corpus/read-corpus.js";
import type { CorpusReadSummary } from "../corpus/types.js";
import { gexfChunks, type GexfVersion } from "../graph/export-gexf.js";
import { graphmlChunks } from "../graph/export-graphml.js";
import { graphJsonChunks } from "../graph/export-json.js";
import { readPreviousClusters } from "../io/previous-clusters.js";
import { writeFileAtomic } from "../io/write-atomic.js";
import { buildTopicGraph, type PipelineOptions, type TopicGraphBuild } from "../pipeline.js";
import type { CorpusFormat } from "../corpus/types.js";
import { round } from "../round.js";
import { prestartWorkers } from "../workers/pool.js";
import { UsageError } from "./args.js";
import { corpusIssueLines } from "./corpus-issues.js";
import { createProgress, formatSeconds } from "./progress.js";

export interface BuildCommandOptions {
  corpus: string;
  out: string;
  format?: CorpusFormat;
  /** Records larger than this many bytes are skipped (corpus/corpus-source's default otherwise). */
  maxRecordBytes?: number;
  gexfVersion: GexfVersion;
  /** Also write graph.graphml. */
  graphml?: boolean;
  pipeline: PipelineOptions;
  /** Where to write phase timings and peak memory as JSON (for benchmarks). */
  statsPath?: string;
}

export async function runBuild(options: BuildCommandOptions, log: (line: string) => void): Promise<void> {
  const progress = createProgress();
  const timings: [string, number][] = [];
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await work();
    timings.push([name, performance.now() - start]);
    return result;
  };

  // Worker threads load their modules while the corpus is read.
  prestartWorkers();
  progress.start("read");
  const corpus = await timed("read", () =>
    readCorpus(options.corpus, {
      format: options.format,
      maxRecordBytes: options.maxRecordBytes,
      onProgress: (done, total) => progress.update("read", done, total),
    }),
  );
  const jsonPath = join(options.out, "graph.json");
  const gexfPath = join(options.out, "graph.gexf");
  const graphmlPath = join(options.out, "graph.graphml");
  // A graph already in the output directory is the previous build: its cluster ids and colours are kept.
  const previous = await readPreviousClusters(jsonPath);
  const build = await buildTopicGraph(
    corpus.papers,
    options.pipeline,
    {
      onPhaseStart: (phase) => progress.start(phase),
      onProgress: (phase, done, total) => progress.update(phase, done, total),
    },
    previous,
  );
  for (const [phase, ms] of Object.entries(build.timings)) timings.push([phase, ms!]);

  progress.start("export");
  await timed("export", async () => {
    try {
      await writeFileAtomic(jsonPath, graphJsonChunks(build.graph));
      await writeFileAtomic(gexfPath, gexfChunks(build.graph, { version: options.gexfVersion }));
      if (options.graphml) await writeFileAtomic(graphmlPath, graphmlChunks(build.graph));
    } catch (error) {
      const { code, path } = error as NodeJS.ErrnoException;
      if (code === undefined) throw error;
      // NOTE: for a rename the path is the temporary file's; name the file the user asked for instead.
      const written = [gexfPath, jsonPath, graphmlPath].find((file) => path?.includes(basename(file)));
      const target = written ?? options.out;
      throw new UsageError(`cannot write ${target} (${code}): is ${options.out} a writable directory?`);
    }
  });
  progress.finish();

  for (const line of summarize(options.corpus, corpus, build, timings)) log(line);
  const gexf = `${gexfPath} (GEXF ${options.gexfVersion})`;
  log(options.graphml ? `wrote ${jsonPath}, ${gexf} and ${graphmlPath}` : `wrote ${jsonPath} and ${gexf}`);
  if (options.statsPath !== undefined) {
    const stats = {
      papers: corpus.papers.length,
      vocabulary: build.model.vocabulary.size,
      links: build.graph.size,
      clusters: build.graph.getAttribute("clusters").length,
      seconds: Object.fromEntries(timings.map(([name, ms]) => [name, round(ms / 1000, 3)])),
      totalSeconds: round(timings.reduce((sum, [, ms]) => sum + ms, 0) / 1000, 3),
      // maxRSS counts this process only; worker threads share it.
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    };
    await writeFileAtomic(options.statsPath, JSON.stringify(stats, null, 2));
  }
}

export function summarize(
  file: string,
  corpus: CorpusReadSummary,
  build: TopicGraphBuild,
  timings: [string, number][],
): string[] {
  const lines = corpusIssueLines(corpus);
  const { graph } = build;
  const clusters = graph.getAttribute("clusters");
  lines.push(
    `${file}: ${corpus.papers.length} papers read, ${corpus.skipped.length} skipped, ` +
      `${corpus.duplicates.length} duplicates resolved`,
  );
  lines.push(
    `vocabulary ${build.model.vocabulary.size} terms, ${graph.size} links, ${clusters.length} clusters, ` +
      `modularity ${graph.getAttribute("modularity").toFixed(3)}`,
  );
  for (const cluster of clusters) lines.push(`  cluster ${cluster.id} (${cluster.size} papers): ${cluster.label}`);
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
  lines.push(
    `time ${formatSeconds(total / 1000)}: ` +
      timings.map(([name, ms]) => `${name} ${formatSeconds(ms / 1000)}`).join(", "),
  );
  return lines;
}
