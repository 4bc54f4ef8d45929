// A new version of a store with papers added and deleted, made from the previous version without touching the build
// (query/overlay). An added paper is weighed with the build's vocabulary and folded into its LSA space, and ranked
// against every paper on the map, as a free text is (query/text-related); it keeps its related papers and enters the
// lists of the papers where it ranks (the blended similarity is symmetric), joins the cluster its best related papers
// vote for (query/text-related voteCluster; the winning share is its confidence), links to its k most similar
// papers above the build's minimum similarity, and sits beside them on the map, sized by its links' weights as the
// build sizes papers. An id already on the map is replaced. A deleted paper becomes a tombstone: cluster -1, no
// topics, no links, out of the id -> row map.
// Papers are added one at a time on a draft (each sees those added before it); `finish` makes the new store.

import type { Paper } from "../corpus/types.js";
import { paperTopics } from "../graph/explain.js";
import { MIN_NODE_SIZE, nodeSize } from "../graph/appearance.js";
import type { ClusterSummary } from "../graph/types.js";
import type { SparseVector } from "../text/sparse.js";
import type { TfidfModel } from "../text/tfidf.js";
import { dateColumns, type DateColumns, type Timeline } from "../time/trends.js";
import { buildInfoOf } from "./build-info.js";
import { ChangedExports } from "./changed-graph.js";
import type { ClusterIndex } from "./cluster-index.js";
import { extendClusterIndex } from "./cluster-index-version.js";
import type { GraphColumns } from "./graph-columns.js";
import { extendFacetIndex, type FacetIndex } from "./facet-index.js";
import { relatedListOf } from "./overlay.js";
import type { PaperTopicTable } from "./topic-counts.js";
import type { PaperIndex } from "./paper-index.js";
import { PaperTable, type PaperRows } from "./paper-table.js";
import { round } from "../round.js";
import { buildSearchIndex } from "./search-index.js";
import type { AddedRow, MapOverlay, RelatedList, ServedBuild } from "./served-build.js";
import type { SearchSegment, TopicStore } from "./store.js";
import { CLUSTER_VOTERS, rankByVectorDetailed, voteCluster, type Scored } from "./text-related.js";
import { extendTopicCounts, type TopicCounts } from "./topic-counts.js";
import { columnRows, topicChangesOf, topicPaperCount } from "./topic-changes.js";
import { extendTimeline, extendTrendIndex, trendsOn, type TrendIndex } from "./trend-index.js";

export interface MapChanges {
  /** Papers to add, in order; a paper whose id is on the map replaces it. */
  added: readonly Paper[];
  /** Ids of papers to delete (ids not on the map are ignored). */
  deleted: readonly string[];
}

/** The store with `changes` applied: deletions first, then additions. */
export function applyChanges(store: TopicStore, changes: MapChanges): TopicStore {
  const draft = new StoreDraft(store);
  for (const id of changes.deleted) draft.delete(id);
  for (const paper of changes.added) draft.add(paper);
  return draft.finish();
}

/** Papers added, changed or deleted since the store's build (each counted once). */
export function changedPapers(store: TopicStore): number {
  const { rows } = store.paperIndex;
  return rows instanceof LayeredRows ? rows.changed.size : 0;
}

/** Ids to rows of a store version: the build's map, and the rows of ids added or deleted since (-1: deleted). */
class LayeredRows {
  constructor(
    readonly base: Pick<ReadonlyMap<string, number>, "get">,
    readonly changed: ReadonlyMap<string, number>,
  ) {}

  get(id: string): number | undefined {
    const row = this.changed.get(id);
    if (row === undefined) return this.base.get(id);
    return row < 0 ? undefined : row;
  }
}

/** The build's papers followed by the papers added since. */
class ExtendedPapers implements PaperRows {
  constructor(
    readonly base: PaperRows,
    /** The added papers (deleted ones included), as a table of their own. */
    readonly added: PaperTable,
    readonly ids: readonly string[],
  ) {}

