// Where compression pays for the API's answers: GET /api/papers/:id/related?k=K (bodies from under 1 kB to tens of
// kB) served by two apps in this process, one compressing every answer (compressFrom 0) and one none, driven by wrk
// with a browser's headers over 2,000 papers. For each K: the body's size, the size sent, the server's CPU per answer
// either way, the client's decoding time (zlib in this process standing in for the browser's), and the link speed
// below which compressing saves more time than it costs: bits saved / (extra CPU + decoding).
// --accept sets the client's Accept-Encoding (a browser's by default, for which the middleware picks br).
// Usage: node --import tsx bench/compression-bench.ts [corpus] [--runs 5] [--duration 5] [--ks 1,2,3,5,8,10,20,50,100]
//        [--accept "gzip, deflate, br"]

import { request } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

import { createApp } from "../server/app.js";
import { DEFAULT_CACHE_DIR } from "../server/config.js";
import { loadBuild } from "../server/load-build.js";
import { createStore, type TopicStore } from "../server/query/index.js";
import { startServer } from "../server/serve.js";
import { luaScript, median, runWrk, sample, type WrkResult } from "./wrk.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "5" },
    duration: { type: "string", default: "5" },
    ks: { type: "string", default: "1,2,3,5,8,10,20,50,100" },
    accept: { type: "string", default: "gzip, deflate, br" },
  },
});
const corpus = positionals[0] ?? "../shared/corpora/arxiv-dev-labeled.jsonl.gz";
const runs = Number(values.runs);
const duration = Number(values.duration);
const ks = values.ks.split(",").map(Number);
const BROWSER = { Accept: "application/json", "Accept-Encoding": values.accept };
const WRK = { threads: 1, connections: 50 };

/** The store as `topicgraph serve` makes it (from the build cache when it has the corpus). */
async function openStore(): Promise<TopicStore> {
  const loaded = await loadBuild({
    corpus,
    pipeline: {},
    cacheDir: process.env.TOPICGRAPH_CACHE_DIR ?? DEFAULT_CACHE_DIR,
  });
  await loaded.persist();
  return createStore(loaded.build, {
    papers: loaded.papers,
    builtAt: loaded.builtAt,
    buildMs: loaded.readMs + loaded.buildMs,
    searchIndex: loaded.searchIndex,
  });
}

/** An answer's raw bytes and encoding, as a browser receives them. */
function getRaw(url: URL): Promise<{ body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: BROWSER }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ body: Buffer.concat(chunks), encoding: res.headers["content-encoding"] ?? "" }));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

const DECODERS: Record<string, (body: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  deflate: inflateSync,
  "": (body) => body,
};

/** Median time to decode each of `bodies`, in µs. */
function decodeMicros(bodies: { body: Buffer; encoding: string }[]): number {
  const times = bodies.map(({ body, encoding }) => {
    const decode = DECODERS[encoding];
    const start = performance.now();
    for (let i = 0; i < 20; i++) decode(body);
    return ((performance.now() - start) / 20) * 1000;
  });
  return median(times);
}

const store = await openStore();
const always = await startServer(createApp({ store, config: { compressFrom: 0 } }), { host: "127.0.0.1", port: 0 });
const never = await startServer(createApp({ store, config: { compressFrom: Infinity } }), {
  host: "127.0.0.1",
  port: 0,
});
const ids = sample(store.papers.ids, 2000).map(encodeURIComponent);
const dir = await mkdtemp(join(tmpdir(), "compression-bench-"));

/** Median req/s, bytes per answer, p50 and CPU µs per answer of `runs` runs on `url`. */
async function measure(url: string, script: string) {
  await runWrk(url, script, 2, WRK);
  const results: WrkResult[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const before = process.cpuUsage();
    const result = await runWrk(url, script, duration, WRK);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / Math.max(1, result.requests));
    results.push(result);
  }
  const med = (pick: (x: WrkResult) => number) => median(results.map(pick));
  return { rps: med((x) => x.requestsPerSecond), bytes: med((x) => x.bytesPerRequest), cpu: median(cpu) };
}

try {
  console.log(
    "k    body B  sent B  enc   cpu µs plain  cpu µs compressed  decode µs  req/s plain/compressed  pays below Mbit/s",
  );
  for (const k of ks) {
    const paths = ids.map((id) => `/api/papers/${id}/related?k=${k}`);
    const script = join(dir, `related-${k}.lua`);
    await writeFile(script, luaScript({ name: `k=${k}`, method: "GET", paths }, BROWSER));
    const samples = await Promise.all(paths.slice(0, 200).map((path) => getRaw(new URL(path, always.url))));
    const plainSizes = await Promise.all(paths.slice(0, 200).map((path) => getRaw(new URL(path, never.url))));
    const body = median(plainSizes.map((x) => x.body.length));
    const sent = median(samples.map((x) => x.body.length));
    const decode = decodeMicros(samples);
    // Alternated, so that both see the same machine.
    const plain = await measure(never.url, script);
    const compressed = await measure(always.url, script);
    const cost = compressed.cpu - plain.cpu + decode;
    const savedBits = (plain.bytes - compressed.bytes) * 8;
    console.log(
      `${String(k).padEnd(4)} ${body.toFixed(0).padStart(6)} ${sent.toFixed(0).padStart(7)}  ${samples[0].encoding.padEnd(4)} ` +
        `${plain.cpu.toFixed(0).padStart(12)} ${compressed.cpu.toFixed(0).padStart(19)} ${decode.toFixed(0).padStart(10)}  ` +
        `${plain.rps.toFixed(0).padStart(11)}/${compressed.rps.toFixed(0).padEnd(11)} ` +
        `${(cost > 0 ? savedBits / cost : Infinity).toFixed(0).padStart(17)}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await always.close();
  await never.close();
}
console.log(
  `medians of ${runs} runs of ${duration} s, wrk -t1 -c50, Accept-Encoding: ${values.accept}; corpus ${corpus}; ` +
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${new Date().toISOString()}`,
);
process.exit(0);
