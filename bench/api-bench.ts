// Load test of the HTTP API as a browser uses it: starts `topicgraph serve` on a corpus (default: the 17,599-paper
// labelled arXiv corpus; a second start loads the build cache), and drives each endpoint with wrk (Debian's `wrk`)
// at 50 connections, with a browser's default headers (Accept: application/json, Accept-Encoding: gzip, deflate, br)
// and a different paper, cluster, topic or text on each request. Reports requests/s, p50/p99 latency, the body size
// and the server's CPU time per request (medians of several runs); with --trace-gc, the server's major GCs.
// With --restart N, measures instead the restart of `topicgraph serve` (from process start to its ready line).
// The server is the compiled one (npm run build:server); --node-options adds flags to its node command line.
// Usage: node --import tsx bench/api-bench.ts [corpus] [--runs 5] [--duration 10] [--connections 50] [--threads 1]
//        [--paths 2000] [--only name,name] [--headers browser|none] [--trace-gc] [--node-options "..."]
//        [--cli dist/server/cli.js]
//        [--no-cache] [--cache-dir DIR] [--restart N] [--answer-memory MiB]
// --answer-memory 0 has the server keep no answer, so every request is computed (the cost of a first request).

import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { DEFAULT_CACHE_DIR } from "../server/config.js";
import { luaScript, median, runWrk, sample, type Scenario, type WrkResult } from "./wrk.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "5" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    threads: { type: "string", default: "1" },
    paths: { type: "string", default: "2000" },
    only: { type: "string" },
    headers: { type: "string", default: "browser" },
    "trace-gc": { type: "boolean", default: false },
    "node-options": { type: "string", default: "" },
    cli: { type: "string", default: fileURLToPath(new URL("../dist/server/cli.js", import.meta.url)) },
    "no-cache": { type: "boolean", default: false },
    "cache-dir": { type: "string" },
    restart: { type: "string" },
    "answer-memory": { type: "string" },
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
if (values.headers !== "browser" && values.headers !== "none") {
  throw new Error(`bench/api-bench: --headers must be browser or none, got ${values.headers}`);
}
/** What fetch() in a browser sends by default, as the explorer's client (client/api) asks for JSON. */
const HEADERS: Record<string, string> =
  values.headers === "browser" ? { Accept: "application/json", "Accept-Encoding": "gzip, deflate, br" } : {};

/** `topicgraph serve <corpus>` on a free port, as `npm start` runs it; resolves with its URL and ready line. */
function startServe(extraNodeFlags: string[] = []): Promise<{ child: ChildProcess; url: string; line: string }> {
  const env = { ...process.env, TOPICGRAPH_CACHE_DIR: cacheDir ?? "" };
  const nodeFlags = values["node-options"].split(/\s+/).filter((flag) => flag !== "");
  const args = [...nodeFlags, ...extraNodeFlags, values.cli, "serve", corpus, "--port", "0"];
  if (cacheDir === null) args.push("--no-cache");
  if (values["answer-memory"] !== undefined) args.push("--answer-memory", values["answer-memory"]);
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk;
      const line = /^topicgraph: serving .* at (http:\/\/\S+\/) .*$/m.exec(out);
      if (line === null) return;
      child.stdout!.off("data", onData);
      resolve({ child, url: line[1], line: line[0] });
    };
    child.stdout!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`bench/api-bench: serve exited ${code} before it was ready`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}

/** The CPU time (user + system) the process `pid` has used so far, in microseconds (Linux: /proc). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /, "")
    .split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}

if (values.restart !== undefined) {
  const count = Number(values.restart);
  const times: number[] = [];
  for (let r = 0; r < count; r++) {
    const start = performance.now();
    const { child, line } = await startServe();
    times.push(performance.now() - start);
    console.log(`${(times[r] / 1000).toFixed(2)} s to ready: ${line}`);
    await stop(child);
  }
  console.log(`restart of topicgraph serve ${corpus}: median ${(median(times) / 1000).toFixed(2)} s of ${count}`);
  process.exit(0);
}

const server = await startServe(values["trace-gc"] ? ["--trace-gc"] : []);
/** The server's major GCs (with --trace-gc): their pauses, in ms. */
const majorGcs: number[] = [];
server.child.stdout!.on("data", (chunk: Buffer) => {
  for (const match of String(chunk).matchAll(/Mark-Compact[^,]*, ([\d.]+) \/ ([\d.]+) ms/g)) {
    majorGcs.push(Number(match[1]));
  }
});
console.log(`${corpus}: ${server.line}`);

