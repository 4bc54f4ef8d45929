// Nearest neighbours by cosine of L2-normalised sparse rows, through an inverted index (never a dense all-pairs
// matrix). Exact: each row's scores are accumulated over the posting lists of its terms.
// Pruned: candidates come from each row's heaviest terms and the heaviest postings of each term, then every
// candidate is scored exactly; `bench/` measures its recall@k against the exact search.

import type { SparseMatrix } from "../text/sparse.js";

/** Column-major copy of a matrix: for each term, the rows that carry it and their weights, heaviest first. */
export interface InvertedIndex {
  colptr: Int32Array;
  rows: Int32Array;
  weights: Float32Array;
}

/** k neighbours per row, best first; row r's are at [r * k, r * k + k); missing ones are -1 with score 0. */
export interface NeighbourLists {
  k: number;
  indices: Int32Array;
  scores: Float32Array;
}

/** The inverted index of a matrix, in shared memory so that worker threads read it without copies. */
export function buildInvertedIndex(matrix: SparseMatrix): InvertedIndex {
  const colptr = new Int32Array(new SharedArrayBuffer((matrix.cols + 1) * 4));
  for (let p = 0; p < matrix.indices.length; p++) colptr[matrix.indices[p] + 1]++;
  for (let c = 0; c < matrix.cols; c++) colptr[c + 1] += colptr[c];
  const fill = colptr.slice(0, matrix.cols);
  const rows = new Int32Array(new SharedArrayBuffer(matrix.indices.length * 4));
  const weights = new Float32Array(new SharedArrayBuffer(matrix.indices.length * 4));
  for (let r = 0; r < matrix.rows; r++) {
    for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) {
      const at = fill[matrix.indices[p]]++;
      rows[at] = r;
      weights[at] = matrix.values[p];
    }
  }
  // Heaviest postings first, so that a capped scan reads the rows where the term matters most.
  for (let c = 0; c < matrix.cols; c++) sortPostings(rows, weights, colptr[c], colptr[c + 1]);
  return { colptr, rows, weights };
}

/** Sorts one posting list by weight, heaviest first, ties by row (the rows arrive in ascending order). */
function sortPostings(rows: Int32Array, weights: Float32Array, start: number, end: number): void {
  if (end - start < 2) return;
  // NOTE: most terms are in few papers; an insertion sort in place (stable, so rows stay ascending among equal
  // weights) spares them the arrays and the comparator calls, a large part of a big corpus's index otherwise.
  if (end - start <= INSERTION_SORT_UP_TO) {
    for (let i = start + 1; i < end; i++) {
      const row = rows[i];
      const weight = weights[i];
      let j = i - 1;
      for (; j >= start && weights[j] < weight; j--) {
        rows[j + 1] = rows[j];
        weights[j + 1] = weights[j];
      }
      rows[j + 1] = row;
      weights[j + 1] = weight;
    }
    return;
  }
  const order = Array.from({ length: end - start }, (_, k) => start + k);
  order.sort((a, b) => weights[b] - weights[a] || rows[a] - rows[b]);
  const sortedRows = order.map((k) => rows[k]);
  const sortedWeights = order.map((k) => weights[k]);
  rows.set(sortedRows, start);
  weights.set(sortedWeights, start);
}

const INSERTION_SORT_UP_TO = 48;

export interface TopKOptions {
  k: number;
  /** Rows to search for, [start, end): a worker takes a slice. */
  start?: number;
  end?: number;
  /** Pruning: use only this many of a row's heaviest terms to find candidates (0 = all). */
  queryTerms?: number;
  /** Pruning: read at most this many postings of each term (0 = all). */
  postingCap?: number;
  /** Pruning: score exactly at most this many best candidates of the partial sums (0 = all). */
  rescore?: number;
}

/**
 * Top-k neighbours of rows [start, end). Without pruning options the scores are exact cosines and the lists exact.
 * With pruning, candidates are ranked by partial sums and the best `rescore` of them scored exactly.
 */
