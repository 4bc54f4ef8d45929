// The JSON shapes the HTTP API answers with: the contract between the server and the client (and the OpenAPI
// document). Shapes only; no logic.

/** What a response depends on, so that a user can reproduce it. Every response carries it as `build`. */
export interface BuildInfo {
  corpusHash: string;
  papers: number;
  k: number;
  minSimilarity: number;
  resolution: number;
  seed: number;
  lsaDimensions: number;
  /** ISO time the graph was built (or loaded from cache). */
  builtAt: string;
}

export interface TopicDto {
  term: string;
  /** c-TF-IDF score on a cluster, TF-IDF weight on a paper, contribution to the cosine on a link. */
  weight: number;
}

export interface ClusterTopicDto extends TopicDto {
  /** Share of the cluster's papers that carry the topic, 0..1. */
  share: number;
}

export interface ClusterDto {
  id: number;
  label: string;
  topics: ClusterTopicDto[];
  size: number;
  color: string;
  /** Centre of the cluster's papers on the map (mean of their positions), where the client draws the label. */
  x: number;
  y: number;
}

/** One node of the map. */
export interface GraphNodeDto {
  id: string;
  title: string;
  cluster: number;
  x: number;
  y: number;
  size: number;
  color: string;
}

/** GET /api/graph: compact; edges are [source index, target index, weight] into `nodes`. */
export interface GraphDto {
  build: BuildInfo;
  clusters: ClusterDto[];
  nodes: GraphNodeDto[];
  edges: [number, number, number][];
}

export interface PaperSummaryDto {
  id: string;
  title: string;
  cluster: number;
  year?: number;
}

export interface PaperDto extends PaperSummaryDto {
  abstract: string;
  clusterLabel: string;
  topics: TopicDto[];
  authors?: string[];
  url?: string;
  categories?: string[];
}

export interface RelatedPaperDto extends PaperSummaryDto {
  /** Blended similarity (mean of TF-IDF and LSA cosines), 0..1. */
  score: number;
  /** The shared terms that contribute most to the TF-IDF cosine, with their contribution. */
  sharedTopics: TopicDto[];
}

export interface HealthDto {
  status: "ok";
  papers: number;
  clusters: number;
  builtAt: string;
  buildMs: number;
  build: BuildInfo;
}

export interface ClustersDto {
  build: BuildInfo;
  clusters: ClusterDto[];
}

export interface ClusterPapersDto {
  build: BuildInfo;
  cluster: ClusterDto;
  total: number;
  limit: number;
  offset: number;
  /** Most central first (weighted degree inside the cluster). */
  papers: (PaperSummaryDto & { centrality: number })[];
}

export interface PaperResponseDto {
  build: BuildInfo;
  paper: PaperDto;
}

export interface PaperRelatedDto {
  build: BuildInfo;
  paper: PaperSummaryDto;
  related: RelatedPaperDto[];
}

export interface TextRelatedDto {
  build: BuildInfo;
  /** The cluster the text most likely belongs to (weighted vote of its related papers), null if nothing matched. */
  cluster: { id: number; label: string; score: number } | null;
  related: RelatedPaperDto[];
}

export interface SearchResultDto extends PaperSummaryDto {
  score: number;
  /** Where the words matched: title matches rank first. */
  matchedIn: "title" | "abstract";
}

export interface SearchDto {
  build: BuildInfo;
  query: string;
  results: SearchResultDto[];
  /** Topics whose display form contains the query, for suggestions. */
  topics: { term: string; papers: number }[];
}

export interface TopicsDto {
  build: BuildInfo;
  topics: { term: string; papers: number }[];
}

export interface ErrorDto {
  error: { code: string; message: string };
}