  get length(): number {
    return this.ids.length;
  }

  title(row: number): string {
    return row < this.base.length ? this.base.title(row) : this.added.title(row - this.base.length);
  }

  year(row: number): number | undefined {
    return row < this.base.length ? this.base.year(row) : this.added.year(row - this.base.length);
  }

  paper(row: number): Paper {
    return row < this.base.length ? this.base.paper(row) : this.added.paper(row - this.base.length);
  }
}

type Column = Int32Array | Float64Array | Float32Array | Uint8Array;

/** `array` when it holds `needed` values, else a copy of its first `used` values with room to grow. */
function withRoom<A extends Column>(array: A, used: number, needed: number): A {
  if (needed <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => A)(Math.max(needed, array.length * 2, 64));
  grown.set(array.subarray(0, used) as never);
  return grown;
}

/** A copy of `array` with room for `extra` more values. */
function copyWithRoom<A extends Column>(array: A, extra: number): A {
  const copy = new (array.constructor as new (length: number) => A)(array.length + extra);
  copy.set(array as never);
  return copy;
}

/**
 * How many values of a column's buffer a version holds (query/changes finish), or Infinity while a draft writes
 * after them: a draft from the version that ends there appends to the buffer in place, and only that one.
 */
const claims = new WeakMap<ArrayBufferLike, number>();

/**
 * A view of all of `array`'s buffer when the version holding `array` is the last to claim it (a draft then appends
 * after it, in place: the version never reads past its length), else a copy of `array` with room for `extra` more.
 */
function appendable<A extends Column>(array: A, extra: number, taken: Column[]): A {
  const capacity = (array.buffer.byteLength - array.byteOffset) / array.BYTES_PER_ELEMENT;
  if (array.byteOffset !== 0 || claims.get(array.buffer) !== array.length || capacity <= array.length) {
    return copyWithRoom(array, extra);
  }
  claims.set(array.buffer, Infinity);
  taken.push(array);
  return new (array.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => A)(
    array.buffer,
    0,
    capacity,
  );
}

/** What placing papers needs of the build's map, computed once per build. */
interface MapScale {
  /** Largest weighted degree of a paper (node sizes are relative to it). */
  maxDegree: number;
  /** Mean length of a link on the map: how far apart linked papers sit. */
  linkLength: number;
}

/** Search indexes kept for the added papers before they are merged into one. */
const SEARCH_SEGMENTS = 8;

const scales = new WeakMap<TfidfModel, MapScale>();

function mapScale(build: ServedBuild): MapScale {
  let scale = scales.get(build.model);
  if (scale === undefined) {
    const { source, target, weight, x, y } = build.columns;
    const degree = new Float64Array(build.columns.ids.length);
    let length = 0;
    for (let e = 0; e < source.length; e++) {
      degree[source[e]] += weight[e];
      degree[target[e]] += weight[e];
      length += Math.hypot(x[source[e]] - x[target[e]], y[source[e]] - y[target[e]]);
    }
    let maxDegree = 0;
    for (const d of degree) maxDegree = Math.max(maxDegree, d);
    scale = { maxDegree, linkLength: source.length > 0 ? length / source.length : 1 };
    scales.set(build.model, scale);
  }
  return scale;
}

/** A number in [0, 1) from an id (FNV-1a): the direction an added paper is set off its neighbours' centre. */
function unitHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) / 2 ** 32;
}

