// Which cluster is each cluster's nearest: the one it is most linked to by association strength,
// w_ab / (n_a · n_b) (the link weight between them relative to what their sizes would give), as VOSviewer uses.

import type { LinkList } from "./link.js";

/** Per cluster, its nearest other cluster, or -1 when no link leaves it. */
export function nearestClusters(links: LinkList, membership: Int32Array, clusterCount: number): Int32Array {
  const sizes = new Float64Array(clusterCount);
  for (const c of membership) sizes[c]++;
  const between = new Map<number, number>();
  for (let e = 0; e < links.source.length; e++) {
    const a = membership[links.source[e]];
    const b = membership[links.target[e]];
    if (a === b) continue;
    const key = Math.min(a, b) * clusterCount + Math.max(a, b);
    between.set(key, (between.get(key) ?? 0) + links.weight[e]);
  }
  const nearest = new Int32Array(clusterCount).fill(-1);
  const strongest = new Float64Array(clusterCount);
  for (const [key, weight] of [...between.entries()].sort((x, y) => x[0] - y[0])) {
    const a = Math.floor(key / clusterCount);
    const b = key % clusterCount;
    const strength = weight / (sizes[a] * sizes[b]);
    if (strength > strongest[a]) {
      strongest[a] = strength;
      nearest[a] = b;
    }
    if (strength > strongest[b]) {
      strongest[b] = strength;
      nearest[b] = a;
    }
  }
  return nearest;
}
