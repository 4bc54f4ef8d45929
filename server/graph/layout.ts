// Positions of the papers, cluster by cluster (a two-level ForceAtlas2, Jacomy et al. 2014, with
// graphology-layout-forceatlas2 and graphology-layout-noverlap):
//   1. each cluster's papers are laid out alone, on their links inside the cluster (in worker threads), from seeded
//      random positions, then spread so that no two discs overlap;
//   2. the clusters are laid out as discs of their own extent on the links between clusters, then pushed apart so
//      that no two clusters overlap;
//   3. each cluster's layout is moved to its disc.
// Clusters never overlap on the map, each can be drawn on its own (the overview of a large corpus), and the work
// splits over cores. Same graph, clusters and seed give the same positions.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";

import { createRng } from "../random.js";
import { runTasks, threadCount } from "../workers/pool.js";
import { defineTask } from "../workers/tasks.js";
import type { LinkList } from "./link.js";

export interface LayoutOptions {
  seed: number;
  /** ForceAtlas2 iterations per cluster; 0 chooses from each cluster's size. */
  iterations: number;
}

export const LAYOUT_DEFAULTS: Readonly<LayoutOptions> = { seed: 42, iterations: 0 };

export interface Positions {
  x: Float64Array;
  y: Float64Array;
}

/** One cluster's own graph: local node indices, its internal links, its discs' sizes. */
export interface ClusterLayoutInput {
  nodes: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float32Array;
  sizes: Float32Array;
  iterations: number;
  seed: number;
  /** The papers' LSA vectors (row-major, `dimensions` each) to start from (clusterStart), or null for a random disc. */
  vectors: Float32Array | null;
  dimensions: number;
}

/**
 * Iterations for a cluster of n papers: many for small ones, fewer as they grow (an iteration costs about twice as
 * much at 2,000 nodes as at 1,000 with Barnes-Hut), so that no cluster's layout dominates. Papers
 * start where their LSA vectors put them (clusterStart), so ForceAtlas2 refines a meaningful map rather than
 * untangling a random one.
 */
export function autoIterations(nodes: number): number {
  return Math.max(15, Math.min(300, Math.round(15_000 / Math.max(nodes, 1))));
}

/**
 * Starting positions of a cluster's papers: their LSA vectors projected on the two main axes of the cluster
 * (principal components by power iteration on the centred vectors), scaled to a disc of radius 10 √n, with a
 * little seeded jitter so that papers with equal vectors do not start on one point.
 */
export function clusterStart(vectors: Float32Array, dimensions: number, seed: number): Positions {
  const n = vectors.length / dimensions;
  const mean = new Float64Array(dimensions);
  for (let i = 0; i < n; i++) for (let j = 0; j < dimensions; j++) mean[j] += vectors[i * dimensions + j] / n;
  const centred = (i: number, j: number) => vectors[i * dimensions + j] - mean[j];
  const rng = createRng(seed);
  const axes: Float64Array[] = [];
  for (let axis = 0; axis < 2; axis++) {
    let v = Float64Array.from({ length: dimensions }, () => rng() - 0.5);
    for (let iteration = 0; iteration < 15; iteration++) {
      const next = new Float64Array(dimensions);
      for (let i = 0; i < n; i++) {
        let projection = 0;
        for (let j = 0; j < dimensions; j++) projection += centred(i, j) * v[j];
        for (let j = 0; j < dimensions; j++) next[j] += projection * centred(i, j);
      }
      for (const previous of axes) {
        let overlap = 0;
        for (let j = 0; j < dimensions; j++) overlap += next[j] * previous[j];
        for (let j = 0; j < dimensions; j++) next[j] -= overlap * previous[j];
      }
      const norm = Math.hypot(...next);
      if (norm === 0) break;
      v = next.map((value) => value / norm);
    }
    axes.push(v);
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let extent = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dimensions; j++) {
      x[i] += centred(i, j) * axes[0][j];
      y[i] += centred(i, j) * axes[1][j];
    }
    extent = Math.max(extent, Math.hypot(x[i], y[i]));
  }
  const radius = 10 * Math.sqrt(n);
  const scale = extent > 0 ? radius / extent : 0;
  for (let i = 0; i < n; i++) {
    x[i] = x[i] * scale + (rng() - 0.5);
    y[i] = y[i] * scale + (rng() - 0.5);
  }
  return { x, y };
}

