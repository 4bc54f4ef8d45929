// How sure each paper's cluster is: Louvain is run again with other seeds; in each run, every final cluster is matched
// to the run's community that holds most of its papers, and a paper agrees with the run when it is in that community
// (with most of its cluster). A paper's confidence is the share of runs it agrees with; a cluster's stability, the mean
// confidence of its papers: how reliably repeated clusterings keep the cluster's papers together. Low confidence marks
// papers between topics.
// NOTE: a run may merge a final cluster with a neighbour, which says how fine the clustering is, not that its papers
// are between topics. Matching the other way (each run community to the final cluster it overlaps most) counted every
// paper of the smaller of two merged clusters as disagreeing: on arxiv-dev-labeled a 184-paper cluster that every run
// merged whole into a larger one had stability 0, and four such clusters carried 1,348 of the 1,971 "between topics"
// papers.

import type Graph from "graphology";
import louvain from "graphology-communities-louvain";

import { createRng } from "../random.js";

export interface StabilityOptions {
  /** Extra Louvain runs (0 turns the measurement off: every confidence is 1). */
  runs: number;
  resolution: number;
  seed: number;
}

export const STABILITY_DEFAULTS: Readonly<StabilityOptions> = { runs: 5, resolution: 1, seed: 42 };

export interface Stability {
  /** Per paper, in graph node order: share of runs that agree with its cluster, 0..1. */
  confidence: Float32Array;
  /** Per cluster: mean confidence of its papers. */
  clusterStability: Float64Array;
}

/** Confidence and stability from runs already made (graph/cluster's consensus runs). */
export function stabilityFromRuns(
  runs: readonly Int32Array[],
  membership: Int32Array,
  clusterCount: number,
): Stability {
  const n = membership.length;
  const agreed = new Int32Array(n);
  for (const run of runs) {
    const home = matchClusters(membership, clusterCount, run);
    for (let i = 0; i < n; i++) if (home[membership[i]] === run[i]) agreed[i]++;
  }
  const confidence = new Float32Array(n);
  const sums = new Float64Array(clusterCount);
  const sizes = new Float64Array(clusterCount);
  for (let i = 0; i < n; i++) {
    confidence[i] = runs.length > 0 ? agreed[i] / runs.length : 1;
    sums[membership[i]] += confidence[i];
    sizes[membership[i]]++;
  }
  const clusterStability = sums.map((sum, c) => (sizes[c] > 0 ? sum / sizes[c] : 1));
  return { confidence, clusterStability };
}

/** Runs Louvain `runs` more times and measures how often each paper lands in its cluster. */
export function measureStability(
  graph: Graph,
  membership: Int32Array,
  clusterCount: number,
  options: Partial<StabilityOptions> = {},
): Stability {
  const { runs, resolution, seed } = { ...STABILITY_DEFAULTS, ...options };
  if (!Number.isInteger(runs) || runs < 0)
    throw new RangeError(`graph/stability: runs must be an integer >= 0, got ${runs}`);
  const nodes = graph.nodes();
  const made: Int32Array[] = [];
  for (let r = 0; r < (graph.size > 0 ? runs : 0); r++) {
    const communities = louvain(graph, { getEdgeWeight: "weight", resolution, rng: createRng(seed + 1000 + r) });
    made.push(Int32Array.from(nodes, (node) => communities[node]));
  }
  return stabilityFromRuns(made, membership, clusterCount);
}

/**
 * For each cluster of `membership` (0..clusterCount-1), the community of `run` holding most of its papers (ties: the
 * lower community id), or -1 for a cluster without papers.
 */
export function matchClusters(membership: Int32Array, clusterCount: number, run: Int32Array): Int32Array {
  const overlap = new Map<number, number>();
  for (let i = 0; i < run.length; i++) {
    const key = run[i] * clusterCount + membership[i];
    overlap.set(key, (overlap.get(key) ?? 0) + 1);
  }
  const home = new Int32Array(clusterCount).fill(-1);
  const best = new Int32Array(clusterCount);
  for (const [key, count] of overlap) {
    const cluster = key % clusterCount;
    const community = (key - cluster) / clusterCount;
    if (count > best[cluster] || (count === best[cluster] && community < home[cluster])) {
      best[cluster] = count;
      home[cluster] = community;
    }
  }
  return home;
}
