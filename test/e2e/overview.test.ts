// A large corpus's explorer, in real headless Chromium against the real server: the seed is served as if it were
// large (largeMapFrom: 10 in /api/health, as a 96k-paper corpus would be by default), so the explorer starts on the
// overview (one disc per cluster), drills into a cluster's own map and comes back; search, deep links and details
// keep working.

import { beforeAll, describe, expect, it } from "vitest";

import type { ClusterGraphDto, OverviewDto, SearchDto } from "../../server/contract/index.js";
import { browserAvailable } from "./browser.js";
import { getJson, nodePagePoint, waitForMap } from "./page.js";
import { useExplorerSession } from "./session.js";

const SUITE = "explorer of a large corpus: overview and drilling in";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  const session = useExplorerSession({ server: { largeMapFrom: 10 } });
  let overview: OverviewDto;

  beforeAll(async () => {
    overview = await getJson<OverviewDto>(session.server.url, "/api/overview");
  });

  const mapNodes = () =>
    session.page.evaluate(() => {
      const { graph } = window.__topicgraph!;
      return graph
        .mapNodes((id, a) => ({ id, x: a.x, y: a.y, cluster: a.cluster }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    });
  const detailsOf = (id: string) =>
    session.page.locator(`[data-testid=paper-details][data-paper-id="${id}"]:not([aria-busy])`);
  const params = () => new URL(session.page.url()).searchParams;

  it("starts on the overview: one disc per cluster at its centre, in its colour, labelled, linked as /api/overview says", async () => {
    await session.page.goto(session.server.url);
    await waitForMap(session.page, "overview");
    const discs = await session.page.evaluate(() => {
      const { sigma, graph } = window.__topicgraph!;
      return graph.mapNodes((id, a) => ({
        cluster: a.cluster,
        x: a.x,
        y: a.y,
        color: sigma.getNodeDisplayData(id)!.color,
      }));
    });
    expect(discs).toEqual(overview.clusters.map((c) => ({ cluster: c.id, x: c.x, y: c.y, color: c.color })));
    const links = await session.page.evaluate(() => window.__topicgraph!.graph.size);
    expect(links).toBe(overview.links.length);
    expect(await session.page.locator(".cluster-label").allTextContents()).toEqual(
      overview.clusters.map((c) => c.label),
    );
    expect(await session.page.locator("[data-testid=map-nav]").textContent()).toContain(
      "74 papers, one disc per cluster",
    );
    expect(await session.page.locator("[data-testid=cluster-item]").count()).toBe(overview.clusters.length);
    // No /api/graph was asked for.
    expect(
      await session.page.evaluate(() =>
        performance.getEntriesByType("resource").some((r) => r.name.endsWith("/api/graph")),
      ),
    ).toBe(false);
  });

  it("drills into a cluster clicked on the overview, laid out as the server placed it, and comes back", async () => {
    await session.page.goto(session.server.url);
    await waitForMap(session.page, "overview");
    const cluster = overview.clusters[1];
    const point = await nodePagePoint(session.page, `cluster:${cluster.id}`);
    await session.page.mouse.move(point.x, point.y);
    await session.page.mouse.click(point.x, point.y);
    await waitForMap(session.page, cluster.id);

    const expected = await getJson<ClusterGraphDto>(session.server.url, `/api/clusters/${cluster.id}/graph`);
    const nodes = expected.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y, cluster: n.cluster }));
    expect(await mapNodes()).toEqual(nodes.sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await session.page.evaluate(() => window.__topicgraph!.graph.size)).toBe(expected.edges.length);
    // Its papers are listed and the URL names the map and the cluster.
    const items = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => items.count()).toBe(Math.min(cluster.size, 50));
    expect([params().get("map"), params().get("cluster")]).toEqual([String(cluster.id), String(cluster.id)]);
    expect(await session.page.locator("[data-testid=map-nav]").textContent()).toContain(
      `${cluster.label}: ${cluster.size} papers`,
    );

    // A paper of the cluster opens on its map.
    const first = await items.first().getAttribute("data-paper-id");
    await items.first().click();
    await detailsOf(first!).waitFor();

    // Back to the overview with the button; the browser's Back returns to the cluster.
    await session.page.locator("[data-testid=overview-back]").click();
    await waitForMap(session.page, "overview");
    expect(await session.page.evaluate(() => window.__topicgraph!.graph.order)).toBe(overview.clusters.length);
    expect(params().has("map") || params().has("cluster") || params().has("paper")).toBe(false);
    await expect.poll(() => session.page.locator("[data-testid=list-panel]").isHidden()).toBe(true);
    expect(await session.page.locator("[data-testid=paper-details]").isHidden()).toBe(true);
    await session.page.goBack();
    await waitForMap(session.page, cluster.id);
    await detailsOf(first!).waitFor();
    expect(session.opened.errors).toEqual([]);
  });

  it("opens a paper found by search from the overview in its cluster's map", async () => {
    await session.page.goto(session.server.url);
    await waitForMap(session.page, "overview");
    const answer = await getJson<SearchDto>(session.server.url, "/api/search?q=quantization&limit=8");
    const best = answer.results[0];
    const input = session.page.locator("[data-testid=search-input]");
    await input.fill("quantization");
    await session.page.locator(`[data-testid=search-suggestion][data-paper-id="${best.id}"]`).click();
    await waitForMap(session.page, best.cluster);
    await detailsOf(best.id).waitFor();
    expect([params().get("paper"), params().get("map")]).toEqual([best.id, String(best.cluster)]);
    // The paper is selected on its cluster's map, and the camera went to it.
    await expect
      .poll(() =>
        session.page.evaluate((id) => {
          const { sigma } = window.__topicgraph!;
          const display = sigma.getNodeDisplayData(id)!;
          const camera = sigma.getCamera().getState();
          return display.highlighted === true && Math.hypot(camera.x - display.x, camera.y - display.y) < 0.01;
        }, best.id),
      )
      .toBe(true);
    // The legend opens another cluster's map.
    const other = overview.clusters.find((c) => c.id !== best.cluster)!;
    await session.page.locator(`[data-testid=cluster-item][data-cluster-id="${other.id}"]`).click();
    await waitForMap(session.page, other.id);
    expect(await session.page.locator("[data-testid=paper-details]").isHidden()).toBe(true);
  });

  it("restores a paper's cluster map from a link that names only the paper", async () => {
    const cluster = overview.clusters[2];
    const { nodes } = await getJson<ClusterGraphDto>(session.server.url, `/api/clusters/${cluster.id}/graph`);
    await session.page.goto(`${session.server.url}/?paper=${encodeURIComponent(nodes[0].id)}`);
    await waitForMap(session.page, cluster.id);
    await detailsOf(nodes[0].id).waitFor();
    expect(params().get("map")).toBe(String(cluster.id));
  });

  it("says so when a link names a cluster map or a paper the corpus does not have, and stays on the overview", async () => {
    await session.page.goto(`${session.server.url}/?map=999`);
    await session.page.locator(".notice").filter({ hasText: "There is no cluster 999 to open" }).waitFor();
    await waitForMap(session.page, "overview");
    await session.page.goto(`${session.server.url}/?paper=no-such-paper`);
    await session.page
      .locator(".notice")
      .filter({ hasText: "There is no paper “no-such-paper” in this corpus." })
      .waitFor();
    await waitForMap(session.page, "overview");
    // The browser logs the API's 404 for the unknown paper, and nothing else.
    expect(session.opened.errors.length).toBeGreaterThan(0);
    expect(session.opened.errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
    session.opened.errors.length = 0;
  });

  it("draws the whole map when the address asks for it (?overview=0)", async () => {
    await session.page.goto(`${session.server.url}/?overview=0`);
    await waitForMap(session.page, "whole");
    expect(await session.page.evaluate(() => window.__topicgraph!.graph.order)).toBe(74);
    expect(await session.page.locator("[data-testid=map-nav]").isHidden()).toBe(true);
  });
});