/**
 * noverlap's grid: graphology-layout-noverlap defaults to 20 × 20 cells whatever the graph, and compares every pair
 * within a cell, which is quadratic in a large graph's cells; about 2 nodes a cell keeps it linear.
 */
export function noverlapGridSize(nodes: number): number {
  return Math.max(20, Math.ceil(Math.sqrt(nodes / 2)));
}

/** layoutCluster on a worker thread. */
const LAYOUT_TASK = defineTask(import.meta.url, "layout-cluster", (input: ClusterLayoutInput) => layoutCluster(input));

/** Lays out one cluster alone: starting positions, ForceAtlas2, noverlap. Positions centred on (0, 0). */
export function layoutCluster(input: ClusterLayoutInput): Positions {
  const { nodes, source, target, weight, sizes, iterations, seed, vectors, dimensions } = input;
  const start = vectors === null ? null : clusterStart(vectors, dimensions, seed);
  const rng = createRng(seed);
  const graph = new Graph({ type: "undirected", multi: false });
  const radius = 10 * Math.sqrt(nodes);
  for (let i = 0; i < nodes; i++) {
    if (start !== null) {
      graph.addNode(i, { x: start.x[i], y: start.y[i], size: sizes[i] });
      continue;
    }
    const angle = rng() * 2 * Math.PI;
    const distance = radius * Math.sqrt(rng());
    graph.addNode(i, { x: distance * Math.cos(angle), y: distance * Math.sin(angle), size: sizes[i] });
  }
  for (let e = 0; e < source.length; e++) graph.addEdge(source[e], target[e], { weight: weight[e] });
  if (nodes > 1) {
    const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: nodes > 1000 };
    if (graph.size > 0) forceAtlas2.assign(graph, { iterations, settings, getEdgeWeight: "weight" });
    noverlap.assign(graph, {
      maxIterations: 50,
      settings: { ratio: 1.2, margin: 1, gridSize: noverlapGridSize(nodes) },
    });
  }
  const x = new Float64Array(nodes);
  const y = new Float64Array(nodes);
  graph.forEachNode((node, attributes) => {
    x[Number(node)] = attributes.x;
    y[Number(node)] = attributes.y;
  });
  centre(x, y);
  return { x, y };
}

function centre(x: Float64Array, y: Float64Array): void {
  if (x.length === 0) return;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < x.length; i++) {
    meanX += x[i] / x.length;
    meanY += y[i] / y.length;
  }
  for (let i = 0; i < x.length; i++) {
    x[i] -= meanX;
    y[i] -= meanY;
  }
}

/** The LSA vectors of a cluster's papers, gathered for its layout task (small clusters start at random). */
function memberVectors(
  rows: readonly number[],
  embeddings: { vectors: Float32Array; dimensions: number } | null,
): { vectors: Float32Array | null; dimensions: number } {
  if (embeddings === null || rows.length < 3) return { vectors: null, dimensions: 0 };
  const { vectors, dimensions } = embeddings;
  const out = new Float32Array(rows.length * dimensions);
  rows.forEach((r, i) => out.set(vectors.subarray(r * dimensions, (r + 1) * dimensions), i * dimensions));
  return { vectors: out, dimensions };
}

