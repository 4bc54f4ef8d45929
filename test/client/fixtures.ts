// A tiny map for client tests: cluster 0 is the triangle a-b-c (subtopics {a, b} and {c}; c is between topics),
// cluster 1 the pair d-e (not split), and a weak bridge c-d.

import type { GraphDto, OverviewDto, TimelineDto } from "../../server/contract/index.js";

export const BUILD: GraphDto["build"] = {
  corpusHash: "test",
  papers: 5,
  k: 2,
  minSimilarity: 0.1,
  resolution: 1,
  seed: 42,
  lsaDimensions: 0,
  builtAt: "2026-01-01T00:00:00.000Z",
};

/** Four months; a, b, c in the first three, d and e in the last (recent) one. */
export const TIMELINE: TimelineDto = {
  unit: "month",
  labels: ["2025-01", "2025-02", "2025-03", "2025-04"],
  recentFrom: "2025-04",
  dated: 5,
  derived: 0,
  undated: 0,
  unplaced: 0,
};

const BUCKETS: Record<string, number> = { a: 0, b: 1, c: 2, d: 3, e: 3 };

export function tinyGraphDto(): GraphDto {
  const node = (id: string, cluster: number, x: number, y: number, confidence: number, subcluster: number) => ({
    id,
    title: `Paper ${id.toUpperCase()}`,
    cluster,
    x,
    y,
    size: 4,
    color: cluster === 0 ? "#1f77b4" : "#ff7f0e",
    confidence,
    subcluster,
    bucket: BUCKETS[id],
  });
  return {
    build: BUILD,
    clusters: [
      {
        id: 0,
        label: "alpha",
        topics: [
          { term: "alpha", weight: 1, share: 1, nearestShare: 0 },
          { term: "shared", weight: 0.5, share: 0.67, nearestShare: 0.5 },
        ],
        size: 3,
        color: "#1f77b4",
        x: 0,
        y: 0,
        radius: 1.2,
        stability: 0.8,
        nearest: { id: 1, label: "beta" },
        subclusters: [
          { id: 0, label: "alpha one", topics: [{ term: "one", weight: 1, share: 1 }], size: 2 },
          { id: 1, label: "alpha two", topics: [{ term: "two", weight: 1, share: 1 }], size: 1 },
        ],
        trend: [1, 1, 1, 0],
        growth: 0.6,
      },
      {
        id: 1,
        label: "beta",
        topics: [{ term: "beta", weight: 1, share: 1 }],
        size: 2,
        color: "#ff7f0e",
        x: 10,
        y: 0,
        radius: 0.7,
        stability: 1,
        nearest: null,
        subclusters: [],
        trend: [0, 0, 0, 2],
        growth: 3,
      },
    ],
    nodes: [
      node("a", 0, 0, 0, 1, 0),
      node("b", 0, 1, 0, 1, 0),
      node("c", 0, 0, 1, 0.4, 1),
      node("d", 1, 10, 0, 1, -1),
      node("e", 1, 11, 0, 0.8, -1),
    ],
    edges: [
      [0, 1, 0.8],
      [1, 2, 0.6],
      [0, 2, 0.5],
      [3, 4, 0.9],
      [2, 3, 0.2],
    ],
    linkWeights: linkWeightsOf([0.8, 0.6, 0.5, 0.9, 0.2]),
    timeline: TIMELINE,
  };
}

/** The 101 percentiles of the tiny map's link weights, as the server gives them (nearest rank). */
function linkWeightsOf(weights: number[]): number[] {
  const sorted = [...weights].sort((a, b) => a - b);
  return Array.from({ length: 101 }, (_, p) => sorted[Math.round((p / 100) * (sorted.length - 1))]);
}

/** The tiny map at cluster level: two discs and the link between them. */
export function tinyOverviewDto(): OverviewDto {
  const { clusters, linkWeights } = tinyGraphDto();
  return { build: BUILD, papers: 5, clusters, links: [[0, 1, 0.2]], linkWeights, timeline: TIMELINE };
}
