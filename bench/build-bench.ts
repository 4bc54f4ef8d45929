// npm run bench -- [corpus ...] [--runs N] [--compare] [--sizes 10000,25000,...] [--recall] (--runs 0: recall only)
// Times `topicgraph build` (the compiled CLI, a fresh process per run) phase by phase, with peak memory, and reports
// medians of several runs. --compare runs the peer (../shared/bench/reference.py) on the same file in the same run,
// interleaved with ours (both reading the same plain JSON Lines file, the peer's only format), and prints both
// phase by phase with the ratio. --sizes builds the first N papers of each
// corpus to show how time and memory grow. --recall measures what the pruned neighbour search costs: recall@10 of
// the related papers against an exact search, on a sample of papers.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";

import { readCorpus } from "../server/corpus/read-corpus.js";
import { writeJsonl } from "../server/corpus/write-jsonl.js";
import { peerAvailable, plainCorpus, runPeer, type PeerResult } from "./peer.js";
import { measureRecall } from "./recall.js";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "dist/server/cli.js");
const DEFAULT_CORPORA = [
  join(ROOT, "data/papers.jsonl"),
  resolve(ROOT, "../shared/corpora/arxiv-dev-labeled.jsonl.gz"),
];

interface OurStats {
  papers: number;
  seconds: Record<string, number>;
  totalSeconds: number;
  peakRssMb: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (seconds: number) => (seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1));

async function runOurs(corpus: string): Promise<OurStats> {
  const out = await mkdtemp(join(tmpdir(), "topicgraph-bench-"));
  try {
    const stats = join(out, "stats.json");
    await promisify(execFile)(process.execPath, [CLI, "build", corpus, "--out", out, "--stats-json", stats], {
      maxBuffer: 1 << 24,
    });
    return JSON.parse(await readFile(stats, "utf8")) as OurStats;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Our phases grouped as the peer's, so that the rows compare like with like. */
const GROUPS: [string, string[], string | null][] = [
  ["read", ["read"], "read"],
  ["tf-idf", ["tfidf"], "tfidf"],
  ["lsa", ["lsa"], null],
  ["neighbours", ["neighbours", "link", "related"], "knn"],
  ["clusters", ["cluster"], "cluster"],
  ["graph + labels", ["assemble", "stability", "label", "explain"], null],
  ["layout", ["layout"], null],
  ["export", ["export"], null],
];

function printComparison(corpus: string, ours: OurStats[], peers: PeerResult[]): void {
  console.log(
    `\n${corpus}: ${ours[0].papers} papers, median of ${ours.length} runs${peers.length ? ` (peer: ${peers.length})` : ""}`,
  );
  console.log(
    `${"phase".padEnd(16)}${"topicgraph s".padStart(14)}${peers.length ? "peer s".padStart(10) + "ratio".padStart(9) : ""}`,
  );
  for (const [name, phases, peerPhase] of GROUPS) {
    const mine = median(ours.map((s) => phases.reduce((sum, p) => sum + (s.seconds[p] ?? 0), 0)));
    let row = `${name.padEnd(16)}${fmt(mine).padStart(14)}`;
    if (peers.length) {
      const theirs = peerPhase ? median(peers.map((p) => p.seconds[peerPhase] ?? 0)) : NaN;
      row +=
        (peerPhase ? fmt(theirs) : "-").padStart(10) +
        (peerPhase && theirs > 0 ? (mine / theirs).toFixed(2) : "-").padStart(9);
    }
    console.log(row);
  }
  const total = median(ours.map((s) => s.totalSeconds));
  const memory = median(ours.map((s) => s.peakRssMb));
  if (peers.length) {
    const peerTotal = median(peers.map((p) => p.total_s));
    const peerMemory = Math.round(median(peers.map((p) => p.peak_rss_mb)));
    console.log(
      `${"total".padEnd(16)}${fmt(total).padStart(14)}${fmt(peerTotal).padStart(10)}${(total / peerTotal).toFixed(2).padStart(9)}`,
    );
    console.log(
      `${"peak memory MB".padEnd(16)}${String(memory).padStart(14)}${String(peerMemory).padStart(10)}${(memory / peerMemory).toFixed(2).padStart(9)}`,
    );
    console.log(
      `runs, total s: ours ${ours.map((s) => fmt(s.totalSeconds)).join(" ")}; peer ${peers.map((p) => fmt(p.total_s)).join(" ")}`,
    );
    console.log(`peer's BLAS: ${[...new Set(peers.map((p) => p.blas))].join(" | ")}`);
    // Each of our runs against the peer's run right after it: the machine's speed drifts within a benchmark, and a
    // pair measured a minute apart shares the same machine.
    const pairs = ours.map((s, r) => s.totalSeconds / peers[r].total_s);
    console.log(
      `ratio of each run to the peer's next run: ${pairs.map((x) => x.toFixed(2)).join(" ")} (median ${median(pairs).toFixed(2)})`,
    );
  } else {
    console.log(`${"total".padEnd(16)}${fmt(total).padStart(14)}`);
    console.log(`${"peak memory MB".padEnd(16)}${String(memory).padStart(14)}`);
  }
}

async function benchCorpus(corpus: string, runs: number, compare: boolean): Promise<void> {
  const ours: OurStats[] = [];
  const peers: PeerResult[] = [];
  // The peer reads only plain JSON Lines: with --compare both read that same file.
  const plain = compare ? await plainCorpus(corpus) : corpus;
  for (let r = 0; r < runs; r++) {
    ours.push(await runOurs(plain));
    if (compare) peers.push(await runPeer(plain));
  }
  printComparison(corpus, ours, peers);
}

async function benchSizes(corpus: string, sizes: number[], runs: number): Promise<void> {
  const { papers } = await readCorpus(corpus);
  const directory = await mkdtemp(join(tmpdir(), "topicgraph-sizes-"));
  console.log(`\nscaling on ${corpus} (median of ${runs} runs)`);
  console.log(
    `${"papers".padStart(8)}${"total s".padStart(10)}${"s / 1k papers".padStart(15)}${"peak MB".padStart(10)}`,
  );
  try {
    for (const size of sizes) {
      const file = join(directory, `first-${size}.jsonl`);
      await writeJsonl(papers.slice(0, size), file);
      const stats: OurStats[] = [];
      for (let r = 0; r < runs; r++) stats.push(await runOurs(file));
      const n = stats[0].papers;
      const total = median(stats.map((s) => s.totalSeconds));
      const memory = median(stats.map((s) => s.peakRssMb));
      console.log(
        `${String(n).padStart(8)}${fmt(total).padStart(10)}${((total / n) * 1000).toFixed(2).padStart(15)}${String(memory).padStart(10)}`,
      );
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      runs: { type: "string", default: "3" },
      compare: { type: "boolean", default: false },
      sizes: { type: "string" },
      recall: { type: "boolean", default: false },
      "recall-sample": { type: "string", default: "1000" },
    },
  });
  const corpora = positionals.length > 0 ? positionals.map((p) => resolve(p)) : DEFAULT_CORPORA;
  const runs = Number(values.runs);
  if (values.compare) {
    const missing = peerAvailable();
    if (missing) throw new Error(`--compare: ${missing}`);
  }
  if (values.sizes) {
    const sizes = values.sizes.split(",").map(Number);
    for (const corpus of corpora) await benchSizes(corpus, sizes, runs);
  } else if (runs > 0) {
    for (const corpus of corpora) await benchCorpus(corpus, runs, values.compare);
  }
  if (values.recall) for (const corpus of corpora) await measureRecall(corpus, Number(values["recall-sample"]));
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
