// npm run build:server && npm run bench:live -- [corpus] [--runs N] [--batch 1000] [--seconds S] [--concurrency C]
// The served library as a writer sees it, with the compiled CLI on a real port: the corpus imported into a new
// library, `topicgraph serve --db` on it (a write token, a cache of its own, no automatic rebuild), then
// - one POSTed paper until it is found both in its related papers and by search (the POST's answer waits for it to
//   be served; the two GETs check it is), N runs;
// - one dated paper with a category of its own until the facet filter, a topic's papers and the trends count it
//   (the first answers of the map's new version), N runs;
// - one POSTed paper, then the first answer of search, related, facets, topics, trends and clusters, one at a time
//   (what each route's first answer of a new version costs), N runs;
// - N papers in one POST (JSON), N runs;
// - GET /api/papers/:id/related?k=10 with a browser's headers, C requests at a time, for S seconds idle, then while
//   a rebuild runs (POST /api/rebuild; only the answers given while its state is running count): p50 and p99.

import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs, promisify } from "node:util";

import { Library } from "../server/library/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "dist/server/cli.js");
const TOKEN = "live-library-bench";
const BROWSER = { Accept: "application/json", "Accept-Encoding": "gzip, deflate, br" };

const { values, positionals } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    batch: { type: "string", default: "1000" },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "8" },
  },
  allowPositionals: true,
});
const corpus = resolve(positionals[0] ?? join(ROOT, "../shared/corpora/arxiv-large.jsonl.gz"));
const runs = Number(values.runs);
const batch = Number(values.batch);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const dir = await mkdtemp(join(tmpdir(), "topicgraph-live-bench-"));
const db = join(dir, "library.db");
await promisify(execFile)(process.execPath, [CLI, "import", corpus, "--db", db], { maxBuffer: 1 << 26 });
const ready = performance.now();
const server = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0", "--rebuild-after", "1000000000"], {
  env: { ...process.env, TOPICGRAPH_TOKEN: TOKEN, TOPICGRAPH_CACHE_DIR: join(dir, "cache"), PORT: "", HOST: "" },
  stdio: ["ignore", "pipe", "inherit"],
});
const exited = new Promise((resolve) => server.once("exit", resolve));
try {
  const url = await new Promise<string>((resolve, reject) => {
    server.on("exit", (code) => reject(new Error(`topicgraph serve exited with ${code}`)));
    createInterface({ input: server.stdout! }).on("line", (line) => {
      const match = /serving \d+ papers .* at (http:\/\/\S+\/)/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  console.log(`corpus ${corpus}: served in ${((performance.now() - ready) / 1000).toFixed(1)} s at ${url}`);
  const ids = (() => {
    const library = Library.open(db);
    try {
      return library.snapshot().papers.map((paper) => paper.id);
    } finally {
      library.close();
    }
  })();

  const post = (body: unknown) =>
    fetch(new URL("/api/papers", url), {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
  const getJson = async (path: string) => (await fetch(new URL(path, url), { headers: BROWSER })).json();

  // One paper to visible in related and search.
  const visible: number[] = [];
  for (let i = 0; i < runs; i++) {
    const word = `benchword${i}x${Date.now().toString(36)}`;
    const paper = {
      id: `live-bench-${word}`,
      title: `Graph neural networks for ${word} prediction`,
      abstract: `We study ${word} with message passing graph neural networks and transformers on benchmark data.`,
    };
    const start = performance.now();
    const answer = await post(paper);
    if (answer.status !== 201) throw new Error(`POST answered ${answer.status}: ${await answer.text()}`);
    const [related, search] = await Promise.all([
      getJson(`/api/papers/${encodeURIComponent(paper.id)}/related?k=10`),
      getJson(`/api/search?q=${word}`),
    ]);
    visible.push(performance.now() - start);
    if (!(related.related?.length > 0) || !search.results?.some((r: { id: string }) => r.id === paper.id)) {
      throw new Error(`paper ${paper.id} not served: ${JSON.stringify({ related, search }).slice(0, 300)}`);
    }
  }
  console.log(
    `one POSTed paper to visible in related and search: median ${ms(quantile(visible, 0.5))}, max ${ms(Math.max(...visible))} (${runs} runs)`,
  );

  // One dated, categorised paper to visible in the facet filter, a topic's papers and the trends' totals (each the
  // first answer of the map's new version, so what that version makes on first use is in the figure).
  const listed: number[] = [];
  for (let i = 0; i < runs; i++) {
    const word = `facetword${i}x${Date.now().toString(36)}`;
    const topicPath = `/api/topics/${encodeURIComponent("neural networks")}/papers?limit=1`;
    const before = await getJson(topicPath);
    const paper = {
      id: `live-bench-${word}`,
      title: `Neural networks for ${word} prediction`,
      abstract: `We study ${word} with message passing neural networks and transformers on benchmark data.`,
      categories: [`bench.${word}`],
      date: new Date().toISOString().slice(0, 10),
    };
    const start = performance.now();
    const answer = await post(paper);
    if (answer.status !== 201) throw new Error(`POST answered ${answer.status}: ${await answer.text()}`);
    const [facets, topic, trends] = await Promise.all([
      getJson(`/api/facets?category=${encodeURIComponent(paper.categories[0])}`),
      getJson(topicPath),
      getJson("/api/trends?limit=10"),
    ]);
    listed.push(performance.now() - start);
    if (facets.papers !== 1 || topic.total !== before.total + 1 || !Array.isArray(trends.totals)) {
      throw new Error(`paper ${paper.id} not counted: ${JSON.stringify({ facets, topic }).slice(0, 300)}`);
    }
  }
  console.log(
    `one POSTed paper to visible in facets, a topic's papers and trends: median ${ms(quantile(listed, 0.5))}, max ${ms(Math.max(...listed))} (${runs} runs)`,
  );

  // Where a new version's first answers spend their time: one POSTed paper, then each endpoint asked once, one at a
  // time (each the first answer of the version for its route).
  const firsts = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    const word = `firstword${i}x${Date.now().toString(36)}`;
    const id = `live-bench-${word}`;
    const paths = {
      POST: "",
      search: `/api/search?q=${word}`,
      related: `/api/papers/${encodeURIComponent(id)}/related?k=10`,
      facets: "/api/facets",
      topics: "/api/topics",
      trends: "/api/trends?limit=10",
      clusters: "/api/clusters",
    };
    for (const [name, path] of Object.entries(paths)) {
      const start = performance.now();
      const answer =
        name === "POST"
          ? await post({ id, title: `Graph neural networks for ${word}`, abstract: `We study ${word} on graphs.` })
          : await fetch(new URL(path, url), { headers: BROWSER });
      await answer.arrayBuffer();
      if (!answer.ok) throw new Error(`${name} answered ${answer.status}`);
      firsts.set(name, [...(firsts.get(name) ?? []), performance.now() - start]);
    }
  }
  console.log(
    `a new version's first answers, one at a time after one POSTed paper (medians of ${runs}): ` +
      [...firsts].map(([name, times]) => `${name} ${ms(quantile(times, 0.5))}`).join(", "),
  );

  // A batch in one POST.
  const batches: number[] = [];
  for (let i = 0; i < runs; i++) {
    const papers = Array.from({ length: batch }, (_, j) => ({
      id: `live-batch-${i}-${j}`,
      title: `A batch paper ${i} ${j} on graph neural networks and ${ids[(i * batch + j) % ids.length]}`,
      abstract: `Paper ${j} of batch ${i}: message passing, attention and transformers on benchmark data ${j}.`,
    }));
    const start = performance.now();
    const answer = await post(papers);
    if (answer.status !== 201) throw new Error(`POST answered ${answer.status}: ${await answer.text()}`);
    batches.push(performance.now() - start);
  }
  console.log(
    `${batch} papers in one POST: median ${ms(quantile(batches, 0.5))}, max ${ms(Math.max(...batches))} (${runs} runs)`,
  );

  // related's latency idle, then while a rebuild runs.
  const latencies = async (until: () => boolean) => {
    const times: number[] = [];
    let next = 0;
    const worker = async () => {
      while (!until()) {
        const id = ids[(next++ * 7919) % ids.length];
        const start = performance.now();
        const response = await fetch(new URL(`/api/papers/${encodeURIComponent(id)}/related?k=10`, url), {
          headers: BROWSER,
        });
        await response.arrayBuffer();
        if (!until()) times.push(performance.now() - start);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return times;
  };
  const idleEnd = performance.now() + seconds * 1000;
  const idle = await latencies(() => performance.now() > idleEnd);
  const asked = await fetch(new URL("/api/rebuild", url), {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const build = await asked.json();
  let state = build.state as string;
  const rebuildStart = performance.now();
  const watch = (async () => {
    while (state === "queued" || state === "running") {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await getJson(`/api/builds/${build.id}`)).state;
    }
  })();
  const during = await latencies(() => state !== "running" && state !== "queued");
  await watch;
  const rebuildS = (performance.now() - rebuildStart) / 1000;
  console.log(
    `related?k=10 (browser headers, ${concurrency} at a time): idle p50 ${ms(quantile(idle, 0.5))} p99 ${ms(quantile(idle, 0.99))} ` +
      `(${idle.length} answers); during the rebuild p50 ${ms(quantile(during, 0.5))} p99 ${ms(quantile(during, 0.99))} ` +
      `(${during.length} answers); the rebuild ${state} in ${rebuildS.toFixed(1)} s`,
  );
} finally {
  server.kill("SIGTERM");
  await exited;
  await rm(dir, { recursive: true, force: true });
}
