// Takes docs/screenshot.png: the explorer on the seed corpus in headless Chromium, built as the browser tests build it
// to show subtopics and papers between topics (k = 10, 8 LSA dimensions, clusters of 8 or more papers split): a split
// cluster's list (its topics with their shares here and in the nearest cluster, its stability and subtopics) and the
// paper most between topics open (details, related papers lit on the map, rings on the map), the whole map in view.
// Usage: npm run screenshot [-- --out docs/screenshot.png]

import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";

import type { ClustersDto, GraphDto } from "../server/contract/index.js";
import { launchChromium } from "../test/e2e/browser.js";
import { getJson, waitForExplorer } from "../test/e2e/page.js";
import { startTestServer } from "../test/e2e/server.js";

const { values } = parseArgs({ options: { out: { type: "string", default: "docs/screenshot.png" } } });
const out = values.out!;

const server = await startTestServer(undefined, { pipeline: { lsaDimensions: 8, k: 10, subclusterFrom: 8 } });
const browser = await launchChromium();
try {
  const { clusters } = await getJson<ClustersDto>(server.url, "/api/clusters");
  const split = clusters.find((cluster) => cluster.subclusters.length > 1) ?? clusters[0];
  const { nodes } = await getJson<GraphDto>(server.url, "/api/graph");
  const paper = [...nodes].sort((a, b) => a.confidence - b.confidence)[0];
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/?cluster=${split.id}&paper=${encodeURIComponent(paper.id)}`);
  await waitForExplorer(page);
  await page.locator(`[data-testid=paper-details][data-paper-id="${paper.id}"]:not([aria-busy])`).waitFor();
  await page.locator("[data-testid=list-panel] [data-testid=paper-item]").first().waitFor();
  await page.waitForTimeout(800); // the camera's move to the paper
  await page.evaluate(() => window.__topicgraph!.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1.05, angle: 0 }));
  await page.waitForTimeout(300);
  await mkdir(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