/** Lays out papers (by index) given their links, clusters and disc sizes. */
export async function computeLayout(
  links: LinkList,
  membership: Int32Array,
  clusterCount: number,
  sizes: Float64Array,
  options: Partial<LayoutOptions> = {},
  onProgress?: (done: number, total: number) => void,
  /** The papers' LSA vectors (row-major), which place each paper at the start; null for random starts. */
  embeddings: { vectors: Float32Array; dimensions: number } | null = null,
): Promise<Positions> {
  const { seed, iterations } = { ...LAYOUT_DEFAULTS, ...options };
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new RangeError(`graph/layout: iterations must be an integer >= 0, got ${iterations}`);
  }
  const n = membership.length;
  const local = new Int32Array(n);
  const members: number[][] = Array.from({ length: clusterCount }, () => []);
  membership.forEach((c, i) => {
    local[i] = members[c].length;
    members[c].push(i);
  });
  const inputs = members.map((rows, c) => ({
    nodes: rows.length,
    edges: { source: [] as number[], target: [] as number[], weight: [] as number[] },
    sizes: Float32Array.from(rows, (r) => sizes[r]),
    iterations: iterations || autoIterations(rows.length),
    seed: seed + c,
  }));
  const between = new Map<number, number>();
  for (let e = 0; e < links.source.length; e++) {
    const a = membership[links.source[e]];
    const b = membership[links.target[e]];
    if (a === b) {
      inputs[a].edges.source.push(local[links.source[e]]);
      inputs[a].edges.target.push(local[links.target[e]]);
      inputs[a].edges.weight.push(links.weight[e]);
    } else {
      const key = Math.min(a, b) * clusterCount + Math.max(a, b);
      between.set(key, (between.get(key) ?? 0) + links.weight[e]);
    }
  }
  const tasks: ClusterLayoutInput[] = inputs.map(({ nodes, edges, sizes, iterations, seed }, c) => ({
    nodes,
    source: Int32Array.from(edges.source),
    target: Int32Array.from(edges.target),
    weight: Float32Array.from(edges.weight),
    sizes,
    iterations,
    seed,
    ...memberVectors(members[c], embeddings),
  }));
  // Largest clusters first (on one thread, the order of the progress bar; on the workers, dealt out by cost).
  const order = tasks.map((_, c) => c).sort((a, b) => tasks[b].nodes - tasks[a].nodes || a - b);
  const parallel = threadCount() > 1 && n >= 2000;
  const results: Positions[] = new Array(clusterCount);
  if (parallel) {
    // Dealt out at once: this thread labels and explains the graph meanwhile, and a worker waiting for its next
    // cluster until then sat idle (about a second of one core at 17.6k papers).
    const outputs = await runTasks(
      LAYOUT_TASK,
      order.map((c) => tasks[c]),
      threadCount(),
      onProgress,
      order.map((c) => layoutCost(tasks[c].nodes)),
    );
    order.forEach((c, t) => (results[c] = outputs[t]));
  } else {
    order.forEach((c, done) => {
      results[c] = layoutCluster(tasks[c]);
      onProgress?.(done + 1, order.length);
    });
  }

  const radii = results.map(({ x, y }, c) => {
    let extent = 0;
    for (let i = 0; i < x.length; i++) extent = Math.max(extent, Math.hypot(x[i], y[i]) + tasks[c].sizes[i]);
    return Math.max(extent, 1);
  });
  const centres = layoutClusterDiscs(
    radii,
    members.map((rows) => rows.length),
    between,
    clusterCount,
    seed,
  );
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  membership.forEach((c, i) => {
    x[i] = centres.x[c] + results[c].x[local[i]];
    y[i] = centres.y[c] + results[c].y[local[i]];
  });
  return { x, y };
}

/**
 * A cluster's layout time in arbitrary units, fitted to the clusters of arxiv-dev-labeled laid out on one thread
 * (docs/performance.md): about linear below 1,000 papers (fewer iterations as clusters grow), faster growing above
 * (Barnes-Hut at 15 iterations).
 */
export function layoutCost(nodes: number): number {
  return nodes * (1 + nodes / 1000);
}

/**
 * Centres of the cluster discs: ForceAtlas2 on the graph of clusters, links weighted by association strength
 * (w_ab / (n_a n_b), as VOSviewer does, so that big clusters do not pull everything to them), laid out as points;
 * then scaled so that a typical disc just clears its nearest neighbour, and pushed apart by noverlap where discs
 * still overlap. (Laying out the discs with their sizes from the start, adjustSizes, left them where they began.)
 */