export class StoreDraft {
  private readonly store: TopicStore;
  private readonly base: number;
  private rows: number;
  private readonly width: number;
  private ids: string[];
  private cluster: Int32Array;
  private x: Float64Array;
  private y: Float64Array;
  private size: Float64Array;
  private confidence: Float64Array;
  private subcluster: Int32Array;
  private topics: Int32Array;
  private topicColumns: Int32Array;
  private topicWeights: Float32Array;
  private deleted: Uint8Array;
  private deletedCount: number;
  private edges: number;
  private source: Int32Array;
  private target: Int32Array;
  private weight: Float64Array;
  private topicTerms: string[] | null = null;
  private readonly newTopics = new Map<string, number>();
  private readonly added: AddedRow[];
  private readonly addedPapers: Paper[];
  private readonly related: Map<number, RelatedList>;
  /** Lists of `related` made by this draft (the others belong to the previous version and are copied on write). */
  private readonly ownLists = new Set<number>();
  private readonly changedIds: Map<string, number>;
  private readonly baseRows: Pick<ReadonlyMap<string, number>, "get">;
  private readonly basePapers: PaperRows;
  private changed = false;
  /** Whether the draft's columns are its own (copied before its first deletion), not shared with the version's. */
  private own = false;
  /** The version's columns whose buffers this draft appends to (appendable). */
  private readonly taken: Column[] = [];

  constructor(store: TopicStore) {
    this.store = store;
    const { build } = store;
    const columns = build.columns;
    const overlay = build.overlay;
    this.base = overlay?.base ?? columns.ids.length;
    this.rows = columns.ids.length;
    this.width = columns.topicWidth;
    const room = 256;
    this.ids = [...columns.ids];
    this.cluster = appendable(columns.cluster, room, this.taken);
    this.x = appendable(columns.x, room, this.taken);
    this.y = appendable(columns.y, room, this.taken);
    this.size = appendable(columns.size, room, this.taken);
    this.confidence = appendable(columns.confidence, room, this.taken);
    this.subcluster = appendable(columns.subcluster, room, this.taken);
    this.topics = appendable(columns.topics, room * this.width, this.taken);
    this.topicColumns = appendable(store.paperTopics.columns, room * this.width, this.taken);
    this.topicWeights = appendable(store.paperTopics.weights, room * this.width, this.taken);
    this.deleted =
      overlay === undefined ? new Uint8Array(this.rows + room) : appendable(overlay.deleted, room, this.taken);
    this.deletedCount = overlay?.deletedCount ?? 0;
    this.edges = columns.source.length;
    this.source = appendable(columns.source, room * build.options.k, this.taken);
    this.target = appendable(columns.target, room * build.options.k, this.taken);
    this.weight = appendable(columns.weight, room * build.options.k, this.taken);
    this.added = overlay === undefined ? [] : [...overlay.added];
    this.related = new Map(overlay?.related ?? []);
    const { rows } = store.paperIndex;
    this.changedIds = rows instanceof LayeredRows ? new Map(rows.changed) : new Map();
    this.baseRows = rows instanceof LayeredRows ? rows.base : rows;
    const papers = store.papers;
    this.basePapers = papers instanceof ExtendedPapers ? papers.base : papers;
    this.addedPapers =
      papers instanceof ExtendedPapers
        ? Array.from({ length: papers.added.length }, (_, a) => papers.added.paper(a))
        : [];
  }

  /** The row of an id on the map (as changed so far), or undefined. */
  rowOf(id: string): number | undefined {
    const row = this.changedIds.get(id);
    if (row === undefined) return this.baseRows.get(id);
    return row < 0 ? undefined : row;
  }

  /** Deletes a paper from the map; false when it is not on it. */
  delete(id: string): boolean {
    const row = this.rowOf(id);
    if (row === undefined) return false;
    // The version's rows are its own to read: a deletion changes them in copies.
    if (!this.own) this.copyColumns();
    this.deleted[row] = 1;
    this.deletedCount++;
    this.cluster[row] = -1;
    this.subcluster[row] = -1;
    this.topics.fill(-1, row * this.width, (row + 1) * this.width);
    this.topicColumns.fill(-1, row * this.width, (row + 1) * this.width);
    this.changedIds.set(id, -1);
    this.changed = true;
    return true;
  }

