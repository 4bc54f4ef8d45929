// GET /api/graph's body: the map for the client, compact (edges as [source index, target index, weight] into
// `nodes`), serialised once per graph.

import type { ClusterDto, GraphDto, GraphNodeDto } from "../api/dto.js";
import type { BuildInfo } from "../api/dto.js";
import type { TopicGraph } from "../graph/types.js";
import type { PaperIndex } from "./paper-index.js";

export function graphView(
  graph: TopicGraph,
  papers: PaperIndex,
  clusters: readonly ClusterDto[],
  build: BuildInfo,
): GraphDto {
  const nodes: GraphNodeDto[] = papers.summaries.map(({ id, title, cluster }) => {
    const attributes = graph.getNodeAttributes(id);
    return { id, title, cluster, x: attributes.x, y: attributes.y, size: attributes.size, color: attributes.color };
  });
  const edges: GraphDto["edges"] = [];
  graph.forEachEdge((_key, attributes, source, target) => {
    edges.push([papers.rows.get(source)!, papers.rows.get(target)!, attributes.weight]);
  });
  return { build, clusters: [...clusters], nodes, edges };
}
