// buildTopicGraph: the one linear orchestration from papers to a labelled, laid-out topic graph. No I/O.
//   papers -> TF-IDF and LSA (text/) -> related papers (TF-IDF candidates re-ranked by the blended similarity)
//          -> links to the top k -> Louvain clusters -> labels -> sizes, colours, layout

import Graph from "graphology";

import { corpusHash } from "./corpus/hash.js";
import type { Paper } from "./corpus/types.js";
import { paperTopics, sharedTopics } from "./graph/explain.js";
import { CLUSTER_DEFAULTS, clusterGraph, resolveClusterOptions } from "./graph/cluster.js";
import { alignClusters, type PreviousClusters } from "./graph/align-clusters.js";
import { assignColors, clusterDiscs, touchingClusters } from "./graph/colors.js";
import { nodeSizes } from "./graph/appearance.js";
import { labelClusters, labelGroups, sharesIn, termShares, type ClusterLabel } from "./graph/label.js";
import { computeLayout } from "./graph/layout.js";
import { linkNeighbours } from "./graph/link.js";
import { attachOrphans } from "./graph/orphans.js";
import { nearestClusters } from "./graph/cluster-relations.js";
import { buildSubclusters, HIERARCHY_DEFAULTS } from "./graph/hierarchy.js";
import { stabilityFromRuns } from "./graph/stability.js";
import { expandEmbeddings } from "./graph/blend.js";
import { rankRelatedParallel } from "./graph/related.js";
import { buildInvertedIndex, type InvertedIndex, type NeighbourLists } from "./graph/top-k.js";
import { topKNeighboursParallel } from "./graph/top-k-parallel.js";
import type { ClusterSummary, PaperNodeAttributes, TopicGraph } from "./graph/types.js";
import { round } from "./round.js";
import { paperDateFields } from "./time/paper-date.js";
import { fitLsa, LSA_DEFAULTS, type LsaModel } from "./text/lsa.js";
import { displayText } from "./text/math-display.js";
import { lsaProducts } from "./text/lsa-parallel.js";
import { shareMatrix } from "./text/sparse.js";
import {
  fitTfidfParallelDeferred,
  resolveTfidfOptions,
  TFIDF_DEFAULTS,
  withTerms,
  type TfidfModel,
  type TfidfOptions,
} from "./text/tfidf.js";

export interface PipelineOptions extends TfidfOptions {
  /**
   * Links per paper: each paper is linked to its k most similar papers (above minSimilarity). 0 = automatic:
   * 10, and fewer for small corpora (√n / 2, at least 3), where 10 links a paper to a large share of the corpus
   * and Louvain merges distinct topics (on the 74-paper seed, k = 10 gave 4 clusters, k = 4 gave 8).
   */
  k: number;
  /** LSA dimensions (0: TF-IDF cosine only) and the weight of the LSA cosine in the blended similarity. */
  lsaDimensions: number;
  lsaWeight: number;
  /** TF-IDF candidates re-ranked per paper; also the length of each paper's stored related list. */
  candidates: number;
  /** Related papers: how many of a paper's nearest papers expand its LSA vector, and with what weight (0: off). */
  feedback: number;
  feedbackWeight: number;
  /** Related papers: a paper's candidates also include the first `relatedHops` related papers of its first ones. */
  relatedHops: number;
  minSimilarity: number;
  resolution: number;
  seed: number;
  minClusterSize: number;
  /** "exact" top-k, "pruned" top-k (see graph/top-k), or "auto": exact up to `exactUpTo` papers. */
  neighbourSearch: "exact" | "pruned" | "auto";
  exactUpTo: number;
  queryTerms: number;
  postingCap: number;
  rescore: number;
  paperTopics: number;
  clusterTopics: number;
  labelTopics: number;
  edgeTopics: number;
  layoutIterations: number;
  /** Louvain runs whose agreement weighs links before the final run; they also give each paper's confidence. */
  consensusRuns: number;
  /** Clusters of at least this many papers are split into subtopics (along Louvain's finer level). */
  subclusterFrom: number;
  /** Clusters of at least this many papers always get subtopics: Louvain on their own links if the finer level fails. */
  subtopicsFrom: number;
}

