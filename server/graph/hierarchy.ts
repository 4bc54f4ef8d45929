// Subtopics of large clusters: Louvain's level below the final one groups each cluster's papers into finer
// communities; groups too small to read are merged into the group of the same cluster they share most link weight
// with, and each cluster with two or more groups left gets subclusters, labelled against their parent cluster.

import type { LinkList } from "./link.js";

export interface HierarchyOptions {
  /** Clusters smaller than this are not split. */
  minClusterSize: number;
  /** Subclusters smaller than this are merged into a sibling. */
  minSubclusterSize: number;
}

export const HIERARCHY_DEFAULTS: Readonly<HierarchyOptions> = { minClusterSize: 30, minSubclusterSize: 5 };

export interface Subclusters {
  /** Per paper: its subcluster within its cluster (0 = largest), or -1 when its cluster is not split. */
  membership: Int32Array;
  /** Per cluster: the papers (row indices) of each of its subclusters; empty when not split. */
  groups: number[][][];
}

export function buildSubclusters(
  finerLevel: Int32Array | null,
  membership: Int32Array,
  clusterCount: number,
  links: LinkList,
  options: Partial<HierarchyOptions> = {},
): Subclusters {
  const { minClusterSize, minSubclusterSize } = { ...HIERARCHY_DEFAULTS, ...options };
  const n = membership.length;
  const sub = new Int32Array(n).fill(-1);
  const groups: number[][][] = Array.from({ length: clusterCount }, () => []);
  if (finerLevel === null) return { membership: sub, groups };

  // Start from the finer communities, keyed within their (final) cluster.
  const members: number[][] = Array.from({ length: clusterCount }, () => []);
  membership.forEach((c, i) => members[c].push(i));
  const group = Int32Array.from(finerLevel);
  // Link weight between groups of the same cluster, for merging the small ones.
  const weightBetween = new Map<string, number>();
  for (let e = 0; e < links.source.length; e++) {
    const a = links.source[e];
    const b = links.target[e];
    if (membership[a] !== membership[b] || group[a] === group[b]) continue;
    for (const [from, to] of [
      [group[a], group[b]],
      [group[b], group[a]],
    ]) {
      const key = `${from}:${to}`;
      weightBetween.set(key, (weightBetween.get(key) ?? 0) + links.weight[e]);
    }
  }

  for (let c = 0; c < clusterCount; c++) {
    const rows = members[c];
    if (rows.length < minClusterSize) continue;
    const byGroup = new Map<number, number[]>();
    for (const r of rows) {
      if (!byGroup.has(group[r])) byGroup.set(group[r], []);
      byGroup.get(group[r])!.push(r);
    }
    // Merge small groups, smallest first, into the sibling they are most linked to (else the largest sibling).
    const ordered = [...byGroup.entries()].sort((a, b) => a[1].length - b[1].length || a[0] - b[0]);
    for (const [id, papers] of ordered) {
      if (papers.length >= minSubclusterSize || byGroup.size < 2 || !byGroup.has(id)) continue;
      let target = -1;
      let best = 0;
      for (const other of byGroup.keys()) {
        if (other === id) continue;
        const weight = weightBetween.get(`${id}:${other}`) ?? 0;
        if (
          weight > best ||
          (weight === best && target >= 0 && byGroup.get(other)!.length > byGroup.get(target)!.length)
        ) {
          best = weight;
          target = other;
        }
      }
      if (target < 0) {
        target = [...byGroup.entries()]
          .filter(([other]) => other !== id)
          .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0][0];
      }
      byGroup.get(target)!.push(...papers);
      byGroup.delete(id);
      for (const [key, weight] of weightBetween) {
        const [from, to] = key.split(":").map(Number);
        if (from === id && to !== target)
          weightBetween.set(`${target}:${to}`, (weightBetween.get(`${target}:${to}`) ?? 0) + weight);
        if (to === id && from !== target)
          weightBetween.set(`${from}:${target}`, (weightBetween.get(`${from}:${target}`) ?? 0) + weight);
      }
    }
    if (byGroup.size < 2) continue;
    const sorted = [...byGroup.values()].sort((a, b) => b.length - a.length || Math.min(...a) - Math.min(...b));
    sorted.forEach((papers, s) => {
      papers.sort((x, y) => x - y);
      for (const r of papers) sub[r] = s;
    });
    groups[c] = sorted;
  }
  return { membership: sub, groups };
}
