// Client benchmark: time from navigation to the map's first drawn frame and to interactive, in headless Chromium
// (software WebGL: SwiftShader, no GPU) against the real server on a loopback port, for the seed and a large
// corpus. Also the cost of one visual change (a full redraw) and the bundle's gzip size; on a corpus large enough to
// start on the overview, also opening its largest cluster's map (click in the legend to that map on screen).
//   first frame  = performance mark `topicgraph:first-frame` (sigma drew, and the browser painted it)
//   interactive  = `topicgraph:interactive` (first idle period after that: the page answers input at once)
// One warm-up navigation per corpus (the server serialises /api/graph on first use) is not counted; each
// measured run is a fresh browser context (cold HTTP cache). Reports the median of the runs.
// Usage: npm run bench:client -- [corpus ...] [--url http://host:port ...] [--runs 5]
//   (default: data/papers.jsonl and the 17,599-paper corpus; --url measures a running `topicgraph serve`, whose build
//   cache spares the 96k corpus's minutes of building)

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

import type { Browser, Page } from "playwright-core";

import type { HealthDto } from "../server/contract/index.js";
import { launchChromium } from "../test/e2e/browser.js";
import { VIEWPORT, waitForExplorer } from "../test/e2e/page.js";
import { CLIENT_DIR, SEED_CORPUS, startTestServer } from "../test/e2e/server.js";

const LARGE_CORPUS = "../shared/corpora/arxiv-dev-labeled.jsonl.gz";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: "string", default: "5" }, url: { type: "string", multiple: true, default: [] } },
});
const runs = Number(values.runs);
const urls = values.url!;
const corpora =
  positionals.length || urls.length ? positionals : [SEED_CORPUS, ...(existsSync(LARGE_CORPUS) ? [LARGE_CORPUS] : [])];

interface RunTimings {
  graphLoaded: number;
  graphBuilt: number;
  /** Sigma created (its data processed, its first frame submitted) and the panels wired. */
  explorerStarted: number;
  firstFrame: number;
  interactive: number;
  /** One full redraw (a selection's): a reducer pass over every node and link, then the frame rasterised. */
  redraw: number;
  graphBytes: number;
  /** The first map: "whole" or "overview" (body's data-map). */
  map: string;
  /** Overview only: from the click on the largest cluster to its map drawn and painted; NaN otherwise. */
  drill: number;
  /** Overview only: one full redraw of that cluster's map. */
  drillRedraw: number;
  drillPapers: number;
}

async function measure(browser: Browser, url: string): Promise<RunTimings> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  await waitForExplorer(page);
  await page.waitForFunction(() => performance.getEntriesByName("topicgraph:interactive").length > 0, null, {
    timeout: 120_000,
  });
  // NOTE: no named functions inside evaluate(): tsx's esbuild wraps them in a __name helper the page lacks.
  const timings = await page.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const entry of performance.getEntriesByType("mark"))
      marks[entry.name.replace("topicgraph:", "")] = entry.startTime;
    const graph = performance
      .getEntriesByType("resource")
      .find((r) => r.name.endsWith("/api/graph") || r.name.endsWith("/api/overview")) as
      PerformanceResourceTiming | undefined;
    const bench = window as unknown as { __benchRedraw: () => number };
    bench.__benchRedraw = () => {
      const { sigma } = window.__topicgraph!;
      const canvases = sigma.getCanvases();
      const contexts = [canvases.edges, canvases.nodes].map(
        (canvas) => canvas.getContext("webgl2") ?? canvas.getContext("webgl"),
      );
      const pixel = new Uint8Array(4);
      const redraws: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        sigma.refresh({ skipIndexation: true });
        // NOTE: reading a pixel waits for the rasteriser, so the time includes drawing, and no frame of this page is
        // still being drawn (by the shared software GPU process) when the next run starts.
        for (const gl of contexts) gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        redraws.push(performance.now() - start);
      }
      return redraws.sort((a, b) => a - b)[2];
    };
    return {
      graphLoaded: marks["graph-loaded"],
      graphBuilt: marks["graph-built"],
      explorerStarted: marks["explorer-started"],
      firstFrame: marks["first-frame"],
      interactive: marks["interactive"],
      redraw: bench.__benchRedraw(),
      graphBytes: graph?.encodedBodySize ?? NaN,
      map: document.body.dataset.map ?? "",
    };
  });
  let drill = { drill: NaN, drillRedraw: NaN, drillPapers: NaN };
  if (timings.map === "overview") drill = await measureDrill(page);
  await context.close();
  return { ...timings, ...drill };
}

