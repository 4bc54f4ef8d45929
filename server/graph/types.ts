// Attribute shapes of the topic graph: what every node, edge and the graph itself carries.

import type Graph from "graphology";

import type { DateSource } from "../time/paper-date.js";

/** A topic with its weight: a TF-IDF weight on a paper, a contribution on an edge, a c-TF-IDF score on a cluster. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface PaperNodeAttributes {
  /** The paper's title (sigma and Gephi display `label`). */
  label: string;
  cluster: number;
  clusterLabel: string;
  /** The paper's top topics, display forms, heaviest first. */
  topics: string[];
  x: number;
  y: number;
  size: number;
  color: string;
  /** Share of extra Louvain runs that put the paper with most of its cluster, 0..1 (graph/stability). */
  confidence: number;
  /** Subtopic within the cluster (0 = largest), or -1 when the cluster is not split (graph/hierarchy). */
  subcluster: number;
  authors?: string[];
  year?: number;
  url?: string;
  categories?: string[];
  doi?: string;
  venue?: string;
  /** ISO 8601 (`2025-06-03`, `2025-06`, `2025`), as time/paper-date's paperDateFields writes it. */
  date?: string;
  /** Where `date` came from: the paper's `date` or `year`, or derived from its arXiv id (`arxiv-id`). */
  dateSource?: DateSource;
}

export interface LinkEdgeAttributes {
  /** Cosine similarity of the two papers' TF-IDF vectors. */
  weight: number;
  /** The shared topics that contribute most to the cosine, e.g. "quantization 0.21, fp4 0.12". */
  sharedTopics: string;
}

/** A topic of a cluster: its c-TF-IDF weight and the share of the cluster's papers that carry it. */
export interface ClusterTopic extends WeightedTerm {
  share: number;
  /** Share of the nearest cluster's papers that carry it: how distinctive the topic is against its neighbour. */
  nearestShare?: number;
}

export interface SubclusterSummary {
  id: number;
  label: string;
  topics: ClusterTopic[];
  size: number;
}

export interface ClusterSummary {
  id: number;
  label: string;
  topics: ClusterTopic[];
  size: number;
  color: string;
  /** Mean confidence of the cluster's papers, 0..1. */
  stability: number;
  /** The cluster it is most linked to (association strength), or -1. */
  nearest: number;
  /** Subtopics, largest first; empty when the cluster is not split. */
  subclusters: SubclusterSummary[];
}

export interface TopicGraphAttributes {
  name: string;
  clusters: ClusterSummary[];
  modularity: number;
  /** Every option the build used, so that a result can be reproduced. */
  options: Record<string, unknown>;
  /** Hash of the corpus content (ids, titles, abstracts). */
  corpusHash: string;
}

export type TopicGraph = Graph<PaperNodeAttributes, LinkEdgeAttributes, TopicGraphAttributes>;