async function getJson<T>(path: string): Promise<T> {
  // NOTE: identity: on a loaded machine undici has failed a large gzip answer ("terminated") after receiving all of it.
  const response = await fetch(new URL(path, server.url), { headers: { "accept-encoding": "identity" } });
  if (!response.ok) throw new Error(`bench/api-bench: GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

const graph = await getJson<{ nodes: { id: string; title: string }[]; clusters: { id: number }[] }>("/api/graph");
const { topics } = await getJson<{ topics: { term: string }[] }>("/api/topics?limit=10000");
const ids = sample(
  graph.nodes.map((n) => encodeURIComponent(n.id)),
  pathCount,
);
const titles = sample(
  graph.nodes.map((n) => n.title),
  pathCount,
);
const terms = sample(
  topics.map((t) => t.term),
  pathCount,
);
const clusterIds = graph.clusters.map((c) => c.id);
// A filter per request, or none when the corpus has no categories (or the server, an older one, no facets).
const facets = await getJson<{ facets: { category: { values: { value: string }[] } } }>("/api/facets?limit=100").then(
  (answer) => answer.facets,
  () => null,
);
const categories = (facets?.category.values ?? []).map((v) => `category=${encodeURIComponent(v.value)}`);
const filtered = (path: string) => (categories.length > 0 ? categories.map((c) => `${path}?${c}`) : [path]);
const one = (name: string, path: string): Scenario => ({ name, method: "GET", paths: [path] });
const scenarios: Scenario[] = [
  { name: "papers/:id/related", method: "GET", paths: ids.map((id) => `/api/papers/${id}/related`) },
  { name: "papers/:id", method: "GET", paths: ids.map((id) => `/api/papers/${id}`) },
  { name: "clusters/:id", method: "GET", paths: clusterIds.map((id) => `/api/clusters/${id}`) },
  { name: "clusters/:id/graph", method: "GET", paths: clusterIds.map((id) => `/api/clusters/${id}/graph`) },
  { name: "related?q=", method: "GET", paths: titles.map((t) => `/api/related?q=${encodeURIComponent(t)}`) },
  {
    name: "POST related",
    method: "POST",
    paths: titles.map(() => "/api/related"),
    bodies: titles.map((text) => JSON.stringify({ text })),
  },
  { name: "search?q=", method: "GET", paths: terms.map((t) => `/api/search?q=${encodeURIComponent(t)}`) },
  {
    name: "topics/:term/papers",
    method: "GET",
    paths: terms.map((t) => `/api/topics/${encodeURIComponent(t)}/papers`),
  },
  one("topics", "/api/topics"),
  one("trends", "/api/trends"),
  { name: "trends?category=", method: "GET", paths: filtered("/api/trends") },
  one("facets", "/api/facets"),
  { name: "papers?category=", method: "GET", paths: filtered("/api/papers") },
  one("clusters", "/api/clusters"),
  one("overview", "/api/overview"),
  one("health", "/api/health"),
  one("openapi.json", "/api/openapi.json"),
  one("graph", "/api/graph"),
  one("export.json", "/api/export.json"),
  one("export.gexf", "/api/export.gexf"),
];
const only = values.only?.split(",");

const dir = await mkdtemp(join(tmpdir(), "api-bench-"));
try {
  console.log(
    `${"endpoint".padEnd(20)} ${"req/s".padStart(7)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ` +
      `${"bytes".padStart(9)} ${"cpu µs".padStart(7)}  runs (req/s / p99 ms)`,
  );
  for (const scenario of scenarios.filter(({ name }) => only === undefined || only.includes(name))) {
    const script = join(dir, `${scenario.name.replace(/\W+/g, "-")}.lua`);
    await writeFile(script, luaScript(scenario, HEADERS));
    await runWrk(server.url, script, Math.min(3, duration), { threads, connections }); // warm-up: JIT, caches, exports written
    const results: WrkResult[] = [];
    const cpu: number[] = [];
    majorGcs.length = 0;
    for (let r = 0; r < runs; r++) {
      // The server's CPU time per request: what answering costs, whatever else the machine is doing.
      const before = cpuMicros(server.child.pid!);
      const result = await runWrk(server.url, script, duration, { threads, connections });
      cpu.push((cpuMicros(server.child.pid!) - before) / Math.max(1, result.requests));
      results.push(result);
    }
    const failed = results.reduce((sum, x) => sum + x.failed, 0);
    const socketErrors = results.reduce((sum, x) => sum + x.socketErrors, 0);
    const med = (pick: (x: WrkResult) => number) => median(results.map(pick));
    console.log(
      `${scenario.name.padEnd(20)} ${med((x) => x.requestsPerSecond)
        .toFixed(0)
        .padStart(7)} ${med((x) => x.p50)
        .toFixed(2)
        .padStart(8)} ${med((x) => x.p99)
        .toFixed(2)
        .padStart(8)} ${med((x) => x.bytesPerRequest)
        .toFixed(0)
        .padStart(9)} ${median(cpu).toFixed(0).padStart(7)}  ` +
        results.map((x) => `${x.requestsPerSecond.toFixed(0)}/${x.p99.toFixed(1)}`).join(" ") +
        (values["trace-gc"]
          ? `  major GCs ${majorGcs.length} (longest ${Math.max(0, ...majorGcs).toFixed(0)} ms)`
          : "") +
        (failed > 0 ? `  ${failed} FAILED (not 2xx or 3xx)` : "") +
        (socketErrors > 0 ? `  ${socketErrors} socket errors or timeouts` : ""),
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await stop(server.child);
}
console.log(
  `medians of ${runs} runs of ${duration} s, wrk -t${threads} -c${connections}, ${values.headers} headers, ` +
    `${scenarios[0].paths.length} distinct ids; load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${new Date().toISOString()}`,
);
