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

export const Timeline = component(
  "Timeline",
  z.strictObject({
    unit: z.enum(["month", "year"]),
    labels: z
      .array(z.string())
      .describe('The buckets in order: "2025-06" by month, "2025" by year; empty when no paper is dated.'),
    recentFrom: z
      .union([z.string(), z.null()])
      .describe(
        "The first bucket of the recent period (the last quarter of the buckets, rounded up); null with fewer than two buckets.",
      ),
    dated: int()
      .min(0)
      .describe("Papers with a date: their own date, published or year, or derived from their arXiv id."),
    derived: int().min(0).describe("Of them, papers whose date was derived from a new-style arXiv id (YYMM.NNNNN)."),
    undated: int().min(0),
    unplaced: int()
      .min(0)
      .describe(
        "Dated papers on no bucket: the 0.5% earliest and latest, or known only to the year on a monthly timeline.",
      ),
  }),
  "The corpus over time: by month, or by year when the span holds more than 60 months or most papers know only " +
    "their year. A trend is papers per bucket; growth is a share of the recent papers over a share of the earlier ones.",
);
export type TimelineDto = z.infer<typeof Timeline>;

const trend = () => z.array(int().min(0)).describe("Papers per bucket of the timeline.");
const growth = () =>
  z
    .union([z.number().min(0), z.null()])
    .describe(
      "Share of the recent papers over share of the earlier papers, each shrunk toward the corpus's by 5 papers: " +
        "> 1 emerging, < 1 fading; null when the timeline has no recent or no earlier papers.",
    );

const FacetCount = z.strictObject({ value: z.string(), papers: int().min(0) });
const FacetName = z.enum(["category", "author", "venue"]);

export const FacetFilters = component(
  "FacetFilters",
  z.strictObject({ category: z.string().optional(), author: z.string().optional(), venue: z.string().optional() }),
  "The facet filters an answer applied: only papers carrying each value given.",
);
export type FacetFiltersDto = z.infer<typeof FacetFilters>;

export const ClusterFacets = component(
  "ClusterFacets",
  z.strictObject({ category: z.array(FacetCount), author: z.array(FacetCount), venue: z.array(FacetCount) }),
  "The values carried by most of a set of papers, per facet, most first (empty when no paper carries one).",
);

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
    trend: trend(),
    growth: growth(),
  }),
  "A cluster: label, topics, size, colour, centre and radius of its papers' disc on the map, stability (mean " +
    "confidence of its papers), nearest cluster, subtopics (largest first; empty when it is not split), and its " +
    "papers over time (trend on the answer's timeline, growth).",
);
export type ClusterDto = z.infer<typeof Cluster>;

const summaryShape = {
  id: z.string(),
  title: z.string(),
  cluster: int().min(0),
  year: int().optional(),
  provisional: z
    .literal(true)
    .optional()
    .describe("Added since the map was built: placed by its most similar papers until a rebuild."),
};

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
    date: z
      .string()
      .optional()
      .describe(
        'ISO 8601 as given ("2025-06-03"), the year alone, or the month derived from the arXiv id ("2025-06").',
      ),
    dateSource: z.enum(["date", "year", "arxiv-id"]).optional().describe("arxiv-id: the date was derived."),
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
    bucket: int().min(-1),
    provisional: z.literal(true).optional(),
  }),
  "A paper on the map: bucket is its place on the timeline (an index into timeline.labels), or -1; confidence is " +
    "the share of repeated clusterings that put it with most of its cluster; subcluster is its subtopic, or -1. A " +
    "provisional paper was added since the map was built: placed in its most similar cluster (confidence is that " +
    "cluster's share of its related papers' votes) beside its neighbours, until a rebuild.",
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
    timeline: Timeline,
  }),
  "The map: edges are [source index, target index, weight] into nodes; linkWeights are the links' weights at the " +
    "0th, 1st, ..., 100th percentile (ascending), a weight slider's scale; timeline is what the nodes' buckets and " +
    "the clusters' trends refer to.",
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
    timeline: Timeline,
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

const LibraryHealth = z.strictObject({
  papers: int().min(0).describe("Papers in the library (the map may lag behind until they are folded in or rebuilt)."),
  writable: z.boolean().describe("This server accepts writes: a token is configured and it holds the writer lock."),
  version: int().min(0).describe("Raised by one by each write that changes the library."),
});
export type LibraryHealthDto = z.infer<typeof LibraryHealth>;

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
    library: z.union([LibraryHealth, z.null()]),
  }),
  "Up: the map served (`build`) and, when the server serves a library, how many papers it holds and whether this " +
    "server writes to it.",
);

const matchedBy = z.enum(["id", "arxiv", "doi", "title"]);

export const PapersAdded = component(
  "PapersAdded",
  z.strictObject({
    added: int().min(0),
    updated: int().min(0),
    skipped: z.array(z.strictObject({ index: int().min(0), line: int().min(0).optional(), reason: z.string() })),
    papers: z.array(
      z.discriminatedUnion("status", [
        z.strictObject({
          index: int().min(0),
          status: z.literal("added"),
          id: z.string(),
          renamedFrom: z.string().optional(),
        }),
        z.strictObject({
          index: int().min(0),
          status: z.enum(["updated", "duplicate"]),
          id: z.string(),
          matchedBy,
        }),
      ]),
    ),
    library: z.strictObject({ papers: int().min(0), version: int().min(0) }),
  }),
  "What a POST /api/papers did: papers added and updated, records skipped by their place in the body (from 0) " +
    "with why, each paper read with its id in the library.",
);
export type PapersAddedDto = z.infer<typeof PapersAdded>;
export type HealthDto = z.infer<typeof Health>;

