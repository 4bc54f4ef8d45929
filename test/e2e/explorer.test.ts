// The explorer in real headless Chromium against the real server on the seed corpus (74 papers).

import { readFile } from "node:fs/promises";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type {
  ClusterPapersDto,
  ClustersDto,
  PaperRelatedDto,
  SearchDto,
  TopicPapersDto,
  TopicsDto,
} from "../../server/contract/index.js";
import { browserAvailable, launchChromium } from "./browser.js";
import {
  countColours,
  getJson,
  isolatedNode,
  newExplorerPage,
  nodePagePoint,
  openExplorer,
  type OpenedPage,
} from "./page.js";
import { startTestServer, type TestServer } from "./server.js";

const SUITE = "explorer on the seed corpus";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  let server: TestServer;
  let browser: Browser;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    opened = await newExplorerPage(browser);
    page = opened.page;
    return async () => {
      await page.close();
      expect(opened.errors).toEqual([]);
    };
  });

  const details = () => page.locator("[data-testid=paper-details]");
  const detailsOf = (id: string) => page.locator(`[data-testid=paper-details][data-paper-id="${id}"]:not([aria-busy])`);

  it("draws every paper in its cluster's colour, with the clusters' labels on the map", async () => {
    await openExplorer(page, server.url);
    const { clusters } = await getJson<ClustersDto>(server.url, "/api/clusters");
    expect(await page.evaluate(() => window.__topicgraph!.graph.order)).toBe(74);
    // Cluster labels are drawn in the cluster colours too: hide them so that only the canvas is counted.
    const hidden = await page.addStyleTag({ content: ".cluster-labels { visibility: hidden }" });
    const png = await page.locator("[data-testid=map]").screenshot();
    const counts = await countColours(
      page,
      png,
      clusters.map((c) => c.color),
    );
    for (const [i, cluster] of clusters.entries()) {
      expect(counts[i], `pixels of cluster ${cluster.id} (${cluster.color})`).toBeGreaterThan(10 * cluster.size);
    }
    await hidden.evaluate((style) => (style as Element).remove());
    const labels = await page.locator(".cluster-label").allTextContents();
    expect(labels).toEqual(clusters.map((c) => c.label));
    // Every label drawn, at the first zoom and zoomed out, and no two overlapping.
    for (const ratio of [null, 3]) {
      if (ratio) await page.evaluate((r) => window.__topicgraph!.sigma.getCamera().setState({ ratio: r }), ratio);
      await page.waitForTimeout(300);
      const boxes = await page.locator(".cluster-label").evaluateAll((els) =>
        els.map((el) => ({
          shown: getComputedStyle(el).visibility === "visible" && !el.classList.contains("overlapping"),
          ...JSON.parse(JSON.stringify(el.getBoundingClientRect())),
        })),
      );
      expect(boxes.every((b) => b.shown)).toBe(true);
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1))
          expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false);
    }
  });

  it("lists every cluster in the legend as /api/clusters has it", async () => {
    await openExplorer(page, server.url);
    const { clusters } = await getJson<ClustersDto>(server.url, "/api/clusters");
    const items = page.locator("[data-testid=cluster-item]");
    await expect.poll(() => items.count()).toBe(clusters.length);
    const shown = await items.evaluateAll((buttons) =>
      buttons.map((b) => ({
        id: Number((b as HTMLElement).dataset.clusterId),
        label: b.querySelector(".cluster-name")!.textContent,
        size: Number(b.querySelector(".count")!.textContent),
        color: getComputedStyle(b.querySelector(".swatch")!).backgroundColor,
      })),
    );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    expect(shown).toEqual(clusters.map((c) => ({ id: c.id, label: c.label, size: c.size, color: rgb(c.color) })));
  });

  it("lists exactly a cluster's papers from /api/clusters/:id, highlights them, and clears on a second click or Escape", async () => {
    await openExplorer(page, server.url);
    const { clusters } = await getJson<ClustersDto>(server.url, "/api/clusters");
    const cluster = clusters[1];
    const expected = await getJson<ClusterPapersDto>(server.url, `/api/clusters/${cluster.id}`);
    const item = page.locator(`[data-testid=cluster-item][data-cluster-id="${cluster.id}"]`);
    await item.click();
    const papers = page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => papers.count()).toBe(expected.papers.length);
    expect(await papers.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId))).toEqual(
      expected.papers.map((p) => p.id),
    );
    expect(await item.getAttribute("aria-pressed")).toBe("true");
    expect(new URL(page.url()).searchParams.get("cluster")).toBe(String(cluster.id));
    // On the map, the cluster's papers keep their colour and the others fade.
    const colours = await page.evaluate((id) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().map((n) => ({
        inside: graph.getNodeAttribute(n, "cluster") === id,
        kept: sigma.getNodeDisplayData(n)!.color === graph.getNodeAttribute(n, "color"),
      }));
    }, cluster.id);
    for (const { inside, kept } of colours) expect(kept).toBe(inside);

    await item.click();
    await expect.poll(() => page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
    expect(new URL(page.url()).searchParams.has("cluster")).toBe(false);

    // By keyboard: focus the legend entry, Enter selects, Escape clears.
    await item.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => papers.count()).toBe(expected.papers.length);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
    expect(await item.getAttribute("aria-pressed")).toBe("false");
  });

  it("opens a paper's details with related papers when its disc is clicked on the map", async () => {
    await openExplorer(page, server.url);
    const id = await isolatedNode(page);
    const { related } = await getJson<PaperRelatedDto>(server.url, `/api/papers/${encodeURIComponent(id)}/related`);
    const point = await nodePagePoint(page, id);
    await page.mouse.move(point.x, point.y);
    await page.mouse.click(point.x, point.y);
    await detailsOf(id).waitFor();
    const title = await page.evaluate((n) => window.__topicgraph!.graph.getNodeAttribute(n, "title"), id);
    expect(await details().locator("[data-testid=paper-title]").textContent()).toBe(title);
    expect((await details().locator("[data-testid=paper-abstract]").textContent())!.length).toBeGreaterThan(50);
    const items = details().locator("[data-testid=related-item]");
    expect(related.length).toBeGreaterThan(0);
    expect(await items.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId))).toEqual(
      related.map((r) => r.id),
    );
    expect(await items.first().textContent()).toContain(related[0].score.toFixed(2));
    expect(new URL(page.url()).searchParams.get("paper")).toBe(id);

    // Clicking a related paper moves to it.
    const next = related[0].id;
    await items.first().click();
    await detailsOf(next).waitFor();
    await expect
      .poll(() =>
        page.evaluate((n) => {
          const { sigma } = window.__topicgraph!;
          const display = sigma.getNodeDisplayData(n)!;
          const camera = sigma.getCamera().getState();
          return Math.hypot(camera.x - display.x, camera.y - display.y) < 0.01;
        }, next),
      )
      .toBe(true);
  });

  it("fades everything but the hovered paper and its neighbours", async () => {
    await openExplorer(page, server.url);
    const id = await isolatedNode(page);
    const point = await nodePagePoint(page, id);
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => page.evaluate(() => document.querySelector(".cluster-label.faded") !== null)).toBe(true);
    const state = await page.evaluate((n) => {
      const { sigma, graph } = window.__topicgraph!;
      const neighbours = new Set(graph.neighbors(n));
      return graph.nodes().map((m) => ({
        near: m === n || neighbours.has(m),
        same: sigma.getNodeDisplayData(m)!.color === graph.getNodeAttribute(m, "color"),
      }));
    }, id);
    for (const { near, same } of state) expect(same).toBe(near);
  });

  it("selects the best match of a search on Enter and moves to it", async () => {
    await openExplorer(page, server.url);
    const answer = await getJson<SearchDto>(server.url, "/api/search?q=quantization&limit=8");
    const best = answer.results[0].id;
    const input = page.locator("[data-testid=search-input]");
    await input.fill("quantization");
    await page.locator("[data-testid=search-suggestion]").first().waitFor();
    const suggested = await page
      .locator("[data-testid=search-suggestion][data-kind=paper]")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId));
    expect(suggested).toEqual(answer.results.map((r) => r.id));
    await input.press("Enter");
    await detailsOf(best).waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get("paper")).toBe(best);
    expect(url.searchParams.get("q")).toBe("quantization");
  });

  it("restores paper, cluster and search from a link", async () => {
    const { clusters } = await getJson<ClustersDto>(server.url, "/api/clusters");
    const cluster = clusters[2];
    const { papers } = await getJson<ClusterPapersDto>(server.url, `/api/clusters/${cluster.id}`);
    const paper = papers[papers.length - 1].id;
    await openExplorer(page, `${server.url}/?paper=${encodeURIComponent(paper)}&cluster=${cluster.id}&q=graph`);
    await detailsOf(paper).waitFor();
    await expect
      .poll(() => page.locator("[data-testid=list-panel] [data-testid=paper-item]").count())
      .toBe(papers.length);
    expect(
      await page.locator(`[data-testid=cluster-item][data-cluster-id="${cluster.id}"]`).getAttribute("aria-pressed"),
    ).toBe("true");
    expect(await page.locator("[data-testid=search-input]").inputValue()).toBe("graph");
    // Back goes to the previous view, forward returns.
    await page.locator("[data-testid=list-panel] [data-testid=paper-item]").first().click();
    await detailsOf(papers[0].id).waitFor();
    await page.goBack();
    await detailsOf(paper).waitFor();
  });

  it("downloads the GEXF file from the map's export menu", async () => {
    await openExplorer(page, server.url);
    await page.locator("[data-testid=map-export] summary").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-testid=map-export] [data-testid=export-gexf]").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.gexf$/);
    const text = await readFile((await download.path())!, "utf8");
    expect(text.startsWith("<?xml")).toBe(true);
    expect(text).toContain("<gexf");
    expect((text.match(/<node /g) ?? []).length).toBe(74);
  });

  it("lists the papers related to a pasted text and highlights them", async () => {
    await openExplorer(page, server.url);
    await page
      .locator("[data-testid=related-text]")
      .fill("Low-precision floating-point quantization of large language model weights");
    await page.locator("[data-testid=related-submit]").click();
    const items = page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await items.first().waitFor();
    expect(await page.locator("[data-testid=list-panel] .subtitle").textContent()).toMatch(/Most likely cluster: .+/);
    const ids = await items.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId!));
    const faded = await page.evaluate((matches) => {
      const { sigma, graph } = window.__topicgraph!;
      const isFaded = (n: string) => sigma.getNodeDisplayData(n)!.color !== graph.getNodeAttribute(n, "color");
      return {
        matches: matches.filter(isFaded).length,
        others: graph.nodes().filter((n) => !matches.includes(n) && !isFaded(n)).length,
      };
    }, ids);
    expect(faded).toEqual({ matches: 0, others: 0 });
  });

  it("hides weaker links with the similarity slider", async () => {
    await openExplorer(page, server.url);
    const hiddenLinks = () =>
      page.evaluate(() => {
        const { sigma, graph } = window.__topicgraph!;
        return graph.edges().filter((e) => sigma.getEdgeDisplayData(e)!.hidden).length;
      });
    expect(await hiddenLinks()).toBe(0);
    const slider = page.locator("[data-testid=similarity-slider]");
    await slider.fill("0.3");
    const expected = await page.evaluate(
      () => window.__topicgraph!.graph.filterEdges((_e, a) => a.weight < 0.3).length,
    );
    expect(expected).toBeGreaterThan(0);
    await expect.poll(hiddenLinks).toBe(expected);
  });

  it("keeps only the papers on a topic with the topic filter, and clears it", async () => {
    await openExplorer(page, server.url);
    const { topics } = await getJson<TopicsDto>(server.url, "/api/topics?limit=10");
    const term = topics[0].term;
    const { papers } = await getJson<TopicPapersDto>(
      server.url,
      `/api/topics/${encodeURIComponent(term)}/papers?limit=1000`,
    );
    const visible = () =>
      page.evaluate(() => {
        const { sigma, graph } = window.__topicgraph!;
        return graph.filterNodes((n) => !sigma.getNodeDisplayData(n)!.hidden).sort();
      });
    const input = page.locator("[data-testid=topic-filter]");
    await input.fill(term);
    await input.press("Enter");
    await expect.poll(visible).toEqual(papers.map((p) => p.id).sort());
    expect(await page.locator("#topic-status").textContent()).toContain(`${papers.length} papers`);
    await page.locator("#topic-clear").click();
    await expect.poll(async () => (await visible()).length).toBe(74);
  });
});
