// Times readCorpus on the given corpus files: wall time, papers, skipped and duplicate counts, heap after.
// Usage: node --import tsx bench/read-bench.ts ../shared/corpora/arxiv-large.jsonl.gz [more files...]

import { readCorpus } from "../server/corpus/read-corpus.js";

const paths = process.argv.slice(2);
if (paths.length === 0) throw new Error("bench/read-bench: give one or more corpus paths");
for (const path of paths) {
  const start = process.hrtime.bigint();
  const summary = await readCorpus(path);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `${path}: ${seconds.toFixed(2)} s, ${summary.papers.length} papers of ${summary.records} records, ` +
      `${summary.skipped.length} skipped, ${summary.duplicates.length} duplicates, heap ${heapMb.toFixed(0)} MB`,
  );
}
