// The explorer of a writable library, in real headless Chromium against the compiled CLI (`serve --db`, filled from
// the seed, a write token): papers pasted into "Add papers" are drawn at once as outlines, the token is asked for once
// and kept for the tab (asked again when wrong), and a rebuild shows "Updating the map… N%" over the map, then the new
// map with the open paper still selected.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCli, type CliProcess } from "../library/processes.js";
import { browserAvailable, launchChromium } from "./browser.js";
import { newExplorerPage, openExplorer, waitForExplorer, type OpenedPage } from "./page.js";
import { SEED_CORPUS } from "./server.js";

const SUITE = "adding papers in the explorer";
const TOKEN = "explorer-test-token";

const paper = (id: string, topic: string) =>
  JSON.stringify({
    id,
    title: `Message passing graph neural networks for ${topic}`,
    abstract: `We train message passing graph neural networks on ${topic} and compare attention with convolution.`,
  });

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, { timeout: 120_000 }, () => {
  let server: CliProcess;
  let url: string;
  let browser: Browser;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "topicgraph-add-papers-"));
    server = runCli(["serve", "--db", join(dir, "library.db"), "--fill-from", SEED_CORPUS, "--port", "0"], {
      env: { TOPICGRAPH_CACHE_DIR: join(dir, "cache"), TOPICGRAPH_TOKEN: TOKEN },
    });
    const [line, launched] = await Promise.all([
      server.line(/serving \d+ papers .* at http:\/\/\S+\//),
      launchChromium(),
    ]);
    url = /(http:\/\/\S+\/)/.exec(line)![1];
    browser = launched;
    opened = await newExplorerPage(browser);
    page = opened.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.kill9();
  });

  const order = () => page.evaluate(() => window.__topicgraph!.graph.order);
  const message = () => page.locator("[data-testid=add-papers-message]");
  const nodeType = (id: string) =>
    page.evaluate((node) => window.__topicgraph!.sigma.getNodeDisplayData(node)?.type ?? null, id);
  /** Waits for the map to be drawn again with `papers` papers. */
  const redrawnWith = (papers: number) =>
    page.waitForFunction(
      (n) => document.body.dataset.state === "ready" && window.__topicgraph?.graph.order === n,
      papers,
      { timeout: 30_000 },
    );

  it("adds pasted papers after asking for the token once, and draws them as outlines", async () => {
    await openExplorer(page, url);
    expect(await order()).toBe(74);
    await expect.poll(() => page.locator("[data-testid=add-papers]").isVisible()).toBe(true);
    // No token kept yet: its field is shown, and a submission without one asks for it.
    expect(await page.locator("[data-testid=add-papers-token]").isVisible()).toBe(true);
    await page.fill("[data-testid=add-papers-text]", paper("added-molecules", "molecules"));
    await page.click("[data-testid=add-papers-submit]");
    await expect.poll(() => message().textContent()).toMatch(/write token/);
    expect(await order()).toBe(74);

    await page.fill("[data-testid=add-papers-token]", TOKEN);
    await page.click("[data-testid=add-papers-submit]");
    await expect.poll(() => message().textContent()).toBe("Added 1, updated 0, skipped 0.");
    await redrawnWith(75);
    expect(await nodeType("added-molecules")).toBe("provisional");
    expect(
      await page.evaluate(() => window.__topicgraph!.graph.getNodeAttribute("added-molecules", "provisional")),
    ).toBe(true);
    expect(await page.locator("[data-testid=add-papers-token]").isVisible()).toBe(false);
    // Listed by a search with a "new" flag, the build's papers without one.
    const input = page.locator("[data-testid=search-input]");
    await input.fill("molecules");
    await input.press("Enter");
    const items = page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    const flagged = await items.evaluateAll((els) =>
      els.map((el) => [
        (el as HTMLElement).dataset.paperId,
        el.querySelector("[data-testid=provisional-flag]") !== null,
      ]),
    );
    expect(flagged).toContainEqual(["added-molecules", true]);
    expect(flagged.filter(([, flag]) => flag)).toHaveLength(1);

    // Kept for the tab: JSON Lines with a bad record, and no token asked.
    const lines = [paper("added-proteins", "proteins"), '{"id": "no-title"}'].join("\n");
    await page.fill("[data-testid=add-papers-text]", lines);
    await page.click("[data-testid=add-papers-submit]");
    await expect.poll(() => message().textContent()).toMatch(/^Added 1, updated 0, skipped 1\.Paper 2: /);
    await redrawnWith(76);
    await page.screenshot({ path: join(tmpdir(), "topicgraph-add-papers.png") });
  });

  it("asks for the token again when the one kept is wrong", async () => {
    await page.evaluate(() => sessionStorage.setItem("topicgraph-token", "not-the-token"));
    await page.fill("[data-testid=add-papers-text]", paper("added-galaxies", "galaxies"));
    await page.click("[data-testid=add-papers-submit]");
    await expect.poll(() => page.locator("[data-testid=add-papers-token]").isVisible()).toBe(true);
    expect(await message().textContent()).toMatch(/wrong token/);
    expect(await page.evaluate(() => sessionStorage.getItem("topicgraph-token"))).toBeNull();
    expect(await order()).toBe(76);
  });

  it("shows the rebuild's progress over the map, then the new map with the paper still open", async () => {
    await page.goto(new URL("?paper=added-molecules", url).href);
    await waitForExplorer(page);
    await expect
      .poll(() => page.locator("[data-testid=paper-details]").getAttribute("data-paper-id"))
      .toBe("added-molecules");
    expect(await page.locator("[data-testid=paper-provisional]").textContent()).toMatch(
      /^Added since the map was built/,
    );
    // The seed rebuilds in about a second: the build's answer is held at 40% while the banner is looked at.
    let held = true;
    await page.route("**/api/builds/current", async (route) => {
      const response = await route.fetch();
      const build = await response.json();
      if (held && build.state === "done")
        Object.assign(build, { state: "running", phase: "neighbours", progress: 0.4 });
      await route.fulfill({ response, json: build });
    });
    const asked = await fetch(new URL("/api/rebuild", url), {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(asked.status).toBe(202);
    const banner = page.locator("[data-testid=map-update]");
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toBe("Updating the map… 40%");
    expect(await banner.isVisible()).toBe(true);
    await page.screenshot({ path: join(tmpdir(), "topicgraph-map-update.png") });

    held = false;
    await expect.poll(() => banner.isVisible(), { timeout: 20_000 }).toBe(false);
    await page.waitForFunction(
      () =>
        document.body.dataset.state === "ready" &&
        window.__topicgraph?.graph.order === 76 &&
        !window.__topicgraph.graph.someNode((_id, attributes) => attributes.provisional === true),
      null,
      { timeout: 30_000 },
    );
    expect(await nodeType("added-molecules")).not.toBe("provisional");
    expect(await page.locator("[data-testid=paper-provisional]").count()).toBe(0);
    await expect
      .poll(() => page.locator("[data-testid=paper-details]").getAttribute("data-paper-id"))
      .toBe("added-molecules");
    expect(opened.errors.filter((error) => !/401|Unauthorized/.test(error))).toEqual([]);
  });
});
