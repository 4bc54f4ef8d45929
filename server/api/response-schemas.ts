// zod schemas of every response shape of api/dto.ts, for the OpenAPI document (and through it, the tests that check
// real responses). The compile-time checks below fail the build when a schema and its DTO drift apart.

import { z } from "zod";

import type * as Dto from "./dto.js";

/** Components of the OpenAPI document: each schema registered under its name. */
export const responseSchemas = z.registry<{ id: string; description?: string }>();

function component<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  responseSchemas.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

const int = () => z.number().int();

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
    builtAt: z.iso.datetime(),
  }),
  "What a response depends on (corpus and build options), so that it can be reproduced.",
);

export const Topic = component("Topic", z.strictObject({ term: z.string(), weight: z.number() }));

const share = () => z.number().min(0).max(1);

export const ClusterTopic = component(
  "ClusterTopic",
  z.strictObject({ term: z.string(), weight: z.number(), share: share(), nearestShare: share().optional() }),
  "A topic of a cluster: c-TF-IDF weight, share of the cluster's papers that carry it and, when the cluster has a " +
    "nearest cluster, the share of that cluster's papers that carry it.",
);

export const Subcluster = component(
  "Subcluster",
  z.strictObject({ id: int().min(0), label: z.string(), topics: z.array(ClusterTopic), size: int().min(0) }),
  "A subtopic of a large cluster, labelled against its parent cluster.",
);

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

const summaryShape = { id: z.string(), title: z.string(), cluster: int().min(0), year: int().optional() };

export const PaperSummary = component("PaperSummary", z.strictObject(summaryShape));

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
    doi: z.string().optional(),
    venue: z.string().optional(),
  }),
);

export const RelatedPaper = component(
  "RelatedPaper",
  z.strictObject({ ...summaryShape, score: z.number(), sharedTopics: z.array(Topic) }),
  "A related paper: its blended similarity and the shared terms that contribute most to the TF-IDF cosine.",
);

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

export const ClusterGraph = component(
  "ClusterGraph",
  z.strictObject({ build: BuildInfo, cluster: Cluster, nodes: z.array(GraphNode), edges: Edges }),
  "One cluster's papers (corpus order) and the links among them: edges are [source index, target index, weight] " +
    "into nodes.",
);

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

export const SkippedRecords = component(
  "SkippedRecords",
  z.strictObject({
    count: int().min(0),
    sample: z.array(z.strictObject({ file: z.string(), line: int().min(1), reason: z.string() })).max(10),
  }),
  "Records of the corpus skipped when it was read: how many, and the first few (file name, line, why).",
);

export const Health = component(
  "Health",
  z.strictObject({
    status: z.literal("ok"),
    papers: int().min(0),
    clusters: int().min(0),
    builtAt: z.iso.datetime(),
    buildMs: z.number().min(0),
    largeMapFrom: int().min(0),
    skipped: SkippedRecords,
    build: BuildInfo,
  }),
);

export const Clusters = component("Clusters", z.strictObject({ build: BuildInfo, clusters: z.array(Cluster) }));

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

export const PaperResponse = component("PaperResponse", z.strictObject({ build: BuildInfo, paper: Paper }));

export const PaperRelated = component(
  "PaperRelated",
  z.strictObject({ build: BuildInfo, paper: PaperSummary, related: z.array(RelatedPaper) }),
);

export const TextRelated = component(
  "TextRelated",
  z.strictObject({
    build: BuildInfo,
    cluster: z.union([z.strictObject({ id: int().min(0), label: z.string(), score: z.number() }), z.null()]),
    related: z.array(RelatedPaper),
  }),
  "Papers related to a free text, and the cluster it most likely belongs to (null when nothing matched).",
);

const TopicCount = component(
  "TopicCount",
  z.strictObject({ term: z.string(), papers: int().min(0) }),
  "A topic and the number of papers whose title or abstract contains it (GET /api/topics/{term}/papers's total).",
);

export const Search = component(
  "Search",
  z.strictObject({
    build: BuildInfo,
    query: z.string(),
    total: int().min(0),
    limit: int().min(1),
    offset: int().min(0),
    results: z.array(z.strictObject({ ...summaryShape, score: z.number(), matchedIn: z.enum(["title", "abstract"]) })),
    topics: z.array(TopicCount),
  }),
  "One page of the papers matching a query, best first: total is how many match in all, results those from offset " +
    "on (at most limit); matchedIn is title when every query word is in the title. Topics whose words contain the " +
    "query's, for suggestions.",
);

export const Topics = component("Topics", z.strictObject({ build: BuildInfo, topics: z.array(TopicCount) }));

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

export const Error = component(
  "Error",
  z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) }),
);

// Compile-time checks: each schema's type and its DTO must be assignable both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof BuildInfo>, Dto.BuildInfo>,
  Same<z.infer<typeof Graph>, Dto.GraphDto>,
  Same<z.infer<typeof Health>, Dto.HealthDto>,
  Same<z.infer<typeof SkippedRecords>, Dto.SkippedRecordsDto>,
  Same<z.infer<typeof Clusters>, Dto.ClustersDto>,
  Same<z.infer<typeof ClusterPapers>, Dto.ClusterPapersDto>,
  Same<z.infer<typeof PaperResponse>, Dto.PaperResponseDto>,
  Same<z.infer<typeof PaperRelated>, Dto.PaperRelatedDto>,
  Same<z.infer<typeof TextRelated>, Dto.TextRelatedDto>,
  Same<z.infer<typeof Search>, Dto.SearchDto>,
  Same<z.infer<typeof Topics>, Dto.TopicsDto>,
  Same<z.infer<typeof ClusterGraph>, Dto.ClusterGraphDto>,
  Same<z.infer<typeof Overview>, Dto.OverviewDto>,
  Same<z.infer<typeof TopicPapers>, Dto.TopicPapersDto>,
  Same<z.infer<typeof Error>, Dto.ErrorDto>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void checks;
