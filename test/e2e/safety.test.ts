// What must hold whatever the data or the network do: titles and abstracts with markup are shown as text, never
// run or rendered; an unreachable or failing API gives a clear message, not a blank page.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { browserAvailable } from "./browser.js";
import { openExplorer } from "./page.js";
import { SEED_CORPUS } from "./server.js";
import { useExplorerSession } from "./session.js";

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
  let ids: string[];
  // NOTE: the tests that make the API fail log errors on purpose; the one that expects none asserts it itself.
  const session = useExplorerSession({
    corpus: async (directory) => {
      const corpus = await writeMarkupCorpus(directory);
      ids = corpus.ids;
      return corpus.path;
    },
    failOnPageErrors: false,
  });

  const detailsOf = (id: string) =>
    session.page.locator(`[data-testid=paper-details][data-paper-id="${id}"]:not([aria-busy])`);

  it("reports a script that sets window.__pwned on any page of the test, after the page is left too", async () => {
    const ran = await watchForInjectedScripts(session.page);
    await openExplorer(session.page, session.server.url);
    await session.page.evaluate(() => ((window as { __pwned?: string }).__pwned = "probe"));
    await session.page.goto(`${session.server.url}/?paper=${encodeURIComponent(ids[0])}`);
    expect(ran).toEqual(["probe"]);
  });

  it("shows <script> and <b> in titles and abstracts as text, in details, lists and suggestions", async () => {
    const ran = await watchForInjectedScripts(session.page);
    await openExplorer(session.page, `${session.server.url}/?paper=${encodeURIComponent(ids[1])}`);
    const details = detailsOf(ids[1]);
    await details.waitFor();
    expect(await details.locator("[data-testid=paper-title]").textContent()).toBe(BOLD_TITLE);
    expect(await details.locator("[data-testid=paper-abstract]").textContent()).toContain(IMG_ABSTRACT);
    expect(
      await session.page
        .locator("[data-testid=paper-details] b, [data-testid=paper-details] i, [data-testid=paper-details] img")
        .count(),
    ).toBe(0);

    // The <img onerror> fires once its image has failed to load, if ever: wait for that before leaving the page.
    await session.page.waitForLoadState("networkidle");
    await session.page.goto(`${session.server.url}/?paper=${encodeURIComponent(ids[0])}`);
    await detailsOf(ids[0]).waitFor();
    expect(await detailsOf(ids[0]).locator("[data-testid=paper-title]").textContent()).toBe(SCRIPT_TITLE);

    // In the search suggestions and in the cluster's list too.
    await session.page.locator("[data-testid=search-input]").fill("bold claims");
    const suggestion = session.page.locator(`[data-testid=search-suggestion][data-paper-id="${ids[1]}"]`);
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toBe(BOLD_TITLE);
    await session.page.keyboard.press("Escape");
    const cluster = await session.page.evaluate(
      (id) => window.__topicgraph!.graph.getNodeAttribute(id, "cluster"),
      ids[0],
    );
    await session.page.locator(`[data-testid=cluster-item][data-cluster-id="${cluster}"]`).click();
    const item = session.page.locator(`[data-testid=list-panel] [data-testid=paper-item][data-paper-id="${ids[0]}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain(SCRIPT_TITLE);

    expect(await session.page.locator("body script:not([type=module])").count()).toBe(0);
    await session.page.waitForLoadState("networkidle");
    expect(ran).toEqual([]);
    expect(session.opened.errors).toEqual([]);
  });

  it("says the server cannot be reached when the API does not answer, and recovers on retry", async () => {
    let fail = true;
    await session.page.route("**/api/graph", (route) => (fail ? route.abort("connectionrefused") : route.continue()));
    await session.page.goto(session.server.url);
    const alert = session.page.locator("[data-testid=status][data-state=error]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/cannot be reached/);
    expect(await alert.getAttribute("role")).toBe("alert");
    fail = false;
    await alert.getByRole("button", { name: "Try again" }).click();
    await session.page.waitForFunction(
      () => document.body.dataset.state === "ready" && window.__topicgraph !== undefined,
    );
  });

  it("shows the server's message when the API fails", async () => {
    await session.page.route("**/api/graph", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "UNAVAILABLE", message: "the graph is still being built" } }),
      }),
    );
    await session.page.goto(session.server.url);
    const alert = session.page.locator("[data-testid=status][data-state=error]");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("the graph is still being built");
  });

  it("shows a visible progress state while the map loads", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await session.page.route("**/api/graph", async (route) => {
      await held;
      await route.continue();
    });
    await session.page.goto(session.server.url);
    const status = session.page.locator("[data-testid=status][data-state=loading]");
    await status.waitFor();
    expect(await status.isVisible()).toBe(true);
    expect(await status.textContent()).toMatch(/Loading the map/);
    release();
    await session.page.waitForFunction(() => document.body.dataset.state === "ready");
    expect(await session.page.locator("[data-testid=status]").isHidden()).toBe(true);
  });

  it("tells the user when a linked paper is not in the map, and still draws it", async () => {
    await openExplorer(session.page, `${session.server.url}/?paper=no-such-paper`);
    await session.page.locator(".notice").filter({ hasText: "no paper “no-such-paper”" }).waitFor();
    expect(await session.page.locator("[data-testid=paper-details]").isHidden()).toBe(true);
  });
});
