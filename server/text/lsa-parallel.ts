// LSA's heavy steps split over worker threads by rows of X, inputs and outputs in shared memory. X · D: each worker
// writes its rows of the result. Xᵀ · D: each worker writes its rows' contributions into a partial result of its own
// (kept for the next product), and the workers add the partial results, each a range of entries. The random matrix:
// each worker draws its range of entries from a skipped-ahead generator. CholeskyQR2: each worker computes the Gram
// matrix of its rows, this thread factorises their sum (l × l), and the workers divide their rows by R.
// NOTE: results written into shared memory rather than sent back: each Xᵀ · D part is as large as the result, and
// sending it back would copy it into fresh memory on this thread, every product.

import { runTasks, shared, sharedZeros, threadCount } from "../workers/pool.js";
import { defineTask } from "../workers/tasks.js";
import {
  addInOrder,
  choleskyOfParts,
  gaussianRange,
  gramRows,
  multiplyRows,
  multiplyTransposedRows,
  SERIAL_PRODUCTS,
  solveRows,
  type LsaProducts,
} from "./lsa.js";
import { shareMatrix, type SparseMatrix } from "./sparse.js";

/** Rows [start, end) of a matrix or entries [start, end) of an array: a worker's part. */
interface Range {
  start: number;
  end: number;
}

interface ProductInput<D, O> extends Range {
  matrix: SparseMatrix;
  dense: D;
  width: number;
  out: O;
}

const url = import.meta.url;

/** Writes its rows of X · D into `out` (shared, every row's). */
const MULTIPLY = defineTask(url, "lsa-multiply", (input: ProductInput<Float32Array | Float64Array, Float64Array>) => {
  const { matrix, dense, width, start, end, out } = input;
  out.set(multiplyRows(matrix, dense, width, start, end), start * width);
  return null;
});

/** Writes its rows' sum of Xᵀ · D into `out` (shared, this task's own). */
const MULTIPLY_TRANSPOSED = defineTask(
  url,
  "lsa-multiply-transposed",
  (input: ProductInput<Float64Array, Float32Array>) => {
    const { matrix, dense, width, start, end, out } = input;
    out.set(multiplyTransposedRows(matrix, dense, width, start, end));
    return null;
  },
);

/** The Gram matrix (upper triangle) of rows [start, end) of `a`. */
const GRAM = defineTask(url, "lsa-gram", ({ a, width, start, end }: Range & { a: Float64Array; width: number }) =>
  gramRows(a, width, start, end),
);

/** Divides rows [start, end) of `a` (shared) by the upper-triangular `r`, in place. */
const SOLVE = defineTask(
  url,
  "lsa-solve",
  ({ a, r, width, start, end }: Range & { a: Float64Array; r: Float64Array; width: number }) => {
    solveRows(a, r, width, start, end);
    return null;
  },
);

/** Writes entries [start, end) of LSA's random matrix into `out` (shared). */
const GAUSSIAN = defineTask(
  url,
  "lsa-gaussian",
  ({ out, seed, start, end }: Range & { out: Float32Array; seed: number }) => {
    gaussianRange(out, seed, start, end);
    return null;
  },
);

/** out[i] = parts[0][i] + parts[1][i] + ..., added in order in single precision, for i in [start, end). */
const ADD = defineTask(
  url,
  "add-arrays",
  ({ out, parts, start, end }: Range & { out: Float32Array; parts: Float32Array[] }) => {
    addInOrder(out, parts, start, end);
    return null;
  },
);

/** Below this many rows the products stay on this thread. */
const PARALLEL_FROM_ROWS = 4000;

/** [start, end) ranges of `length` rows or entries for `parts` workers, each starting at a multiple of `multiple`. */
function split(length: number, parts: number, multiple = 1): [number, number][] {
  const step = multiple * Math.ceil(length / parts / multiple);
  const out: [number, number][] = [];
  for (let start = 0; start < length; start += step) out.push([start, Math.min(length, start + step)]);
  return out;
}

export function lsaProducts(rows: number): LsaProducts {
  const threads = threadCount();
  if (threads < 2 || rows < PARALLEL_FROM_ROWS) return SERIAL_PRODUCTS;
  let partials: Float32Array[] = [];
  return {
    async multiply(matrix, dense, width) {
      const out = sharedZeros(Float64Array, matrix.rows * width);
      const input = { matrix: shareMatrix(matrix), dense: shared(dense), width, out };
      const ranges = split(matrix.rows, threads);
      await runTasks(
        MULTIPLY,
        ranges.map(([start, end]) => ({ ...input, start, end })),
        threads,
      );
      return out;
    },
    async multiplyTransposed(matrix, dense, width) {
      const input = { matrix: shareMatrix(matrix), dense: shared(dense), width };
      const ranges = split(matrix.rows, threads);
      const size = matrix.cols * width;
      if (partials.length !== ranges.length || partials[0].length !== size) {
        partials = ranges.map(() => sharedZeros(Float32Array, size));
      }
      await runTasks(
        MULTIPLY_TRANSPOSED,
        ranges.map(([start, end], t) => ({ ...input, start, end, out: partials[t] })),
        threads,
      );
      // The partial results added in order, each worker a range of entries, rather than on this thread alone.
      const sum = sharedZeros(Float32Array, size);
      await runTasks(
        ADD,
        split(size, threads).map(([start, end]) => ({ out: sum, parts: partials, start, end })),
        threads,
      );
      return sum;
    },
    // CholeskyQR's two passes with the Gram matrix of each worker's rows and the division by R on the workers; only
    // the small Cholesky factorisation here.
    async orthonormalize(a, rows, width) {
      if (!(a.buffer instanceof SharedArrayBuffer)) return SERIAL_PRODUCTS.orthonormalize(a, rows, width);
      const ranges = split(rows, threads);
      for (let pass = 0; pass < 2; pass++) {
        const parts = await runTasks(
          GRAM,
          ranges.map(([start, end]) => ({ a, width, start, end })),
          threads,
        );
        const r = choleskyOfParts(parts, width);
        await runTasks(
          SOLVE,
          ranges.map(([start, end]) => ({ a, r, width, start, end })),
          threads,
        );
      }
    },
    async gaussian(rows, width, seed) {
      const out = sharedZeros(Float32Array, rows * width);
      await runTasks(
        GAUSSIAN,
        split(out.length, threads, 2).map(([start, end]) => ({ out, seed, start, end })),
        threads,
      );
      return out;
    },
  };
}
