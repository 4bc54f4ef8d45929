// The Export menus of a search's results and of the papers on a topic, in real headless Chromium against the real
// server, on the seed written with categories: each file downloaded from the menu (papers, and the subgraph as GEXF and
// GraphML) holds exactly the papers the list shows (every one, once Show more has loaded them all), with and without
// the facet filter, which narrows the list and its file alike; a cluster's graph export with the filter holds the
// filtered list's papers, and so does the map's with it; the papers related to a 5,000-character text (too long for a
// URL) and their subgraph download through the menu's forms, and that text stays out of the address.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { SearchDto, TopicsDto } from "../../server/contract/index.js";
import { temporaryFile } from "../corpus/fixtures.js";
import { browserAvailable } from "./browser.js";
import { getJson, openExplorer, waitForExplorer } from "./page.js";
import { SEED_CORPUS } from "./server.js";
import { useExplorerSession } from "./session.js";

const SUITE = "a search's and a topic's export menus";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  /** Each paper's categories, as written. */
  const categories = new Map<string, string[]>();
  const session = useExplorerSession({
    corpus: async (directory) => {
      const lines = (await readFile(SEED_CORPUS, "utf8")).trim().split("\n");
      const labelled = lines.map((line, i) => {
        const paper = JSON.parse(line) as { id: string };
        categories.set(paper.id, [i % 3 === 0 ? "cs.CL" : "cs.LG"]);
        return JSON.stringify({ ...paper, categories: categories.get(paper.id) });
      });
      await writeFile(join(directory, "labelled.jsonl"), `${labelled.join("\n")}\n`);
      return join(directory, "labelled.jsonl");
    },
    timeout: 180_000,
  });

  const panel = () => session.page.locator("[data-testid=list-panel]");
  const items = () => panel().locator("[data-testid=paper-item]");
  const listedIds = (list: Locator) => list.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId!));

  /** Every paper of the list panel's list, after clicking Show more until there is no more. */
  async function everyListed(): Promise<string[]> {
    await items().first().waitFor();
    for (let more = panel().locator("button.more"); (await more.count()) > 0;) {
      const before = await items().count();
      await more.click();
      await expect.poll(() => items().count()).toBeGreaterThan(before);
    }
    return listedIds(items());
  }

  /** Opens the list's export menu, clicks an entry, and gives the downloaded file's name and its papers' ids. */
  async function download(testId: string): Promise<{ name: string; ids: string[]; text: string }> {
    const menu = panel().locator("[data-testid=export-menu]");
    if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
    const [file] = await Promise.all([
      session.page.waitForEvent("download"),
      menu.locator(`[data-testid=${testId}]`).click(),
    ]);
    const name = file.suggestedFilename();
    const bytes = await readFile((await file.path())!);
    const text = bytes.toString("utf8");
    if (name.endsWith(".gexf") || name.endsWith(".graphml")) {
      return { name, text, ids: [...text.matchAll(/<node id="([^"]*)"/g)].map((match) => match[1]) };
    }
    const read = await readCorpus(temporaryFile(name, bytes));
    expect(read.skipped).toEqual([]);
    return { name, text, ids: read.papers.map((paper) => paper.id) };
  }

  async function filterByCategory(value: string): Promise<void> {
    await session.page.locator("[data-testid=facet-filter]").waitFor({ state: "visible" });
    await session.page.selectOption("[data-testid=facet-name]", "category");
    await session.page.fill("[data-testid=facet-value]", value);
    await session.page.press("[data-testid=facet-value]", "Enter");
  }

  const menuEntries = () =>
    panel()
      .locator("[data-testid=export-menu] [data-testid^=export-]")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.testid));

  it("a search's CSV and RIS hold the papers its list shows, and the facet filter narrows both", async () => {
    await openExplorer(session.page, session.server.url);
    const query = "model";
    const { total } = await getJson<SearchDto>(session.server.url, `/api/search?q=${query}&limit=1`);
    const input = session.page.locator("[data-testid=search-input]");
    await input.fill(query);
    await input.press("Enter");
    await panel().locator("[data-testid=export-menu]").waitFor();
    expect(await menuEntries()).toEqual(["export-csv", "export-bib", "export-ris", "export-gexf", "export-graphml"]);
    const listed = await everyListed();
    expect(listed).toHaveLength(total);
    for (const format of ["csv", "ris"]) {
      const { name, ids } = await download(`export-${format}`);
      expect(name).toBe(`topicgraph-search-model.${format}`);
      expect(ids).toEqual(listed);
    }

    await filterByCategory("cs.CL");
    await expect.poll(() => panel().locator(".subtitle").textContent()).toContain("(only category cs.CL)");
    const filtered = await everyListed();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(listed.length);
    expect(filtered.every((id) => categories.get(id)!.includes("cs.CL"))).toBe(true);
    expect(filtered).toEqual(listed.filter((id) => categories.get(id)!.includes("cs.CL")));
    const { name, ids } = await download("export-csv");
    expect(name).toBe("topicgraph-search-model-category-cs-cl.csv");
    expect(ids).toEqual(filtered);
    for (const format of ["gexf", "graphml"]) {
      const graph = await download(`export-${format}`);
      expect(graph.name).toMatch(new RegExp(`-search-model-category-cs-cl\\.${format}$`));
      expect(graph.ids.sort()).toEqual([...filtered].sort());
    }
    await session.page.screenshot({ path: join(session.directory, "search-export.png") });
  });

  it("a topic's BibTeX and CSV hold the papers its list shows, with and without the facet filter", async () => {
    const { topics } = await getJson<TopicsDto>(session.server.url, "/api/topics?limit=1");
    const [{ term }] = topics;
    await openExplorer(session.page, `${session.server.url}/?topic=${encodeURIComponent(term)}`);
    await panel().locator("[data-testid=export-menu]").waitFor();
    expect(await menuEntries()).toEqual(["export-csv", "export-bib", "export-ris", "export-gexf", "export-graphml"]);
    const listed = await everyListed();
    expect(listed).toHaveLength(topics[0].papers);
    expect((await download("export-csv")).ids).toEqual(listed);
    // BibTeX keys are the ids.
    const bib = await download("export-bib");
    expect(bib.ids).toEqual(listed);

    await filterByCategory("cs.LG");
    await expect.poll(() => panel().locator(".subtitle").textContent()).toContain("(only category cs.LG)");
    const filtered = await everyListed();
    expect(filtered).toEqual(listed.filter((id) => categories.get(id)!.includes("cs.LG")));
    expect(filtered.length).toBeLessThan(listed.length);
    expect((await download("export-ris")).ids).toEqual(filtered);
    const graph = await download("export-graphml");
    expect(graph.name).toMatch(/-topic-.+-category-cs-lg\.graphml$/);
    expect(graph.ids.sort()).toEqual([...filtered].sort());
  });

  it("the map's export menu with the facet filter: the filtered papers' subgraph, named in its label", async () => {
    await openExplorer(session.page, session.server.url);
    const menu = session.page.locator("[data-testid=map-export] [data-testid=export-menu]");
    await expect.poll(() => menu.locator("summary").textContent()).toBe("Export map");
    await filterByCategory("cs.CL");
    await expect.poll(() => menu.locator("summary").textContent()).toBe("Export map: category “cs.CL”");
    await menu.locator("summary").click();
    await session.page.screenshot({ path: join(session.directory, "map-export-filtered.png") });
    const [file] = await Promise.all([
      session.page.waitForEvent("download"),
      menu.locator("[data-testid=export-gexf]").click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/-papers-category-cs-cl\.gexf$/);
    const text = await readFile((await file.path())!, "utf8");
    const nodes = [...text.matchAll(/<node id="([^"]*)"/g)].map((match) => match[1]);
    const kept = [...categories].filter(([, values]) => values.includes("cs.CL")).map(([id]) => id);
    expect(nodes.sort()).toEqual(kept.sort());
    expect(kept.length).toBeLessThan(categories.size);
    await session.page.click("#facet-clear");
    await expect.poll(() => menu.locator("summary").textContent()).toBe("Export map");
  });

  it("a cluster's papers and graph with the facet filter hold its filtered list", async () => {
    await openExplorer(session.page, session.server.url);
    await filterByCategory("cs.CL");
    await expect.poll(() => session.page.textContent("#facet-status")).toContain("papers");
    await session.page.locator("[data-testid=cluster-item]").first().click();
    await expect.poll(() => panel().locator(".subtitle").textContent()).toContain("(only category cs.CL)");
    const filtered = await everyListed();
    expect(filtered.every((id) => categories.get(id)!.includes("cs.CL"))).toBe(true);
    expect((await download("export-csv")).ids).toEqual(filtered);
    const gexf = await download("export-gexf");
    expect(gexf.name).toMatch(/-cluster-\d+-category-cs-cl\.gexf$/);
    expect(gexf.ids.sort()).toEqual([...filtered].sort());
  });

  it("the papers related to a 5,000-character text download through the menu's form, as listed", async () => {
    await openExplorer(session.page, session.server.url);
    const words = "quantization of language models 大语言模型的量化方法与高效推理研究 ";
    const text = words.repeat(Math.ceil(5000 / words.length)).slice(0, 5000);
    await session.page.locator("[data-testid=related-text]").fill(text);
    await session.page.locator("[data-testid=related-submit]").click();
    await items().first().waitFor();
    const listed = await listedIds(items());
    expect(listed.length).toBeGreaterThan(0);
    expect(await panel().locator("[data-testid=export-menu] form").count()).toBe(5);
    for (const format of ["csv", "bib"]) {
      const { name, ids } = await download(`export-${format}`);
      expect(name).toBe(`topicgraph-related.${format}`);
      expect(ids).toEqual(listed);
    }
    const graph = await download("export-gexf");
    expect(graph.name).toMatch(/-related\.gexf$/);
    expect(graph.ids.sort()).toEqual([...listed].sort());
    // The page stayed where it was: a download, not a navigation.
    await expect.poll(() => listedIds(items())).toEqual(listed);
    // Too long for the address (Node would answer a reload 431): left out of it, and the page reloads.
    expect(new URL(session.page.url()).searchParams.get("text")).toBeNull();
    await session.page.reload();
    await waitForExplorer(session.page);
  });
});
