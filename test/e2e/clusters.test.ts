// Clusters people can trust, in real headless Chromium against the real server: each label's topics with their
// shares here and in the nearest cluster, papers between topics marked, and subtopics to drill into. The seed is
// built so that clusters split and some papers are uncertain (k = 10, 8 LSA dimensions, subtopics from 8 papers, as
// test/api/subclusters does).

import { beforeAll, describe, expect, it } from "vitest";

import type {
  ClusterDto,
  ClusterPapersDto,
  ClustersDto,
  GraphDto,
  PaperResponseDto,
} from "../../server/contract/index.js";
import { browserAvailable } from "./browser.js";
import { getJson, openExplorer, pixelAt } from "./page.js";
import { useExplorerSession } from "./session.js";

const SPLIT_SEED = { lsaDimensions: 8, k: 10, subclusterFrom: 8 };
/** The explorer's threshold (client/confidence.ts), restated: a test of the contract, not of the constant. */
const UNCERTAIN_BELOW = 0.6;
const percent = (share: number) => `${Math.round(share * 100)}%`;

const SUITE = "clusters, subtopics and papers between topics";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  const session = useExplorerSession({ server: { pipeline: SPLIT_SEED } });
  let clusters: ClusterDto[];
  let uncertain: GraphDto["nodes"];

  beforeAll(async () => {
    clusters = (await getJson<ClustersDto>(session.server.url, "/api/clusters")).clusters;
    uncertain = (await getJson<GraphDto>(session.server.url, "/api/graph")).nodes.filter(
      (n) => n.confidence < UNCERTAIN_BELOW,
    );
  });

  const clusterItem = (id: number) => session.page.locator(`[data-testid=cluster-item][data-cluster-id="${id}"]`);
  const listed = () =>
    session.page
      .locator("[data-testid=list-panel] [data-testid=paper-item]")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId!));
  /** Papers drawn in their own colour (the others are faded). */
  const lit = () =>
    session.page.evaluate(() => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.filterNodes((n) => sigma.getNodeDisplayData(n)!.color === graph.getNodeAttribute(n, "color")).sort();
    });

  it("shows each topic of a cluster's label with its share of papers here and in the nearest cluster, and its stability", async () => {
    const cluster = clusters.find((c) => c.nearest !== null && c.topics.some((t) => (t.nearestShare ?? 0) > 0))!;
    expect(cluster).toBeDefined();
    await openExplorer(session.page, session.server.url);
    await clusterItem(cluster.id).click();
    const summary = session.page.locator("[data-testid=list-panel] [data-testid=cluster-summary]");
    await summary.waitFor();
    const lines = await summary.locator("[data-testid=cluster-topic]").allTextContents();
    expect(lines).toEqual(
      cluster.topics.map((t) => `${t.term} — ${percent(t.share)} of papers · ${percent(t.nearestShare!)} in nearest`),
    );
    expect(await summary.locator("[data-testid=cluster-stability]").textContent()).toBe(
      `Stability ${percent(cluster.stability)} · nearest cluster: “${cluster.nearest!.label}”`,
    );
    // The full comparison, naming the nearest cluster, on each line's tooltip.
    const first = cluster.topics[0];
    expect(await summary.locator("[data-testid=cluster-topic]").first().getAttribute("title")).toBe(
      `${first.term} — ${percent(first.share)} of papers · ${percent(first.nearestShare!)} in “${cluster.nearest!.label}”`,
    );
  });

  it("draws papers between topics as rings, flags them in their cluster's list and details, and highlights them on demand", async () => {
    expect(uncertain.length).toBeGreaterThan(0);
    const ids = uncertain.map((n) => n.id).sort();
    await openExplorer(session.page, session.server.url);
    const rings = await session.page.evaluate(() => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.filterNodes((n) => sigma.getNodeDisplayData(n)!.type === "ring").sort();
    });
    expect(rings).toEqual(ids);

    // Drawn: a pale centre inside the cluster's colour (the ring program runs in SwiftShader's WebGL).
    await session.page.addStyleTag({ content: ".cluster-labels { visibility: hidden }" });
    const target = uncertain[0];
    await session.page.waitForTimeout(600); // the opening camera move
    await session.page.evaluate((id) => {
      const { sigma } = window.__topicgraph!;
      const display = sigma.getNodeDisplayData(id)!;
      sigma.getCamera().setState({ x: display.x, y: display.y, ratio: 0.05 });
    }, target.id);
    await session.page.waitForTimeout(300);
    const centre = await session.page.evaluate((id) => {
      const { sigma } = window.__topicgraph!;
      const display = sigma.getNodeDisplayData(id)!;
      const point = sigma.framedGraphToViewport(display);
      const box = sigma.getContainer().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y, radius: sigma.scaleSize(display.size) };
    }, target.id);
    expect(centre.radius).toBeGreaterThan(14);
    const colour = [1, 3, 5].map((i) => parseInt(target.color.slice(i, i + 2), 16));
    const inside = await pixelAt(session.page, centre.x, centre.y);
    const rim = await pixelAt(session.page, centre.x + centre.radius * 0.75, centre.y);
    for (let c = 0; c < 3; c++) {
      expect(inside[c], `centre channel ${c}`).toBeGreaterThan(colour[c] + 0.6 * (255 - colour[c]) - 10);
      expect(
        Math.abs(rim[c] - colour[c]),
        `rim channel ${c}: ${rim} vs ${colour}, centre ${inside}`,
      ).toBeLessThanOrEqual(12);
    }

    // Flagged in their cluster's list, exactly those.
    const cluster = target.cluster;
    const { papers } = await getJson<ClusterPapersDto>(session.server.url, `/api/clusters/${cluster}?limit=1000`);
    await session.page.evaluate(() =>
      window.__topicgraph!.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }),
    );
    await clusterItem(cluster).click();
    await session.page.locator("[data-testid=list-panel] [data-testid=paper-item]").first().waitFor();
    const flagged = await session.page
      .locator("[data-testid=list-panel] [data-testid=paper-item][data-uncertain]")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId!).sort());
    expect(flagged).toEqual(
      papers
        .filter((p) => p.confidence < UNCERTAIN_BELOW)
        .map((p) => p.id)
        .sort(),
    );
    expect(flagged.length).toBeGreaterThan(0);

    // In the details: how often repeated clusterings agree.
    const { paper } = await getJson<PaperResponseDto>(
      session.server.url,
      `/api/papers/${encodeURIComponent(target.id)}`,
    );
    await session.page
      .locator(`[data-testid=list-panel] [data-testid=paper-item][data-paper-id="${target.id}"]`)
      .click();
    const note = session.page.locator(
      `[data-testid=paper-details][data-paper-id="${target.id}"] [data-testid=paper-confidence]`,
    );
    expect(await note.textContent()).toBe(
      `Between topics: in this cluster in ${percent(paper.confidence)} of repeated clusterings`,
    );

    // "Highlight papers between topics": within the selected cluster, only they keep their colour; without a
    // selection, they alone on the whole map.
    await session.page.keyboard.press("Escape");
    await session.page.locator("[data-testid=show-uncertain]").check();
    await expect.poll(lit).toEqual(flagged);
    await session.page.keyboard.press("Escape");
    await expect.poll(lit).toEqual(ids);
    expect(await session.page.locator("#uncertain-status").textContent()).toContain(`${ids.length} papers`);
    await session.page.locator("[data-testid=show-uncertain]").uncheck();
    await expect.poll(async () => (await lit()).length).toBe(74);
  });

  it("drills into a subtopic: lists exactly what ?subcluster=S returns, lights them, moves the camera, and the URL follows", async () => {
    const cluster = clusters.find((c) => c.subclusters.length > 1)!;
    expect(cluster).toBeDefined();
    const sub = cluster.subclusters[1];
    const expected = await getJson<ClusterPapersDto>(
      session.server.url,
      `/api/clusters/${cluster.id}?subcluster=${sub.id}`,
    );
    await openExplorer(session.page, session.server.url);
    await clusterItem(cluster.id).click();
    const items = session.page.locator("[data-testid=list-panel] [data-testid=subcluster-item]");
    await expect
      .poll(() => items.evaluateAll((els) => els.map((el) => el.textContent)))
      .toEqual(cluster.subclusters.map((s) => `${s.label}${s.size}`));
    const camera = () => session.page.evaluate(() => window.__topicgraph!.sigma.getCamera().getState());
    await session.page.waitForTimeout(600); // the camera's move to the cluster
    const before = await camera();

    await items.nth(1).click();
    await expect.poll(listed).toEqual(expected.papers.map((p) => p.id));
    expect(expected.papers.length).toBe(sub.size);
    expect(await items.nth(1).getAttribute("aria-pressed")).toBe("true");
    expect(await session.page.locator("[data-testid=list-panel] h2").textContent()).toBe(
      `${cluster.label} › ${sub.label}`,
    );
    const url = new URL(session.page.url()).searchParams;
    expect([url.get("cluster"), url.get("sub")]).toEqual([String(cluster.id), String(sub.id)]);
    expect(await lit()).toEqual(expected.papers.map((p) => p.id).sort());
    // The camera frames the subtopic's papers.
    const frame = await session.page.evaluate(
      (ids) => {
        const { sigma } = window.__topicgraph!;
        const points = ids.map((id) => sigma.getNodeDisplayData(id)!);
        const xs = points.map((p) => p.x);
        const ys = points.map((p) => p.y);
        return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
      },
      expected.papers.map((p) => p.id),
    );
    await expect
      .poll(async () => {
        const now = await camera();
        return Math.hypot(now.x - frame.x, now.y - frame.y) < 0.01 && now.ratio < before.ratio;
      })
      .toBe(true);

    // Back, or Escape: the whole cluster again.
    await session.page.goBack();
    await expect.poll(async () => (await listed()).length).toBe(Math.min(cluster.size, 50));
    expect(new URL(session.page.url()).searchParams.has("sub")).toBe(false);
    await session.page.goForward();
    await expect.poll(listed).toEqual(expected.papers.map((p) => p.id));
    await session.page.keyboard.press("Escape");
    await expect.poll(async () => (await listed()).length).toBe(Math.min(cluster.size, 50));
    expect(await items.nth(1).getAttribute("aria-pressed")).toBe("false");

    // From a link.
    await openExplorer(session.page, `${session.server.url}/?cluster=${cluster.id}&sub=${sub.id}`);
    await expect.poll(listed).toEqual(expected.papers.map((p) => p.id));
  });
});