/** Opens the largest cluster from the legend and times it until its map is painted (two animation frames later). */
async function measureDrill(page: Page): Promise<Pick<RunTimings, "drill" | "drillRedraw" | "drillPapers">> {
  const id = await page.evaluate(() => {
    const items = [...document.querySelectorAll<HTMLElement>("[data-testid=cluster-item]")].map((item) => ({
      id: Number(item.dataset.clusterId),
      size: Number(item.querySelector(".count")?.textContent),
    }));
    return items.reduce((best, item) => (item.size > best.size ? item : best)).id;
  });
  const largest = page.locator(`[data-testid=cluster-item][data-cluster-id="${id}"]`);
  await page.evaluate(() => {
    const marks = window as unknown as { __benchClick: number };
    document.addEventListener("click", () => (marks.__benchClick = performance.now()), { capture: true, once: true });
  });
  await largest.click();
  await page.waitForFunction((cluster) => document.body.dataset.mapCluster === String(cluster), id, {
    timeout: 60_000,
  });
  return page.evaluate(
    () =>
      new Promise<Pick<RunTimings, "drill" | "drillRedraw" | "drillPapers">>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const bench = window as unknown as { __benchClick: number; __benchRedraw: () => number };
            const drill = performance.now() - bench.__benchClick;
            resolve({ drill, drillRedraw: bench.__benchRedraw(), drillPapers: window.__topicgraph!.graph.order });
          }),
        ),
      ),
  );
}

async function webglRenderer(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  const renderer = await page.evaluate(() => {
    const gl =
      document.createElement("canvas").getContext("webgl2") ?? document.createElement("canvas").getContext("webgl");
    if (!gl) return "no WebGL";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  });
  await page.close();
  return renderer;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function bundleSizes(): { file: string; bytes: number; gzip: number }[] {
  const assets = join(CLIENT_DIR, "assets");
  const files = [join(CLIENT_DIR, "index.html"), ...readdirSync(assets).map((f) => join(assets, f))];
  return files.map((file) => {
    const content = readFileSync(file);
    return {
      file: file.slice(CLIENT_DIR.length + 1),
      bytes: content.length,
      gzip: gzipSync(content, { level: 9 }).length,
    };
  });
}

const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  const sizes = bundleSizes();
  const browser = await launchChromium();
  console.log(`Chromium ${browser.version()}, WebGL renderer: ${await webglRenderer(browser)}`);
  console.log(
    `Bundle: ${sizes.map((s) => `${s.file} ${(s.bytes / 1024).toFixed(1)} kB (gzip ${(s.gzip / 1024).toFixed(1)} kB)`).join(", ")}`,
  );
  console.log(`Bundle total gzip: ${(sizes.reduce((sum, s) => sum + s.gzip, 0) / 1024).toFixed(1)} kB\n`);
  const rows: string[] = [];
  const drills: string[] = [];
  const bench = async (label: string, url: string) => {
    await measure(browser, url);
    const results: RunTimings[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await measure(browser, url);
      results.push(result);
      const drill =
        result.map === "overview"
          ? `, largest cluster's map ${ms(result.drill)} (redraw ${ms(result.drillRedraw)})`
          : "";
      console.log(
        `  run ${run + 1} (${result.map}): graph loaded ${ms(result.graphLoaded)}, built ${ms(result.graphBuilt)}, map created ${ms(result.explorerStarted)}, first frame ${ms(result.firstFrame)}, interactive ${ms(result.interactive)}, redraw ${ms(result.redraw)}${drill}`,
      );
    }
    const m = (key: keyof RunTimings) => median(results.map((r) => r[key] as number));
    rows.push(
      `| ${label} | ${results[0].map} | ${(m("graphBytes") / 1024).toFixed(0)} kB | ${ms(m("graphLoaded"))} | ${ms(m("graphBuilt"))} | ${ms(m("explorerStarted"))} | ${ms(m("firstFrame"))} | ${ms(m("interactive"))} | ${ms(m("redraw"))} |`,
    );
    if (results[0].map === "overview") {
      drills.push(`| ${label} | ${m("drillPapers")} | ${ms(m("drill"))} | ${ms(m("drillRedraw"))} |`);
    }
  };
  try {
    for (const corpus of corpora) {
      const server = await startTestServer(corpus);
      try {
        console.log(
          `${corpus}: ${server.papers} papers, server build ${(server.buildMs / 1000).toFixed(1)} s (not counted)`,
        );
        await bench(String(server.papers), server.url);
      } finally {
        await server.close();
      }
    }
    for (const url of urls) {
      const health = (await (await fetch(`${url}/api/health`)).json()) as HealthDto;
      console.log(`${url}: ${health.papers} papers`);
      await bench(String(health.papers), url);
    }
  } finally {
    await browser.close();
  }
  console.log(`\nMedian of ${runs} runs (viewport ${VIEWPORT.width}x${VIEWPORT.height}, software WebGL):\n`);
  console.log(
    "| papers | map | first map (gzip) | graph loaded | graph built | map created | first frame | interactive | redraw |",
  );
  console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) console.log(row);
  if (drills.length) {
    console.log("\nOpening the largest cluster from the overview (click to its map painted):\n");
    console.log("| papers | cluster's papers | cluster's map | redraw |");
    console.log("|---:|---:|---:|---:|");
    for (const row of drills) console.log(row);
  }
}

await main();
