// Clusters as the API shows them (with the centre of their papers on the map) and each cluster's papers, most
// central first, where centrality is the paper's weighted degree inside its cluster (sum of its link weights to
// papers of the same cluster).

import type { ClusterDto, ClusterPapersDto } from "../api/dto.js";
import { NotFoundError } from "../errors.js";
import type { TopicGraphBuild } from "../pipeline.js";
import type { PaperIndex } from "./paper-index.js";
import { round } from "./round.js";

type ClusterPaper = ClusterPapersDto["papers"][number];

export interface ClusterIndex {
  clusters: readonly ClusterDto[];
  /** Rows of each cluster's papers, most central first (ties: corpus order). */
  members: readonly Int32Array[];
  /** Each paper's weighted degree inside its cluster, by row. */
  centrality: Float64Array;
}

export function buildClusterIndex(build: TopicGraphBuild, papers: PaperIndex): ClusterIndex {
  const { graph, membership } = build;
  const summaries = graph.getAttribute("clusters");
  const count = summaries.length;
  const sumX = new Float64Array(count);
  const sumY = new Float64Array(count);
  const sizes = new Int32Array(count);
  graph.forEachNode((id, attributes) => {
    const c = attributes.cluster;
    sumX[c] += attributes.x;
    sumY[c] += attributes.y;
    sizes[c]++;
  });
  const centrality = new Float64Array(membership.length);
  graph.forEachEdge((_key, attributes, source, target) => {
    const a = papers.rows.get(source)!;
    const b = papers.rows.get(target)!;
    if (membership[a] !== membership[b]) return;
    centrality[a] += attributes.weight;
    centrality[b] += attributes.weight;
  });
  const lists: number[][] = Array.from({ length: count }, () => []);
  membership.forEach((c, row) => lists[c].push(row));
  const members = lists.map((rows) => Int32Array.from(rows.sort((a, b) => centrality[b] - centrality[a] || a - b)));
  const clusters = summaries.map((summary, c): ClusterDto => ({
    id: summary.id,
    label: summary.label,
    topics: summary.topics.map((t) => ({ term: t.term, weight: t.weight, share: t.share })),
    size: summary.size,
    color: summary.color,
    x: sizes[c] > 0 ? round(sumX[c] / sizes[c], 2) : 0,
    y: sizes[c] > 0 ? round(sumY[c] / sizes[c], 2) : 0,
  }));
  return { clusters, members, centrality };
}

export function clusterById(index: ClusterIndex, id: number): ClusterDto {
  const cluster = index.clusters[id];
  if (cluster === undefined) throw new NotFoundError(`no cluster ${id} (clusters are 0..${index.clusters.length - 1})`);
  return cluster;
}

/** A page of a cluster's papers, most central first. */
export function clusterPage(
  index: ClusterIndex,
  papers: PaperIndex,
  id: number,
  limit: number,
  offset: number,
): Omit<ClusterPapersDto, "build"> {
  const cluster = clusterById(index, id);
  const rows = index.members[id];
  const page: ClusterPaper[] = [];
  for (let at = offset; at < Math.min(rows.length, offset + limit); at++) {
    const summary = papers.summaries[rows[at]];
    const centrality = round(index.centrality[rows[at]], 4);
    page.push(
      summary.year === undefined
        ? { id: summary.id, title: summary.title, cluster: summary.cluster, centrality }
        : { id: summary.id, title: summary.title, cluster: summary.cluster, year: summary.year, centrality },
    );
  }
  return { cluster, total: rows.length, limit, offset, papers: page };
}
