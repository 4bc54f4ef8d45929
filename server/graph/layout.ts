// Positions of the papers: seeded initial positions (each cluster around its own point of a golden-angle spiral),
// then ForceAtlas2 (Jacomy et al. 2014; graphology-layout-forceatlas2, Barnes-Hut above 2,000 nodes), then
// noverlap so that no two discs overlap. Same graph, clusters and seed give the same positions.

import type Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";

import { createRng } from "../random.js";

export interface LayoutOptions {
  seed: number;
  /** ForceAtlas2 iterations; 0 chooses from the graph's size. */
  iterations: number;
  /** Node attribute holding the disc radius used by noverlap. */
  sizeAttribute: string;
}

export const LAYOUT_DEFAULTS: Readonly<LayoutOptions> = { seed: 42, iterations: 0, sizeAttribute: "size" };

export interface Positions {
  x: Float64Array;
  y: Float64Array;
}

/**
 * Iterations that keep the layout within seconds: many for small maps, fewer as the graph grows (one Barnes-Hut
 * iteration took about 0.11 s at 17.6k nodes here). Clusters start apart (initialPositions), so large maps need
 * fewer iterations to settle.
 */
export function autoIterations(nodes: number): number {
  return Math.max(20, Math.min(300, Math.round(600_000 / Math.max(nodes, 1))));
}

/**
 * noverlap's grid: graphology-layout-noverlap defaults to 20 × 20 cells whatever the graph, and compares every pair
 * within a cell; at 17.6k nodes 50 iterations took 36 s with that grid and 1.8 s with about 2 nodes a cell.
 */
export function noverlapGridSize(nodes: number): number {
  return Math.max(20, Math.ceil(Math.sqrt(nodes / 2)));
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export function initialPositions(membership: Int32Array, clusterCount: number, seed: number): Positions {
  const rng = createRng(seed);
  const sizes = new Int32Array(clusterCount);
  for (const c of membership) sizes[c]++;
  const centreX = new Float64Array(clusterCount);
  const centreY = new Float64Array(clusterCount);
  let area = 0;
  for (let c = 0; c < clusterCount; c++) {
    // Clusters are numbered largest first: each is placed further out on the spiral, at the area used so far.
    const radius = 10 * Math.sqrt(area);
    centreX[c] = radius * Math.cos(c * GOLDEN_ANGLE);
    centreY[c] = radius * Math.sin(c * GOLDEN_ANGLE);
    area += sizes[c];
  }
  const x = new Float64Array(membership.length);
  const y = new Float64Array(membership.length);
  membership.forEach((c, i) => {
    const angle = rng() * 2 * Math.PI;
    const distance = 5 * Math.sqrt(sizes[c]) * Math.sqrt(rng());
    x[i] = centreX[c] + distance * Math.cos(angle);
    y[i] = centreY[c] + distance * Math.sin(angle);
  });
  return { x, y };
}

/** Computes positions for the nodes of `graph` (in node order) and returns them; the graph is not modified. */
export function computeLayout(
  graph: Graph,
  membership: Int32Array,
  clusterCount: number,
  options: Partial<LayoutOptions> = {},
): Positions {
  const { seed, iterations, sizeAttribute } = { ...LAYOUT_DEFAULTS, ...options };
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new RangeError(`graph/layout: iterations must be an integer >= 0, got ${iterations}`);
  }
  const start = initialPositions(membership, clusterCount, seed);
  if (graph.order === 0) return start;
  // Lay out a copy holding only what the algorithms read, so that the caller's graph is left alone.
  const work = graph.emptyCopy();
  let i = 0;
  work.forEachNode((node) => {
    work.mergeNodeAttributes(node, { x: start.x[i], y: start.y[i], size: graph.getNodeAttribute(node, sizeAttribute) ?? 1 });
    i++;
  });
  graph.forEachEdge((edge, attributes, source, target) => work.addEdgeWithKey(edge, source, target, { weight: attributes.weight }));
  const settings = { ...forceAtlas2.inferSettings(work), linLogMode: false, adjustSizes: false, edgeWeightInfluence: 1 };
  forceAtlas2.assign(work, {
    iterations: iterations || autoIterations(work.order),
    settings,
    getEdgeWeight: "weight",
  });
  noverlap.assign(work, { maxIterations: 50, settings: { ratio: 1.2, margin: 1, gridSize: noverlapGridSize(work.order) } });
  const x = new Float64Array(work.order);
  const y = new Float64Array(work.order);
  i = 0;
  work.forEachNode((_node, attributes) => {
    x[i] = attributes.x;
    y[i] = attributes.y;
    i++;
  });
  return { x, y };
}
