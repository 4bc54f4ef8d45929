// The neighbour search of graph/top-k split over worker threads: rows in chunks, the matrix and index shared.

import { runTasks, shared, shareMatrix, threadCount, type Task } from "../workers/pool.js";
import type { SparseMatrix } from "../text/sparse.js";
import { topKNeighbours, type InvertedIndex, type NeighbourLists, type TopKOptions } from "./top-k.js";

/** Below this many rows the search runs inline: starting workers costs more than it saves. */
const PARALLEL_FROM_ROWS = 4000;
const CHUNKS_PER_THREAD = 4;

export async function topKNeighboursParallel(
  matrix: SparseMatrix,
  index: InvertedIndex,
  options: TopKOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<NeighbourLists> {
  const threads = threadCount();
  if (threads < 2 || matrix.rows < PARALLEL_FROM_ROWS) return topKNeighbours(matrix, index, options);
  const sharedMatrix = shareMatrix(matrix);
  const sharedIndex: InvertedIndex = {
    colptr: shared(index.colptr),
    rows: shared(index.rows),
    weights: shared(index.weights),
  };
  const chunks = threads * CHUNKS_PER_THREAD;
  const step = Math.ceil(matrix.rows / chunks);
  const tasks: Task<"top-k">[] = [];
  for (let start = 0; start < matrix.rows; start += step) {
    const end = Math.min(matrix.rows, start + step);
    tasks.push({ kind: "top-k" as const, input: { matrix: sharedMatrix, index: sharedIndex, options: { ...options, start, end } } });
  }
  const parts = await runTasks(tasks, threads, onProgress);
  const { k } = options;
  const indices = new Int32Array(matrix.rows * k);
  const scores = new Float32Array(matrix.rows * k);
  parts.forEach((part, t) => {
    indices.set(part.indices, tasks[t].input.options.start! * k);
    scores.set(part.scores, tasks[t].input.options.start! * k);
  });
  return { k, indices, scores };
}
