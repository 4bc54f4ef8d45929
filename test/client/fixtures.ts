// A tiny map for client tests: cluster 0 is the triangle a-b-c, cluster 1 the pair d-e, and a weak bridge c-d.

import type { GraphDto } from "../../server/api/dto.js";

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

export function tinyGraphDto(): GraphDto {
  const node = (id: string, cluster: number, x: number, y: number) => ({
    id,
    title: `Paper ${id.toUpperCase()}`,
    cluster,
    x,
    y,
    size: 4,
    color: cluster === 0 ? "#1f77b4" : "#ff7f0e",
  });
  return {
    build: BUILD,
    clusters: [
      {
        id: 0,
        label: "alpha",
        topics: [{ term: "alpha", weight: 1, share: 1 }],
        size: 3,
        color: "#1f77b4",
        x: 0,
        y: 0,
      },
      { id: 1, label: "beta", topics: [{ term: "beta", weight: 1, share: 1 }], size: 2, color: "#ff7f0e", x: 10, y: 0 },
    ],
    nodes: [node("a", 0, 0, 0), node("b", 0, 1, 0), node("c", 0, 0, 1), node("d", 1, 10, 0), node("e", 1, 11, 0)],
    edges: [
      [0, 1, 0.8],
      [1, 2, 0.6],
      [0, 2, 0.5],
      [3, 4, 0.9],
      [2, 3, 0.2],
    ],
  };
}
