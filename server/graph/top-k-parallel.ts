// The neighbour search of graph/top-k split over worker threads: rows in chunks, the matrix and index shared; each
// chunk's lists are also re-ranked by the blend of graph/blend there, when embeddings are given.

import { shareMatrix, type SparseMatrix } from "../text/sparse.js";
import { runTasks, shared, sharedZeros, threadCount } from "../workers/pool.js";
import { defineTask } from "../workers/tasks.js";
import { blendNeighbours, type BlendInput } from "./blend.js";
import { topKNeighbours, type InvertedIndex, type NeighbourLists, type TopKOptions } from "./top-k.js";

/** The TF-IDF candidates of every row, and the same lists re-ranked by the blended similarity. */
export interface BlendedNeighbours {
  candidates: NeighbourLists;
  similar: NeighbourLists;
}

/** Below this many rows the search runs inline: starting workers costs more than it saves. */
const PARALLEL_FROM_ROWS = 4000;
const CHUNKS_PER_THREAD = 4;

interface TopKTaskInput {
  matrix: SparseMatrix;
  index: InvertedIndex;
  options: TopKOptions;
  blend: BlendInput | null;
  /** Every row's lists, in shared memory: the task writes its rows [start, end) there. */
  out: { candidates: NeighbourLists; blended: NeighbourLists | null };
}

/** On a worker: the lists of rows [options.start, options.end) and their blend, written into `out`. */
const TOP_K_TASK = defineTask(import.meta.url, "top-k", ({ matrix, index, options, blend, out }: TopKTaskInput) => {
  const at = (options.start ?? 0) * options.k;
  const candidates = topKNeighbours(matrix, index, options);
  out.candidates.indices.set(candidates.indices, at);
  out.candidates.scores.set(candidates.scores, at);
  if (blend !== null && out.blended !== null) {
    const { embeddings, dimensions, lsaWeight } = blend;
    const blended = blendNeighbours(candidates, embeddings, dimensions, lsaWeight, options.k, options.start ?? 0);
    out.blended.indices.set(blended.indices, at);
    out.blended.scores.set(blended.scores, at);
  }
  return null;
});

/**
 * topKNeighbours of every row and their blend (graph/blend: with `lsa` null, the TF-IDF order). NOTE: the blend runs
 * in the workers, each on its own rows, rather than on this thread after them.
 */
export async function topKNeighboursParallel(
  matrix: SparseMatrix,
  index: InvertedIndex,
  options: TopKOptions,
  lsa: BlendInput | null,
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
  const inputs: TopKTaskInput[] = [];
  for (let start = 0; start < matrix.rows; start += step) {
    const end = Math.min(matrix.rows, start + step);
    inputs.push({ matrix: sharedMatrix, index: sharedIndex, options: { ...options, start, end }, blend, out });
  }
  await runTasks(TOP_K_TASK, inputs, threads, onProgress);
  return { candidates: out.candidates, similar: out.blended ?? blendAll(out.candidates) };
}
