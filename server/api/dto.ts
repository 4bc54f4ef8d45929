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
  /**
   * Share of the nearest cluster's papers that carry it, 0..1 (absent on subclusters and on clusters without a
   * nearest): a topic is distinctive when `share` is well above it.
   */
  nearestShare?: number;
}

/** A subtopic of a large cluster (Louvain's finer level), labelled against its parent cluster. */
export interface SubclusterDto {
  id: number;
  label: string;
  topics: ClusterTopicDto[];
  size: number;
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
  /** Distance from the centre to the farthest of its papers' discs: the cluster's disc on an overview. */
  radius: number;
  /**
   * Mean confidence of its papers, 0..1: how reliably repeated clusterings keep its papers together (a run that
   * merges the whole cluster into a neighbour agrees; one that splits it does not, for the papers split off).
   */
  stability: number;
  /** The cluster it is most linked to (association strength), or null. */
  nearest: { id: number; label: string } | null;
  /** Subtopics, largest first; empty when the cluster is not split. */
  subclusters: SubclusterDto[];
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
  /**
   * Share of repeated clusterings that put the paper with most of its cluster, 0..1; low values mark papers between
   * topics.
   */
  confidence: number;
  /** Its subtopic within the cluster, or -1. */
  subcluster: number;
}

/** GET /api/graph: compact; edges are [source index, target index, weight] into `nodes`. */
export interface GraphDto {
  build: BuildInfo;
  clusters: ClusterDto[];
  nodes: GraphNodeDto[];
  edges: [number, number, number][];
  /** The links' weights at the 0th, 1st, ..., 100th percentile (101 values, ascending): a weight slider's scale. */
  linkWeights: number[];
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
  /** Share of repeated clusterings that put the paper with most of its cluster, 0..1. */
  confidence: number;
  /** Its subtopic within the cluster, or null when the cluster is not split. */
  subcluster: { id: number; label: string } | null;
  topics: TopicDto[];
  authors?: string[];
  url?: string;
  categories?: string[];
  /** Digital Object Identifier as written, without a resolver prefix. */
  doi?: string;
  /** The journal, proceedings or other venue. */
  venue?: string;
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
  /**
   * From this many papers on, the map is too large to load whole (`/api/graph` at 96k papers: 36 MB, 10 MB gzip):
   * a client starts from `/api/overview` and loads a cluster's papers with `/api/clusters/:id/graph`.
   */
  largeMapFrom: number;
  /** Records of the corpus that were skipped when it was read: how many, and the first few with why. */
  skipped: SkippedRecordsDto;
  build: BuildInfo;
}

export interface SkippedRecordsDto {
  count: number;
  /** The first skipped records (at most 10): the corpus file's name (not its path), the line, and why. */
  sample: { file: string; line: number; reason: string }[];
}

export interface ClustersDto {
  build: BuildInfo;
  clusters: ClusterDto[];
}

export interface ClusterPapersDto {
  build: BuildInfo;
  cluster: ClusterDto;
  /** The subcluster listed (`?subcluster=S`), or null for the whole cluster. */
  subcluster: SubclusterDto | null;
  total: number;
  limit: number;
  offset: number;
  /** Most central first (weighted degree inside the cluster). */
  papers: (PaperSummaryDto & { centrality: number; confidence: number; subcluster: number })[];
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

/** GET /api/search: one page of the ranked papers that match the query, with how many match in all. */
export interface SearchDto {
  build: BuildInfo;
  query: string;
  /** Papers matching the query in all; `results` is the page [offset, offset + limit) of them, best first. */
  total: number;
  limit: number;
  offset: number;
  results: SearchResultDto[];
  /** Topics whose words contain the query's words, for suggestions. */
  topics: TopicCountDto[];
}

/** A topic and the number of papers whose title or abstract contains it (what GET /api/topics/:term/papers lists). */
export interface TopicCountDto {
  term: string;
  papers: number;
}

export interface TopicsDto {
  build: BuildInfo;
  topics: TopicCountDto[];
}

/** GET /api/clusters/:id/graph: one cluster's papers and the links among them, for drilling into a large map. */
export interface ClusterGraphDto {
  build: BuildInfo;
  cluster: ClusterDto;
  nodes: GraphNodeDto[];
  edges: [number, number, number][];
}

/**
 * GET /api/overview: the map of a large corpus at cluster level: each cluster one disc (ClusterDto x, y, radius,
 * size), linked to the others by the total weight of the links between their papers.
 */
export interface OverviewDto {
  build: BuildInfo;
  papers: number;
  clusters: ClusterDto[];
  /** [cluster a, cluster b, total link weight between their papers], a < b. */
  links: [number, number, number][];
  /**
   * The weights of the links between papers (those of /api/graph and /api/clusters/:id/graph, not `links`) at the
   * 0th, 1st, ..., 100th percentile (101 values, ascending): a weight slider's scale before any cluster is loaded.
   */
  linkWeights: number[];
}

/**
 * GET /api/topics/:term/papers: the papers whose title or abstract contains a topic (its words, by stem, as the
 * TF-IDF matches them), heaviest first (the topic's TF-IDF weight in the paper).
 */
export interface TopicPapersDto {
  build: BuildInfo;
  term: string;
  total: number;
  limit: number;
  offset: number;
  papers: PaperSummaryDto[];
}

export interface ErrorDto {
  error: { code: string; message: string };
}
