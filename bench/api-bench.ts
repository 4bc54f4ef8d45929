// Load test of the HTTP API on a realistic graph: builds the graph of a corpus (default: the 17,599-paper labelled
// arXiv corpus; or loads it from the build cache), serves it in this process on a loopback port, and drives it with
// wrk (Debian's `wrk`) at 50 connections, cycling through many different ids or texts per endpoint. Reports
// requests/s, p50/p99 latency and the server's CPU time per request, the median of several runs, and the major GCs
// of the serving process during the runs (count, longest pause).
// With --restart N, measures instead the restart of `topicgraph serve` on the corpus (compiled: npm run
// build:server), from process start to its ready line, N times, with the steps the ready line reports.
// Usage: node --import tsx bench/api-bench.ts [corpus] [--runs 5] [--duration 10] [--connections 50] [--threads 1]
//        [--paths 2000] [--only papers/:id/related] [--no-cache] [--cache-dir DIR] [--restart N]

import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { createApp } from "../server/app.js";
import { DEFAULT_CACHE_DIR } from "../server/config.js";
import { collectLoadGarbage, tuneHeapForServing } from "../server/heap-tuning.js";
import { loadBuild } from "../server/load-build.js";
import { createStore, type TopicStore } from "../server/query/index.js";
import { startServer } from "../server/serve.js";

// The server runs in this process: tuned as `topicgraph serve` tunes its own.
tuneHeapForServing();

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "5" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    threads: { type: "string", default: "1" },
    paths: { type: "string", default: "2000" },
    only: { type: "string" },
    "no-cache": { type: "boolean", default: false },
    "cache-dir": { type: "string" },
    restart: { type: "string" },
  },
});
const cacheDir = values["no-cache"]
  ? null
  : (values["cache-dir"] ?? process.env.TOPICGRAPH_CACHE_DIR ?? DEFAULT_CACHE_DIR);
const corpus = positionals[0] ?? "../shared/corpora/arxiv-dev-labeled.jsonl.gz";
const runs = Number(values.runs);
const duration = Number(values.duration);
const connections = Number(values.connections);
const threads = Number(values.threads);
const pathCount = Number(values.paths);

interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Deterministic shuffle (a fixed LCG), so that every run asks the same ids in the same order. */
function sample<T>(items: readonly T[], count: number): T[] {
  const order = items.map((_, i) => i);
  let state = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return Array.from({ length: count }, (_, k) => items[order[k % order.length]]);
}

function luaScript(paths: string[]): string {
  const list = paths.map((p) => `  ${JSON.stringify(p)},`).join("\n");
  return (
    `local paths = {\n${list}\n}\nlocal n = #paths\nlocal i = 0\n` +
    `function setup(thread) end\n` +
    `request = function()\n  i = i % n + 1\n  return wrk.format("GET", paths[i])\nend\n`
  );
}

function milliseconds(value: string, unit: string): number {
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
  return Number(value) * scale[unit];
}

function runWrk(url: string, script: string, seconds: number): Promise<WrkResult> {
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url];
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("error", (error) =>
      reject(new Error(`bench/api-bench: cannot run wrk (${error.message}); install it with apt-get install wrk`)),
    );
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench/api-bench: wrk exited ${code}:\n${out}`));
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const requests = /(\d+) requests in/.exec(out);
      const p50 = /\s50%\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
      const p99 = /\s99%\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
      const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
      const socket = /Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)/.exec(out);
      if (!rps || !p50 || !p99) return reject(new Error(`bench/api-bench: cannot read wrk's output:\n${out}`));
      const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
      resolve({
        requests: Number(requests?.[1] ?? 0),
        requestsPerSecond: Number(rps[1]),
        p50: milliseconds(p50[1], p50[2]),
        p99: milliseconds(p99[1], p99[2]),
        errors: Number(non2xx?.[1] ?? 0) + socketErrors,
      });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `topicgraph serve` started `count` times: wall time from spawning the process to its ready line. */
async function measureRestarts(count: number): Promise<void> {
  const cli = fileURLToPath(new URL("../dist/server/cli.js", import.meta.url));
  const times: number[] = [];
  for (let r = 0; r < count; r++) {
    const start = performance.now();
    const env = { ...process.env, TOPICGRAPH_CACHE_DIR: cacheDir ?? "" };
    const args = [cli, "serve", corpus, "--port", "0", ...(cacheDir === null ? ["--no-cache"] : [])];
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
      });
      child.on("exit", (code) => reject(new Error(`bench/api-bench: serve exited ${code} before it was ready`)));
    });
    times.push(performance.now() - start);
    console.log(`${(times[r] / 1000).toFixed(2)} s to ready: ${line}`);
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
  console.log(`restart of topicgraph serve ${corpus}: median ${(median(times) / 1000).toFixed(2)} s of ${count}`);
}

