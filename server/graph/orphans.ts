// Papers left in clusters too small to keep after merging (no edge reaches another cluster): each joins the cluster
// whose papers it is most similar to on average (TF-IDF cosine through the inverted index). A paper similar to
// no cluster at all keeps its own small cluster.

import type { SparseMatrix } from "../text/sparse.js";
import { renumberBySize } from "./cluster.js";
import type { InvertedIndex } from "./top-k.js";

export function attachOrphans(
  matrix: SparseMatrix,
  index: InvertedIndex,
  membership: Int32Array,
  minSize: number,
): number {
  const sizes = new Map<number, number>();
  for (const c of membership) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const isSmall = (c: number) => sizes.get(c)! < minSize;
  const orphans: number[] = [];
  membership.forEach((c, i) => isSmall(c) && orphans.push(i));
  if (orphans.length === 0 || orphans.length === membership.length) return renumberBySize(membership);

  const target = new Int32Array(orphans.length).fill(-1);
  const sums = new Map<number, number>();
  orphans.forEach((paper, o) => {
    sums.clear();
    for (let p = matrix.indptr[paper]; p < matrix.indptr[paper + 1]; p++) {
      const column = matrix.indices[p];
      for (let q = index.colptr[column]; q < index.colptr[column + 1]; q++) {
        const cluster = membership[index.rows[q]];
        if (isSmall(cluster)) continue;
        sums.set(cluster, (sums.get(cluster) ?? 0) + matrix.values[p] * index.weights[q]);
      }
    }
    let best = -1;
    let bestMean = 0;
    for (const [cluster, sum] of sums) {
      const mean = sum / sizes.get(cluster)!;
      if (mean > bestMean || (mean === bestMean && cluster < best)) {
        best = cluster;
        bestMean = mean;
      }
    }
    target[o] = best;
  });
  // Assign after deciding, so that the order of the orphans does not change where they go.
  orphans.forEach((paper, o) => target[o] >= 0 && (membership[paper] = target[o]));
  return renumberBySize(membership);
}
