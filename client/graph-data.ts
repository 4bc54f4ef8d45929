// The map's graph, built once from what the API sends: every paper and link (GET /api/graph, or one cluster's from
// GET /api/clusters/:id/graph) or, for a large corpus, one disc per cluster (GET /api/overview); positions, sizes
// and colours as the server computed them. Holds data only; what the user is doing lives in State (state.ts).

import Graph from "graphology";
import type Sigma from "sigma";

import type { ClusterDto, GraphNodeDto, OverviewDto } from "../server/contract/index.js";
import { isUncertain } from "./confidence.js";
import type { GraphIndex, PaperRef } from "./state.js";

export interface PaperNodeAttributes {
  /** What sigma draws next to the disc: the title, shortened (nothing for a cluster's disc). */
  label: string;
  /** A paper's title; on an overview, the cluster's label and size. */
  title: string;
  cluster: number;
  x: number;
  y: number;
  size: number;
  color: string;
  /** Share of repeated clusterings that put the paper in its cluster (1 for a cluster's disc). */
  confidence: number;
  /** Its subtopic within the cluster, or -1. */
  subcluster: number;
  /** Added since the map was built: placed by the server until a rebuild (drawn as an outline). */
  provisional?: true;
  /** Its place on the corpus's timeline (an index into its labels), or -1; absent on a cluster's disc. */
  bucket?: number;
}

export interface LinkEdgeAttributes {
  /** Blended similarity of the two papers, 0..1; on an overview, the total weight of the links between clusters. */
  weight: number;
  /** Drawn thickness, from the weight. */
  size: number;
}

export type MapGraph = Graph<PaperNodeAttributes, LinkEdgeAttributes>;

/** The renderer of a map (client/renderer). */
export type MapSigma = Sigma<PaperNodeAttributes, LinkEdgeAttributes>;

/** What a map shows: every paper ("papers", a whole corpus or one cluster of it) or one disc per cluster. */
export type MapKind = "papers" | "overview";

export interface MapData {
  kind: MapKind;
  graph: MapGraph;
  /** The clusters of the corpus (an overview's discs; a cluster's map: that cluster only). */
  clusters: ClusterDto[];
  /** Lightest and heaviest link weights. */
  weightRange: [number, number];
  /**
   * The links' weights at the 0th, 1st, ..., 100th percentile, when the server gave them (the whole map's
   * `linkWeights`): the similarity slider's scale. Null: the slider takes them from the map's links.
   */
  linkWeights: readonly number[] | null;
}

export const LABEL_MAX_LENGTH = 48;
const EDGE_SIZE_RANGE: [number, number] = [0.5, 2.5];
/** An overview's discs: radius in pixels (at the default zoom) of the smallest and of the largest cluster. */
const DISC_SIZE_RANGE: [number, number] = [5, 32];
const OVERVIEW_EDGE_SIZE_RANGE: [number, number] = [0.5, 8];

export function shortLabel(title: string, max = LABEL_MAX_LENGTH): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Builds a map of papers from the compact DTO (edges are index triples into `nodes`). */
export function mapDataFromDto(dto: {
  clusters: ClusterDto[];
  nodes: GraphNodeDto[];
  edges: [number, number, number][];
  /** The whole map's (GET /api/graph); a cluster's map (GET /api/clusters/:id/graph) has none. */
  linkWeights?: number[];
}): MapData {
  const graph: MapGraph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const node of dto.nodes) {
    graph.addNode(node.id, {
      label: shortLabel(node.title),
      title: node.title,
      cluster: node.cluster,
      x: node.x,
      y: node.y,
      size: node.size,
      color: node.color,
      confidence: node.confidence ?? 1,
      subcluster: node.subcluster ?? -1,
      ...(node.provisional ? { provisional: true as const } : {}),
      bucket: node.bucket ?? -1,
    });
  }
  const ids = dto.nodes.map((node) => node.id);
  const weightRange = addEdges(graph, ids, dto.edges, EDGE_SIZE_RANGE, (share) => share);
  return { kind: "papers", graph, clusters: dto.clusters, weightRange, linkWeights: dto.linkWeights ?? null };
}

/** Node id of a cluster's disc on an overview (never a paper id there: an overview has no papers). */
export function clusterNode(cluster: number): string {
  return `cluster:${cluster}`;
}

/**
 * Builds an overview: each cluster one disc at its centre, its area following its number of papers, linked to the
 * others by the total weight of the links between their papers (thickness by the square root of the weight).
 */