export const PIPELINE_DEFAULTS: Readonly<PipelineOptions> = {
  ...TFIDF_DEFAULTS,
  ngramRange: [1, 2],
  k: 0,
  lsaDimensions: LSA_DEFAULTS.dimensions,
  lsaWeight: 1,
  candidates: 100,
  feedback: 5,
  feedbackWeight: 2,
  // NOTE: 5 hops rank a quarter as many extra candidates as 10, for the same precision@10 (docs/performance.md).
  relatedHops: 5,
  minSimilarity: 0.1,
  resolution: CLUSTER_DEFAULTS.resolution,
  seed: CLUSTER_DEFAULTS.seed,
  minClusterSize: CLUSTER_DEFAULTS.minClusterSize,
  neighbourSearch: "auto",
  exactUpTo: 5000,
  // NOTE: pruning chosen by `npm run bench -- --recall` (its recall@10 against the exact search in
  // docs/performance.md): fewer terms and postings lost recall on the large corpus.
  queryTerms: 60,
  postingCap: 300,
  rescore: 150,
  paperTopics: 5,
  clusterTopics: 5,
  labelTopics: 3,
  edgeTopics: 3,
  layoutIterations: 0,
  consensusRuns: CLUSTER_DEFAULTS.consensusRuns,
  subclusterFrom: HIERARCHY_DEFAULTS.minClusterSize,
  subtopicsFrom: HIERARCHY_DEFAULTS.splitFrom,
};

export type Phase =
  | "tfidf"
  | "lsa"
  | "neighbours"
  | "link"
  | "related"
  | "assemble"
  | "cluster"
  | "stability"
  | "label"
  | "explain"
  | "layout";

export interface PipelineHooks {
  onPhaseStart?: (phase: Phase) => void;
  onProgress?: (phase: Phase, done: number, total: number) => void;
}

export interface TopicGraphBuild {
  graph: TopicGraph;
  model: TfidfModel;
  lsa: LsaModel | null;
  index: InvertedIndex;
  /** Each paper's related papers by blended similarity, best first (`options.candidates` of them). */
  related: NeighbourLists;
  /** LSA vectors expanded by feedback (graph/blend expandEmbeddings), on which `related` is ranked; null without LSA. */
  expandedEmbeddings: Float32Array | null;
  membership: Int32Array;
  labels: ClusterLabel[];
  options: PipelineOptions;
  /** Milliseconds per phase. */
  timings: Partial<Record<Phase, number>>;
}

export function resolvePipelineOptions(options: Partial<PipelineOptions> = {}): PipelineOptions {
  const resolved: PipelineOptions = { ...PIPELINE_DEFAULTS, ...options };
  resolveTfidfOptions(resolved);
  resolveClusterOptions(resolved);
  if (!Number.isInteger(resolved.k) || resolved.k < 0 || resolved.k > 100) {
    throw new RangeError(`pipeline: k must be an integer in [1, 100] (or 0 for automatic), got ${resolved.k}`);
  }
  if (!(resolved.minSimilarity >= 0 && resolved.minSimilarity <= 1)) {
    throw new RangeError(`pipeline: minSimilarity must be in [0, 1], got ${resolved.minSimilarity}`);
  }
  if (!Number.isInteger(resolved.candidates) || resolved.candidates < resolved.k) {
    throw new RangeError(`pipeline: candidates must be an integer >= k (${resolved.k}), got ${resolved.candidates}`);
  }
  if (!Number.isInteger(resolved.feedback) || resolved.feedback < 0) {
    throw new RangeError(`pipeline: feedback must be an integer >= 0, got ${resolved.feedback}`);
  }
  if (!Number.isInteger(resolved.relatedHops) || resolved.relatedHops < 0) {
    throw new RangeError(`pipeline: relatedHops must be an integer >= 0, got ${resolved.relatedHops}`);
  }
  if (!(resolved.feedbackWeight >= 0))
    throw new RangeError(`pipeline: feedbackWeight must be >= 0, got ${resolved.feedbackWeight}`);
  if (!(resolved.lsaWeight >= 0)) throw new RangeError(`pipeline: lsaWeight must be >= 0, got ${resolved.lsaWeight}`);
  if (!Number.isInteger(resolved.lsaDimensions) || resolved.lsaDimensions < 0) {
    throw new RangeError(`pipeline: lsaDimensions must be an integer >= 0, got ${resolved.lsaDimensions}`);
  }
  if (!["exact", "pruned", "auto"].includes(resolved.neighbourSearch)) {
    throw new RangeError(`pipeline: neighbourSearch must be exact, pruned or auto, got ${resolved.neighbourSearch}`);
  }
  return resolved;
}

