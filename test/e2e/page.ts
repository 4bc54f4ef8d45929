// Page helpers for browser tests: open the explorer and wait until it is drawn, find where a node is on screen,
// count pixels of given colours in a screenshot (decoded by the browser itself: no image library needed).

import type { Browser, Page } from "playwright-core";

import { isNoise } from "./browser.js";

export const VIEWPORT = { width: 1280, height: 800 };

export interface OpenedPage {
  page: Page;
  /** Console errors and page errors seen so far, noise filtered out. */
  errors: string[];
}

export async function newExplorerPage(browser: Browser): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: VIEWPORT, acceptDownloads: true });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !isNoise(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

/** Navigates and waits until the map is drawn and the explorer answers input. */
export async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForExplorer(page);
}

export async function waitForExplorer(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__topicgraph !== undefined && document.body.dataset.state === "ready", null, {
    timeout: 30_000,
  });
}

/** Where a node is drawn, in page coordinates. */
export async function nodePagePoint(page: Page, node: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const { sigma, graph } = window.__topicgraph!;
    const point = sigma.graphToViewport(graph.getNodeAttributes(id));
    const box = sigma.getContainer().getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  }, node);
}

/** The node farthest from any other on screen (a click there cannot land on a neighbour), among visible ones. */
export async function isolatedNode(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { sigma, graph } = window.__topicgraph!;
    const { width, height } = sigma.getDimensions();
    const points = graph.nodes().map((id) => ({ id, ...sigma.graphToViewport(graph.getNodeAttributes(id)) }));
    const inside = points.filter((p) => p.x > 20 && p.y > 20 && p.x < width - 20 && p.y < height - 20);
    let best = inside[0];
    let bestDistance = -1;
    for (const p of inside) {
      let nearest = Infinity;
      for (const q of points) if (q !== p) nearest = Math.min(nearest, Math.hypot(p.x - q.x, p.y - q.y));
      if (nearest > bestDistance) [best, bestDistance] = [p, nearest];
    }
    return best.id;
  });
}

/** Pixels of each colour (within `tolerance` per channel) in a PNG, counted in `page`'s browser. */
export async function countColours(
  page: Page,
  png: Buffer,
  colours: readonly string[],
  tolerance = 8,
): Promise<number[]> {
  return page.evaluate(
    async ({ data, colours, tolerance }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      const targets = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
      const counts = colours.map(() => 0);
      for (let i = 0; i < pixels.length; i += 4) {
        for (let c = 0; c < targets.length; c++) {
          const [r, g, b] = targets[c];
          if (
            Math.abs(pixels[i] - r) <= tolerance &&
            Math.abs(pixels[i + 1] - g) <= tolerance &&
            Math.abs(pixels[i + 2] - b) <= tolerance
          ) {
            counts[c]++;
            break;
          }
        }
      }
      return counts;
    },
    { data: png.toString("base64"), colours, tolerance },
  );
}

/** JSON from the server under test, outside the browser. */
export async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** The colour of one pixel of the page as drawn (a 1×1 screenshot decoded in the browser), as [r, g, b]. */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, png.toString("base64"));
}

/** Waits until the map on screen is the given one: the overview, a cluster's (by id) or the whole map. */
export async function waitForMap(page: Page, map: "overview" | "whole" | number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const { map: kind, mapCluster } = document.body.dataset;
      const ready = window.__topicgraph !== undefined && document.body.dataset.state === "ready";
      return (
        ready &&
        (typeof expected === "number" ? kind === "cluster" && mapCluster === String(expected) : kind === expected)
      );
    },
    map,
    { timeout: 30_000 },
  );
}