  /** Adds a paper (replacing one with its id); returns its row. */
  add(paper: Paper): number {
    this.delete(paper.id);
    const store = this.store;
    const build = this.draftBuild();
    const { options } = build;
    const vector = store.textScratch.vectorize(paper);
    const ranking = rankByVectorDetailed(build, store.textScratch, vector, build.related.k);
    const row = this.rows;
    this.grow(row + 1);
    this.rows++;
    this.deleted[row] = 0;

    const list: RelatedList = {
      indices: new Int32Array(build.related.k).fill(-1),
      scores: new Float32Array(build.related.k),
    };
    ranking.related.forEach(({ row: other, score }, a) => {
      list.indices[a] = other;
      list.scores[a] = score;
    });
    this.related.set(row, list);
    this.ownLists.add(row);
    this.added.push({ vector, embedding: ranking.folded, expanded: ranking.expanded });
    this.addedPapers.push(paper);
    this.ids.push(paper.id);
    this.changedIds.set(paper.id, row);
    for (const { row: other, score } of ranking.related) this.enter(build, other, row, score);

    const vote = voteCluster(this.cluster, ranking.related.slice(0, CLUSTER_VOTERS));
    const cluster = vote?.id ?? this.largestCluster();
    const links = ranking.plain.filter((s) => s.score >= options.minSimilarity).slice(0, options.k);
    let degree = 0;
    for (const link of links) {
      const weight = round(link.score, 4);
      this.source[this.edges] = row;
      this.target[this.edges] = link.row;
      this.weight[this.edges++] = weight;
      degree += weight;
    }
    const scale = mapScale(store.build);
    const size = round(nodeSize(degree, scale.maxDegree), 2);
    const [x, y] = this.place(paper.id, cluster, links, size, scale);
    this.cluster[row] = cluster;
    this.x[row] = x;
    this.y[row] = y;
    this.size[row] = size;
    this.confidence[row] = round(vote?.share ?? 0, 2);
    this.subcluster[row] = this.voteSubcluster(cluster, ranking.related.slice(0, CLUSTER_VOTERS));
    this.setTopics(row, vector);
    this.changed = true;
    return row;
  }

  /** The new store, or the same one when nothing changed. */
  finish(): TopicStore {
    if (!this.changed) {
      this.release();
      return this.store;
    }
    const store = this.store;
    const previous = store.build.columns;
    const n = this.rows;
    if (this.deletedCount > (store.build.overlay?.deletedCount ?? 0)) this.dropDeletedLinks();
    const columns: GraphColumns = {
      ids: this.ids,
      cluster: this.cluster.subarray(0, n),
      x: this.x.subarray(0, n),
      y: this.y.subarray(0, n),
      size: this.size.subarray(0, n),
      confidence: this.confidence.subarray(0, n),
      subcluster: this.subcluster.subarray(0, n),
      topicWidth: this.width,
      topics: this.topics.subarray(0, n * this.width),
      topicTerms: this.topicTerms ?? previous.topicTerms,
      source: this.source.subarray(0, this.edges),
      target: this.target.subarray(0, this.edges),
      weight: this.weight.subarray(0, this.edges),
      clusters: this.liveClusters(previous.clusters),
      corpusHash: previous.corpusHash,
      firstAdded: this.base,
    };
    if (this.topicTerms !== null) {
      const { base, added } = topicLookupOf(previous.topicTerms);
      topicLookups.set(this.topicTerms, { base, added: new Map([...added, ...this.newTopics]) });
    }
    const paperTopics: PaperTopicTable = {
      width: this.width,
      columns: this.topicColumns.subarray(0, n * this.width),
      weights: this.topicWeights.subarray(0, n * this.width),
    };
    const overlay: MapOverlay = {
      base: this.base,
      added: this.added,
      related: this.related,
      deleted: this.deleted.subarray(0, n),
      deletedCount: this.deletedCount,
    };
    const build: ServedBuild = { ...store.build, columns, membership: columns.cluster, paperTopics, overlay };
    const papers = new ExtendedPapers(this.basePapers, PaperTable.from(this.addedPapers), this.ids);
    const rows = new LayeredRows(this.baseRows, this.changedIds);
    for (const column of [...this.rowColumns(), this.deleted]) claims.set(column.buffer, n);
    for (const column of [this.topics, this.topicColumns, this.topicWeights]) claims.set(column.buffer, n * this.width);
    for (const column of [this.source, this.target, this.weight]) claims.set(column.buffer, this.edges);
    return storeVersion(store, build, papers, rows, this.searchSegments(), this.addedPapers);
  }

