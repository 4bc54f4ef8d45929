// Clusters as the API shows them (centre of their papers on the map, radius of their disc, stability, nearest
// cluster, subtopics) and each cluster's papers, most central first, where centrality is the paper's weighted degree
// inside its cluster (sum of its link weights to papers of the same cluster). Also each cluster's inner links, for
// the cluster's own graph, and the links between clusters (total weight of the links between their papers).

import type { ClusterDto, ClusterPapersDto, ClusterTopicDto, SubclusterDto } from "../contract/index.js";
import { NotFoundError } from "../errors.js";
import type { ClusterTopic } from "../graph/types.js";
import { round } from "../round.js";
import type { GraphColumns } from "./graph-columns.js";
import { paperSummary, type PaperIndex } from "./paper-index.js";

type ClusterPaper = ClusterPapersDto["papers"][number];

export interface ClusterIndex {
  clusters: readonly ClusterDto[];
  /** Rows of each cluster's papers, most central first (ties: corpus order). */
  members: readonly Int32Array[];
  /** Rows of each subcluster's papers, by cluster then subcluster, most central first. */
  subMembers: readonly (readonly Int32Array[])[];
  /** Each paper's weighted degree inside its cluster, by row. */
  centrality: Float64Array;
  /** Links (edge numbers of the columns) inside cluster c: innerLinks[innerptr[c]..innerptr[c+1]). */
  innerptr: Int32Array;
  innerLinks: Int32Array;
  /** [cluster a, cluster b, total weight of the links between their papers], a < b, sorted. */
  between: [number, number, number][];
}

/** A cluster's papers over time (query/trend-index trendsOn); none by default. */
export type ClusterTrendOf = (rows: Int32Array) => Pick<ClusterDto, "trend" | "growth">;

const NO_TREND: ClusterTrendOf = () => ({ trend: [], growth: null });

/** The clusters of the columns' papers; a row whose cluster is -1 (a deleted paper) is in none. */
export function buildClusterIndex(columns: GraphColumns, trendOf: ClusterTrendOf = NO_TREND): ClusterIndex {
  const { cluster: membership, x, y, size, source, target, weight } = columns;
  const count = columns.clusters.length;
  const n = membership.length;
  const sumX = new Float64Array(count);
  const sumY = new Float64Array(count);
  const sizes = new Int32Array(count);
  for (let row = 0; row < n; row++) {
    const c = membership[row];
    if (c < 0) continue;
    sumX[c] += x[row];
    sumY[c] += y[row];
    sizes[c]++;
  }
  const centreX = Array.from(sumX, (sum, c) => centreOf(sum, sizes[c]));
  const centreY = Array.from(sumY, (sum, c) => centreOf(sum, sizes[c]));
  const radius = new Float64Array(count);
  for (let row = 0; row < n; row++) {
    const c = membership[row];
    if (c < 0) continue;
    radius[c] = Math.max(radius[c], Math.hypot(x[row] - centreX[c], y[row] - centreY[c]) + size[row]);
  }

  const centrality = new Float64Array(n);
  for (let e = 0; e < source.length; e++) {
    if (membership[source[e]] !== membership[target[e]]) continue;
    centrality[source[e]] += weight[e];
    centrality[target[e]] += weight[e];
  }
  const lists: number[][] = Array.from({ length: count }, () => []);
  for (let row = 0; row < n; row++) if (membership[row] >= 0) lists[membership[row]].push(row);
  const members = lists.map((rows) => byCentrality(rows, centrality));
  const subMembers = columns.clusters.map((_summary, c) => subMembersOf(columns, c, members[c]));
  const clusters = columns.clusters.map((_summary, c) =>
    clusterDto(columns, c, centreX[c], centreY[c], radius[c], trendOf(members[c])),
  );
  const index: ClusterIndex = { clusters, members, subMembers, centrality, ...clusterLinks(columns) };
  parts.set(index, { sumX, sumY, sizes, radius });
  return index;
}

/** What a version's index is derived from (query/cluster-index-version): a build's sums by cluster, kept with it. */
export interface ClusterSums {
  sumX: Float64Array;
  sumY: Float64Array;
  sizes: Int32Array;
  /** Before rounding up. */
  radius: Float64Array;
}

const parts = new WeakMap<ClusterIndex, ClusterSums>();

export function clusterSumsOf(index: ClusterIndex): ClusterSums | undefined {
  return parts.get(index);
}

/** The centre of a cluster on one axis: the mean of its papers' coordinates, rounded. */
export function centreOf(sum: number, size: number): number {
  return size > 0 ? round(sum / size, 2) : 0;
}

/** Rows most central first (ties: corpus order). */
export function byCentrality(rows: number[], centrality: Float64Array): Int32Array {
  return Int32Array.from(rows.sort((a, b) => centrality[b] - centrality[a] || a - b));
}

/** The rows of each subcluster of cluster `c`, in the order of its members. */
export function subMembersOf(columns: GraphColumns, c: number, members: Int32Array): Int32Array[] {
  const subLists: number[][] = columns.clusters[c].subclusters.map(() => []);
  for (const row of members) if (columns.subcluster[row] >= 0) subLists[columns.subcluster[row]]?.push(row);
  return subLists.map((rows) => Int32Array.from(rows));
}