if (values.restart !== undefined) {
  await measureRestarts(Number(values.restart));
  process.exit(0);
}

/**
 * The store as `serve` makes it, from the build cache that `serve` uses (server/cache): a second bench run starts in
 * seconds. NOTE: in a function, so that the corpus's Paper objects are not kept alive by the module's variables.
 */
async function openStore(): Promise<{ store: TopicStore; how: string }> {
  const loaded = await loadBuild({ corpus, pipeline: {}, cacheDir });
  await loaded.persist();
  const started = performance.now();
  const store = createStore(loaded.build, {
    papers: loaded.papers,
    builtAt: loaded.builtAt,
    buildMs: loaded.readMs + loaded.buildMs,
    searchIndex: loaded.searchIndex,
  });
  const storeMs = performance.now() - started;
  const how =
    `read ${(loaded.readMs / 1000).toFixed(1)} s, ${loaded.cached ? "loaded from cache in" : "built in"} ` +
    `${(loaded.buildMs / 1000).toFixed(1)} s, store ${(storeMs / 1000).toFixed(2)} s`;
  return { store, how };
}

const { store, how } = await openStore();
// As `topicgraph serve` does before it listens.
const gcMs = collectLoadGarbage();

/** Major GCs of this process (the server's): how many, and the longest pause, in ms. */
const majorGcs: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs.push(entry.duration);
  }
}).observe({ entryTypes: ["gc"] });
const handle = await startServer(createApp({ store }), { host: "127.0.0.1", port: 0 });
console.log(
  `${corpus}: ${store.info.papers} papers, ${store.clusterIndex.clusters.length} clusters; ${how}, garbage collected in ${(gcMs / 1000).toFixed(2)} s; serving at ${handle.url}`,
);

const ids = sample([...store.papers.ids], pathCount);
const texts = sample(
  Array.from({ length: store.papers.length }, (_, row) => store.papers.title(row)),
  pathCount,
);
const terms = sample(
  store.topicCounts.topics.map((t) => t.term),
  pathCount,
);
const scenarios: [string, string[]][] = [
  ["papers/:id/related", ids.map((id) => `/api/papers/${encodeURIComponent(id)}/related`)],
  ["papers/:id", ids.map((id) => `/api/papers/${encodeURIComponent(id)}`)],
  ["clusters/:id", store.clusterIndex.clusters.map((c) => `/api/clusters/${c.id}`)],
  ["related?q= (title as text)", texts.map((t) => `/api/related?q=${encodeURIComponent(t)}`)],
  ["topics/:term/papers", terms.map((t) => `/api/topics/${encodeURIComponent(t)}/papers`)],
  ["overview", ["/api/overview"]],
];

const dir = await mkdtemp(join(tmpdir(), "api-bench-"));
const rows: string[] = [];
try {
  for (const [name, paths] of scenarios.filter(([name]) => values.only === undefined || name.startsWith(values.only))) {
    const script = join(dir, `${name.replace(/\W+/g, "-")}.lua`);
    await writeFile(script, luaScript(paths));
    await runWrk(handle.url, script, Math.min(3, duration)); // warm-up: JIT, caches
    const results: WrkResult[] = [];
    const cpu: number[] = [];
    majorGcs.length = 0;
    for (let r = 0; r < runs; r++) {
      // The server's CPU time per request: what the handler costs, whatever else the machine is doing.
      const before = process.cpuUsage();
      const result = await runWrk(handle.url, script, duration);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / Math.max(1, result.requests));
      results.push(result);
    }
    const errors = results.reduce((sum, x) => sum + x.errors, 0);
    const row =
      `${name.padEnd(28)} ${median(results.map((x) => x.requestsPerSecond))
        .toFixed(0)
        .padStart(7)} req/s  ` +
      `p50 ${median(results.map((x) => x.p50))
        .toFixed(2)
        .padStart(6)} ms  p99 ${median(results.map((x) => x.p99))
        .toFixed(2)
        .padStart(6)} ms` +
      `  cpu ${median(cpu).toFixed(0).padStart(4)} µs/req  major GCs ${majorGcs.length} (longest ${Math.max(0, ...majorGcs).toFixed(0)} ms)` +
      `  (${paths.length} distinct paths; runs: ${results.map((x) => `${x.requestsPerSecond.toFixed(0)}/${x.p99.toFixed(1)}`).join(", ")} req/s / p99 ms` +
      `${errors > 0 ? `; ${errors} ERRORS` : ""})`;
    console.log(row);
    rows.push(row);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await handle.close();
}
const load = (await import("node:os"))
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" ");
console.log(
  `medians of ${runs} runs of ${duration} s, wrk -t${threads} -c${connections}; load average at the end ${load}; ${new Date().toISOString()}`,
);
