// What must hold whatever the data or the network do: titles and abstracts with markup are shown as text, never
// run or rendered; an unreachable or failing API gives a clear message, not a blank page.

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { browserAvailable, launchChromium } from "./browser.js";
import { newExplorerPage, openExplorer, type OpenedPage } from "./page.js";
import { SEED_CORPUS, startTestServer, type TestServer } from "./server.js";

const SCRIPT_TITLE = `<script>window.__pwned = "title"</script> Memory-efficient backpropagation`;
const BOLD_TITLE = "<b>Bold</b> claims & <i>italic</i> quantization of LLMs";
const IMG_ABSTRACT = `<img src="x" onerror="window.__pwned = 'abstract'"> We study floating-point quantization.`;

/**
 * Watches every page `page` loads from now on for the markup's scripts: an assignment to `window.__pwned` is reported
 * to the test at once (so a page left afterwards still counts) and listed in the array returned.
 */
async function watchForInjectedScripts(page: Page): Promise<string[]> {
  const ran: string[] = [];
  await page.exposeFunction("__reportPwned", (value: string) => ran.push(value));
  await page.addInitScript(() => {
    const report = (window as unknown as { __reportPwned: (value: string) => void }).__reportPwned;
    Object.defineProperty(window, "__pwned", { set: (value: string) => report(value), get: () => undefined });
  });
  return ran;
}

/** The seed corpus with markup put into two titles and an abstract. */
async function writeMarkupCorpus(dir: string): Promise<{ path: string; ids: string[] }> {
  const lines = (await readFile(SEED_CORPUS, "utf8")).trim().split("\n");
  const records = lines.map((line) => JSON.parse(line) as { id: string; title: string; abstract: string });
  records[0].title = SCRIPT_TITLE;
  records[1].title = BOLD_TITLE;
  records[1].abstract = `${IMG_ABSTRACT} ${records[1].abstract}`;
  const path = join(dir, "markup.jsonl");
  await writeFile(path, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return { path, ids: [records[0].id, records[1].id] };
}

const SUITE = "safety";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  let dir: string;
  let server: TestServer;
  let ids: string[];
  let browser: Browser;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "topicgraph-e2e-"));
    const corpus = await writeMarkupCorpus(dir);
    ids = corpus.ids;
    [server, browser] = await Promise.all([startTestServer(corpus.path), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    opened = await newExplorerPage(browser);
    page = opened.page;
    return () => page.close();
  });

  const detailsOf = (id: string) => page.locator(`[data-testid=paper-details][data-paper-id="${id}"]:not([aria-busy])`);

  it("reports a script that sets window.__pwned on any page of the test, after the page is left too", async () => {
    const ran = await watchForInjectedScripts(page);
    await openExplorer(page, server.url);
    await page.evaluate(() => ((window as { __pwned?: string }).__pwned = "probe"));
    await page.goto(`${server.url}/?paper=${encodeURIComponent(ids[0])}`);
    expect(ran).toEqual(["probe"]);
  });

  it("shows <script> and <b> in titles and abstracts as text, in details, lists and suggestions", async () => {
    const ran = await watchForInjectedScripts(page);
    await openExplorer(page, `${server.url}/?paper=${encodeURIComponent(ids[1])}`);
    const details = detailsOf(ids[1]);
    await details.waitFor();
    expect(await details.locator("[data-testid=paper-title]").textContent()).toBe(BOLD_TITLE);
    expect(await details.locator("[data-testid=paper-abstract]").textContent()).toContain(IMG_ABSTRACT);
    expect(
      await page
        .locator("[data-testid=paper-details] b, [data-testid=paper-details] i, [data-testid=paper-details] img")
        .count(),
    ).toBe(0);

    // The <img onerror> fires once its image has failed to load, if ever: wait for that before leaving the page.
    await page.waitForLoadState("networkidle");
    await page.goto(`${server.url}/?paper=${encodeURIComponent(ids[0])}`);
    await detailsOf(ids[0]).waitFor();
    expect(await detailsOf(ids[0]).locator("[data-testid=paper-title]").textContent()).toBe(SCRIPT_TITLE);

    // In the search suggestions and in the cluster's list too.
    await page.locator("[data-testid=search-input]").fill("bold claims");
    const suggestion = page.locator(`[data-testid=search-suggestion][data-paper-id="${ids[1]}"]`);
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toBe(BOLD_TITLE);
    await page.keyboard.press("Escape");
    const cluster = await page.evaluate((id) => window.__topicgraph!.graph.getNodeAttribute(id, "cluster"), ids[0]);
    await page.locator(`[data-testid=cluster-item][data-cluster-id="${cluster}"]`).click();
    const item = page.locator(`[data-testid=list-panel] [data-testid=paper-item][data-paper-id="${ids[0]}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain(SCRIPT_TITLE);

    expect(await page.locator("body script:not([type=module])").count()).toBe(0);
    await page.waitForLoadState("networkidle");
    expect(ran).toEqual([]);
    expect(opened.errors).toEqual([]);
  });

  it("says the server cannot be reached when the API does not answer, and recovers on retry", async () => {
    let fail = true;
    await page.route("**/api/graph", (route) => (fail ? route.abort("connectionrefused") : route.continue()));
    await page.goto(server.url);
    const alert = page.locator("[data-testid=status][data-state=error]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/cannot be reached/);
    expect(await alert.getAttribute("role")).toBe("alert");
    fail = false;
    await alert.getByRole("button", { name: "Try again" }).click();
    await page.waitForFunction(() => document.body.dataset.state === "ready" && window.__topicgraph !== undefined);
  });

  it("shows the server's message when the API fails", async () => {
    await page.route("**/api/graph", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "UNAVAILABLE", message: "the graph is still being built" } }),
      }),
    );
    await page.goto(server.url);
    const alert = page.locator("[data-testid=status][data-state=error]");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("the graph is still being built");
  });

  it("shows a visible progress state while the map loads", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/graph", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(server.url);
    const status = page.locator("[data-testid=status][data-state=loading]");
    await status.waitFor();
    expect(await status.isVisible()).toBe(true);
    expect(await status.textContent()).toMatch(/Loading the map/);
    release();
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    expect(await page.locator("[data-testid=status]").isHidden()).toBe(true);
  });

  it("tells the user when a linked paper is not in the map, and still draws it", async () => {
    await openExplorer(page, `${server.url}/?paper=no-such-paper`);
    await page.locator(".notice").filter({ hasText: "no paper “no-such-paper”" }).waitFor();
    expect(await page.locator("[data-testid=paper-details]").isHidden()).toBe(true);
  });
});
