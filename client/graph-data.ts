// The map's graph, built once from GET /api/graph: positions, sizes and colours as the server computed them.
// Holds data only; what the user is doing lives in State (state.ts).

import Graph from "graphology";

import type { ClusterDto, GraphDto } from "../server/api/dto.js";
import type { GraphIndex } from "./state.js";

export interface PaperNodeAttributes {
  /** What sigma draws next to the disc: the title, shortened. */
  label: string;
  title: string;
  cluster: number;
  x: number;
  y: number;
  size: number;
  color: string;
}

export interface LinkEdgeAttributes {
  /** Blended similarity of the two papers, 0..1. */
  weight: number;
  /** Drawn thickness, from the weight. */
  size: number;
}

export type MapGraph = Graph<PaperNodeAttributes, LinkEdgeAttributes>;

export interface MapData {
  graph: MapGraph;
  clusters: ClusterDto[];
  /** Lightest and heaviest link weights, for the similarity slider. */
  weightRange: [number, number];
}

export const LABEL_MAX_LENGTH = 48;
const EDGE_SIZE_RANGE: [number, number] = [0.5, 2.5];

export function shortLabel(title: string, max = LABEL_MAX_LENGTH): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Builds the map's graph from the compact DTO (edges are index triples into `nodes`). */
export function mapDataFromDto(dto: GraphDto): MapData {
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
    });
  }
  let min = Infinity;
  let max = -Infinity;
  for (const [, , weight] of dto.edges) {
    min = Math.min(min, weight);
    max = Math.max(max, weight);
  }
  if (!Number.isFinite(min)) [min, max] = [0, 0];
  const span = max - min;
  for (const [s, t, weight] of dto.edges) {
    const source = dto.nodes[s]?.id;
    const target = dto.nodes[t]?.id;
    if (source === undefined || target === undefined) {
      throw new Error(`topicgraph client: edge [${s}, ${t}] points outside the ${dto.nodes.length} nodes`);
    }
    if (source === target || graph.hasEdge(source, target)) continue;
    const share = span > 0 ? (weight - min) / span : 1;
    const size = EDGE_SIZE_RANGE[0] + share * (EDGE_SIZE_RANGE[1] - EDGE_SIZE_RANGE[0]);
    graph.addEdge(source, target, { weight, size });
  }
  return { graph, clusters: dto.clusters, weightRange: [min, max] };
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

/** The look-ups State needs, over the map's graph. */
export function graphIndex(graph: MapGraph): GraphIndex {
  const members = membersByCluster(graph);
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
  };
}