export const Clusters = component(
  "Clusters",
  z.strictObject({ build: BuildInfo, timeline: Timeline, clusters: z.array(Cluster) }),
);
export type ClustersDto = z.infer<typeof Clusters>;

export const ClusterPapers = component(
  "ClusterPapers",
  z.strictObject({
    build: BuildInfo,
    cluster: Cluster,
    subcluster: z.union([Subcluster, z.null()]),
    filters: FacetFilters,
    facets: ClusterFacets,
    total: int().min(0),
    limit: int().min(1),
    offset: int().min(0),
    papers: z.array(
      z.strictObject({ ...summaryShape, centrality: z.number(), confidence: share(), subcluster: int().min(-1) }),
    ),
  }),
  "A cluster and a page of its papers (or of one subcluster's), most central first (weighted degree inside the " +
    "cluster), among those the facet filters keep (total counts them); facets are their main categories, authors " +
    "and venues.",
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
    filters: FacetFilters,
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

const MainTopic = component(
  "MainTopic",
  z.strictObject({ term: z.string(), papers: int().min(0), trend: trend(), growth: growth() }),
  "A main topic, the number of papers that contain it, and those papers over time (for the 2,000 most common " +
    "topics; beyond them trend is empty and growth null).",
);

export const Topics = component(
  "Topics",
  z.strictObject({ build: BuildInfo, timeline: Timeline, topics: z.array(MainTopic) }),
);
export type TopicsDto = z.infer<typeof Topics>;

export const TopicPapers = component(
  "TopicPapers",
  z.strictObject({
    build: BuildInfo,
    term: z.string(),
    filters: FacetFilters,
    total: int().min(0),
    limit: int().min(1),
    offset: int().min(0),
    papers: z.array(PaperSummary),
  }),
  "A page of the papers whose title or abstract contains a topic (its words by stem, as the TF-IDF matches them), " +
    "heaviest first (the topic's TF-IDF weight in the paper), among those the facet filters keep.",
);
export type TopicPapersDto = z.infer<typeof TopicPapers>;

export const BuildStatus = component(
  "BuildStatus",
  z.strictObject({
    id: z.string(),
    state: z.enum(["queued", "running", "done", "failed"]),
    reason: z.enum(["start", "requested", "changes"]),
    phase: z.union([z.string(), z.null()]),
    progress: share(),
    papers: z.union([int().min(0), z.null()]),
    error: z.union([z.string(), z.null()]),
    queuedAt: z.iso.datetime(),
    startedAt: z.union([z.iso.datetime(), z.null()]),
    endedAt: z.union([z.iso.datetime(), z.null()]),
  }),
  'A build of the map: "1" is the one the server started with, each rebuild the next number. The current map ' +
    "serves until a rebuild is done; a failed one leaves it serving and says why in `error`.",
);
export type BuildStatusDto = z.infer<typeof BuildStatus>;

const RankedCluster = z.strictObject({
  id: int().min(0),
  label: z.string(),
  papers: int().min(0).describe("Its papers on the timeline (among those the filters keep)."),
  growth: z.number().min(0),
  trend: trend(),
});
const RankedTopic = z.strictObject({
  term: z.string(),
  papers: int().min(0).describe("Its papers on the timeline (among those the filters keep)."),
  growth: z.number().min(0),
  trend: trend(),
});

export const Trends = component(
  "Trends",
  z.strictObject({
    build: BuildInfo,
    timeline: Timeline,
    filters: FacetFilters,
    totals: trend().describe("Papers per bucket among those the filters keep: the base of every share."),
    clusters: z.strictObject({ emerging: z.array(RankedCluster), fading: z.array(RankedCluster) }),
    topics: z.strictObject({ emerging: z.array(RankedTopic), fading: z.array(RankedTopic) }),
  }),
  "Emerging clusters and main topics (growth > 1, highest first) and fading ones (growth < 1, lowest first), with " +
    "at least minPapers papers on the timeline; with filters, shares are of the papers the filters keep.",
);
export type TrendsDto = z.infer<typeof Trends>;

export const Facets = component(
  "Facets",
  z.strictObject({
    build: BuildInfo,
    filters: FacetFilters,
    papers: int().min(0).describe("Papers the filters keep (all papers without filters)."),
    facets: z.record(FacetName, z.strictObject({ distinct: int().min(0), values: z.array(FacetCount) })),
  }),
  "Per facet (category, author, venue), how many distinct values the kept papers carry and the most common ones " +
    "with their papers, most first.",
);
export type FacetsDto = z.infer<typeof Facets>;

export const PaperList = component(
  "PaperList",
  z.strictObject({
    build: BuildInfo,
    filters: FacetFilters,
    total: int().min(0),
    limit: int().min(1),
    offset: int().min(0),
    papers: z.array(PaperSummary),
  }),
  "A page of the papers the facet filters keep, in corpus order.",
);
export type PaperListDto = z.infer<typeof PaperList>;

export const Error = component(
  "Error",
  z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) }),
);
export type ErrorDto = z.infer<typeof Error>;
