// npm run eval -- [labeled corpus] [--runs N] [--no-peer] [--options JSON]
// Topic quality against reference labels (each paper's primary category, `labels[0]` / `categories[0]`): NMI and
// ARI of the clusters, number of clusters, precision@10 of the related papers; the same figures for the peer
// (../shared/bench/reference.py) on the same file in the same run; build times beside them.

import { resolve } from "node:path";
import { parseArgs } from "node:util";

import { readCorpus } from "../server/corpus/read-corpus.js";
import { buildTopicGraph, type PipelineOptions } from "../server/pipeline.js";
import { adjustedRandIndex, normalizedMutualInformation, precisionAtK } from "./metrics.js";
import { peerAvailable, plainCorpus, runPeer, type PeerResult } from "./peer.js";

const DEFAULT_CORPUS = resolve(import.meta.dirname, "../../shared/corpora/arxiv-dev-labeled.jsonl.gz");

interface Scores {
  nmi: number;
  ari: number;
  clusters: number;
  pAt10: number;
  seconds: number;
}

async function evaluateOurs(path: string, options: Partial<PipelineOptions>): Promise<Scores> {
  const started = performance.now();
  const { papers } = await readCorpus(path);
  const build = await buildTopicGraph(papers, options);
  const seconds = (performance.now() - started) / 1000;
  const labels = papers.map((paper, i) => paper.categories?.[0] ?? `unlabelled-${i}`);
  const clusters = build.graph.getAttribute("clusters").length;
  return {
    nmi: normalizedMutualInformation(labels, build.membership),
    ari: adjustedRandIndex(labels, build.membership),
    clusters,
    pAt10: precisionAtK(labels, build.related.indices, build.related.k, 10),
    seconds,
  };
}

const row = (name: string, values: (number | string)[]) =>
  name.padEnd(14) + values.map((v) => (typeof v === "number" ? v.toFixed(4) : v).padStart(12)).join("");

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      runs: { type: "string", default: "1" },
      "no-peer": { type: "boolean", default: false },
      // Pipeline options as JSON, to evaluate a variant: --options '{"lsaDimensions":0}'.
      options: { type: "string", default: "{}" },
    },
  });
  const options = JSON.parse(values.options) as Partial<PipelineOptions>;
  const corpus = resolve(positionals[0] ?? DEFAULT_CORPUS);
  const runs = Number(values.runs);
  const missing = values["no-peer"] ? "skipped (--no-peer)" : peerAvailable();
  const plain = missing ? corpus : await plainCorpus(corpus);
  const ours: Scores[] = [];
  const peers: PeerResult[] = [];
  for (let r = 0; r < runs; r++) {
    ours.push(await evaluateOurs(corpus, options));
    if (!missing) peers.push(await runPeer(plain));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${corpus}: ${runs} run(s), means; options ${values.options}`);
  console.log(row("", ["topicgraph", ...(missing ? [] : ["peer", "difference"])]));
  const lines: [string, number, number | undefined][] = [
    ["NMI", mean(ours.map((s) => s.nmi)), peers.length ? mean(peers.map((p) => p.nmi ?? NaN)) : undefined],
    ["ARI", mean(ours.map((s) => s.ari)), peers.length ? mean(peers.map((p) => p.ari ?? NaN)) : undefined],
    [
      "precision@10",
      mean(ours.map((s) => s.pAt10)),
      peers.length ? mean(peers.map((p) => p.p_at_10 ?? NaN)) : undefined,
    ],
    ["clusters", mean(ours.map((s) => s.clusters)), peers.length ? mean(peers.map((p) => p.clusters)) : undefined],
    ["build s", mean(ours.map((s) => s.seconds)), peers.length ? mean(peers.map((p) => p.total_s)) : undefined],
  ];
  for (const [name, mine, theirs] of lines) {
    console.log(row(name, theirs === undefined ? [mine] : [mine, theirs, mine - theirs]));
  }
  if (missing) console.log(`peer: ${missing}`);
  if (runs > 1) {
    console.log(
      `per run NMI: ours ${ours.map((s) => s.nmi.toFixed(4)).join(" ")}; peer ${peers.map((p) => p.nmi?.toFixed(4)).join(" ")}`,
    );
  }
  console.log("(our build s: read + build in this process, layout included, no export; peer: its phases, no layout)");
}

main().catch((error) => {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
