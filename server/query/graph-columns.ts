// The topic graph as the store keeps it: one typed column per node attribute and per link, by row (the corpus order
// of the build's matrices), and the few graph attributes the API shows. A few dozen long-lived objects where the
// graphology graph has millions (an object per node, per edge and per attribute bag) that every major GC marks.

import type { ClusterSummary, TopicGraph } from "../graph/types.js";

export interface GraphColumns {
  /** Paper ids by row. */
  ids: readonly string[];
  cluster: Int32Array;
  x: Float64Array;
  y: Float64Array;
  size: Float64Array;
  confidence: Float64Array;
  /** Subtopic within the cluster, -1 when the cluster is not split. */
  subcluster: Int32Array;
  /** Each paper's top topics as ids into `topicTerms`, `topicWidth` per row, -1 padded, heaviest first. */
  topicWidth: number;
  topics: Int32Array;
  /** The display forms the papers' top topics use, each once. */
  topicTerms: readonly string[];
  /** Links as rows, with their weight (cosine). */
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  clusters: readonly ClusterSummary[];
  corpusHash: string;
  /**
   * Rows from this one on were added since the build and are provisional (query/changes); absent: none. A deleted
   * paper's row has cluster -1 and no links.
   */
  firstAdded?: number;
}

/** The columns of a graphology topic graph, rows in its node order (the build's row order). */
export function graphColumns(graph: TopicGraph, topicWidth: number): GraphColumns {
  const n = graph.order;
  const ids: string[] = [];
  const rows = new Map<string, number>();
  const cluster = new Int32Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const size = new Float64Array(n);
  const confidence = new Float64Array(n);
  const subcluster = new Int32Array(n);
  const topics = new Int32Array(n * topicWidth).fill(-1);
  const topicIds = new Map<string, number>();
  graph.forEachNode((id, attributes) => {
    const row = ids.length;
    rows.set(id, row);
    ids.push(id);
    cluster[row] = attributes.cluster;
    x[row] = attributes.x;
    y[row] = attributes.y;
    size[row] = attributes.size;
    confidence[row] = attributes.confidence;
    subcluster[row] = attributes.subcluster;
    attributes.topics.slice(0, topicWidth).forEach((term, t) => {
      let topic = topicIds.get(term);
      if (topic === undefined) topicIds.set(term, (topic = topicIds.size));
      topics[row * topicWidth + t] = topic;
    });
  });
  const source = new Int32Array(graph.size);
  const target = new Int32Array(graph.size);
  const weight = new Float64Array(graph.size);
  let e = 0;
  graph.forEachEdge((_key, attributes, s, t) => {
    source[e] = rows.get(s)!;
    target[e] = rows.get(t)!;
    weight[e++] = attributes.weight;
  });
  return {
    ids,
    cluster,
    x,
    y,
    size,
    confidence,
    subcluster,
    topicWidth,
    topics,
    topicTerms: [...topicIds.keys()],
    source,
    target,
    weight,
    clusters: graph.getAttribute("clusters"),
    corpusHash: graph.getAttribute("corpusHash"),
  };
}
