// The explorer in real headless Chromium against the real server on the seed corpus (74 papers).

import { readFile } from "node:fs/promises";

import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";

import type {
  ClusterPapersDto,
  ClustersDto,
  PaperRelatedDto,
  SearchDto,
  TextRelatedDto,
  TopicPapersDto,
  TopicsDto,
} from "../../server/contract/index.js";
import { browserAvailable } from "./browser.js";
import { countColours, getJson, isolatedNode, nodePagePoint, openExplorer, waitForExplorer } from "./page.js";
import { useExplorerSession } from "./session.js";

const SUITE = "explorer on the seed corpus";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  const session = useExplorerSession();

  const details = () => session.page.locator("[data-testid=paper-details]");
  const listedIds = (items: Locator) =>
    items.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId!));
  /** Papers drawn in their own colour (the others are faded). */
  const lit = () =>
    session.page.evaluate(() => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.filterNodes((n) => sigma.getNodeDisplayData(n)!.color === graph.getNodeAttribute(n, "color")).sort();
    });
  const visible = () =>
    session.page.evaluate(() => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.filterNodes((n) => !sigma.getNodeDisplayData(n)!.hidden).sort();
    });
  const detailsOf = (id: string) =>
    session.page.locator(`[data-testid=paper-details][data-paper-id="${id}"]:not([aria-busy])`);

  it("draws every paper in its cluster's colour, with the clusters' labels on the map", async () => {
    await openExplorer(session.page, session.server.url);
    const { clusters } = await getJson<ClustersDto>(session.server.url, "/api/clusters");
    expect(await session.page.evaluate(() => window.__topicgraph!.graph.order)).toBe(74);
    // Cluster labels are drawn in the cluster colours too: hide them so that only the canvas is counted.
    const hidden = await session.page.addStyleTag({ content: ".cluster-labels { visibility: hidden }" });
    const png = await session.page.locator("[data-testid=map]").screenshot();
    const counts = await countColours(
      session.page,
      png,
      clusters.map((c) => c.color),
    );
    for (const [i, cluster] of clusters.entries()) {
      expect(counts[i], `pixels of cluster ${cluster.id} (${cluster.color})`).toBeGreaterThan(10 * cluster.size);
    }
    await hidden.evaluate((style) => (style as Element).remove());
    const labels = await session.page.locator(".cluster-label").allTextContents();
    expect(labels).toEqual(clusters.map((c) => c.label));
    // Every label drawn, at the first zoom and zoomed out, and no two overlapping.
    for (const ratio of [null, 3]) {
      if (ratio)
        await session.page.evaluate((r) => window.__topicgraph!.sigma.getCamera().setState({ ratio: r }), ratio);
      await session.page.waitForTimeout(300);
      const boxes = await session.page.locator(".cluster-label").evaluateAll((els) =>
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
    await openExplorer(session.page, session.server.url);
    const { clusters } = await getJson<ClustersDto>(session.server.url, "/api/clusters");
    const items = session.page.locator("[data-testid=cluster-item]");
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
    await openExplorer(session.page, session.server.url);
    const { clusters } = await getJson<ClustersDto>(session.server.url, "/api/clusters");
    const cluster = clusters[1];
    const expected = await getJson<ClusterPapersDto>(session.server.url, `/api/clusters/${cluster.id}`);
    const item = session.page.locator(`[data-testid=cluster-item][data-cluster-id="${cluster.id}"]`);
    await item.click();
    const papers = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => papers.count()).toBe(expected.papers.length);
    expect(await papers.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId))).toEqual(
      expected.papers.map((p) => p.id),
    );
    expect(await item.getAttribute("aria-pressed")).toBe("true");
    expect(new URL(session.page.url()).searchParams.get("cluster")).toBe(String(cluster.id));
    // On the map, the cluster's papers keep their colour and the others fade.
    const colours = await session.page.evaluate((id) => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.nodes().map((n) => ({
        inside: graph.getNodeAttribute(n, "cluster") === id,
        kept: sigma.getNodeDisplayData(n)!.color === graph.getNodeAttribute(n, "color"),
      }));
    }, cluster.id);
    for (const { inside, kept } of colours) expect(kept).toBe(inside);

    await item.click();
    await expect.poll(() => session.page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
    expect(new URL(session.page.url()).searchParams.has("cluster")).toBe(false);

    // By keyboard: focus the legend entry, Enter selects, Escape clears.
    await item.focus();
    await session.page.keyboard.press("Enter");
    await expect.poll(() => papers.count()).toBe(expected.papers.length);
    await session.page.keyboard.press("Escape");
    await expect.poll(() => session.page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
    expect(await item.getAttribute("aria-pressed")).toBe("false");
  });

  it("opens a paper's details with related papers when its disc is clicked on the map", async () => {
    await openExplorer(session.page, session.server.url);
    const id = await isolatedNode(session.page);
    const { related } = await getJson<PaperRelatedDto>(
      session.server.url,
      `/api/papers/${encodeURIComponent(id)}/related`,
    );
    const point = await nodePagePoint(session.page, id);
    await session.page.mouse.move(point.x, point.y);
    await session.page.mouse.click(point.x, point.y);
    await detailsOf(id).waitFor();
    const title = await session.page.evaluate((n) => window.__topicgraph!.graph.getNodeAttribute(n, "title"), id);
    expect(await details().locator("[data-testid=paper-title]").textContent()).toBe(title);
    expect((await details().locator("[data-testid=paper-abstract]").textContent())!.length).toBeGreaterThan(50);
    const items = details().locator("[data-testid=related-item]");
    expect(related.length).toBeGreaterThan(0);
    expect(await items.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId))).toEqual(
      related.map((r) => r.id),
    );
    expect(await items.first().textContent()).toContain(related[0].score.toFixed(2));
    expect(new URL(session.page.url()).searchParams.get("paper")).toBe(id);

    // Clicking a related paper moves to it.
    const next = related[0].id;
    await items.first().click();
    await detailsOf(next).waitFor();
    await expect
      .poll(() =>
        session.page.evaluate((n) => {
          const { sigma } = window.__topicgraph!;
          const display = sigma.getNodeDisplayData(n)!;
          const camera = sigma.getCamera().getState();
          return Math.hypot(camera.x - display.x, camera.y - display.y) < 0.01;
        }, next),
      )
      .toBe(true);
  });

  it("fades everything but the hovered paper and its neighbours", async () => {
    await openExplorer(session.page, session.server.url);
    const id = await isolatedNode(session.page);
    const point = await nodePagePoint(session.page, id);
    await session.page.mouse.move(point.x, point.y);
    await expect
      .poll(() => session.page.evaluate(() => document.querySelector(".cluster-label.faded") !== null))
      .toBe(true);
    const state = await session.page.evaluate((n) => {
      const { sigma, graph } = window.__topicgraph!;
      const neighbours = new Set(graph.neighbors(n));
      return graph.nodes().map((m) => ({
        near: m === n || neighbours.has(m),
        same: sigma.getNodeDisplayData(m)!.color === graph.getNodeAttribute(m, "color"),
      }));
    }, id);
    for (const { near, same } of state) expect(same).toBe(near);
  });

  it("suggests papers and topics as one types; arrow keys and Enter, or a click, open a suggestion", async () => {
    await openExplorer(session.page, session.server.url);
    const answer = await getJson<SearchDto>(session.server.url, "/api/search?q=quantization&limit=8");
    const input = session.page.locator("[data-testid=search-input]");
    await input.fill("quantization");
    await session.page.locator("[data-testid=search-suggestion]").first().waitFor();
    const suggested = await session.page
      .locator("[data-testid=search-suggestion][data-kind=paper]")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId));
    expect(suggested).toEqual(answer.results.map((r) => r.id));
    // Last, every result: how many there are.
    const { total } = answer;
    expect(await session.page.locator("[data-testid=search-suggestion][data-kind=all]").textContent()).toBe(
      `All ${total} results for “quantization”`,
    );
    // Nothing is picked until the arrow keys pick it; then Enter opens it.
    expect(await session.page.locator("[data-testid=search-suggestion][aria-selected=true]").count()).toBe(0);
    await input.press("ArrowDown");
    await input.press("ArrowDown");
    await input.press("Enter");
    const second = answer.results[1].id;
    await detailsOf(second).waitFor();
    expect(new URL(session.page.url()).searchParams.get("paper")).toBe(second);
    // A click on a suggestion opens it too.
    await input.fill("quantization model");
    await input.fill("quantization");
    await session.page.locator(`[data-testid=search-suggestion][data-paper-id="${answer.results[0].id}"]`).click();
    await detailsOf(answer.results[0].id).waitFor();
  });

  it("lists every result of a search on Enter, with how many match, Show more, the address and Back", async () => {
    await openExplorer(session.page, session.server.url);
    const query = "model";
    const first = await getJson<SearchDto>(session.server.url, `/api/search?q=${query}&limit=50`);
    const { total } = first;
    expect(total).toBeGreaterThan(8);
    const input = session.page.locator("[data-testid=search-input]");
    await input.fill(query);
    await input.press("Enter");
    const items = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => listedIds(items)).toEqual(first.results.map((r) => r.id));
    // The seed has more than a page of them: how many match, how many are shown.
    expect(total).toBeGreaterThan(first.results.length);
    expect(await session.page.locator("[data-testid=list-panel] .subtitle").textContent()).toBe(
      `${total} papers match “${query}”, the ${first.results.length} best shown`,
    );
    expect(new URL(session.page.url()).searchParams.get("q")).toBe(query);
    // The results are lit on the map, the rest fade.
    await expect.poll(lit).toEqual(first.results.map((r) => r.id).sort());
    const next = await getJson<SearchDto>(session.server.url, `/api/search?q=${query}&limit=50&offset=50`);
    const all = [...first.results, ...next.results].map((r) => r.id);
    expect(all.length).toBe(total);
    await session.page.locator("[data-testid=list-panel] .more").click();
    await expect.poll(() => listedIds(items)).toEqual(all);
    expect(await session.page.locator("[data-testid=list-panel] .subtitle").textContent()).toBe(
      `${total} papers match “${query}”`,
    );
    expect(await session.page.locator("[data-testid=list-panel] .more").count()).toBe(0);
    // Opening a paper from the list, then Back: the list again, as loaded; Back once more: nothing listed.
    await items.first().click();
    await detailsOf(first.results[0].id).waitFor();
    await session.page.goBack();
    await expect.poll(() => session.page.locator("[data-testid=paper-details]").isHidden()).toBe(true);
    expect(await listedIds(items)).toEqual(all);
    await session.page.goBack();
    await expect.poll(() => session.page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
    expect(await input.inputValue()).toBe("");
    await session.page.goForward();
    await expect.poll(() => listedIds(items)).toEqual(first.results.map((r) => r.id));
    expect(await input.inputValue()).toBe(query);
  });

  it("restores paper and cluster from a link, and Back goes to the previous view", async () => {
    const { clusters } = await getJson<ClustersDto>(session.server.url, "/api/clusters");
    const cluster = clusters[2];
    const { papers } = await getJson<ClusterPapersDto>(session.server.url, `/api/clusters/${cluster.id}`);
    const paper = papers[papers.length - 1].id;
    await openExplorer(session.page, `${session.server.url}/?paper=${encodeURIComponent(paper)}&cluster=${cluster.id}`);
    await detailsOf(paper).waitFor();
    await expect
      .poll(() => session.page.locator("[data-testid=list-panel] [data-testid=paper-item]").count())
      .toBe(papers.length);
    expect(
      await session.page
        .locator(`[data-testid=cluster-item][data-cluster-id="${cluster.id}"]`)
        .getAttribute("aria-pressed"),
    ).toBe("true");
    // Back goes to the previous view, forward returns.
    await session.page.locator("[data-testid=list-panel] [data-testid=paper-item]").first().click();
    await detailsOf(papers[0].id).waitFor();
    await session.page.goBack();
    await detailsOf(paper).waitFor();
  });

  it("restores a search, a text and a topic from links and on Back, and says so for an unknown paper or cluster", async () => {
    const { topics } = await getJson<TopicsDto>(session.server.url, "/api/topics?limit=5");
    const term = topics[0].term;
    const onTopic = await getJson<TopicPapersDto>(
      session.server.url,
      `/api/topics/${encodeURIComponent(term)}/papers?limit=1000`,
    );
    const text = "Low-precision floating-point quantization of large language model weights";
    const related = await getJson<{ related: { id: string }[] }>(
      session.server.url,
      `/api/related?q=${encodeURIComponent(text)}`,
    );
    const items = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");

    // ?q= runs the search and lists its results.
    await openExplorer(session.page, `${session.server.url}/?q=graph`);
    const graphSearch = await getJson<SearchDto>(session.server.url, "/api/search?q=graph&limit=50");
    expect(graphSearch.results.length).toBeGreaterThan(0);
    await expect.poll(() => listedIds(items)).toEqual(graphSearch.results.map((r) => r.id));
    expect(await session.page.locator("[data-testid=search-input]").inputValue()).toBe("graph");
    expect(new URL(session.page.url()).searchParams.get("q")).toBe("graph");

    await openExplorer(session.page, `${session.server.url}/?text=${encodeURIComponent(text)}`);
    await expect.poll(() => listedIds(items)).toEqual(related.related.map((r) => r.id));
    expect(await session.page.locator("[data-testid=related-text]").inputValue()).toBe(text);

    await openExplorer(session.page, `${session.server.url}/?topic=${encodeURIComponent(term)}`);
    await expect.poll(visible).toEqual(onTopic.papers.map((p) => p.id).sort());
    await expect.poll(() => listedIds(items)).toEqual(onTopic.papers.map((p) => p.id));

    // Back and forward between them (pages loaded from links), each restored fully.
    await session.page.goBack();
    await waitForExplorer(session.page);
    await expect.poll(() => listedIds(items)).toEqual(related.related.map((r) => r.id));
    await expect.poll(async () => (await visible()).length).toBe(74);
    await session.page.goBack();
    await waitForExplorer(session.page);
    await expect.poll(() => listedIds(items)).toEqual(graphSearch.results.map((r) => r.id));
    await session.page.goForward();
    await session.page.goForward();
    await waitForExplorer(session.page);
    await expect.poll(visible).toEqual(onTopic.papers.map((p) => p.id).sort());

    // An id the map does not have: said, not ignored, and still said once a large map has finished loading (the
    // passing notices go after 6 s), until closed.
    await openExplorer(session.page, `${session.server.url}/?paper=no-such-paper&cluster=999`);
    const noCluster = session.page.locator(".notice").filter({ hasText: "There is no cluster 999" });
    const noPaper = session.page.locator(".notice").filter({ hasText: "There is no paper “no-such-paper”" });
    await noCluster.waitFor();
    await noPaper.waitFor();
    await session.page.waitForTimeout(6500);
    expect([await noCluster.count(), await noPaper.count()]).toEqual([1, 1]);
    await noPaper.locator("button.close").click();
    await expect.poll(() => noPaper.count()).toBe(0);
    expect(await noCluster.count()).toBe(1);

    // A topic no paper is on: said, and the filter goes (no list left waiting for papers).
    await openExplorer(session.page, `${session.server.url}/?topic=no-such-topic-xyz`);
    await session.page
      .locator(".notice")
      .filter({ hasText: "There is no topic “no-such-topic-xyz” in this corpus." })
      .waitFor();
    await expect.poll(() => session.page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
    await expect.poll(async () => (await visible()).length).toBe(74);
    expect(new URL(session.page.url()).searchParams.has("topic")).toBe(false);
    // The browser logs the API's 404 for the unknown topic, and nothing else.
    expect(session.opened.errors.length).toBeGreaterThan(0);
    expect(session.opened.errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
    session.opened.errors.length = 0;
  });

  it("downloads the GEXF file from the map's export menu", async () => {
    await openExplorer(session.page, session.server.url);
    await session.page.locator("[data-testid=map-export] summary").click();
    const [download] = await Promise.all([
      session.page.waitForEvent("download"),
      session.page.locator("[data-testid=map-export] [data-testid=export-gexf]").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.gexf$/);
    const text = await readFile((await download.path())!, "utf8");
    expect(text.startsWith("<?xml")).toBe(true);
    expect(text).toContain("<gexf");
    expect((text.match(/<node /g) ?? []).length).toBe(74);
  });

  it("lists the papers related to a pasted text with the topics each shares, highlights them, and keeps the text in the address", async () => {
    await openExplorer(session.page, session.server.url);
    const text = "Low-precision floating-point quantization of large language model weights";
    const { related } = await getJson<TextRelatedDto>(session.server.url, `/api/related?q=${encodeURIComponent(text)}`);
    await session.page.locator("[data-testid=related-text]").fill(text);
    await session.page.locator("[data-testid=related-submit]").click();
    const items = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => listedIds(items)).toEqual(related.map((r) => r.id));
    expect(await session.page.locator("[data-testid=list-panel] .subtitle").textContent()).toMatch(
      /Most likely cluster: .+/,
    );
    // Each paper with the topics it shares with the text, as the API gives them.
    const details = await items.evaluateAll((els) =>
      els.map((el) => el.querySelector("[data-testid=paper-detail]")?.textContent ?? null),
    );
    expect(details).toEqual(
      related.map((r) => (r.sharedTopics.length ? `shared: ${r.sharedTopics.map((t) => t.term).join(", ")}` : null)),
    );
    expect(details.filter((d) => d !== null).length).toBeGreaterThan(0);
    await expect.poll(lit).toEqual(related.map((r) => r.id).sort());
    expect(new URL(session.page.url()).searchParams.get("text")).toBe(text);
  });

  it("hides weaker links with the similarity slider, step by step along the links' weights", async () => {
    await openExplorer(session.page, session.server.url);
    const slider = session.page.locator("[data-testid=similarity-slider]");
    const steps = Number(await slider.getAttribute("max"));
    expect(steps).toBeGreaterThanOrEqual(50);
    /** The hidden links are the lightest ones: how many, and whether all lighter than every link shown. */
    const hidden = () =>
      session.page.evaluate(() => {
        const { sigma, graph } = window.__topicgraph!;
        const split = graph.mapEdges((e, a) => ({ weight: a.weight, hidden: sigma.getEdgeDisplayData(e)!.hidden }));
        const heaviestHidden = Math.max(-1, ...split.filter((l) => l.hidden).map((l) => l.weight));
        const lightestShown = Math.min(2, ...split.filter((l) => !l.hidden).map((l) => l.weight));
        return {
          count: split.filter((l) => l.hidden).length,
          lightest: heaviestHidden < lightestShown,
          of: split.length,
        };
      });
    // Each step hides about one link in a hundred more: half way, about half the links; every step more than the last.
    let before = 0;
    for (const position of [1, 2, 3, Math.round(steps / 2), steps - 1, steps]) {
      await slider.fill(String(position));
      await expect.poll(async () => (await hidden()).count).toBeGreaterThan(before);
      const now = await hidden();
      expect(now.lightest).toBe(true);
      expect(Math.abs(now.count / now.of - position / steps)).toBeLessThan(0.05);
      before = now.count;
    }
    expect(await session.page.locator("#similarity-value").textContent()).toMatch(/^≥ \d\.\d\d · \d+ of \d+ links$/);
  });

  it("keeps only the papers on a topic with the topic filter, lists them with their number, and clears it", async () => {
    await openExplorer(session.page, session.server.url);
    const { topics } = await getJson<TopicsDto>(session.server.url, "/api/topics?limit=10");
    const term = topics[0].term;
    const { papers, total } = await getJson<TopicPapersDto>(
      session.server.url,
      `/api/topics/${encodeURIComponent(term)}/papers?limit=1000`,
    );
    const input = session.page.locator("[data-testid=topic-filter]");
    await input.fill(term);
    await input.press("Enter");
    await expect.poll(visible).toEqual(papers.map((p) => p.id).sort());
    expect(await session.page.locator("#topic-status").textContent()).toBe(`${total} papers on “${term}”`);
    // Listed too, with their number.
    const items = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => listedIds(items)).toEqual(papers.slice(0, 50).map((p) => p.id));
    expect(await session.page.locator("[data-testid=list-panel] .subtitle").textContent()).toMatch(
      new RegExp(`^${total} papers on “${term}”`),
    );
    expect(new URL(session.page.url()).searchParams.get("topic")).toBe(term);
    await session.page.locator("#topic-clear").click();
    await expect.poll(async () => (await visible()).length).toBe(74);
    await expect.poll(() => session.page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
  });

  it("lists a topic's papers with their number when a topic suggestion of the search is chosen", async () => {
    await openExplorer(session.page, session.server.url);
    const answer = await getJson<SearchDto>(session.server.url, "/api/search?q=quantization&limit=8");
    const suggestion = answer.topics[0];
    expect(suggestion).toBeDefined();
    const { papers, total } = await getJson<TopicPapersDto>(
      session.server.url,
      `/api/topics/${encodeURIComponent(suggestion.term)}/papers?limit=1000`,
    );
    expect(total).toBe(suggestion.papers);
    const input = session.page.locator("[data-testid=search-input]");
    await input.fill("quantization");
    await session.page.locator(`[data-testid=search-suggestion][data-topic="${suggestion.term}"]`).click();
    const items = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => listedIds(items)).toEqual(papers.slice(0, 50).map((p) => p.id));
    expect(await session.page.locator("[data-testid=list-panel] .subtitle").textContent()).toMatch(
      new RegExp(`^${total} papers? on “${suggestion.term}”`),
    );
    await expect.poll(visible).toEqual(papers.map((p) => p.id).sort());
  });
});