export function topKNeighbours(matrix: SparseMatrix, index: InvertedIndex, options: TopKOptions): NeighbourLists {
  const { k } = options;
  const start = options.start ?? 0;
  const end = options.end ?? matrix.rows;
  const queryTerms = options.queryTerms ?? 0;
  const postingCap = options.postingCap ?? 0;
  const rescore = options.rescore ?? 0;
  const count = end - start;
  const indices = new Int32Array(count * k).fill(-1);
  const scores = new Float32Array(count * k);
  const accumulator = new Float32Array(matrix.rows);
  const touched = new Int32Array(matrix.rows);
  const dense = new Float32Array(matrix.cols);
  const heap = new TopKHeap(k);
  const candidates = new TopKHeap(Math.max(rescore, 1));
  const termOrder: number[] = [];

  for (let r = start; r < end; r++) {
    const rowStart = matrix.indptr[r];
    const rowEnd = matrix.indptr[r + 1];
    // The row's terms, heaviest first when only the heaviest are used.
    termOrder.length = 0;
    for (let p = rowStart; p < rowEnd; p++) termOrder.push(p);
    if (queryTerms > 0 && termOrder.length > queryTerms) {
      termOrder.sort((a, b) => matrix.values[b] - matrix.values[a] || a - b);
      termOrder.length = queryTerms;
    }
    let touchedCount = 0;
    for (const p of termOrder) {
      const column = matrix.indices[p];
      const weight = matrix.values[p];
      const postingsStart = index.colptr[column];
      const postingsEnd =
        postingCap > 0 ? Math.min(index.colptr[column + 1], postingsStart + postingCap) : index.colptr[column + 1];
      for (let q = postingsStart; q < postingsEnd; q++) {
        const other = index.rows[q];
        if (accumulator[other] === 0) touched[touchedCount++] = other;
        accumulator[other] += weight * index.weights[q];
      }
    }
    accumulator[r] = 0;
    heap.clear();
    const exact = queryTerms === 0 && postingCap === 0;
    if (exact || rescore === 0 || touchedCount <= rescore) {
      if (exact) for (let t = 0; t < touchedCount; t++) heap.offer(touched[t], accumulator[touched[t]]);
      else rescoreAll(matrix, dense, r, touched, touchedCount, heap);
    } else {
      candidates.clear();
      for (let t = 0; t < touchedCount; t++) candidates.offer(touched[t], accumulator[touched[t]]);
      rescoreAll(matrix, dense, r, candidates.items, candidates.size, heap);
    }
    for (let t = 0; t < touchedCount; t++) accumulator[touched[t]] = 0;
    heap.drainInto(indices, scores, (r - start) * k);
  }
  return { k, indices, scores };
}

/** Exact cosines of row r with the given candidates, offered to `heap`. */
function rescoreAll(
  matrix: SparseMatrix,
  dense: Float32Array,
  r: number,
  candidates: ArrayLike<number>,
  count: number,
  heap: TopKHeap,
): void {
  const rowStart = matrix.indptr[r];
  const rowEnd = matrix.indptr[r + 1];
  for (let p = rowStart; p < rowEnd; p++) dense[matrix.indices[p]] = matrix.values[p];
  for (let t = 0; t < count; t++) {
    const other = candidates[t];
    if (other === r) continue;
    let sum = 0;
    for (let q = matrix.indptr[other]; q < matrix.indptr[other + 1]; q++)
      sum += dense[matrix.indices[q]] * matrix.values[q];
    if (sum > 0) heap.offer(other, sum);
  }
  for (let p = rowStart; p < rowEnd; p++) dense[matrix.indices[p]] = 0;
}

/** A min-heap keeping the k best (score, then lower id) items. */
export class TopKHeap {
  readonly items: Int32Array;
  private readonly keys: Float64Array;
  size = 0;

  constructor(private readonly capacity: number) {
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** True when a is worse than b: lower score, or equal score and higher id (ties broken towards lower ids). */
  private worse(a: number, b: number): boolean {
    return this.keys[a] < this.keys[b] || (this.keys[a] === this.keys[b] && this.items[a] > this.items[b]);
  }

  offer(item: number, score: number): void {
    if (score <= 0) return;
    if (this.size < this.capacity) {
      this.items[this.size] = item;
      this.keys[this.size] = score;
      this.siftUp(this.size++);
      return;
    }
    if (score < this.keys[0] || (score === this.keys[0] && item > this.items[0])) return;
    this.items[0] = item;
    this.keys[0] = score;
    this.siftDown(0);
  }

  /** Writes the items best first into out[offset..offset + size), then empties the heap. */
  drainInto(outItems: Int32Array, outScores: Float32Array, offset: number): void {
    for (let n = this.size - 1; n >= 0; n--) {
      outItems[offset + n] = this.items[0];
      outScores[offset + n] = this.keys[0];
      this.size--;
      if (this.size > 0) {
        this.items[0] = this.items[this.size];
        this.keys[0] = this.keys[this.size];
        this.siftDown(0);
      }
    }
  }

  private swap(a: number, b: number): void {
    const item = this.items[a];
    this.items[a] = this.items[b];
    this.items[b] = item;
    const key = this.keys[a];
    this.keys[a] = this.keys[b];
    this.keys[b] = key;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.size && this.worse(left, smallest)) smallest = left;
      if (right < this.size && this.worse(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
