// The neighbour search of graph/top-k split over worker threads: rows in chunks, the matrix and index shared; each
// chunk's lists are also re-ranked by the blend of graph/blend there, when embeddings are given.

import type { SparseMatrix } from "../text/sparse.js";
import { runTasks, shared, shareMatrix, sharedZeros, threadCount, type Task } from "../workers/pool.js";
import type { BlendInput } from "../workers/tasks.js";
import { blendNeighbours } from "./blend.js";
import { topKNeighbours, type InvertedIndex, type NeighbourLists, type TopKOptions } from "./top-k.js";

/** The TF-IDF candidates of every row, and the same lists re-ranked by the blended similarity. */
export interface BlendedNeighbours {
  candidates: NeighbourLists;
  similar: NeighbourLists;
}

/** Below this many rows the search runs inline: starting workers costs more than it saves. */
const PARALLEL_FROM_ROWS = 4000;
const CHUNKS_PER_THREAD = 4;

/**
 * topKNeighbours of every row and their blend (graph/blend: with `lsa` null, the TF-IDF order). NOTE: the blend runs
 * in the workers, each on its own rows, rather than on this thread after them.
 */
export async function topKNeighboursParallel(
  matrix: SparseMatrix,
  index: InvertedIndex,
  options: TopKOptions,
  lsa: { embeddings: Float32Array; dimensions: number; lsaWeight: number } | null,
  onProgress?: (done: number, total: number) => void,
): Promise<BlendedNeighbours> {
  const threads = threadCount();
  const blendAll = (candidates: NeighbourLists) =>
    blendNeighbours(candidates, lsa?.embeddings ?? null, lsa?.dimensions ?? 0, lsa?.lsaWeight ?? 0, options.k);
  if (threads < 2 || matrix.rows < PARALLEL_FROM_ROWS) {
    const candidates = topKNeighbours(matrix, index, options);
    return { candidates, similar: blendAll(candidates) };
  }
  const sharedMatrix = shareMatrix(matrix);
  const sharedIndex: InvertedIndex = {
    colptr: shared(index.colptr),
    rows: shared(index.rows),
    weights: shared(index.weights),
  };
  const blend: BlendInput | null = lsa === null ? null : { ...lsa, embeddings: shared(lsa.embeddings) };
  // NOTE: the workers write their rows into shared lists: no copy of the lists (100 entries a row) comes back
  // through messages to be copied again here.
  const lists = (): NeighbourLists => ({
    k: options.k,
    indices: sharedZeros(Int32Array, matrix.rows * options.k),
    scores: sharedZeros(Float32Array, matrix.rows * options.k),
  });
  const out = { candidates: lists(), blended: blend === null ? null : lists() };
  const chunks = threads * CHUNKS_PER_THREAD;
  const step = Math.ceil(matrix.rows / chunks);
  const tasks: Task<"top-k">[] = [];
  for (let start = 0; start < matrix.rows; start += step) {
    const end = Math.min(matrix.rows, start + step);
    const input = { matrix: sharedMatrix, index: sharedIndex, options: { ...options, start, end }, blend, out };
    tasks.push({ kind: "top-k" as const, input });
  }
  await runTasks(tasks, threads, onProgress);
  return { candidates: out.candidates, similar: out.blended ?? blendAll(out.candidates) };
}
