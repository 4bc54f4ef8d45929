// The export menus in real headless Chromium: a cluster's papers as CSV, BibTeX and RIS and its subgraph as GEXF and
// GraphML, the papers related to a text and their subgraph (sent as forms), each downloaded and read back (our readers
// for the papers, the nodes for the graphs); no "Open in Gephi Lite" on a loopback address.

import { describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { ClusterPapersDto } from "../../server/contract/index.js";
import { temporaryFile } from "../corpus/fixtures.js";
import { browserAvailable } from "./browser.js";
import { getJson, openExplorer } from "./page.js";
import { useExplorerSession } from "./session.js";

const SUITE = "export menus on the seed corpus";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  const session = useExplorerSession();

  /** Opens the list panel's export menu, clicks a link, and gives the downloaded file's name and bytes. */
  async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
    const menu = session.page.locator("[data-testid=list-panel] [data-testid=export-menu]");
    if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
    const [file] = await Promise.all([
      session.page.waitForEvent("download"),
      menu.locator(`[data-testid=${testId}]`).click(),
    ]);
    const { readFile } = await import("node:fs/promises");
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }

  it("a cluster's papers as CSV, BibTeX and RIS read back as its papers; its GEXF and GraphML hold them", async () => {
    await openExplorer(session.page, session.server.url);
    const id = 0;
    await session.page.locator(`[data-testid=cluster-item][data-cluster-id="${id}"]`).click();
    await session.page.locator("[data-testid=list-panel] [data-testid=export-menu]").waitFor();
    const cluster = await getJson<ClusterPapersDto>(session.server.url, `/api/clusters/${id}?limit=1000`);
    const titles = await Promise.all(
      cluster.papers.map(async ({ id: paper }) => {
        const detail = await getJson<{ paper: { title: string } }>(
          session.server.url,
          `/api/papers/${encodeURIComponent(paper)}`,
        );
        return detail.paper.title;
      }),
    );
    for (const format of ["csv", "bib", "ris"]) {
      const { name, bytes } = await download(`export-${format}`);
      expect(name).toBe(`topicgraph-cluster-${id}.${format}`);
      const read = await readCorpus(temporaryFile(name, bytes));
      expect(read.skipped).toEqual([]);
      expect(read.papers.map((p) => p.title)).toEqual(titles);
    }
    for (const format of ["gexf", "graphml"]) {
      const { name, bytes } = await download(`export-${format}`);
      expect(name).toMatch(new RegExp(`-cluster-${id}\\.${format}$`));
      expect(bytes.toString("utf8").match(/<node /g)).toHaveLength(cluster.total);
    }
    expect(await session.page.locator("[data-testid=open-gephi-lite]").count()).toBe(0);
  });

  it("the papers related to a text download as BibTeX with the listed papers, and their subgraph as GEXF", async () => {
    await openExplorer(session.page, session.server.url);
    await session.page
      .locator("[data-testid=related-text]")
      .fill("Low-precision quantization of large language model weights");
    await session.page.locator("[data-testid=related-submit]").click();
    const items = session.page.locator("[data-testid=list-panel] [data-testid=paper-item]");
    await items.first().waitFor();
    const ids = await items.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paperId!));
    const { name, bytes } = await download("export-bib");
    expect(name).toBe("topicgraph-related.bib");
    const read = await readCorpus(temporaryFile(name, bytes));
    expect(read.papers.map((p) => p.id)).toEqual(ids);
    const gexf = await download("export-gexf");
    expect(gexf.name).toMatch(/-related\.gexf$/);
    const nodes = [...gexf.bytes.toString("utf8").matchAll(/<node id="([^"]*)"/g)].map((match) => match[1]);
    expect(nodes.sort()).toEqual([...ids].sort());
    // Sent as forms (a text may be too long for a URL).
    const links = session.page.locator("[data-testid=list-panel] [data-testid=export-menu] form button");
    expect(await links.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.testid))).toEqual([
      "export-csv",
      "export-bib",
      "export-ris",
      "export-gexf",
      "export-graphml",
    ]);
  });

  it("the map's export menu offers GEXF and GraphML of the whole map, and no Gephi Lite link on 127.0.0.1", async () => {
    await openExplorer(session.page, session.server.url);
    const links = session.page.locator("[data-testid=map-export] a");
    expect(await links.evaluateAll((els) => els.map((el) => el.getAttribute("href")))).toEqual([
      "/api/export.gexf",
      "/api/export.graphml",
    ]);
  });
});
