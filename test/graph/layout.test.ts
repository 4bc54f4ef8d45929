// Layout: deterministic for a seed, finite, clusters on discs that never overlap, linked papers drawn together.

import { describe, expect, it } from "vitest";

import {
  autoIterations,
  clusterStart,
  computeLayout,
  layoutCluster,
  layoutClusterDiscs,
  separateDiscs,
  type Positions,
} from "../../server/graph/layout.js";
import type { LinkList } from "../../server/graph/link.js";
import { createRng } from "../../server/random.js";

/**
 * A planted partition: `clusters` groups of 8 to 30 papers, each paper linked to 3 random papers of its group and,
 * rarely, to one of another group.
 */
function plantedGraph(
  clusters: number,
  seed: number,
): { links: LinkList; membership: Int32Array; sizes: Float64Array } {
  const rng = createRng(seed);
  const membership: number[] = [];
  for (let c = 0; c < clusters; c++) for (let k = 8 + Math.floor(rng() * 23); k > 0; k--) membership.push(c);
  const n = membership.length;
  const members = Array.from({ length: clusters }, (_, c) => membership.flatMap((m, i) => (m === c ? [i] : [])));
  const pairs = new Map<number, number>();
  const link = (a: number, b: number) => a !== b && pairs.set(Math.min(a, b) * n + Math.max(a, b), 0.1 + 0.9 * rng());
  for (let i = 0; i < n; i++) {
    const own = members[membership[i]];
    for (let t = 0; t < 3; t++) link(i, own[Math.floor(rng() * own.length)]);
    if (rng() < 0.05) link(i, Math.floor(rng() * n));
  }
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const links: LinkList = {
    source: Int32Array.from(keys, (k) => Math.floor(k / n)),
    target: Int32Array.from(keys, (k) => k % n),
    weight: Float32Array.from(keys, (k) => pairs.get(k)!),
  };
  const sizes = Float64Array.from({ length: n }, () => 2 + 10 * rng());
  return { links, membership: Int32Array.from(membership), sizes };
}

/** Each cluster's disc as the layout sees it: its papers' mean, and the farthest disc edge from it. */
function clusterDiscs(positions: Positions, membership: Int32Array, sizes: Float64Array, count: number) {
  const cx = new Float64Array(count);
  const cy = new Float64Array(count);
  const members = new Float64Array(count);
  membership.forEach((c, i) => {
    cx[c] += positions.x[i];
    cy[c] += positions.y[i];
    members[c]++;
  });
  for (let c = 0; c < count; c++) {
    cx[c] /= members[c];
    cy[c] /= members[c];
  }
  const radius = new Float64Array(count).fill(1);
  membership.forEach((c, i) => {
    radius[c] = Math.max(radius[c], Math.hypot(positions.x[i] - cx[c], positions.y[i] - cy[c]) + sizes[i]);
  });
  return { cx, cy, radius };
}

function overlappingPairs(x: ArrayLike<number>, y: ArrayLike<number>, radii: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < radii.length; a++) {
    for (let b = a + 1; b < radii.length; b++) {
      if (Math.hypot(x[a] - x[b], y[a] - y[b]) < radii[a] + radii[b] - 1e-6) out.push([a, b]);
    }
  }
  return out;
}

const PLANTED = plantedGraph(12, 4);

describe("computeLayout", () => {
  it("gives the same finite positions for the same seed, and others for another seed", async () => {
    const { links, membership, sizes } = PLANTED;
    const first = await computeLayout(links, membership, 12, sizes, { seed: 3 });
    const second = await computeLayout(links, membership, 12, sizes, { seed: 3 });
    expect(Array.from(second.x)).toEqual(Array.from(first.x));
    expect(Array.from(second.y)).toEqual(Array.from(first.y));
    for (const v of [...first.x, ...first.y]) expect(Number.isFinite(v)).toBe(true);
    const other = await computeLayout(links, membership, 12, sizes, { seed: 4 });
    expect(Array.from(other.x)).not.toEqual(Array.from(first.x));
  });

  it("places each cluster on its own disc: no two clusters overlap", async () => {
    for (const seed of [1, 2, 3]) {
      const { links, membership, sizes } = plantedGraph(15, seed);
      const positions = await computeLayout(links, membership, 15, sizes, { seed, iterations: 50 });
      const { cx, cy, radius } = clusterDiscs(positions, membership, sizes, 15);
      expect(overlappingPairs(cx, cy, radius), `seed ${seed}`).toEqual([]);
    }
  });

  it("draws linked papers closer together than papers of the cluster on average", async () => {
    const { links, membership, sizes } = PLANTED;
    const { x, y } = await computeLayout(links, membership, 12, sizes, { seed: 5 });
    let linked = 0;
    let linkCount = 0;
    for (let e = 0; e < links.source.length; e++) {
      const [a, b] = [links.source[e], links.target[e]];
      if (membership[a] !== membership[b]) continue;
      linked += Math.hypot(x[a] - x[b], y[a] - y[b]);
      linkCount++;
    }
    let all = 0;
    let pairCount = 0;
    for (let a = 0; a < membership.length; a++) {
      for (let b = a + 1; b < membership.length; b++) {
        if (membership[a] !== membership[b]) continue;
        all += Math.hypot(x[a] - x[b], y[a] - y[b]);
        pairCount++;
      }
    }
    expect(linked / linkCount).toBeLessThan(all / pairCount);
  });

  it("handles no papers, one paper, and papers without links", async () => {
    const none = await computeLayout(
      { source: new Int32Array(0), target: new Int32Array(0), weight: new Float32Array(0) },
      new Int32Array(0),
      0,
      new Float64Array(0),
    );
    expect(none.x.length).toBe(0);
    const unlinked = await computeLayout(
      { source: new Int32Array(0), target: new Int32Array(0), weight: new Float32Array(0) },
      Int32Array.from([0, 1, 2]),
      3,
      Float64Array.from([2, 2, 2]),
    );
    for (const v of [...unlinked.x, ...unlinked.y]) expect(Number.isFinite(v)).toBe(true);
    expect(overlappingPairs(unlinked.x, unlinked.y, [2, 2, 2])).toEqual([]);
  });

  it.each([-1, 1.5])("rejects iterations %s", async (iterations) => {
    await expect(computeLayout(PLANTED.links, PLANTED.membership, 12, PLANTED.sizes, { iterations })).rejects.toThrow(
      new RangeError(`graph/layout: iterations must be an integer >= 0, got ${iterations}`),
    );
  });
});