  /**
   * The previous version's search segments and one for the papers added by this draft; past SEARCH_SEGMENTS, one
   * segment for every added paper (deleted papers stay indexed and are skipped: query/queries search).
   */
  private searchSegments(): SearchSegment[] {
    const previous = this.store.addedSearch;
    const first = previous.length === 0 ? this.base : previous.at(-1)!.first + previous.at(-1)!.index.rows;
    if (first === this.rows) return [...previous];
    const documents = (from: number) => this.addedPapers.slice(from - this.base);
    if (previous.length + 1 > SEARCH_SEGMENTS) {
      return [{ first: this.base, index: buildSearchIndex(documents(this.base)) }];
    }
    return [...previous, { first, index: buildSearchIndex(documents(first)) }];
  }

  private rowColumns(): Column[] {
    return [this.cluster, this.x, this.y, this.size, this.confidence, this.subcluster];
  }

  /** Copies of the columns (of the rows so far, with room), so that changing a row leaves the version's as it was. */
  private copyColumns(): void {
    this.release();
    const n = this.rows;
    const w = this.width;
    const copy = <A extends Column>(array: A, used: number) => copyWithRoom(array.subarray(0, used) as A, 256 * w);
    this.cluster = copy(this.cluster, n);
    this.x = copy(this.x, n);
    this.y = copy(this.y, n);
    this.size = copy(this.size, n);
    this.confidence = copy(this.confidence, n);
    this.subcluster = copy(this.subcluster, n);
    this.deleted = copy(this.deleted, n);
    this.topics = copy(this.topics, n * w);
    this.topicColumns = copy(this.topicColumns, n * w);
    this.topicWeights = copy(this.topicWeights, n * w);
    this.source = copy(this.source, this.edges);
    this.target = copy(this.target, this.edges);
    this.weight = copy(this.weight, this.edges);
    this.own = true;
  }

  /** Gives back the buffers this draft was appending to (their versions' claims as they were). */
  private release(): void {
    for (const column of this.taken.splice(0)) claims.set(column.buffer, column.length);
  }

  /** The build as the draft stands: the rankings of later papers see earlier ones. */
  private draftBuild(): ServedBuild {
    const overlay: MapOverlay = {
      base: this.base,
      added: this.added,
      related: this.related,
      deleted: this.deleted,
      deletedCount: this.deletedCount,
    };
    return { ...this.store.build, membership: this.cluster, overlay };
  }

  private grow(rows: number): void {
    const used = this.rows;
    const w = this.width;
    this.cluster = withRoom(this.cluster, used, rows);
    this.x = withRoom(this.x, used, rows);
    this.y = withRoom(this.y, used, rows);
    this.size = withRoom(this.size, used, rows);
    this.confidence = withRoom(this.confidence, used, rows);
    this.subcluster = withRoom(this.subcluster, used, rows);
    this.deleted = withRoom(this.deleted, used, rows);
    this.topics = withRoom(this.topics, used * w, rows * w);
    this.topicColumns = withRoom(this.topicColumns, used * w, rows * w);
    this.topicWeights = withRoom(this.topicWeights, used * w, rows * w);
    const links = this.edges + this.store.build.options.k;
    this.source = withRoom(this.source, this.edges, links);
    this.target = withRoom(this.target, this.edges, links);
    this.weight = withRoom(this.weight, this.edges, links);
  }

