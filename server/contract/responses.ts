// The JSON the API answers with, defined once: zod schemas (each a component of the OpenAPI document, by its name)
// and their TypeScript types (z.infer), which query/ builds, api/ sends and the client reads (type-only).

import { z } from "zod";

/** Components of the OpenAPI document: each schema registered under its name. */
export const responseSchemas = z.registry<{ id: string; description?: string }>();

function component<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  responseSchemas.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

const int = () => z.number().int();
const share = () => z.number().min(0).max(1);

export const BuildInfo = component(
  "BuildInfo",
  z.strictObject({
    corpusHash: z.string(),
    papers: int().min(0),
    k: int().min(0),
    minSimilarity: z.number(),
    resolution: z.number(),
    seed: int(),
    lsaDimensions: int().min(0),
    builtAt: z.iso.datetime().describe("When the graph was built (or loaded from the build cache)."),
  }),
  "What a response depends on (corpus and build options), so that it can be reproduced.",
);
export type BuildInfo = z.infer<typeof BuildInfo>;

export const Topic = component(
  "Topic",
  z.strictObject({
    term: z.string(),
    weight: z
      .number()
      .describe("c-TF-IDF score on a cluster, TF-IDF weight on a paper, contribution to the cosine on a link."),
  }),
);
export type TopicDto = z.infer<typeof Topic>;

export const ClusterTopic = component(
  "ClusterTopic",
  z.strictObject({ term: z.string(), weight: z.number(), share: share(), nearestShare: share().optional() }),
  "A topic of a cluster: c-TF-IDF weight, share of the cluster's papers that carry it and, when the cluster has a " +
    "nearest cluster, the share of that cluster's papers that carry it.",
);
export type ClusterTopicDto = z.infer<typeof ClusterTopic>;

export const Subcluster = component(
  "Subcluster",
  z.strictObject({ id: int().min(0), label: z.string(), topics: z.array(ClusterTopic), size: int().min(0) }),
  "A subtopic of a large cluster, labelled against its parent cluster.",
);
export type SubclusterDto = z.infer<typeof Subcluster>;

const ClusterRef = z.strictObject({ id: int().min(0), label: z.string() });

export const Cluster = component(
  "Cluster",
  z.strictObject({
    id: int().min(0),
    label: z.string(),
    topics: z.array(ClusterTopic),
    size: int().min(0),
    color: z.string(),
    x: z.number(),
    y: z.number(),
    radius: z.number().min(0),
    stability: share(),
    nearest: z.union([ClusterRef, z.null()]),
    subclusters: z.array(Subcluster),
  }),
  "A cluster: label, topics, size, colour, centre and radius of its papers' disc on the map, stability (mean " +
    "confidence of its papers), nearest cluster and subtopics (largest first; empty when it is not split).",
);
export type ClusterDto = z.infer<typeof Cluster>;

const summaryShape = { id: z.string(), title: z.string(), cluster: int().min(0), year: int().optional() };

export const PaperSummary = component("PaperSummary", z.strictObject(summaryShape));
export type PaperSummaryDto = z.infer<typeof PaperSummary>;

export const Paper = component(
  "Paper",
  z.strictObject({
    ...summaryShape,
    abstract: z.string(),
    clusterLabel: z.string(),
    confidence: share(),
    subcluster: z.union([ClusterRef, z.null()]),
    topics: z.array(Topic),
    authors: z.array(z.string()).optional(),
    url: z.string().optional(),
    categories: z.array(z.string()).optional(),
    doi: z
      .string()
      .optional()
      .describe('Digital Object Identifier as written, without a resolver prefix such as "https://doi.org/".'),
    venue: z.string().optional().describe("The journal, proceedings or other venue."),
  }),
);
export type PaperDto = z.infer<typeof Paper>;

export const RelatedPaper = component(
  "RelatedPaper",
  z.strictObject({ ...summaryShape, score: z.number(), sharedTopics: z.array(Topic) }),
  "A related paper: its blended similarity and the shared terms that contribute most to the TF-IDF cosine.",
);
export type RelatedPaperDto = z.infer<typeof RelatedPaper>;

const GraphNode = component(
  "GraphNode",
  z.strictObject({
    id: z.string(),
    title: z.string(),
    cluster: int().min(0),
    x: z.number(),
    y: z.number(),
    size: z.number(),
    color: z.string(),
    confidence: share(),
    subcluster: int().min(-1),
  }),
  "A paper on the map: confidence is the share of repeated clusterings that put it with most of its cluster; subcluster is " +
    "its subtopic, or -1.",
);
export type GraphNodeDto = z.infer<typeof GraphNode>;

const Edges = z.array(z.tuple([int().min(0), int().min(0), z.number()]));

/** Percentiles 0..100 of the paper links' weights. */
const LinkWeights = z.array(z.number()).length(101);

export const Graph = component(
  "Graph",
  z.strictObject({
    build: BuildInfo,
    clusters: z.array(Cluster),
    nodes: z.array(GraphNode),
    edges: Edges,
    linkWeights: LinkWeights,
  }),
  "The map: edges are [source index, target index, weight] into nodes; linkWeights are the links' weights at the " +
    "0th, 1st, ..., 100th percentile (ascending), a weight slider's scale.",
);
export type GraphDto = z.infer<typeof Graph>;