/** The k used for a corpus of n papers when k is 0 (automatic). */
export function automaticK(papers: number): number {
  return Math.max(3, Math.min(10, Math.round(Math.sqrt(papers) / 2)));
}

export async function buildTopicGraph(
  papers: readonly Paper[],
  options: Partial<PipelineOptions> = {},
  hooks: PipelineHooks = {},
  previous: PreviousClusters | null = null,
): Promise<TopicGraphBuild> {
  const requested = resolvePipelineOptions(options);
  const o: PipelineOptions = { ...requested, k: requested.k || automaticK(papers.length) };
  const timings: Partial<Record<Phase, number>> = {};
  const phase = <T>(name: Phase, work: () => T): T => {
    hooks.onPhaseStart?.(name);
    const start = performance.now();
    const result = work();
    timings[name] = performance.now() - start;
    return result;
  };
  const asyncPhase = async <T>(name: Phase, work: () => Promise<T>): Promise<T> => {
    hooks.onPhaseStart?.(name);
    const start = performance.now();
    const result = await work();
    timings[name] = performance.now() - start;
    return result;
  };
  const progress = (name: Phase) => (done: number, total: number) => hooks.onProgress?.(name, done, total);

  const fitted = await asyncPhase("tfidf", () => fitTfidfParallelDeferred(papers, o, progress("tfidf")));
  // Each paper's topics are shown as the paper writes them (phase "explain"), read from the scanned positions.
  const { scanned } = fitted;
  // In shared memory once, for every parallel phase.
  const matrix = shareMatrix(fitted.model.matrix);
  fitted.model.matrix = matrix;
  // The neighbour search's inverted index is built while the worker threads compute LSA's first Xᵀ · D, the longest
  // of its products (about as long as the index takes on this thread), when the products are on the workers; its
  // time then counts in the "lsa" phase.
  let earlyIndex: InvertedIndex | null = null;
  const lsa = await asyncPhase("lsa", () => {
    const products = lsaProducts(matrix.rows);
    // Progress by products: the range finder, two per power iteration, then the sketch and its projection.
    const total = 3 + 2 * LSA_DEFAULTS.powerIterations;
    let done = 0;
    const step = () => hooks.onProgress?.("lsa", ++done, total);
    return fitLsa(
      matrix,
      { dimensions: o.lsaDimensions, seed: o.seed },
      {
        ...products,
        multiply: (...args) => products.multiply(...args).finally(step),
        multiplyTransposed: (...args) => {
          const product = products.multiplyTransposed(...args).finally(step);
          earlyIndex ??= buildInvertedIndex(matrix);
          return product;
        },
      },
    );
  });
  const { model, index, similar, ranking, expandedEmbeddings } = await asyncPhase("neighbours", async () => {
    const index = earlyIndex ?? buildInvertedIndex(matrix);
    const exact = o.neighbourSearch === "exact" || (o.neighbourSearch === "auto" && papers.length <= o.exactUpTo);
    const pruning = exact
      ? {}
      : { queryTerms: o.queryTerms, postingCap: o.postingCap, rescore: Math.max(o.rescore, o.candidates) };
    const width = Math.max(1, Math.min(o.candidates, papers.length - 1));
    const blend =
      lsa === null ? null : { embeddings: lsa.embeddings, dimensions: lsa.dimensions, lsaWeight: o.lsaWeight };
    const search = topKNeighboursParallel(matrix, index, { k: width, ...pruning }, blend, progress("neighbours"));
    // The search's tasks are on the worker threads by now: this thread computes the display forms meanwhile.
    const model = withTerms(fitted);
    const { candidates, similar } = await search;
    if (lsa === null || o.feedbackWeight === 0) {
      return { model, index, similar, ranking: Promise.resolve(similar), expandedEmbeddings: null };
    }
    const expandedEmbeddings = expandEmbeddings(lsa.embeddings, lsa.dimensions, similar, o.feedback, o.feedbackWeight);
    // Related papers are ranked on the worker threads while this thread links, assembles and clusters the graph.
    const ranking = inBackground(
      rankRelatedParallel(matrix, candidates, similar, expandedEmbeddings, lsa.dimensions, width, {
        hops: o.relatedHops,
        lsaWeight: o.lsaWeight,
      }),
    );
    return { model, index, similar, ranking, expandedEmbeddings };
  });
  // The map links papers by their plain similarity; `related` adds the feedback of their neighbourhoods.
  const links = phase("link", () => linkNeighbours(similar, o.minSimilarity, o.k));

  const graph: TopicGraph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  phase("assemble", () => {
    papers.forEach((paper) => graph.addNode(paper.id, nodeAttributes(paper)));
    // Explanations come later (phase "explain"), while the layout runs on the other threads.
    for (let e = 0; e < links.source.length; e++) {
      graph.addEdgeWithKey(`e${e}`, papers[links.source[e]].id, papers[links.target[e]].id, {
        weight: round(links.weight[e], 4),
        sharedTopics: "",
      });
    }
  });

  const { membership, count, modularity, finerLevel, runs, kept } = phase("cluster", () => {
    const clustering = clusterGraph(graph, o);
    const count = attachOrphans(model.matrix, index, clustering.membership, o.minClusterSize);
    const ids = papers.map((paper) => paper.id);
    const aligned = alignClusters(ids, clustering.membership, count, previous);
    return { ...clustering, count, membership: aligned.membership, kept: aligned.kept };
  });
  // Waited for before the layout needs the worker threads (the ranking is usually done by now).
  const related = await asyncPhase("related", () => ranking);
  const members: number[][] = Array.from({ length: count }, () => []);
  membership.forEach((c, i) => members[c].push(i));

  // The layout runs on worker threads while this thread measures stability, labels clusters and explains links.
  const degrees = new Float64Array(papers.length);
  for (let e = 0; e < links.source.length; e++) {
    degrees[links.source[e]] += links.weight[e];
    degrees[links.target[e]] += links.weight[e];
  }
  const nodeSize = nodeSizes(degrees).map((size) => round(size, 2));
  const layout = inBackground(
    computeLayout(
      links,
      membership,
      count,
      nodeSize,
      { seed: o.seed, iterations: o.layoutIterations },
      progress("layout"),
      lsa === null ? null : { vectors: lsa.embeddings, dimensions: lsa.dimensions },
    ),
  );

  const { confidence, clusterStability } = phase("stability", () => stabilityFromRuns(runs, membership, count));

  const { labels, nearest, subclusters, subLabels } = phase("label", () => {
    const labelOptions = { topics: o.clusterTopics, labelTopics: o.labelTopics };
    const labels = labelClusters(model, membership, count, labelOptions);
    const nearest = nearestClusters(links, membership, count);
    const subclusters = buildSubclusters(finerLevel, membership, count, links, {
      minClusterSize: o.subclusterFrom,
      splitFrom: o.subtopicsFrom,
      seed: o.seed,
    });
    // Subtopics are labelled against their parent cluster: what sets them apart within it.
    const subLabels = subclusters.groups.map((groups, c) =>
      groups.length > 0 ? labelGroups(model, groups, termShares(model, members[c]), labelOptions) : [],
    );
    return { labels, nearest, subclusters, subLabels };
  });

  phase("explain", () => {
    let e = 0;
    graph.forEachEdge((edge) => {
      graph.setEdgeAttribute(edge, "sharedTopics", sharedTopics(model, links.source[e], links.target[e], o.edgeTopics));
      e++;
    });
    papers.forEach((paper, i) => {
      graph.mergeNodeAttributes(paper.id, {
        cluster: membership[i],
        clusterLabel: labels[membership[i]].label,
        topics: paperTopics(model, i, o.paperTopics, scanned),
        size: nodeSize[i],
        confidence: round(confidence[i], 2),
        subcluster: subclusters.membership[i],
      });
    });
  });

  // Colours once the clusters have their places: touching clusters get clearly different ones (graph/colors).
  const colors = await asyncPhase("layout", async () => {
    const positions = await layout;
    const colors = assignColors(touchingClusters(clusterDiscs(positions.x, positions.y, membership, count)), kept);
    papers.forEach((paper, i) => {
      graph.mergeNodeAttributes(paper.id, {
        x: round(positions.x[i], 2),
        y: round(positions.y[i], 2),
        color: colors[membership[i]],
      });
    });
    return colors;
  });

  const sizes = new Int32Array(count);
  for (const c of membership) sizes[c]++;
  const topicsOf = (label: ClusterLabel, nearestRows: number[] | null) => {
    const nearestShares = nearestRows === null ? null : sharesIn(model, label.topics, nearestRows);
    return label.topics.map((t, k) => ({
      term: t.term,
      weight: round(t.score, 4),
      share: round(t.share, 3),
      ...(nearestShares === null ? {} : { nearestShare: round(nearestShares[k], 3) }),
    }));
  };
  const clusters: ClusterSummary[] = labels.map((label, id) => ({
    id,
    label: label.label,
    topics: topicsOf(label, nearest[id] >= 0 ? members[nearest[id]] : null),
    size: sizes[id],
    color: colors[id],
    stability: round(clusterStability[id], 3),
    nearest: nearest[id],
    subclusters: subLabels[id].map((sub, s) => ({
      id: s,
      label: sub.label,
      topics: topicsOf(sub, null),
      size: subclusters.groups[id][s].length,
    })),
  }));
  graph.replaceAttributes({
    name: "topicgraph",
    clusters,
    modularity: round(modularity, 4),
    options: { ...o } as unknown as Record<string, unknown>,
    corpusHash: corpusHash(papers),
  });
  return { graph, model, lsa, index, related, expandedEmbeddings, membership, labels, options: o, timings };
}

function nodeAttributes(paper: Paper): PaperNodeAttributes {
  const attributes: PaperNodeAttributes = {
    label: displayText(paper.title),
    cluster: -1,
    clusterLabel: "",
    topics: [],
    x: 0,
    y: 0,
    size: 1,
    color: "#999999",
    confidence: 1,
    subcluster: -1,
  };
  if (paper.authors !== undefined) attributes.authors = paper.authors;
  if (paper.year !== undefined) attributes.year = paper.year;
  if (paper.url !== undefined) attributes.url = paper.url;
  if (paper.categories !== undefined) attributes.categories = paper.categories;
  if (paper.doi !== undefined) attributes.doi = paper.doi;
  if (paper.venue !== undefined) attributes.venue = paper.venue;
  return Object.assign(attributes, paperDateFields(paper));
}

/**
 * Work left running on the worker threads while this thread goes on: a rejection must not go unhandled in the
 * meantime; it is rethrown where the promise is awaited.
 */
function inBackground<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