  /** Puts `row` into `other`'s related list where its score ranks (ties: the earlier paper first). */
  private enter(build: ServedBuild, other: number, row: number, score: number): void {
    const current = relatedListOf(build, other);
    const { indices, scores } = current;
    let at = 0;
    while (at < indices.length && indices[at] >= 0 && scores[at] >= score) at++;
    if (at === indices.length) return;
    const list = this.ownLists.has(other)
      ? current
      : { indices: Int32Array.from(indices), scores: Float32Array.from(scores) };
    list.indices.copyWithin(at + 1, at, indices.length - 1);
    list.scores.copyWithin(at + 1, at, scores.length - 1);
    list.indices[at] = row;
    list.scores[at] = score;
    this.related.set(other, list);
    this.ownLists.add(other);
  }

  /** The cluster with the most papers on the map now (for a paper that shares no term with any). */
  private largestCluster(): number {
    const sizes = new Int32Array(this.store.build.columns.clusters.length);
    for (let row = 0; row < this.rows; row++) if (this.cluster[row] >= 0) sizes[this.cluster[row]]++;
    let best = 0;
    for (let c = 1; c < sizes.length; c++) if (sizes[c] > sizes[best]) best = c;
    return best;
  }

  /**
   * Beside the papers it links to in its cluster (or to any, or the cluster's centre): their score-weighted centre,
   * set off by half their spread around it, and at least two discs, towards a direction fixed by the id.
   */
  private place(
    id: string,
    cluster: number,
    links: readonly Scored[],
    size: number,
    scale: MapScale,
  ): [number, number] {
    const inCluster = links.filter((link) => this.cluster[link.row] === cluster);
    const near = inCluster.length > 0 ? inCluster : links;
    let cx = 0;
    let cy = 0;
    let spread = 0;
    if (near.length > 0) {
      let total = 0;
      for (const { row, score } of near) {
        cx += score * this.x[row];
        cy += score * this.y[row];
        total += score;
      }
      cx /= total;
      cy /= total;
      for (const { row, score } of near) spread += (score * Math.hypot(this.x[row] - cx, this.y[row] - cy)) / total;
    } else {
      let count = 0;
      for (let row = 0; row < this.rows; row++) {
        if (this.cluster[row] !== cluster) continue;
        cx += this.x[row];
        cy += this.y[row];
        count++;
      }
      if (count > 0) [cx, cy] = [cx / count, cy / count];
      spread = scale.linkLength;
    }
    const distance = Math.max(spread / 2, 2 * Math.max(size, MIN_NODE_SIZE));
    const angle = 2 * Math.PI * unitHash(id);
    return [round(cx + distance * Math.cos(angle), 2), round(cy + distance * Math.sin(angle), 2)];
  }

  /** The subtopic its voters in its cluster vote for, -1 when the cluster is not split (the largest when none do). */
  private voteSubcluster(cluster: number, voters: readonly Scored[]): number {
    const summary = this.store.build.columns.clusters[cluster];
    if (summary === undefined || summary.subclusters.length === 0) return -1;
    const votes = new Float64Array(summary.subclusters.length);
    for (const { row, score } of voters) {
      if (this.cluster[row] === cluster && this.subcluster[row] >= 0) votes[this.subcluster[row]] += score;
    }
    let best = 0;
    for (let s = 1; s < votes.length; s++) if (votes[s] > votes[best]) best = s;
    return best;
  }

  /** The paper's top topics, chosen as the build chose its papers' (graph/explain paperTopics). */
  private setTopics(row: number, vector: SparseVector): void {
    const { model } = this.store.build;
    const w = this.width;
    this.topics.fill(-1, row * w, (row + 1) * w);
    this.topicColumns.fill(-1, row * w, (row + 1) * w);
    this.topicWeights.fill(0, row * w, (row + 1) * w);
    const matrix = { rows: 1, cols: model.matrix.cols, indptr: Int32Array.of(0, vector.indices.length), ...vector };
    const terms = paperTopics({ ...model, matrix }, 0, w);
    terms.forEach((term, t) => {
      this.topics[row * w + t] = this.topicId(term);
      for (let q = 0; q < vector.indices.length; q++) {
        if (model.terms[vector.indices[q]] !== term || vector.values[q] <= 0) continue;
        this.topicColumns[row * w + t] = vector.indices[q];
        this.topicWeights[row * w + t] = vector.values[q];
        break;
      }
    });
  }

