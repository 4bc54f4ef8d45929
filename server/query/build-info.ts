// The `build` field of every response: which corpus and options a result depends on, so that it can be reproduced.

import type { TopicGraphBuild } from "../pipeline.js";
import type { BuildInfo } from "../api/dto.js";

export function buildInfoOf(build: TopicGraphBuild, builtAt: Date): BuildInfo {
  const { graph, options, lsa } = build;
  return {
    corpusHash: graph.getAttribute("corpusHash"),
    papers: graph.order,
    k: options.k,
    minSimilarity: options.minSimilarity,
    resolution: options.resolution,
    seed: options.seed,
    lsaDimensions: lsa?.dimensions ?? 0,
    builtAt: builtAt.toISOString(),
  };
}
