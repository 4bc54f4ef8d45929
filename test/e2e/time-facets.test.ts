// Time and facets in the explorer, in real headless Chromium against the real server: the seed's papers written with
// known months and categories. The legend's trend lines and its order by growth, the date filter (kept in the
// address, restored on reload) fading the papers outside it, the facet filter, a cluster's main categories.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import type { ClustersDto } from "../../server/contract/index.js";
import { FADED_NODE_COLOR } from "../../client/reducers.js";
import { browserAvailable } from "./browser.js";
import { getJson, openExplorer } from "./page.js";
import { SEED_CORPUS } from "./server.js";
import { useExplorerSession } from "./session.js";

const SUITE = "time and facets in the explorer";
const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  /** Each paper's month index and categories, as written. */
  const written = new Map<string, { bucket: number; categories: string[] }>();
  const session = useExplorerSession({
    corpus: async (directory) => {
      const lines = (await readFile(SEED_CORPUS, "utf8")).trim().split("\n");
      const dated = lines.map((line, i) => {
        const paper = JSON.parse(line) as { id: string };
        // Spread unevenly, so that clusters grow and fade differently: later papers more often recent.
        const bucket = (i * 5 + Math.floor(i / 9)) % MONTHS.length;
        const categories = [i % 3 === 0 ? "cs.CL" : "cs.LG"];
        written.set(paper.id, { bucket, categories });
        return JSON.stringify({ ...paper, date: `${MONTHS[bucket]}-15`, categories });
      });
      await writeFile(join(directory, "dated.jsonl"), `${dated.join("\n")}\n`);
      return join(directory, "dated.jsonl");
    },
    timeout: 180_000,
  });

  /** Ids of the papers drawn faded. */
  const fadedNodes = () =>
    session.page.evaluate((faded) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().filter((node) => sigma.getNodeDisplayData(node)?.color === faded);
    }, FADED_NODE_COLOR);

  const idsWhere = (keep: (w: { bucket: number; categories: string[] }) => boolean) =>
    [...written].filter(([, w]) => keep(w)).map(([id]) => id);

  it("draws a trend line beside each cluster, and sorts the legend by growth", async () => {
    await openExplorer(session.page, session.server.url);
    const { clusters } = await getJson<ClustersDto>(session.server.url, "/api/clusters");
    const lines = session.page.locator("[data-testid=cluster-item] svg.sparkline polyline");
    expect(await lines.count()).toBe(clusters.length);
    for (const points of await lines.evaluateAll((all) => all.map((line) => line.getAttribute("points")!)))
      expect(points.split(" ")).toHaveLength(MONTHS.length);
    const order = () =>
      session.page
        .locator("[data-testid=cluster-item]")
        .evaluateAll((all) => all.map((b) => Number(b.dataset.clusterId)));
    expect(await order()).toEqual(clusters.map((c) => c.id));
    await session.page.selectOption("[data-testid=legend-sort]", "growth");
    const byGrowth = [...clusters].sort((a, b) => (b.growth ?? -1) - (a.growth ?? -1)).map((c) => c.id);
    // The written dates make the orders differ, so the sort is seen to act.
    expect(byGrowth).not.toEqual(clusters.map((c) => c.id));
    expect(await order()).toEqual(byGrowth);
    await session.page.screenshot({ path: join(session.directory, "legend.png") });
  });

  it("fades the papers outside the date range, keeps it in the address and restores it on reload", async () => {
    await openExplorer(session.page, session.server.url);
    expect(await fadedNodes()).toEqual([]);
    await session.page.selectOption("[data-testid=date-from]", "2025-03");
    await session.page.selectOption("[data-testid=date-to]", "2025-05");
    await session.page.waitForFunction(() => location.search.includes("to=2025-05"));
    expect(new URL(session.page.url()).searchParams.get("from")).toBe("2025-03");
    const outside = idsWhere((w) => w.bucket < 2 || w.bucket > 4).sort();
    expect(outside.length).toBeGreaterThan(0);
    expect((await fadedNodes()).sort()).toEqual(outside);

    await session.page.reload();
    await session.page.waitForFunction(
      () => window.__topicgraph !== undefined && document.body.dataset.state === "ready",
    );
    expect(await session.page.inputValue("[data-testid=date-from]")).toBe("2025-03");
    expect(await session.page.inputValue("[data-testid=date-to]")).toBe("2025-05");
    await session.page.waitForFunction((count) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().filter((n) => sigma.getNodeDisplayData(n)?.color === "#e2e4e8").length === count;
    }, outside.length);
    expect((await fadedNodes()).sort()).toEqual(outside);

    await session.page.click("#date-clear");
    await session.page.waitForFunction(() => !location.search.includes("from="));
    expect(await fadedNodes()).toEqual([]);
  });

  it("fades the papers without the chosen category, and names a cluster's main categories", async () => {
    await openExplorer(session.page, session.server.url);
    await session.page.locator("[data-testid=facet-filter]").waitFor({ state: "visible" });
    await session.page.selectOption("[data-testid=facet-name]", "category");
    await session.page.fill("[data-testid=facet-value]", "cs.CL");
    await session.page.press("[data-testid=facet-value]", "Enter");
    const others = idsWhere((w) => !w.categories.includes("cs.CL")).sort();
    await session.page.waitForFunction((count) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().filter((n) => sigma.getNodeDisplayData(n)?.color === "#e2e4e8").length === count;
    }, others.length);
    expect((await fadedNodes()).sort()).toEqual(others);
    await expect
      .poll(() => session.page.textContent("#facet-status"))
      .toContain(`${written.size - others.length} papers`);

    await session.page.locator("[data-testid=cluster-item]").first().click();
    const categories = session.page.locator("[data-testid=cluster-category]");
    await categories.waitFor();
    expect(await categories.textContent()).toMatch(/^Main categories: cs\.(CL|LG) \(\d+\)/);
    await session.page.screenshot({ path: join(session.directory, "facets.png") });
  });
});
