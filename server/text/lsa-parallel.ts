// LSA's heavy steps split over worker threads by rows of X, inputs and outputs in shared memory. X · D: each worker
// writes its rows of the result. Xᵀ · D: each worker writes its rows' contributions into a partial result of its own
// (kept for the next product), and the workers add the partial results, each a range of entries. The random matrix:
// each worker draws its range of entries from a skipped-ahead generator. CholeskyQR2: each worker computes the Gram
// matrix of its rows, this thread factorises their sum (l × l), and the workers divide their rows by R.
// NOTE: results written into shared memory rather than sent back: each Xᵀ · D part is as large as the result, and
// fresh memory is slow to touch on these machines.

import { runTasks, shared, shareMatrix, sharedZeros, threadCount, type Task } from "../workers/pool.js";
import { choleskyOfParts, SERIAL_PRODUCTS, type LsaProducts } from "./lsa.js";

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
      const tasks: Task<"lsa-multiply">[] = ranges.map(([start, end]) => ({
        kind: "lsa-multiply",
        input: { ...input, start, end },
      }));
      await runTasks(tasks, threads);
      return out;
    },
    async multiplyTransposed(matrix, dense, width) {
      const input = { matrix: shareMatrix(matrix), dense: shared(dense), width };
      const ranges = split(matrix.rows, threads);
      const size = matrix.cols * width;
      if (partials.length !== ranges.length || partials[0].length !== size) {
        partials = ranges.map(() => sharedZeros(Float32Array, size));
      }
      const tasks: Task<"lsa-multiply-transposed">[] = ranges.map(([start, end], t) => ({
        kind: "lsa-multiply-transposed",
        input: { ...input, start, end, out: partials[t] },
      }));
      await runTasks(tasks, threads);
      // The partial results added in order, each worker a range of entries (on this thread it was a notable share).
      const sum = sharedZeros(Float32Array, size);
      await runTasks(
        split(size, threads).map(([start, end]) => ({
          kind: "add-arrays",
          input: { out: sum, parts: partials, start, end },
        })),
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
          ranges.map(([start, end]) => ({ kind: "lsa-gram", input: { a, width, start, end } })),
          threads,
        );
        const r = choleskyOfParts(parts, width);
        await runTasks(
          ranges.map(([start, end]) => ({ kind: "lsa-solve", input: { a, r, width, start, end } })),
          threads,
        );
      }
    },
    async gaussian(rows, width, seed) {
      const out = sharedZeros(Float32Array, rows * width);
      await runTasks(
        split(out.length, threads, 2).map(([start, end]) => ({
          kind: "lsa-gaussian",
          input: { out, seed, start, end },
        })),
        threads,
      );
      return out;
    },
  };
}
