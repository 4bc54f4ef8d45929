// Papers related to a free text, by the same similarity as related papers: the text is folded into the TF-IDF
// space (text/tfidf createTextVectorizer), its best `candidates` papers by TF-IDF cosine are
// found over the inverted index (exact: every posting of every term of the text is accumulated), then re-ranked by
// blendScore(tfidfCos, lsaCos, lsaWeight) with the text folded into the LSA space (text/lsa foldIn), and ranked
// again with pseudo-relevance feedback as the build ranks related papers.
// The text's cluster is a score-weighted vote of its best related papers.

import type { RelatedPaperDto, TextRelatedDto } from "../contract/index.js";
import { MAX_TEXT_CHARS } from "../contract/limits.js";
import { blendScore, expandVector } from "../graph/blend.js";
import { TopKHeap } from "../graph/top-k.js";
import { foldIn } from "../text/lsa.js";
import type { SparseVector } from "../text/sparse.js";
import { createTextVectorizer, type TextVectorizer } from "../text/tfidf.js";
import { round } from "../round.js";
import type { ClusterIndex } from "./cluster-index.js";
import { latentDot, latentRows } from "./overlay.js";
import { paperSummary, type PaperIndex } from "./paper-index.js";
import { relatedPaper, sharedTopicsOfRows } from "./paper-related.js";
import type { ServedBuild } from "./served-build.js";
import { createTopicPicker, type TopicPicker } from "./topic-picker.js";

/** Related papers that vote for the text's cluster. */
export const CLUSTER_VOTERS = 10;

/** Per-store buffers reused by every query (requests run one at a time on the event loop). */
export interface TextScratch {
  accumulator: Float32Array;
  touched: Int32Array;
  /** The text's vector scattered by column, for exact cosines. */
  dense: Float32Array;
  vectorize: TextVectorizer;
  pick: TopicPicker;
}

export function createTextScratch(build: ServedBuild, pick: TopicPicker = createTopicPicker(build.model)): TextScratch {
  const rows = build.model.matrix.rows;
  return {
    accumulator: new Float32Array(rows),
    touched: new Int32Array(rows),
    dense: new Float32Array(build.model.matrix.cols),
    vectorize: createTextVectorizer(build.model),
    pick,
  };
}

export function textRelatedOf(
  build: ServedBuild,
  papers: PaperIndex,
  clusters: ClusterIndex,
  scratch: TextScratch,
  text: string,
  k: number,
): Omit<TextRelatedDto, "build"> {
  const { vector, ranked } = rankText(build, scratch, text, k);
  const best = ranked.slice(0, k);
  const shared = sharedTopicsOfRows(
    build,
    scratch.pick,
    vector,
    best.map((r) => r.row),
  );
  const related: RelatedPaperDto[] = best.map(({ row, score }, a) =>
    relatedPaper(paperSummary(papers, row), round(score, 4), shared[a]),
  );
  const vote = voteCluster(build.membership, ranked.slice(0, CLUSTER_VOTERS));
  const cluster = vote === null ? null : { id: vote.id, label: clusters.clusters[vote.id].label, score: vote.share };
  return { cluster, related };
}

/** The rows of the `k` papers most related to `text`, best first: the papers relatedToText lists. */
export function relatedRowsOfText(build: ServedBuild, scratch: TextScratch, text: string, k: number): number[] {
  return rankText(build, scratch, text, k)
    .ranked.slice(0, k)
    .map(({ row }) => row);
}

/** The text's vector and its best papers: at least `k`, and enough for the cluster vote. */
function rankText(build: ServedBuild, scratch: TextScratch, text: string, k: number) {
  const vector = scratch.vectorize(text.slice(0, MAX_TEXT_CHARS));
  return { vector, ranked: rankByVector(build, scratch, vector, Math.max(k, CLUSTER_VOTERS)) };
}

export interface Scored {
  row: number;
  score: number;
}

