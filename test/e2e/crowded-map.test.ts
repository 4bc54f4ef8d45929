// The map where it is crowded, in real headless Chromium against the real server: a generated corpus of 5,400 papers
// in 24 clusters of different sizes (test/e2e/crowded-corpus.ts), drawn in the large-map style (over 5,000 papers:
// hovering raises the neighbourhood above a veil). Every cluster in view is named at every zoom, labels never
// overlap and paper titles never cover them nor run off the map; a click opens the paper drawn on top under the
// cursor.

import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import type { ClustersDto } from "../../server/contract/index.js";
import { createRng } from "../../server/random.js";
import { browserAvailable } from "./browser.js";
import { writeCrowdedCorpus } from "./crowded-corpus.js";
import { getJson, openExplorer } from "./page.js";
import { useExplorerSession } from "./session.js";

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const SUITE = "a crowded map";

describe.runIf(browserAvailable(`browser tests: ${SUITE}`))(SUITE, () => {
  const session = useExplorerSession({
    corpus: (directory) => {
      const corpus = join(directory, "crowded.jsonl");
      expect(writeCrowdedCorpus(corpus)).toBe(5400);
      return corpus;
    },
    // Every title sigma writes on its labels canvas, with its box in the canvas's pixels.
    preparePage: (page) =>
      page.addInitScript(() => {
        const titles: { text: string; left: number; right: number; top: number; bottom: number }[] = [];
        (window as unknown as { __titles: typeof titles }).__titles = titles;
        const fillText = CanvasRenderingContext2D.prototype.fillText;
        CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
          if (this.canvas.classList.contains("sigma-labels")) {
            const size = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 12);
            const width = this.measureText(text).width;
            titles.push({ text, left: x, right: x + width, top: y - size, bottom: y + size / 3 });
          }
          return fillText.call(this, text, x, y, maxWidth);
        };
      }),
  });
  let clusters: ClustersDto["clusters"];

  beforeAll(async () => {
    clusters = (await getJson<ClustersDto>(session.server.url, "/api/clusters")).clusters;
    expect(clusters.length).toBeGreaterThanOrEqual(20);
  });

  /** Sets the camera, waits for the frame, and returns what is drawn: cluster labels, leader lines and titles. */
  const frame = async (camera: { x: number; y: number; ratio: number } | null) => {
    await session.page.evaluate((state) => {
      (window as unknown as { __titles: unknown[] }).__titles.length = 0;
      const { sigma } = window.__topicgraph!;
      if (state) sigma.getCamera().setState({ ...state, angle: 0 });
      else sigma.refresh();
    }, camera);
    await session.page.waitForTimeout(300);
    return session.page.evaluate(() => {
      const { sigma } = window.__topicgraph!;
      const map = sigma.getContainer().getBoundingClientRect();
      const rect = (element: Element) => {
        const box = element.getBoundingClientRect();
        return {
          left: box.left - map.left,
          top: box.top - map.top,
          right: box.right - map.left,
          bottom: box.bottom - map.top,
        };
      };
      const labels = [...document.querySelectorAll<HTMLElement>(".cluster-label")].map((label) => ({
        id: Number(label.dataset.clusterId),
        shown: getComputedStyle(label).visibility === "visible" && !label.classList.contains("overlapping"),
        box: rect(label),
      }));
      const leaders = [...document.querySelectorAll<SVGLineElement>(".cluster-leaders line.shown")].map((line) => ({
        id: Number(line.dataset.clusterId),
        to: { x: Number(line.getAttribute("x2")), y: Number(line.getAttribute("y2")) },
      }));
      return {
        width: map.width,
        height: map.height,
        labels,
        leaders,
        titles: (window as unknown as { __titles: Rect[] }).__titles,
      };
    });
  };

  /** Clusters whose centre is in view, with where it is on screen. */
  const inView = (width: number, height: number) =>
    session.page.evaluate(
      ({ clusters, width, height }) => {
        const { sigma } = window.__topicgraph!;
        return clusters
          .map((c) => ({ id: c.id, ...sigma.graphToViewport({ x: c.x, y: c.y }) }))
          .filter((p) => p.x >= 4 && p.y >= 4 && p.x <= width - 4 && p.y <= height - 4);
      },
      { clusters: clusters.map(({ id, x, y }) => ({ id, x, y })), width, height },
    );

  it("names every cluster in view at every zoom, with no two labels overlapping and no title over a label", async () => {
    await openExplorer(session.page, session.server.url);
    await session.page.waitForTimeout(600);
    const views = [
      null, // the first view
      { x: 0.5, y: 0.5, ratio: 2.5 }, // zoomed out: the clusters packed in the middle
      { x: 0.5, y: 0.5, ratio: 4 },
      { x: 0.4, y: 0.6, ratio: 0.35 }, // zoomed in: a few clusters, some partly in view
    ];
    let moved = 0;
    for (const view of views) {
      const drawn = await frame(view);
      const centres = await inView(drawn.width, drawn.height);
      expect(centres.length, `clusters in view at ${JSON.stringify(view)}`).toBeGreaterThan(0);
      const shown = drawn.labels.filter((label) => label.shown);
      for (const centre of centres) {
        const label = shown.find((l) => l.id === centre.id);
        expect(label, `cluster ${centre.id} named at ${JSON.stringify(view)}`).toBeDefined();
        const { box } = label!;
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(drawn.width);
        expect(box.bottom).toBeLessThanOrEqual(drawn.height);
        // On its cluster, or tied to its centre by a leader line.
        const onIt = centre.x >= box.left && centre.x <= box.right && centre.y >= box.top && centre.y <= box.bottom;
        const leader = drawn.leaders.find((l) => l.id === centre.id);
        if (leader) {
          expect(Math.hypot(leader.to.x - centre.x, leader.to.y - centre.y)).toBeLessThan(1.5);
          moved++;
        } else if (!onIt) {
          const gap = Math.hypot(
            centre.x - Math.min(box.right, Math.max(box.left, centre.x)),
            centre.y - Math.min(box.bottom, Math.max(box.top, centre.y)),
          );
          const radius = clusters.find((c) => c.id === centre.id)!.radius;
          const onScreen = await session.page.evaluate(
            ({ x, y, radius }) => {
              const { sigma } = window.__topicgraph!;
              const a = sigma.graphToViewport({ x, y });
              const b = sigma.graphToViewport({ x: x + radius, y });
              return Math.hypot(a.x - b.x, a.y - b.y);
            },
            { ...clusters.find((c) => c.id === centre.id)!, radius },
          );
          expect(gap, `label of cluster ${centre.id} near its cluster`).toBeLessThanOrEqual(
            Math.max(6, onScreen / 2) + 1,
          );
        }
      }
      for (const [i, a] of shown.entries()) {
        for (const b of shown.slice(i + 1)) expect(overlaps(a.box, b.box), `labels ${a.id} and ${b.id}`).toBe(false);
      }
      for (const title of drawn.titles) {
        for (const label of shown)
          expect(overlaps(title, label.box), `“${(title as { text?: string }).text}” over label ${label.id}`).toBe(
            false,
          );
        expect(title.left).toBeGreaterThanOrEqual(0);
        expect(
          title.right,
          `a title cut at the map's right edge: ${JSON.stringify(title)} in ${JSON.stringify(view)}`,
        ).toBeLessThanOrEqual(drawn.width);
      }
    }
    // Zoomed out, the clusters are packed: labels had to move.
    expect(moved).toBeGreaterThan(3);
  });

  it(
    "opens, on a click, the paper drawn on top under the cursor, with nothing hovered and while raised papers are shown",
    { timeout: 180_000 },
    async () => {
      await openExplorer(session.page, session.server.url);
      await session.page.waitForTimeout(600);
      // Every paper its own colour; labels, titles and the veil out of the way so that the pixels are the discs'.
      const colours = await session.page.evaluate(() => {
        const { sigma, graph } = window.__topicgraph!;
        sigma.setSetting("renderLabels", false);
        const byColour: Record<string, string> = {};
        graph.forEachNode((node, _attributes) => {
          const i = Object.keys(byColour).length + 1;
          // i mod 256 scrambled, i / 256 in steps of 9: no two papers alike.
          const rgb = [(i * 97) % 256, 40 + 9 * Math.floor(i / 256), (i * 37) % 256];
          byColour[rgb.join(",")] = node;
          graph.setNodeAttribute(node, "color", `rgb(${rgb.join(",")})`);
        });
        return byColour;
      });
      expect(Object.keys(colours).length).toBe(5400);
      await session.page.addStyleTag({ content: ".cluster-labels, .map-veil { display: none !important }" });
      await session.page.evaluate(() =>
        window.__topicgraph!.sigma.getCamera().setState({ x: 0.45, y: 0.5, ratio: 0.45, angle: 0 }),
      );
      await session.page.waitForTimeout(400);
      const map = (await session.page.locator("[data-testid=map]").boundingBox())!;
      /** For each point, the paper whose colour fills the 3×3 pixels around it, or null (an edge, a box, nothing). */
      const drawnAt = async (points: { x: number; y: number }[]): Promise<(string | null)[]> => {
        const png = await session.page.screenshot({ clip: map });
        const found = await session.page.evaluate(
          async ({ data, points }) => {
            const image = new Image();
            image.src = `data:image/png;base64,${data}`;
            await image.decode();
            const canvas = document.createElement("canvas");
            [canvas.width, canvas.height] = [image.width, image.height];
            const context = canvas.getContext("2d")!;
            context.drawImage(image, 0, 0);
            return points.map(({ x, y }) => {
              const pixels = context.getImageData(x - 1, y - 1, 3, 3).data;
              const colours = new Set<string>();
              for (let i = 0; i < pixels.length; i += 4) colours.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
              return colours.size === 1 ? [...colours][0] : null;
            });
          },
          { data: png.toString("base64"), points },
        );
        return found.map((colour) => (colour === null ? null : (colours[colour] ?? null)));
      };
      const openedPaper = () =>
        session.page.evaluate(
          () => document.querySelector<HTMLElement>("[data-testid=paper-details]")?.dataset.paperId ?? null,
        );

      // Points near random papers (within 1.5 radii), where discs overlap; what is drawn there with nothing hovered.
      const rng = createRng(5);
      const ids = Object.values(colours);
      const candidates: { x: number; y: number }[] = [];
      while (candidates.length < 60) {
        const target = ids[Math.floor(rng() * ids.length)];
        const centre = await session.page.evaluate((id) => {
          const { sigma } = window.__topicgraph!;
          const display = sigma.getNodeDisplayData(id)!;
          return { ...sigma.framedGraphToViewport(display), radius: sigma.scaleSize(display.size) };
        }, target);
        const angle = rng() * 2 * Math.PI;
        const distance = rng() * 1.5 * centre.radius;
        const x = Math.round(centre.x + Math.cos(angle) * distance);
        const y = Math.round(centre.y + Math.sin(angle) * distance);
        if (x >= 10 && y >= 10 && x <= map.width - 10 && y <= map.height - 10) candidates.push({ x, y });
      }
      await session.page.mouse.move(map.x - 20, map.y + 10);
      await session.page.waitForTimeout(200);
      const seen = await drawnAt(candidates);
      const samples = candidates.map((point, i) => ({ ...point, paper: seen[i] })).filter((s) => s.paper !== null);
      expect(samples.length).toBeGreaterThanOrEqual(12);

      let checked = 0;
      let raised = 0;
      for (const { x, y, paper } of samples.slice(0, 12)) {
        // Pointing at it: what is drawn under the cursor while it is hovered (raised papers around it), then a click.
        await session.page.mouse.move(map.x + x, map.y + y);
        await session.page.waitForTimeout(150);
        expect((await drawnAt([{ x, y }]))[0], `drawn under the cursor at ${x},${y}`).toBe(paper);
        if (await session.page.evaluate(() => document.querySelector(".map-veil:not([hidden])") !== null)) raised++;
        await session.page.mouse.click(map.x + x, map.y + y);
        await expect.poll(openedPaper, { timeout: 5000 }).toBe(paper);
        checked++;
        await session.page.keyboard.press("Escape");
        await session.page.mouse.move(map.x - 20, map.y + 10);
      }
      expect(checked).toBe(12);
      expect(raised).toBeGreaterThan(0);
    },
  );
});
