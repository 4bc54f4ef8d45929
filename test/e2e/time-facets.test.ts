// Time and facets in the explorer, in real headless Chromium against the real server: the seed's papers written with
// known months and categories. The legend's trend lines and its order by growth, the date filter (kept in the
// address, restored on reload) fading the papers outside it, the facet filter, a cluster's main categories.

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { ClustersDto } from "../../server/contract/index.js";
import { FADED_NODE_COLOR } from "../../client/reducers.js";
import { browserAvailable, launchChromium } from "./browser.js";
import { getJson, newExplorerPage, openExplorer, type OpenedPage } from "./page.js";
import { SEED_CORPUS, startTestServer, type TestServer } from "./server.js";

const SUITE = "time and facets in the explorer";
const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  let dir: string;
  let server: TestServer;
  let browser: Browser;
  let opened: OpenedPage;
  let page: Page;
  /** Each paper's month index and categories, as written. */
  const written = new Map<string, { bucket: number; categories: string[] }>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "topicgraph-e2e-time-"));
    const lines = (await readFile(SEED_CORPUS, "utf8")).trim().split("\n");
    const dated = lines.map((line, i) => {
      const paper = JSON.parse(line) as { id: string };
      // Spread unevenly, so that clusters grow and fade differently: later papers more often recent.
      const bucket = (i * 5 + Math.floor(i / 9)) % MONTHS.length;
      const categories = [i % 3 === 0 ? "cs.CL" : "cs.LG"];
      written.set(paper.id, { bucket, categories });
      return JSON.stringify({ ...paper, date: `${MONTHS[bucket]}-15`, categories });
    });
    await writeFile(join(dir, "dated.jsonl"), `${dated.join("\n")}\n`);
    [server, browser] = await Promise.all([startTestServer(join(dir, "dated.jsonl")), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    opened = await newExplorerPage(browser);
    page = opened.page;
    return async () => {
      await page.close();
      expect(opened.errors).toEqual([]);
    };
  });

  /** Ids of the papers drawn faded. */
  const fadedNodes = () =>
    page.evaluate((faded) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().filter((node) => sigma.getNodeDisplayData(node)?.color === faded);
    }, FADED_NODE_COLOR);

  const idsWhere = (keep: (w: { bucket: number; categories: string[] }) => boolean) =>
    [...written].filter(([, w]) => keep(w)).map(([id]) => id);

  it("draws a trend line beside each cluster, and sorts the legend by growth", async () => {
    await openExplorer(page, server.url);
    const { clusters } = await getJson<ClustersDto>(server.url, "/api/clusters");
    const lines = page.locator("[data-testid=cluster-item] svg.sparkline polyline");
    expect(await lines.count()).toBe(clusters.length);
    for (const points of await lines.evaluateAll((all) => all.map((line) => line.getAttribute("points")!)))
      expect(points.split(" ")).toHaveLength(MONTHS.length);
    const order = () =>
      page.locator("[data-testid=cluster-item]").evaluateAll((all) => all.map((b) => Number(b.dataset.clusterId)));
    expect(await order()).toEqual(clusters.map((c) => c.id));
    await page.selectOption("[data-testid=legend-sort]", "growth");
    const byGrowth = [...clusters].sort((a, b) => (b.growth ?? -1) - (a.growth ?? -1)).map((c) => c.id);
    // The written dates make the orders differ, so the sort is seen to act.
    expect(byGrowth).not.toEqual(clusters.map((c) => c.id));
    expect(await order()).toEqual(byGrowth);
    await page.screenshot({ path: join(dir, "legend.png") });
  });

  it("fades the papers outside the date range, keeps it in the address and restores it on reload", async () => {
    await openExplorer(page, server.url);
    expect(await fadedNodes()).toEqual([]);
    await page.selectOption("[data-testid=date-from]", "2025-03");
    await page.selectOption("[data-testid=date-to]", "2025-05");
    await page.waitForFunction(() => location.search.includes("to=2025-05"));
    expect(new URL(page.url()).searchParams.get("from")).toBe("2025-03");
    const outside = idsWhere((w) => w.bucket < 2 || w.bucket > 4).sort();
    expect(outside.length).toBeGreaterThan(0);
    expect((await fadedNodes()).sort()).toEqual(outside);

    await page.reload();
    await page.waitForFunction(() => window.__topicgraph !== undefined && document.body.dataset.state === "ready");
    expect(await page.inputValue("[data-testid=date-from]")).toBe("2025-03");
    expect(await page.inputValue("[data-testid=date-to]")).toBe("2025-05");
    await page.waitForFunction((count) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().filter((n) => sigma.getNodeDisplayData(n)?.color === "#e2e4e8").length === count;
    }, outside.length);
    expect((await fadedNodes()).sort()).toEqual(outside);

    await page.click("#date-clear");
    await page.waitForFunction(() => !location.search.includes("from="));
    expect(await fadedNodes()).toEqual([]);
  });

  it("fades the papers without the chosen category, and names a cluster's main categories", async () => {
    await openExplorer(page, server.url);
    await page.locator("[data-testid=facet-filter]").waitFor({ state: "visible" });
    await page.selectOption("[data-testid=facet-name]", "category");
    await page.fill("[data-testid=facet-value]", "cs.CL");
    await page.press("[data-testid=facet-value]", "Enter");
    const others = idsWhere((w) => !w.categories.includes("cs.CL")).sort();
    await page.waitForFunction((count) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().filter((n) => sigma.getNodeDisplayData(n)?.color === "#e2e4e8").length === count;
    }, others.length);
    expect((await fadedNodes()).sort()).toEqual(others);
    await expect.poll(() => page.textContent("#facet-status")).toContain(`${written.size - others.length} papers`);

    await page.locator("[data-testid=cluster-item]").first().click();
    const categories = page.locator("[data-testid=cluster-category]");
    await categories.waitFor();
    expect(await categories.textContent()).toMatch(/^Main categories: cs\.(CL|LG) \(\d+\)/);
    await page.screenshot({ path: join(dir, "facets.png") });
  });
});