  private topicId(term: string): number {
    const previous = this.store.build.columns.topicTerms;
    const lookup = topicLookupOf(previous);
    const known = lookup.base.get(term) ?? lookup.added.get(term) ?? this.newTopics.get(term);
    if (known !== undefined) return known;
    this.topicTerms ??= [...previous];
    this.newTopics.set(term, this.topicTerms.length);
    this.topicTerms.push(term);
    return this.topicTerms.length - 1;
  }

  private dropDeletedLinks(): void {
    let kept = 0;
    for (let e = 0; e < this.edges; e++) {
      if (this.cluster[this.source[e]] < 0 || this.cluster[this.target[e]] < 0) continue;
      this.source[kept] = this.source[e];
      this.target[kept] = this.target[e];
      this.weight[kept++] = this.weight[e];
    }
    // Copies: the arrays may be the previous version's.
    this.source = this.source.slice(0, kept);
    this.target = this.target.slice(0, kept);
    this.weight = this.weight.slice(0, kept);
    this.edges = kept;
  }

  /** The clusters with their sizes (and their subtopics') counted over the papers on the map now. */
  private liveClusters(clusters: readonly ClusterSummary[]): ClusterSummary[] {
    const sizes = new Int32Array(clusters.length);
    const subSizes = clusters.map((c) => new Int32Array(c.subclusters.length));
    for (let row = 0; row < this.rows; row++) {
      const c = this.cluster[row];
      if (c < 0) continue;
      sizes[c]++;
      if (this.subcluster[row] >= 0) subSizes[c][this.subcluster[row]]++;
    }
    return clusters.map((cluster, c) =>
      cluster.size === sizes[c] && cluster.subclusters.every((sub, s) => sub.size === subSizes[c][s])
        ? cluster
        : {
            ...cluster,
            size: sizes[c],
            subclusters: cluster.subclusters.map((sub, s) => ({ ...sub, size: subSizes[c][s] })),
          },
    );
  }
}

/** Topic ids by term: the build's (made once per build), and those of topics that only added papers carry. */
interface TopicLookup {
  base: ReadonlyMap<string, number>;
  added: ReadonlyMap<string, number>;
}

const topicLookups = new WeakMap<readonly string[], TopicLookup>();

function topicLookupOf(terms: readonly string[]): TopicLookup {
  let lookup = topicLookups.get(terms);
  if (lookup === undefined) {
    lookup = { base: new Map(terms.map((term, id) => [term, id])), added: new Map() };
    topicLookups.set(terms, lookup);
  }
  return lookup;
}

/** What a store version's facets, trends and main topics are made from: the build's (a store made by createStore). */
interface BuiltParts {
  facets: FacetIndex;
  trends: TrendIndex;
  topicCounts: TopicCounts;
  paperTopics: PaperTopicTable;
  clusterIndex: ClusterIndex;
  columns: GraphColumns;
}

const builtParts = new WeakMap<TopicStore, BuiltParts>();

/**
 * A store over `build` (a version of `previous`'s build), sharing what does not change with the papers; the cluster
 * index, topic counts, facets and trends are made when first asked for, from the build's and the papers added and
 * deleted since (`added`: every paper added since the build, deleted ones included, in row order).
 */
