// npm run bench:library -- [corpus] [--runs N] [--batch 1000]
// The library's write path, with the compiled CLI and real files: `topicgraph import` of the corpus into an empty
// library (a fresh process per run: wall time, CPU time, peak memory) and the library's size on disk; then N papers
// written in one transaction into that library (what one POST /api/papers of N papers costs the library, fsync
// included), and the same N written again (all duplicates). Medians of the runs.

import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";

import { Library } from "../server/library/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "dist/server/cli.js");
const run = promisify(execFile);

const { values, positionals } = parseArgs({
  options: { runs: { type: "string", default: "3" }, batch: { type: "string", default: "1000" } },
  allowPositionals: true,
});
const corpus = resolve(positionals[0] ?? join(ROOT, "../shared/corpora/arxiv-large.jsonl.gz"));
const runs = Number(values.runs);
const batch = Number(values.batch);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const imports: { wall: number; cpu: number; rssMb: number; bytes: number }[] = [];
const writes: number[] = [];
const duplicates: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = await mkdtemp(join(tmpdir(), "topicgraph-library-bench-"));
  const db = join(dir, "library.db");
  try {
    const start = performance.now();
    const { stderr } = await run(
      "/usr/bin/time",
      ["-f", "%U %S %M", process.execPath, CLI, "import", corpus, "--db", db],
      {
        maxBuffer: 1 << 26,
      },
    );
    const wall = (performance.now() - start) / 1000;
    const [user, sys, rssKb] = stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
    imports.push({ wall, cpu: user + sys, rssMb: rssKb / 1024, bytes: (await stat(db)).size });

    const library = Library.open(db, { write: true });
    try {
      const papers = Array.from({ length: batch }, (_, j) => ({
        id: `bench-${i}-${j}`,
        title: `A benchmark paper ${i} ${j} on graph neural networks`,
        abstract:
          `We add paper ${j} of run ${i} to measure one write of ${batch} papers: its duplicate look-ups by id, ` +
          `arXiv id, DOI and title, its rows and indexes, and the commit that syncs them.`,
      }));
      let t = performance.now();
      library.add(papers);
      writes.push(performance.now() - t);
      t = performance.now();
      library.add(papers);
      duplicates.push(performance.now() - t);
    } finally {
      library.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const last = imports.at(-1)!;
console.log(`corpus ${corpus}, ${runs} runs (medians)`);
console.log(
  `import into an empty library: wall ${median(imports.map((x) => x.wall)).toFixed(1)} s, ` +
    `CPU ${median(imports.map((x) => x.cpu)).toFixed(1)} s, peak RSS ${median(imports.map((x) => x.rssMb)).toFixed(0)} MB`,
);
console.log(`library size on disk: ${(last.bytes / 2 ** 20).toFixed(1)} MiB (${last.bytes} bytes)`);
console.log(`${batch} new papers in one transaction: ${median(writes).toFixed(0)} ms`);
console.log(`the same ${batch} again (duplicates): ${median(duplicates).toFixed(0)} ms`);
