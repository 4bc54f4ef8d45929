// Takes docs/screenshot.png: the explorer on the seed corpus in headless Chromium, with a cluster's list and one of
// its papers open (details, related papers lit on the map) and the whole map in view.
// Usage: npm run screenshot [-- --out docs/screenshot.png]

import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";

import type { ClusterPapersDto } from "../server/api/dto.js";
import { launchChromium } from "../test/e2e/browser.js";
import { getJson, waitForExplorer } from "../test/e2e/page.js";
import { startTestServer } from "../test/e2e/server.js";

const { values } = parseArgs({ options: { out: { type: "string", default: "docs/screenshot.png" } } });
const out = values.out!;

const server = await startTestServer();
const browser = await launchChromium();
try {
  const { papers } = await getJson<ClusterPapersDto>(server.url, "/api/clusters/0");
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/?cluster=0&paper=${encodeURIComponent(papers[0].id)}`);
  await waitForExplorer(page);
  await page.locator(`[data-testid=paper-details][data-paper-id="${papers[0].id}"]:not([aria-busy])`).waitFor();
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
