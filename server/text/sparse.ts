// Sparse row matrices (CSR) on typed arrays, and the few operations the pipeline needs on them.

import { shared } from "../workers/pool.js";

/** Compressed sparse rows: row r's columns are indices[indptr[r]..indptr[r+1]), ascending, with their values. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/**
 * The matrix with its arrays in shared memory (itself when they are already): a pipeline shares it once, then every
 * parallel phase passes it to the workers without a copy.
 * NOTE: copied anew for each of LSA's seven products, the neighbour search and the related ranking, the copies were a
 * large share of the main thread's time on the largest corpora.
 */
export function shareMatrix(matrix: SparseMatrix): SparseMatrix {
  return { ...matrix, indptr: shared(matrix.indptr), indices: shared(matrix.indices), values: shared(matrix.values) };
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export function rowOf(matrix: SparseMatrix, row: number): SparseVector {
  const start = matrix.indptr[row];
  const end = matrix.indptr[row + 1];
  return { indices: matrix.indices.subarray(start, end), values: matrix.values.subarray(start, end) };
}

/** Dot product of two sparse vectors with ascending indices (a merge). */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i];
    const bj = b.indices[j];
    if (ai === bj) sum += a.values[i++] * b.values[j++];
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}

/** Per shared column, the product of the two values: the terms of the cosine of two L2-normalised vectors. */
export function sharedContributions(a: SparseVector, b: SparseVector): { index: number; weight: number }[] {
  const out: { index: number; weight: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i];
    const bj = b.indices[j];
    if (ai === bj) out.push({ index: ai, weight: a.values[i++] * b.values[j++] });
    else if (ai < bj) i++;
    else j++;
  }
  return out.sort((x, y) => y.weight - x.weight || x.index - y.index);
}

/**
 * The shared columns of a and b with the largest products, heaviest first (ties: lower column first), into `columns`
 * and `weights` (as many as `columns` holds); returns how many. Without building the full list: this runs once per
 * link, 775k times for 96k papers.
 */
export function topSharedProducts(
  a: SparseVector,
  b: SparseVector,
  columns: Int32Array,
  weights: Float64Array,
): number {
  let count = 0;
  let i = 0;
  let j = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i];
    const bj = b.indices[j];
    if (ai < bj) i++;
    else if (ai > bj) j++;
    else count = insertTop(columns, weights, count, ai, a.values[i++] * b.values[j++]);
  }
  return count;
}

/**
 * Inserts (column, weight) into the `count` entries of `columns`/`weights`, kept heaviest first and at most as many
 * as `columns` holds: after the entries of equal weight, and not at all when full and no heavier than the last.
 * Returns the new count.
 */
export function insertTop(columns: Int32Array, weights: Float64Array, count: number, column: number, weight: number) {
  const size = columns.length;
  if (size === 0 || (count === size && weight <= weights[size - 1])) return count;
  let at = count === size ? size - 1 : count++;
  while (at > 0 && weights[at - 1] < weight) {
    weights[at] = weights[at - 1];
    columns[at] = columns[at - 1];
    at--;
  }
  weights[at] = weight;
  columns[at] = column;
  return count;
}

/** Appends rows one at a time into growable typed arrays. */
export class CsrBuilder {
  private indices = new Int32Array(1024);
  private values = new Float32Array(1024);
  private nnz = 0;
  private readonly indptr: number[] = [0];

  constructor(private readonly cols: number) {}

  /** Adds a row; `indices` must be ascending. */
  addRow(indices: ArrayLike<number>, values: ArrayLike<number>): void {
    const need = this.nnz + indices.length;
    if (need > this.indices.length) {
      const size = Math.max(need, this.indices.length * 2);
      const grownIndices = new Int32Array(size);
      grownIndices.set(this.indices.subarray(0, this.nnz));
      const grownValues = new Float32Array(size);
      grownValues.set(this.values.subarray(0, this.nnz));
      this.indices = grownIndices;
      this.values = grownValues;
    }
    for (let k = 0; k < indices.length; k++) {
      this.indices[this.nnz] = indices[k];
      this.values[this.nnz++] = values[k];
    }
    this.indptr.push(this.nnz);
  }

  /** The matrix, in shared memory so that worker threads read it without copies. */
  build(): SparseMatrix {
    const indptr = new Int32Array(new SharedArrayBuffer(this.indptr.length * 4));
    indptr.set(this.indptr);
    const indices = new Int32Array(new SharedArrayBuffer(this.nnz * 4));
    indices.set(this.indices.subarray(0, this.nnz));
    const values = new Float32Array(new SharedArrayBuffer(this.nnz * 4));
    values.set(this.values.subarray(0, this.nnz));
    return { rows: this.indptr.length - 1, cols: this.cols, indptr, indices, values };
  }
}