/** A cluster as the API shows it. */
export function clusterDto(
  columns: GraphColumns,
  c: number,
  x: number,
  y: number,
  radius: number,
  trend: Pick<ClusterDto, "trend" | "growth">,
): ClusterDto {
  const summary = columns.clusters[c];
  return {
    id: summary.id,
    label: summary.label,
    topics: summary.topics.map(clusterTopic),
    size: summary.size,
    color: summary.color,
    x,
    y,
    radius: Math.ceil(radius * 100) / 100,
    stability: summary.stability,
    nearest: summary.nearest >= 0 ? { id: summary.nearest, label: columns.clusters[summary.nearest].label } : null,
    subclusters: summary.subclusters.map((sub): SubclusterDto => ({
      id: sub.id,
      label: sub.label,
      topics: sub.topics.map(clusterTopic),
      size: sub.size,
    })),
    ...trend,
  };
}

/** Each cluster's inner links and the links between clusters. */
export function clusterLinks(columns: GraphColumns): Pick<ClusterIndex, "innerptr" | "innerLinks" | "between"> {
  const { cluster: membership, source, target, weight } = columns;
  const count = columns.clusters.length;
  const innerptr = new Int32Array(count + 1);
  const between = new Map<number, number>();
  for (let e = 0; e < source.length; e++) {
    const a = membership[source[e]];
    const b = membership[target[e]];
    if (a === b) innerptr[a + 1]++;
    else {
      const key = Math.min(a, b) * count + Math.max(a, b);
      between.set(key, (between.get(key) ?? 0) + weight[e]);
    }
  }
  for (let c = 0; c < count; c++) innerptr[c + 1] += innerptr[c];
  const innerLinks = new Int32Array(innerptr[count]);
  const filled = innerptr.slice(0, count);
  for (let e = 0; e < source.length; e++) {
    const a = membership[source[e]];
    if (a === membership[target[e]]) innerLinks[filled[a]++] = e;
  }
  const links = [...between]
    .sort((a, b) => a[0] - b[0])
    .map(([key, sum]): [number, number, number] => [Math.floor(key / count), key % count, round(sum, 4)]);
  return { innerptr, innerLinks, between: links };
}

function clusterTopic(topic: ClusterTopic): ClusterTopicDto {
  const dto: ClusterTopicDto = { term: topic.term, weight: topic.weight, share: topic.share };
  if (topic.nearestShare !== undefined) dto.nearestShare = topic.nearestShare;
  return dto;
}

export function clusterById(index: ClusterIndex, id: number): ClusterDto {
  const cluster = index.clusters[id];
  if (cluster === undefined) throw new NotFoundError(`no cluster ${id} (clusters are 0..${index.clusters.length - 1})`);
  return cluster;
}

function subclusterOf(index: ClusterIndex, cluster: ClusterDto, sub: number): SubclusterDto {
  const found = cluster.subclusters[sub];
  if (found === undefined) {
    const known = cluster.subclusters.length;
    throw new NotFoundError(
      `no subcluster ${sub} in cluster ${cluster.id} (${known === 0 ? "it is not split" : `subclusters are 0..${known - 1}`})`,
    );
  }
  return found;
}

/**
 * The rows of a cluster's papers (or of one of its subclusters' when `sub` is given), most central first; NotFoundError
 * for an unknown cluster or subcluster.
 */
export function clusterRows(index: ClusterIndex, id: number, sub?: number): Int32Array {
  const cluster = clusterById(index, id);
  if (sub === undefined) return index.members[id];
  subclusterOf(index, cluster, sub);
  return index.subMembers[id][sub];
}

/**
 * A page of a cluster's papers (or of one of its subclusters' when `sub` is given): `rows` are all of those listed
 * (query/selection's clusterListRows), most central first.
 */
export function clusterPage(
  index: ClusterIndex,
  papers: PaperIndex,
  columns: GraphColumns,
  id: number,
  limit: number,
  offset: number,
  sub: number | undefined,
  rows: Int32Array,
): Omit<ClusterPapersDto, "build" | "filters" | "facets"> {
  const cluster = clusterById(index, id);
  const subcluster = sub === undefined ? null : subclusterOf(index, cluster, sub);
  const page: ClusterPaper[] = [];
  for (let at = offset; at < Math.min(rows.length, offset + limit); at++) {
    const row = rows[at];
    const summary = paperSummary(papers, row);
    const centrality = round(index.centrality[row], 4);
    const confidence = columns.confidence[row];
    const subclusterOfRow = columns.subcluster[row];
    const paper: ClusterPaper =
      summary.year === undefined
        ? {
            id: summary.id,
            title: summary.title,
            cluster: summary.cluster,
            centrality,
            confidence,
            subcluster: subclusterOfRow,
          }
        : {
            id: summary.id,
            title: summary.title,
            cluster: summary.cluster,
            year: summary.year,
            centrality,
            confidence,
            subcluster: subclusterOfRow,
          };
    if (summary.provisional) paper.provisional = true;
    page.push(paper);
  }
  return { cluster, subcluster, total: rows.length, limit, offset, papers: page };
}
