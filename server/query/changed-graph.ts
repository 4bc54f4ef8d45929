// The exports of a store version with papers added or deleted since its build (query/changes): the build's graphology
// graph, copied, without the deleted papers and with the added ones, their links and the clusters' sizes as the store
// answers them. Its exports are written from this graph, never from the build's cache entry files.

import { formatTerms } from "../graph/explain.js";
import type { PaperNodeAttributes, TopicGraph } from "../graph/types.js";
import { paperDateFields } from "../time/paper-date.js";
import { vectorOf } from "./overlay.js";
import { sharedTopicsOf } from "./paper-related.js";
import type { ExportSource } from "./served-build.js";
import type { TopicStore } from "./store.js";

/** The export source of a store version: its build's graph with the version's changes. */
export class ChangedExports implements ExportSource {
  constructor(
    /** The build's own export source. */
    readonly base: ExportSource,
    private readonly store: () => TopicStore,
  ) {}

  async graph(rows?: ArrayLike<number>): Promise<TopicGraph> {
    return changedGraph(await this.base.graph(rows), this.store());
  }

  directory(): null {
    return null;
  }
}

/**
 * A copy of `built` (the store's build's graph, or the part of it an export of a selection asked for) with the
 * store's added and deleted papers.
 */
export function changedGraph(built: TopicGraph, store: TopicStore): TopicGraph {
  const { build, papers } = store;
  const { columns, overlay, options } = build;
  const graph = built.copy();
  if (overlay === undefined) return graph;
  const { base, deleted } = overlay;
  for (let row = 0; row < base; row++)
    if (deleted[row] === 1 && graph.hasNode(columns.ids[row])) graph.dropNode(columns.ids[row]);
  for (let row = base; row < columns.ids.length; row++) {
    if (deleted[row] === 1) continue;
    const paper = papers.paper(row);
    const cluster = columns.clusters[columns.cluster[row]];
    const topics: string[] = [];
    for (let t = row * columns.topicWidth; t < (row + 1) * columns.topicWidth; t++) {
      if (columns.topics[t] >= 0) topics.push(columns.topicTerms[columns.topics[t]]);
    }
    const attributes: PaperNodeAttributes = {
      label: papers.title(row),
      cluster: cluster.id,
      clusterLabel: cluster.label,
      topics,
      x: columns.x[row],
      y: columns.y[row],
      size: columns.size[row],
      color: cluster.color,
      confidence: columns.confidence[row],
      subcluster: columns.subcluster[row],
    };
    if (paper.authors !== undefined) attributes.authors = paper.authors;
    if (paper.year !== undefined) attributes.year = paper.year;
    if (paper.url !== undefined) attributes.url = paper.url;
    if (paper.categories !== undefined) attributes.categories = paper.categories;
    if (paper.doi !== undefined) attributes.doi = paper.doi;
    if (paper.venue !== undefined) attributes.venue = paper.venue;
    graph.addNode(columns.ids[row], Object.assign(attributes, paperDateFields(paper)));
  }
  const { source, target, weight } = columns;
  for (let e = 0; e < source.length; e++) {
    // A selection's graph holds only its papers (and a deleted paper none): a link needs both ends.
    if (source[e] < base || !graph.hasNode(columns.ids[source[e]]) || !graph.hasNode(columns.ids[target[e]])) continue;
    const shared = sharedTopicsOf(build, store.pickTopics, vectorOf(build, source[e]), target[e]);
    graph.addEdgeWithKey(`added-${columns.ids[source[e]]}-${e}`, columns.ids[source[e]], columns.ids[target[e]], {
      weight: weight[e],
      sharedTopics: formatTerms(shared.slice(0, options.edgeTopics)),
    });
  }
  graph.setAttribute("clusters", [...columns.clusters]);
  return graph;
}
