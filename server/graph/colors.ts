// Cluster colours that tell neighbours apart: clusters whose discs touch on the map get colours far apart in CIEDE2000
// (Sharma et al. 2005), for normal vision and under simulated deuteranopia and protanopia (Machado et al. 2009, as
// culori implements them). Greedy: clusters kept from a previous build keep their colour (graph/align-clusters); the
// others, largest first, each take the palette colour farthest from those of its coloured neighbours (the least
// used, then the earliest, among equals).

import {
  differenceCiede2000,
  filterDeficiencyDeuter,
  filterDeficiencyProt,
  formatHex,
  parse,
  type Color,
} from "culori";

/**
 * Candidates that read on white as small discs: Tableau 10, Okabe and Ito's, and Paul Tol's bright and muted
 * qualitative schemes, without the pale ones (yellow, grey).
 */
export const COLOR_CANDIDATES: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#59a14f",
  "#b07aa1",
  "#9c755f",
  "#76b7b2",
  "#ff9da7",
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#d55e00",
  "#cc79a7",
  "#56b4e9",
  "#332288",
  "#117733",
  "#999933",
  "#882255",
  "#aa4499",
  "#44aa99",
  "#cc6677",
  "#4477aa",
  "#228833",
  "#aa3377",
  "#ee6677",
];

export interface ColorOptions {
  /** Discs whose gap is under this share of the sum of their radii touch. */
  touching: number;
}

export const COLOR_DEFAULTS: Readonly<ColorOptions> = { touching: 0.25 };

const difference = differenceCiede2000();
const deuteranopia = filterDeficiencyDeuter(1);
const protanopia = filterDeficiencyProt(1);

/** The smallest CIEDE2000 difference of two colours for normal vision, deuteranopia and protanopia. */
export function perceivedDistance(a: string, b: string): number {
  const [x, y] = [parse(a) as Color, parse(b) as Color];
  return Math.min(
    difference(x, y),
    difference(deuteranopia(x), deuteranopia(y)),
    difference(protanopia(x), protanopia(y)),
  );
}

/** A cluster's disc on the map: the mean of its papers' positions, and the distance to the farthest one. */
export interface ClusterDisc {
  x: number;
  y: number;
  radius: number;
}

export function clusterDiscs(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  membership: Int32Array,
  count: number,
): ClusterDisc[] {
  const sums = Array.from({ length: count }, () => ({ x: 0, y: 0, n: 0, radius: 0 }));
  membership.forEach((c, i) => {
    sums[c].x += x[i];
    sums[c].y += y[i];
    sums[c].n++;
  });
  for (const s of sums) {
    s.x /= Math.max(s.n, 1);
    s.y /= Math.max(s.n, 1);
  }
  membership.forEach((c, i) => {
    sums[c].radius = Math.max(sums[c].radius, Math.hypot(x[i] - sums[c].x, y[i] - sums[c].y));
  });
  return sums.map(({ x, y, radius }) => ({ x, y, radius }));
}

/** Pairs of clusters whose discs touch (see ColorOptions), as each cluster's list of neighbours. */
export function touchingClusters(discs: readonly ClusterDisc[], options: Partial<ColorOptions> = {}): number[][] {
  const { touching } = { ...COLOR_DEFAULTS, ...options };
  const neighbours: number[][] = discs.map(() => []);
  for (let a = 0; a < discs.length; a++) {
    for (let b = a + 1; b < discs.length; b++) {
      const reach = (discs[a].radius + discs[b].radius) * (1 + touching);
      if (Math.hypot(discs[a].x - discs[b].x, discs[a].y - discs[b].y) <= reach) {
        neighbours[a].push(b);
        neighbours[b].push(a);
      }
    }
  }
  return neighbours;
}

/**
 * A colour per cluster (ids by size, largest first): `kept[c]` when given, else the candidate farthest (by
 * perceivedDistance) from its coloured neighbours.
 */
export function assignColors(
  neighbours: readonly (readonly number[])[],
  kept: readonly (string | null)[] = [],
  candidates: readonly string[] = COLOR_CANDIDATES,
): string[] {
  const count = neighbours.length;
  const colors: (string | null)[] = Array.from({ length: count }, (_, c) => kept[c] ?? null);
  const uses = new Map<string, number>();
  for (const color of colors) if (color !== null) uses.set(color, (uses.get(color) ?? 0) + 1);
  for (let c = 0; c < count; c++) {
    if (colors[c] !== null) continue;
    let best = candidates[0];
    let bestDistance = -1;
    for (const candidate of candidates) {
      let distance = Infinity;
      for (const other of neighbours[c]) {
        const color = colors[other];
        if (color !== null) distance = Math.min(distance, perceivedDistance(candidate, color));
      }
      // Distances past this are all clearly different: then the least used colour wins.
      const capped = Math.min(distance, 40) - (uses.get(candidate) ?? 0) * 1e-3;
      if (capped > bestDistance) {
        bestDistance = capped;
        best = candidate;
      }
    }
    colors[c] = best;
    uses.set(best, (uses.get(best) ?? 0) + 1);
  }
  return colors.map((color) => formatHex(parse(color!) as Color));
}