export const ClusterGraph = component(
  "ClusterGraph",
  z.strictObject({ build: BuildInfo, cluster: Cluster, nodes: z.array(GraphNode), edges: Edges }),
  "One cluster's papers (corpus order) and the links among them: edges are [source index, target index, weight] " +
    "into nodes.",
);
export type ClusterGraphDto = z.infer<typeof ClusterGraph>;

export const Overview = component(
  "Overview",
  z.strictObject({
    build: BuildInfo,
    papers: int().min(0),
    clusters: z.array(Cluster),
    links: Edges,
    linkWeights: LinkWeights,
  }),
  "The map at cluster level: each cluster a disc (x, y, radius); links are [cluster a, cluster b, total weight of " +
    "the links between their papers], a < b; linkWeights are the weights of the links between papers (as in Graph) " +
    "at the 0th, 1st, ..., 100th percentile.",
);
export type OverviewDto = z.infer<typeof Overview>;

export const SkippedRecords = component(
  "SkippedRecords",
  z.strictObject({
    count: int().min(0),
    sample: z.array(z.strictObject({ file: z.string(), line: int().min(1), reason: z.string() })).max(10),
  }),
  "Records of the corpus skipped when it was read: how many, and the first few (file name, line, why).",
);
export type SkippedRecordsDto = z.infer<typeof SkippedRecords>;

export const Health = component(
  "Health",
  z.strictObject({
    status: z.literal("ok"),
    papers: int().min(0),
    clusters: int().min(0),
    builtAt: z.iso.datetime(),
    buildMs: z.number().min(0),
    largeMapFrom: int()
      .min(0)
      .describe(
        "From this many papers on, the map is too large to load whole: a client starts from /api/overview and " +
          "loads a cluster's papers with /api/clusters/{id}/graph.",
      ),
    skipped: SkippedRecords,
    build: BuildInfo,
  }),
);
export type HealthDto = z.infer<typeof Health>;

export const Clusters = component("Clusters", z.strictObject({ build: BuildInfo, clusters: z.array(Cluster) }));
export type ClustersDto = z.infer<typeof Clusters>;

export const ClusterPapers = component(
  "ClusterPapers",
  z.strictObject({
    build: BuildInfo,
    cluster: Cluster,
    subcluster: z.union([Subcluster, z.null()]),
    total: int().min(0),
    limit: int().min(1),
    offset: int().min(0),
    papers: z.array(
      z.strictObject({ ...summaryShape, centrality: z.number(), confidence: share(), subcluster: int().min(-1) }),
    ),
  }),
  "A cluster and a page of its papers (or of one subcluster's), most central first (weighted degree inside the " +
    "cluster).",
);
export type ClusterPapersDto = z.infer<typeof ClusterPapers>;

export const PaperResponse = component("PaperResponse", z.strictObject({ build: BuildInfo, paper: Paper }));
export type PaperResponseDto = z.infer<typeof PaperResponse>;

export const PaperRelated = component(
  "PaperRelated",
  z.strictObject({ build: BuildInfo, paper: PaperSummary, related: z.array(RelatedPaper) }),
);
export type PaperRelatedDto = z.infer<typeof PaperRelated>;

export const TextRelated = component(
  "TextRelated",
  z.strictObject({
    build: BuildInfo,
    cluster: z.union([z.strictObject({ id: int().min(0), label: z.string(), score: z.number() }), z.null()]),
    related: z.array(RelatedPaper),
  }),
  "Papers related to a free text, and the cluster it most likely belongs to (null when nothing matched).",
);
export type TextRelatedDto = z.infer<typeof TextRelated>;

const TopicCount = component(
  "TopicCount",
  z.strictObject({ term: z.string(), papers: int().min(0) }),
  "A topic and the number of papers whose title or abstract contains it (GET /api/topics/{term}/papers's total).",
);

const SearchResult = z.strictObject({ ...summaryShape, score: z.number(), matchedIn: z.enum(["title", "abstract"]) });
export type SearchResultDto = z.infer<typeof SearchResult>;

export const Search = component(
  "Search",
  z.strictObject({
    build: BuildInfo,
    query: z.string(),
    total: int().min(0),
    limit: int().min(1),
    offset: int().min(0),
    results: z.array(SearchResult),
    topics: z.array(TopicCount),
  }),
  "One page of the papers matching a query, best first: total is how many match in all, results those from offset " +
    "on (at most limit); matchedIn is title when every query word is in the title. Topics whose words contain the " +
    "query's, for suggestions.",
);
export type SearchDto = z.infer<typeof Search>;

export const Topics = component("Topics", z.strictObject({ build: BuildInfo, topics: z.array(TopicCount) }));
export type TopicsDto = z.infer<typeof Topics>;

export const TopicPapers = component(
  "TopicPapers",
  z.strictObject({
    build: BuildInfo,
    term: z.string(),
    total: int().min(0),
    limit: int().min(1),
    offset: int().min(0),
    papers: z.array(PaperSummary),
  }),
  "A page of the papers whose title or abstract contains a topic (its words by stem, as the TF-IDF matches them), " +
    "heaviest first (the topic's TF-IDF weight in the paper).",
);
export type TopicPapersDto = z.infer<typeof TopicPapers>;

export const Error = component(
  "Error",
  z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) }),
);
export type ErrorDto = z.infer<typeof Error>;
