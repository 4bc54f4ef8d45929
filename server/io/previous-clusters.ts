// Reads what a previous build's graph.json says of its clusters (each paper's cluster, each cluster's colour), so that
// a rebuild into the same directory keeps cluster ids and colours (graph/align-clusters).

import { readFile } from "node:fs/promises";

import type { PreviousClusters } from "../graph/align-clusters.js";

/** The clusters of the graph.json at `path`, or null when there is none or it is not a topicgraph graph. */
export async function readPreviousClusters(path: string): Promise<PreviousClusters | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return null;
  }
  try {
    const json = JSON.parse(text) as {
      attributes?: { clusters?: { id: number; color: string }[] };
      nodes?: { key: string; attributes?: { cluster?: number } }[];
    };
    const clusters = json.attributes?.clusters;
    const nodes = json.nodes;
    if (!Array.isArray(clusters) || !Array.isArray(nodes)) return null;
    const colors: string[] = [];
    for (const cluster of clusters) colors[cluster.id] = cluster.color;
    const ids: string[] = [];
    const membership: number[] = [];
    for (const node of nodes) {
      const cluster = node.attributes?.cluster;
      if (typeof node.key !== "string" || typeof cluster !== "number") continue;
      ids.push(node.key);
      membership.push(cluster);
    }
    return { ids, clusters: Int32Array.from(membership), colors };
  } catch {
    return null;
  }
}
