// The `build` field of every response: which corpus and options a result depends on, so that it can be reproduced.

import type { BuildInfo } from "../contract/index.js";
import type { ServedBuild } from "./served-build.js";

export function buildInfoOf(build: ServedBuild, builtAt: Date): BuildInfo {
  const { columns, options, lsa } = build;
  return {
    corpusHash: columns.corpusHash,
    papers: columns.ids.length - (build.overlay?.deletedCount ?? 0),
    k: options.k,
    minSimilarity: options.minSimilarity,
    resolution: options.resolution,
    seed: options.seed,
    lsaDimensions: lsa?.dimensions ?? 0,
    builtAt: builtAt.toISOString(),
  };
}