/** The `limit` papers most similar to a TF-IDF vector of the model's space, by the blended similarity, best first. */
export function rankByVector(build: ServedBuild, scratch: TextScratch, vector: SparseVector, limit: number): Scored[] {
  return rankByVectorDetailed(build, scratch, vector, limit).related;
}

/** What ranking a vector computes on the way: what query/changes keeps of an added paper. */
export interface VectorRanking {
  /** The best papers by the plain blended similarity (how the build links papers on the map), best first. */
  plain: Scored[];
  /** The best `limit` papers by the similarity on feedback-expanded vectors (how it ranks related papers). */
  related: Scored[];
  /** The vector folded into the LSA space, and expanded by its best papers; null without LSA. */
  folded: Float32Array | null;
  expanded: Float32Array | null;
}

/** rankByVector, with the plain ranking and the vector's LSA vectors. */
export function rankByVectorDetailed(
  build: ServedBuild,
  scratch: TextScratch,
  vector: SparseVector,
  limit: number,
): VectorRanking {
  const candidates = tfidfCandidates(build, scratch, vector, Math.max(build.options.candidates, limit));
  return blendCandidates(build, vector, candidates, limit);
}

/**
 * The `limit` papers of highest TF-IDF cosine with `vector` (both sides are L2-normalised), found as the build found
 * papers' neighbours: exactly (every posting of every term) when the build was exact, otherwise with its pruning
 * (graph/top-k: the text's `queryTerms` heaviest terms, each term's `postingCap` heaviest postings, the best `rescore`
 * partial sums scored exactly). NOTE: exact accumulation was most of a text query's time on a large map.
 */
function tfidfCandidates(build: ServedBuild, scratch: TextScratch, vector: SparseVector, limit: number): Scored[] {
  const { colptr, rows, weights } = build.index;
  const { accumulator, touched } = scratch;
  const { options } = build;
  const exact =
    options.neighbourSearch === "exact" ||
    (options.neighbourSearch === "auto" && build.model.matrix.rows <= options.exactUpTo);
  const terms = Array.from(vector.indices.keys());
  if (!exact && options.queryTerms > 0 && terms.length > options.queryTerms) {
    terms.sort((a, b) => vector.values[b] - vector.values[a] || a - b);
    terms.length = options.queryTerms;
  }
  const cap = exact || options.postingCap <= 0 ? Infinity : options.postingCap;
  let count = 0;
  for (const t of terms) {
    const column = vector.indices[t];
    const weight = vector.values[t];
    const end = Math.min(colptr[column + 1], colptr[column] + cap);
    for (let p = colptr[column]; p < end; p++) {
      const row = rows[p];
      if (accumulator[row] === 0) touched[count++] = row;
      accumulator[row] += weight * weights[p];
    }
  }
  const rescore = Math.max(options.rescore, limit);
  const partial = new TopKHeap(exact ? limit : rescore);
  const deleted = build.overlay?.deleted;
  for (let t = 0; t < count; t++) {
    if (deleted === undefined || deleted[touched[t]] === 0) partial.offer(touched[t], accumulator[touched[t]]);
    accumulator[touched[t]] = 0;
  }
  const heap = exact ? partial : exactCosines(build, scratch, vector, partial.items.subarray(0, partial.size), limit);
  if (build.overlay !== undefined) offerAdded(build, scratch, vector, heap);
  return drain(heap);
}

/**
 * Offers every paper added since the build, with its exact TF-IDF cosine with `vector`. NOTE: a scan rather than an
 * index: the added papers are few (a rebuild folds them into the build) and each cosine is one pass over its terms.
 */
function offerAdded(build: ServedBuild, scratch: TextScratch, vector: SparseVector, heap: TopKHeap): void {
  const { base, added, deleted } = build.overlay!;
  const { dense } = scratch;
  for (let t = 0; t < vector.indices.length; t++) dense[vector.indices[t]] = vector.values[t];
  for (let a = 0; a < added.length; a++) {
    if (deleted[base + a] === 1) continue;
    const { indices, values } = added[a].vector;
    let sum = 0;
    for (let q = 0; q < indices.length; q++) sum += dense[indices[q]] * values[q];
    heap.offer(base + a, sum);
  }
  for (let t = 0; t < vector.indices.length; t++) dense[vector.indices[t]] = 0;
}