describe("layoutCluster", () => {
  it("centres a cluster's layout on (0, 0) and is deterministic", () => {
    const input = {
      nodes: 4,
      source: Int32Array.from([0, 1, 2]),
      target: Int32Array.from([1, 2, 3]),
      weight: Float32Array.from([1, 1, 1]),
      sizes: Float32Array.from([2, 2, 2, 2]),
      iterations: 50,
      seed: 9,
      vectors: null,
      dimensions: 0,
    };
    const { x, y } = layoutCluster(input);
    expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 9);
    expect(y.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 9);
    expect(Array.from(layoutCluster(input).x)).toEqual(Array.from(x));
  });
});

describe("layoutClusterDiscs", () => {
  it("leaves no two discs overlapping, whatever the sizes and links", () => {
    // Random cluster maps of 5 to 34 discs: before separateDiscs, noverlap left overlaps in 20 of these 30.
    for (let trial = 0; trial < 30; trial++) {
      const rng = createRng(trial);
      const count = 5 + Math.floor(rng() * 30);
      const sizes = Array.from({ length: count }, () => 3 + Math.floor(rng() * 200));
      const radii = sizes.map((s) => 10 * Math.sqrt(s) * (0.5 + rng()));
      const between = new Map<number, number>();
      for (let a = 0; a < count; a++)
        for (let b = a + 1; b < count; b++) if (rng() < 0.4) between.set(a * count + b, rng() * 5);
      const { x, y } = layoutClusterDiscs(radii, sizes, between, count, trial);
      expect(overlappingPairs(x, y, radii), `trial ${trial}`).toEqual([]);
    }
  });
});

describe("separateDiscs", () => {
  it("frees a disc squeezed between two others, moving both discs of each pair", () => {
    const x = Float64Array.from([0, 15, 30]);
    const y = Float64Array.from([0, 0, 0]);
    separateDiscs(x, y, [10, 10, 10], 0);
    expect(overlappingPairs(x, y, [10, 10, 10])).toEqual([]);
    expect(x[0]).toBeLessThan(0);
    expect(x[2]).toBeGreaterThan(30);
    expect(x[1]).toBeCloseTo(15, 3); // pushes from both sides leave the middle disc about where it was
  });

  it("parts coincident discs deterministically and keeps the margin", () => {
    const run = () => {
      const x = Float64Array.from([5, 5]);
      const y = Float64Array.from([5, 5]);
      separateDiscs(x, y, [3, 4], 2);
      return [...x, ...y];
    };
    const [x0, x1, y0, y1] = run();
    expect(Math.hypot(x1 - x0, y1 - y0)).toBeGreaterThanOrEqual(9);
    expect(run()).toEqual([x0, x1, y0, y1]);
  });

  it("moves nothing when nothing overlaps", () => {
    const x = Float64Array.from([0, 100]);
    const y = Float64Array.from([0, 0]);
    separateDiscs(x, y, [10, 10], 5);
    expect(Array.from(x)).toEqual([0, 100]);
  });
});

describe("autoIterations", () => {
  it("gives small clusters many iterations and large ones few, within [15, 300]", () => {
    expect(autoIterations(1)).toBe(300);
    expect(autoIterations(10_000_000)).toBe(15);
    expect(autoIterations(1000)).toBeLessThanOrEqual(autoIterations(100));
  });
});

describe("clusterStart", () => {
  it("places papers along the two main axes of their LSA vectors, within a disc of radius 10 √n", () => {
    // Four papers on a line in a 3-d space (and one a little off it): the first axis orders them along the line.
    const vectors = Float32Array.from([0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0.1, 0, 4, 0, 0]);
    const start = clusterStart(vectors, 3, 1);
    const order = Array.from(start.x, (value, i): [number, number] => [value, i])
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => i);
    expect([order, [...order].reverse()]).toContainEqual([0, 1, 2, 3, 4]);
    const radius = 10 * Math.sqrt(5);
    for (let i = 0; i < 5; i++) expect(Math.hypot(start.x[i], start.y[i])).toBeLessThanOrEqual(radius + 1);
    expect(Array.from(clusterStart(vectors, 3, 1).x)).toEqual(Array.from(start.x));
  });
});
