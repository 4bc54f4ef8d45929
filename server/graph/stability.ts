// How sure each paper's cluster is: Louvain is run again with other seeds, each community of a run is matched to
// the final cluster it overlaps most, and a paper's confidence is the share of runs that put it in its own final
// cluster. A cluster's stability is the mean confidence of its papers. Low confidence marks papers between topics.

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
    const toFinal = matchCommunities(run, membership);
    for (let i = 0; i < n; i++) if (toFinal.get(run[i]) === membership[i]) agreed[i]++;
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

/** For each community of `run`, the cluster of `reference` it shares the most papers with (ties: lower id). */
export function matchCommunities(run: Int32Array, reference: Int32Array): Map<number, number> {
  const overlap = new Map<number, Map<number, number>>();
  for (let i = 0; i < run.length; i++) {
    let counts = overlap.get(run[i]);
    if (counts === undefined) overlap.set(run[i], (counts = new Map()));
    counts.set(reference[i], (counts.get(reference[i]) ?? 0) + 1);
  }
  const best = new Map<number, number>();
  for (const [community, counts] of overlap) {
    let bestCluster = -1;
    let bestCount = -1;
    for (const [cluster, count] of counts) {
      if (count > bestCount || (count === bestCount && cluster < bestCluster)) {
        bestCluster = cluster;
        bestCount = count;
      }
    }
    best.set(community, bestCluster);
  }
  return best;
}