export function overviewDataFromDto(dto: Pick<OverviewDto, "clusters" | "links">): MapData {
  const graph: MapGraph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  const largest = Math.max(1, ...dto.clusters.map((cluster) => cluster.size));
  const [small, large] = DISC_SIZE_RANGE;
  for (const cluster of dto.clusters) {
    graph.addNode(clusterNode(cluster.id), {
      label: "",
      title: `${cluster.label} · ${cluster.size} papers`,
      cluster: cluster.id,
      x: cluster.x,
      y: cluster.y,
      size: small + Math.sqrt(cluster.size / largest) * (large - small),
      color: cluster.color,
      confidence: 1,
      subcluster: -1,
    });
  }
  const byId = new Map(dto.clusters.map((cluster, i) => [cluster.id, i]));
  const ids = dto.clusters.map((cluster) => clusterNode(cluster.id));
  const links = dto.links.map(([a, b, weight]): [number, number, number] => [
    byId.get(a) ?? -1,
    byId.get(b) ?? -1,
    weight,
  ]);
  const weightRange = addEdges(graph, ids, links, OVERVIEW_EDGE_SIZE_RANGE, Math.sqrt);
  // NOTE: an overview's `linkWeights` are its papers' links', not its own links' (totals between clusters).
  return { kind: "overview", graph, clusters: dto.clusters, weightRange, linkWeights: null };
}

/** Adds `[source index, target index, weight]` links; thickness from the weight's share of the range. */
function addEdges(
  graph: MapGraph,
  ids: readonly string[],
  edges: readonly [number, number, number][],
  sizeRange: [number, number],
  scale: (share: number) => number,
): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const [, , weight] of edges) {
    min = Math.min(min, weight);
    max = Math.max(max, weight);
  }
  if (!Number.isFinite(min)) [min, max] = [0, 0];
  const span = max - min;
  for (const [s, t, weight] of edges) {
    const source = ids[s];
    const target = ids[t];
    if (source === undefined || target === undefined) {
      throw new Error(`topicgraph client: edge [${s}, ${t}] points outside the ${ids.length} nodes`);
    }
    if (source === target || graph.hasEdge(source, target)) continue;
    const share = span > 0 ? scale((weight - min) / span) : 1;
    graph.addEdge(source, target, { weight, size: sizeRange[0] + share * (sizeRange[1] - sizeRange[0]) });
  }
  return [min, max];
}

/** Paper ids by cluster id. */
export function membersByCluster(graph: MapGraph): Map<number, string[]> {
  const members = new Map<number, string[]>();
  graph.forEachNode((node, attributes) => {
    const list = members.get(attributes.cluster);
    if (list) list.push(node);
    else members.set(attributes.cluster, [node]);
  });
  return members;
}

/** Every link's weight, ascending (for the similarity slider's counts). */
export function sortedWeights(graph: MapGraph): Float64Array {
  const weights = new Float64Array(graph.size);
  let at = 0;
  graph.forEachEdge((_edge, attributes) => (weights[at++] = attributes.weight));
  return weights.sort();
}

/** The look-ups State needs, over a map's graph. */
export function graphIndex({ kind, graph }: Pick<MapData, "kind" | "graph">): GraphIndex {
  const members = membersByCluster(graph);
  const subclusters = new Map<string, string[]>();
  const uncertain: string[] = [];
  graph.forEachNode((node, { cluster, subcluster, confidence }) => {
    if (isUncertain(confidence)) uncertain.push(node);
    if (subcluster < 0) return;
    const key = `${cluster}/${subcluster}`;
    const list = subclusters.get(key);
    if (list) list.push(node);
    else subclusters.set(key, [node]);
  });
  const nodeOf =
    kind === "overview"
      ? (paper: PaperRef) => (graph.hasNode(clusterNode(paper.cluster)) ? clusterNode(paper.cluster) : null)
      : (paper: PaperRef) => (graph.hasNode(paper.id) ? paper.id : null);
  return {
    hasNode: (node) => graph.hasNode(node),
    neighbours(node, minWeight) {
      const found: string[] = [];
      graph.forEachEdge(node, (_edge, attributes, source, target) => {
        if (attributes.weight >= minWeight) found.push(source === node ? target : source);
      });
      return found;
    },
    clusterMembers: (cluster) => members.get(cluster) ?? [],
    // NOTE: an overview's disc stands for its subtopics too.
    subclusterMembers: (cluster, subcluster) =>
      kind === "overview" ? (members.get(cluster) ?? []) : (subclusters.get(`${cluster}/${subcluster}`) ?? []),
    nodeOf,
    uncertainNodes: () => uncertain,
  };
}
