// Cluster ids and colours that survive a rebuild: the new clusters are matched to a previous build's by the papers
// they share (greedily, largest overlap first; a match needs a Jaccard index of at least 0.5 over the papers both
// builds have), a matched cluster takes its old id when that id still exists and its old colour always, and the
// others take the ids and palette colours left free. A few papers added to a corpus then leave the map as it was.

import { clusterColor } from "./appearance.js";

/** What is kept of a previous build: each paper's cluster, and each cluster's colour. */
export interface PreviousClusters {
  ids: readonly string[];
  clusters: ArrayLike<number>;
  colors: readonly string[];
}

export interface AlignedClusters {
  membership: Int32Array;
  colors: string[];
  /** Per new cluster id, the colour it keeps from the previous build, or null for a new cluster. */
  kept: (string | null)[];
  /** How many clusters kept their identity. */
  matched: number;
}

export const MIN_JACCARD = 0.5;

export function alignClusters(
  ids: readonly string[],
  membership: Int32Array,
  count: number,
  previous: PreviousClusters | null,
): AlignedClusters {
  if (previous === null) {
    const colors = Array.from({ length: count }, (_, c) => clusterColor(c));
    return { membership, colors, kept: colors.map(() => null), matched: 0 };
  }
  const before = new Map<string, number>();
  previous.ids.forEach((id, i) => before.set(id, previous.clusters[i]));
  // Sizes over the papers both builds have, and the overlaps.
  const newSizes = new Map<number, number>();
  const oldSizes = new Map<number, number>();
  const overlap = new Map<string, number>();
  ids.forEach((id, i) => {
    const old = before.get(id);
    if (old === undefined) return;
    newSizes.set(membership[i], (newSizes.get(membership[i]) ?? 0) + 1);
    oldSizes.set(old, (oldSizes.get(old) ?? 0) + 1);
    const key = `${membership[i]}:${old}`;
    overlap.set(key, (overlap.get(key) ?? 0) + 1);
  });
  const pairs = [...overlap.entries()]
    .map(([key, shared]) => {
      const [c, o] = key.split(":").map(Number);
      return { c, o, shared, jaccard: shared / (newSizes.get(c)! + oldSizes.get(o)! - shared) };
    })
    .filter((pair) => pair.jaccard >= MIN_JACCARD)
    .sort((a, b) => b.shared - a.shared || a.c - b.c || a.o - b.o);
  const oldOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const { c, o } of pairs) {
    if (oldOf.has(c) || taken.has(o)) continue;
    oldOf.set(c, o);
    taken.add(o);
  }

  const newId = new Int32Array(count).fill(-1);
  const usedIds = new Set<number>();
  for (const [c, o] of oldOf) {
    if (o < count) {
      newId[c] = o;
      usedIds.add(o);
    }
  }
  // The rest, largest first (ids are ordered by size), take the free ids in order.
  let free = 0;
  for (let c = 0; c < count; c++) {
    if (newId[c] >= 0) continue;
    while (usedIds.has(free)) free++;
    newId[c] = free;
    usedIds.add(free);
  }
  const colors = new Array<string>(count);
  const kept = new Array<string | null>(count).fill(null);
  const usedColors = new Set<string>();
  for (const [c, o] of oldOf) {
    const color = previous.colors[o];
    if (color !== undefined) {
      colors[newId[c]] = color;
      kept[newId[c]] = color;
      usedColors.add(color);
    }
  }
  let palette = 0;
  for (let id = 0; id < count; id++) {
    if (colors[id] !== undefined) continue;
    while (usedColors.has(clusterColor(palette))) palette++;
    colors[id] = clusterColor(palette);
    usedColors.add(colors[id]);
  }
  return { membership: membership.map((c) => newId[c]), colors, kept, matched: oldOf.size };
}