/** The exact TF-IDF cosines of `vector` with the papers of `candidates`, the best `limit` of them in a heap. */
function exactCosines(
  build: ServedBuild,
  scratch: TextScratch,
  vector: SparseVector,
  candidates: Int32Array,
  limit: number,
): TopKHeap {
  const { indptr, indices, values } = build.model.matrix;
  const { dense } = scratch;
  for (let t = 0; t < vector.indices.length; t++) dense[vector.indices[t]] = vector.values[t];
  const heap = new TopKHeap(limit);
  for (const row of candidates) {
    let sum = 0;
    for (let q = indptr[row]; q < indptr[row + 1]; q++) sum += dense[indices[q]] * values[q];
    if (sum > 0) heap.offer(row, sum);
  }
  for (let t = 0; t < vector.indices.length; t++) dense[vector.indices[t]] = 0;
  return heap;
}

/**
 * Re-ranks candidates by the blended similarity, then, as the build ranks related papers, again with the text's
 * LSA vector expanded by its best few papers (graph/blend expandVector) against the papers' expanded vectors.
 * Without LSA (a tiny corpus) the TF-IDF order is kept.
 */
function blendCandidates(build: ServedBuild, vector: SparseVector, candidates: Scored[], limit: number): VectorRanking {
  const { lsa, expandedEmbeddings, options } = build;
  if (lsa === null) {
    const plain = rerank(candidates, candidates.length, (_row, score) => score);
    return { plain, related: plain.slice(0, limit), folded: null, expanded: null };
  }
  const d = lsa.dimensions;
  const folded = foldIn(lsa, vector);
  const plain = rerank(candidates, candidates.length, (row, score) =>
    blendScore(score, latentDot(build, folded, row, false), options.lsaWeight),
  );
  if (expandedEmbeddings === null) return { plain, related: plain.slice(0, limit), folded, expanded: null };
  const feedback = plain.slice(0, options.feedback);
  const expanded = expandVector(
    folded,
    latentRows(
      build,
      feedback.map((f) => f.row),
    ),
    d,
    feedback.map((_f, a) => a),
    feedback.map((f) => f.score),
    options.feedbackWeight,
  );
  const cosine = new Map(candidates.map(({ row, score }) => [row, score]));
  const related = rerank(plain, limit, (row) =>
    blendScore(cosine.get(row)!, latentDot(build, expanded, row, true), options.lsaWeight),
  );
  return { plain, related, folded, expanded };
}

function rerank(candidates: Scored[], limit: number, score: (row: number, score: number) => number): Scored[] {
  const heap = new TopKHeap(Math.max(limit, 1));
  for (const candidate of candidates) heap.offer(candidate.row, score(candidate.row, candidate.score));
  return drain(heap);
}

function drain(heap: TopKHeap): Scored[] {
  const size = heap.size;
  const rows = new Int32Array(size);
  const scores = new Float32Array(size);
  heap.drainInto(rows, scores, 0);
  return Array.from(rows, (row, a) => ({ row, score: scores[a] }));
}

/**
 * The cluster with the largest sum of scores among the voters (ties: the lower id), and its share of all their
 * scores; null when no voter scored.
 */
export function voteCluster(membership: Int32Array, voters: readonly Scored[]): { id: number; share: number } | null {
  const votes = new Map<number, number>();
  let total = 0;
  for (const { row, score } of voters) {
    const c = membership[row];
    votes.set(c, (votes.get(c) ?? 0) + score);
    total += score;
  }
  let best = -1;
  let bestVotes = 0;
  for (const [c, sum] of votes) if (sum > bestVotes || (sum === bestVotes && c < best)) [best, bestVotes] = [c, sum];
  if (best < 0 || total <= 0) return null;
  return { id: best, share: round(bestVotes / total, 3) };
}
