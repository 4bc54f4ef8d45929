// Subtopics of large clusters: Louvain's level below the final one groups each cluster's papers into finer
// communities; groups too small to read are merged into the group of the same cluster they share most link weight
// with, and each cluster with two or more groups left gets subclusters, labelled against their parent cluster. A
// cluster of `splitFrom` papers or more that the finer level keeps whole is split by Louvain (Blondel et al. 2008) on
// its own links, its groups under `minSplitShare` of it merged the same way.

import { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";

import { createRng } from "../random.js";
import type { LinkList } from "./link.js";

export interface HierarchyOptions {
  /** Clusters smaller than this are not split. */
  minClusterSize: number;
  /** Subclusters smaller than this are merged into a sibling. */
  minSubclusterSize: number;
  /** Clusters of at least this many papers always get subtopics, from Louvain on their own links if need be. */
  splitFrom: number;
  /** Groups of such a split smaller than this share of the cluster are merged into a sibling. */
  minSplitShare: number;
  seed: number;
}

export const HIERARCHY_DEFAULTS: Readonly<HierarchyOptions> = {
  minClusterSize: 30,
  minSubclusterSize: 5,
  splitFrom: 300,
  minSplitShare: 0.03,
  seed: 42,
};

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
  const { minClusterSize, minSubclusterSize, splitFrom, minSplitShare, seed } = { ...HIERARCHY_DEFAULTS, ...options };
  if (!Number.isInteger(splitFrom) || splitFrom < 2) {
    throw new RangeError(`graph/hierarchy: splitFrom must be an integer >= 2, got ${splitFrom}`);
  }
  const n = membership.length;
  const sub = new Int32Array(n).fill(-1);
  const groups: number[][][] = Array.from({ length: clusterCount }, () => []);
  const members: number[][] = Array.from({ length: clusterCount }, () => []);
  membership.forEach((c, i) => members[c].push(i));
  // Start from the finer communities, keyed within their (final) cluster (one group per cluster without them).
  const group = finerLevel === null ? Int32Array.from(membership) : Int32Array.from(finerLevel);
  // Link weight between groups of the same cluster, for merging the small ones.
  const weightBetween = new Map<string, number>();
  const addWeights = (cluster: number) => {
    for (let e = 0; e < links.source.length; e++) {
      const a = links.source[e];
      const b = links.target[e];
      if (membership[a] !== membership[b] || group[a] === group[b]) continue;
      if (cluster >= 0 && membership[a] !== cluster) continue;
      for (const [from, to] of [
        [group[a], group[b]],
        [group[b], group[a]],
      ]) {
        const key = `${from}:${to}`;
        weightBetween.set(key, (weightBetween.get(key) ?? 0) + links.weight[e]);
      }
    }
  };
  addWeights(-1);

  const split = (c: number, smallest: number) => {
    const rows = members[c];
    const byGroup = new Map<number, number[]>();
    for (const r of rows) {
      if (!byGroup.has(group[r])) byGroup.set(group[r], []);
      byGroup.get(group[r])!.push(r);
    }
    // Merge small groups, smallest first, into the sibling they are most linked to (else the largest sibling).
    const ordered = [...byGroup.entries()].sort((a, b) => a[1].length - b[1].length || a[0] - b[0]);
    for (const [id, papers] of ordered) {
      if (papers.length >= smallest || byGroup.size < 2 || !byGroup.has(id)) continue;
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
    if (byGroup.size < 2) return;
    const sorted = [...byGroup.values()].sort((a, b) => b.length - a.length || Math.min(...a) - Math.min(...b));
    sorted.forEach((papers, s) => {
      papers.sort((x, y) => x - y);
      for (const r of papers) sub[r] = s;
    });
    groups[c] = sorted;
  };

  if (finerLevel !== null) {
    for (let c = 0; c < clusterCount; c++) if (members[c].length >= minClusterSize) split(c, minSubclusterSize);
  }
  // Large clusters still whole: Louvain on their own links, its groups numbered after every group so far.
  let nextGroup = 0;
  for (const g of group) nextGroup = Math.max(nextGroup, g + 1);
  for (let c = 0; c < clusterCount; c++) {
    const rows = members[c];
    if (rows.length < splitFrom || groups[c].length > 0) continue;
    const communities = splitByLinks(rows, membership, links, seed + c);
    rows.forEach((r, k) => (group[r] = nextGroup + communities[k]));
    let top = 0;
    for (const community of communities) top = Math.max(top, community);
    nextGroup += top + 1;
    addWeights(c);
    split(c, Math.max(minSubclusterSize, Math.ceil(minSplitShare * rows.length)));
  }
  return { membership: sub, groups };
}

/** Louvain communities of a cluster's papers on the links between them, 0-based, in the order of `rows`. */
function splitByLinks(rows: readonly number[], membership: Int32Array, links: LinkList, seed: number): number[] {
  const graph = new UndirectedGraph();
  for (const r of rows) graph.addNode(String(r));
  const cluster = membership[rows[0]];
  for (let e = 0; e < links.source.length; e++) {
    const a = links.source[e];
    const b = links.target[e];
    if (membership[a] !== cluster || membership[b] !== cluster) continue;
    graph.mergeEdge(String(a), String(b), { weight: links.weight[e] });
  }
  if (graph.size === 0) return rows.map(() => 0);
  const communities = louvain(graph, { getEdgeWeight: "weight", rng: createRng(seed) });
  return rows.map((r) => communities[String(r)]);
}
