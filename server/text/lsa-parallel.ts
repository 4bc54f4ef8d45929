// The sparse-dense products of LSA split over worker threads by rows of X, inputs in shared memory.
// X · D: each worker computes its rows of the result. Xᵀ · D: each worker sums its rows' contributions, and the
// partial results are added here.

import { runTasks, shared, shareMatrix, threadCount, type Task } from "../workers/pool.js";
import { SERIAL_PRODUCTS, type LsaProducts } from "./lsa.js";

/** Below this many rows the products stay on this thread. */
const PARALLEL_FROM_ROWS = 4000;

function rowRanges(rows: number, parts: number): [number, number][] {
  const step = Math.ceil(rows / parts);
  const ranges: [number, number][] = [];
  for (let start = 0; start < rows; start += step) ranges.push([start, Math.min(rows, start + step)]);
  return ranges;
}

export function lsaProducts(rows: number): LsaProducts {
  const threads = threadCount();
  if (threads < 2 || rows < PARALLEL_FROM_ROWS) return SERIAL_PRODUCTS;
  return {
    async multiply(matrix, dense, width) {
      const input = { matrix: shareMatrix(matrix), dense: shared(dense), width };
      const ranges = rowRanges(matrix.rows, threads);
      const tasks: Task<"lsa-multiply">[] = ranges.map(([start, end]) => ({ kind: "lsa-multiply", input: { ...input, start, end } }));
      const parts = await runTasks(tasks, threads);
      const out = new Float64Array(matrix.rows * width);
      parts.forEach((part, p) => out.set(part, ranges[p][0] * width));
      return out;
    },
    async multiplyTransposed(matrix, dense, width) {
      const input = { matrix: shareMatrix(matrix), dense: shared(dense), width };
      const tasks: Task<"lsa-multiply-transposed">[] = rowRanges(matrix.rows, threads).map(([start, end]) => ({
        kind: "lsa-multiply-transposed",
        input: { ...input, start, end },
      }));
      const [first, ...rest] = await runTasks(tasks, threads);
      for (const part of rest) for (let i = 0; i < first.length; i++) first[i] += part[i];
      return first;
    },
  };
}