export function layoutClusterDiscs(
  radii: number[],
  sizes: number[],
  between: Map<number, number>,
  count: number,
  seed: number,
): Positions {
  const rng = createRng(seed);
  const graph = new Graph({ type: "undirected" });
  const spread = 100 * Math.sqrt(count);
  for (let c = 0; c < count; c++)
    graph.addNode(c, { x: (rng() - 0.5) * spread, y: (rng() - 0.5) * spread, size: radii[c] });
  const links = [...between.entries()].sort((a, b) => a[0] - b[0]);
  const strength = links.map(([key, weight]) => weight / (sizes[Math.floor(key / count)] * sizes[key % count]));
  // NOTE: association strengths are tiny numbers (1e-5); scaled to a maximum of 1 they balance FA2's repulsion.
  const strongest = Math.max(...strength, Number.MIN_VALUE);
  links.forEach(([key], l) => graph.addEdge(Math.floor(key / count), key % count, { weight: strength[l] / strongest }));
  if (count > 1 && graph.size > 0) {
    forceAtlas2.assign(graph, { iterations: 500, settings: forceAtlas2.inferSettings(graph), getEdgeWeight: "weight" });
  }
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  graph.forEachNode((node, attributes) => {
    x[Number(node)] = attributes.x;
    y[Number(node)] = attributes.y;
  });
  if (count < 2) return { x, y };
  const needed: number[] = [];
  for (let a = 0; a < count; a++) {
    let best = Infinity;
    for (let b = 0; b < count; b++) {
      if (a === b) continue;
      const distance = Math.hypot(x[a] - x[b], y[a] - y[b]);
      best = Math.min(best, distance > 0 ? (radii[a] + radii[b] + DISC_MARGIN) / distance : Infinity);
    }
    if (Number.isFinite(best)) needed.push(best);
  }
  needed.sort((p, q) => p - q);
  const scale = needed.length > 0 ? needed[Math.floor(needed.length / 2)] : 1;
  graph.updateEachNodeAttributes((node, attributes) => ({
    ...attributes,
    x: x[Number(node)] * scale,
    y: y[Number(node)] * scale,
  }));
  noverlap.assign(graph, { maxIterations: 500, settings: { ratio: 1, margin: DISC_MARGIN, gridSize: 1 } });
  graph.forEachNode((node, attributes) => {
    x[Number(node)] = attributes.x;
    y[Number(node)] = attributes.y;
  });
  separateDiscs(x, y, radii, DISC_MARGIN);
  return { x, y };
}

const DISC_MARGIN = 20;

/**
 * Moves both discs of every overlapping pair apart by half the overlap, sweep after sweep, until no two overlap.
 * NOTE: noverlap moves only one disc of a colliding pair, so a disc squeezed between two others can stay where it
 * is; on 2,000 arXiv papers it left 4 of 91 pairs of cluster discs overlapping by up to a quarter of their radii.
 */
export function separateDiscs(x: Float64Array, y: Float64Array, radii: readonly number[], margin: number): void {
  const count = x.length;
  for (let sweep = 0; sweep < 10_000; sweep++) {
    let moved = false;
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        const dx = x[b] - x[a];
        const dy = y[b] - y[a];
        const distance = Math.hypot(dx, dy);
        const needed = radii[a] + radii[b] + margin;
        if (distance >= needed) continue;
        moved = true;
        // Coincident centres part along a direction fixed by the pair, so that the result stays deterministic.
        const ux = distance > 0 ? dx / distance : Math.cos(a + b);
        const uy = distance > 0 ? dy / distance : Math.sin(a + b);
        const push = (needed - distance) / 2 + 1e-6 * needed;
        x[a] -= ux * push;
        y[a] -= uy * push;
        x[b] += ux * push;
        y[b] += uy * push;
      }
    }
    if (!moved) return;
  }
}