function storeVersion(
  previous: TopicStore,
  build: ServedBuild,
  papers: PaperRows,
  rows: LayeredRows,
  addedSearch: readonly SearchSegment[],
  added: readonly Paper[],
): TopicStore {
  const paperIndex: PaperIndex = {
    rows,
    table: papers,
    cluster: build.columns.cluster,
    firstAdded: build.overlay!.base,
  };
  const paperTopics = build.paperTopics!;
  const built = builtParts.get(previous) ?? {
    facets: previous.facets,
    trends: previous.trends,
    topicCounts: previous.topicCounts,
    paperTopics: previous.paperTopics,
    clusterIndex: previous.clusterIndex,
    columns: previous.build.columns,
  };
  const { base, deleted } = build.overlay!;
  let clusterIndex: ClusterIndex | undefined;
  let topicCounts: TopicCounts | undefined;
  let facets: FacetIndex | undefined;
  let timeline: { dates: DateColumns; timeline: Timeline } | undefined;
  let trends: TrendIndex | undefined;
  const timelineOf = () => {
    if (timeline === undefined) {
      const addedDates = dateColumns(added);
      const dates: DateColumns = {
        months: concat(new Int32Array(base + added.length), built.trends.dates.months, base, addedDates.months),
        kinds: concat(new Uint8Array(base + added.length), built.trends.dates.kinds, base, addedDates.kinds),
      };
      timeline = { dates, timeline: extendTimeline(built.trends.timeline, dates, deleted, base) };
    }
    return timeline;
  };
  const changes = () => topicChangesOf(build);
  const builtExports = previous.exports instanceof ChangedExports ? previous.exports.base : previous.exports;
  const version: TopicStore = {
    build,
    info: buildInfoOf(build, new Date(previous.info.builtAt)),
    buildMs: previous.buildMs,
    papers,
    paperIndex,
    get clusterIndex() {
      return (clusterIndex ??= extendClusterIndex(
        {
          built: built.clusterIndex,
          builtColumns: built.columns,
          columns: build.columns,
          deletedRows: deletedBuildRows(rows, deleted),
        },
        trendsOn(timelineOf().timeline),
      ));
    },
    searchIndex: previous.searchIndex,
    addedSearch,
    get topicCounts() {
      return (topicCounts ??= extendTopicCounts(build.model.terms, {
        built: built.topicCounts,
        builtTable: built.paperTopics,
        table: paperTopics,
        deletedRows: deletedBuildRows(rows, deleted),
        addedRows: liveRows(deleted, base, build.columns.ids.length),
        papersChanged: [...changes().added.keys(), ...changes().deleted.keys()],
        papersOf: (column) => topicPaperCount(build, column),
      }));
    },
    textScratch: previous.textScratch,
    pickTopics: previous.pickTopics,
    paperTopics,
    skipped: previous.skipped,
    get facets() {
      return (facets ??= extendFacetIndex(built.facets, added, deleted, base));
    },
    get trends() {
      const { dates, timeline } = timelineOf();
      trends ??= extendTrendIndex(
        {
          built: built.trends,
          deletedRows: (column) => changes().deleted.get(column) ?? [],
          addedRows: (column) => changes().added.get(column)?.rows ?? [],
          columnRows: (column) => columnRows(build, column),
        },
        dates,
        timeline,
        version.clusterIndex.members,
        version.topicCounts,
      );
      return trends;
    },
    exports: new ChangedExports(builtExports, () => version),
  };
  builtParts.set(version, built);
  return version;
}

/** `into` holding the first `length` values of `first`, then `rest`. */
function concat<A extends Int32Array | Uint8Array>(into: A, first: A, length: number, rest: A): A {
  into.set(first.subarray(0, length) as never);
  into.set(rest as never, length);
  return into;
}

/** Rows of the build deleted since: those of the ids changed since that the build had. */
function* deletedBuildRows(rows: LayeredRows, deleted: Uint8Array): Generator<number> {
  for (const id of rows.changed.keys()) {
    const row = rows.base.get(id);
    if (row !== undefined && deleted[row] === 1) yield row;
  }
}

/** Rows from..to not deleted. */
function* liveRows(deleted: Uint8Array, from: number, to: number): Generator<number> {
  for (let row = from; row < to; row++) if (deleted[row] !== 1) yield row;
}
