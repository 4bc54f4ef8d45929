// The map as the client draws it, compact (edges as [source index, target index, weight] into `nodes`): the whole
// graph (GET /api/graph), one cluster's papers and inner links (GET /api/clusters/:id/graph), and the overview of
// a large map, one disc per cluster linked by the total weight of the links between their papers (GET /api/overview).

import type { BuildInfo, ClusterGraphDto, GraphDto, GraphNodeDto, OverviewDto } from "../contract/index.js";
import type { Timeline } from "../time/trends.js";
import { clusterById, type ClusterIndex } from "./cluster-index.js";
import type { GraphColumns } from "./graph-columns.js";
import type { PaperIndex } from "./paper-index.js";
import { round } from "../round.js";
import type { TrendIndex } from "./trend-index.js";

function graphNode(
  columns: GraphColumns,
  papers: PaperIndex,
  clusters: ClusterIndex,
  timeline: Timeline,
  row: number,
): GraphNodeDto {
  const { table } = papers;
  const cluster = papers.cluster[row];
  const node: GraphNodeDto = {
    id: table.ids[row],
    title: table.title(row),
    cluster,
    x: columns.x[row],
    y: columns.y[row],
    size: columns.size[row],
    // NOTE: the build colours every paper with its cluster's colour (pipeline, phase explain).
    color: clusters.clusters[cluster].color,
    confidence: columns.confidence[row],
    subcluster: columns.subcluster[row],
    bucket: timeline.bucket[row] ?? -1,
  };
  if (columns.firstAdded !== undefined && row >= columns.firstAdded) node.provisional = true;
  return node;
}

export function graphView(
  columns: GraphColumns,
  papers: PaperIndex,
  clusters: ClusterIndex,
  trends: TrendIndex,
  build: BuildInfo,
): GraphDto {
  const { timeline } = trends;
  const rows: number[] = [];
  for (let row = 0; row < papers.table.length; row++) if (papers.cluster[row] >= 0) rows.push(row);
  const nodes = rows.map((row) => graphNode(columns, papers, clusters, timeline, row));
  // Edges index into `nodes`: rows, unless deleted papers left gaps.
  const at = rows.length === papers.table.length ? null : new Int32Array(papers.table.length);
  if (at !== null) rows.forEach((row, i) => (at[row] = i));
  const edges = Array.from(columns.source, (s, e): [number, number, number] => [
    at === null ? s : at[s],
    at === null ? columns.target[e] : at[columns.target[e]],
    columns.weight[e],
  ]);
  return {
    build,
    clusters: [...clusters.clusters],
    nodes,
    edges,
    linkWeights: weightPercentiles(columns.weight),
    timeline: trends.timelineDto,
  };
}

/**
 * The weights at the 0th, 1st, ..., 100th percentile (nearest rank on the sorted weights), ascending; all 0 without
 * links. A slider over them moves through the links evenly, whatever the weights' spread.
 */
export function weightPercentiles(weights: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(weights).sort();
  return Array.from({ length: 101 }, (_, p) =>
    sorted.length === 0 ? 0 : round(sorted[Math.round((p / 100) * (sorted.length - 1))], 4),
  );
}

/** One cluster's papers (in corpus order) and the links among them, edges indexing into `nodes`. */
export function clusterGraphView(
  columns: GraphColumns,
  papers: PaperIndex,
  clusters: ClusterIndex,
  timeline: Timeline,
  build: BuildInfo,
  id: number,
): ClusterGraphDto {
  const cluster = clusterById(clusters, id);
  const rows = Int32Array.from(clusters.members[id]).sort();
  const at = new Map<number, number>();
  rows.forEach((row, i) => at.set(row, i));
  const nodes = Array.from(rows, (row) => graphNode(columns, papers, clusters, timeline, row));
  const edges: [number, number, number][] = [];
  for (let l = clusters.innerptr[id]; l < clusters.innerptr[id + 1]; l++) {
    const e = clusters.innerLinks[l];
    edges.push([at.get(columns.source[e])!, at.get(columns.target[e])!, columns.weight[e]]);
  }
  return { build, cluster, nodes, edges };
}

export function overviewView(
  columns: GraphColumns,
  clusters: ClusterIndex,
  trends: TrendIndex,
  build: BuildInfo,
): OverviewDto {
  return {
    build,
    papers: build.papers,
    clusters: [...clusters.clusters],
    links: clusters.between,
    linkWeights: weightPercentiles(columns.weight),
    timeline: trends.timelineDto,
  };
}
