// The tasks worker threads run: plain functions of the computing modules, named so that the pool can send them.

import { blendNeighbours } from "../graph/blend.js";
import { layoutCluster, type ClusterLayoutInput, type Positions } from "../graph/layout.js";
import { rankRelated, type RelatedOptions } from "../graph/related.js";
import { topKNeighbours, type InvertedIndex, type NeighbourLists, type TopKOptions } from "../graph/top-k.js";
import { addInOrder, gaussianRange, gramRows, multiplyRows, multiplyTransposedRows, solveRows } from "../text/lsa.js";
import { scanSlice, type ScannedSlice } from "../text/scan-parallel.js";
import type { SparseMatrix } from "../text/sparse.js";
import type { TextDocument } from "../text/tfidf.js";

export interface TaskTypes {
  "top-k": {
    input: {
      matrix: SparseMatrix;
      index: InvertedIndex;
      options: TopKOptions;
      blend: BlendInput | null;
      /** Every row's lists, in shared memory: the task writes its rows [start, end) there. */
      out: { candidates: NeighbourLists; blended: NeighbourLists | null };
    };
    output: null;
  };
  "layout-cluster": { input: ClusterLayoutInput; output: Positions };
  "rank-related": {
    input: {
      matrix: SparseMatrix;
      candidates: NeighbourLists;
      similar: NeighbourLists;
      vectors: Float32Array;
      dimensions: number;
      width: number;
      options: RelatedOptions;
    };
    output: NeighbourLists;
  };
  scan: { input: { documents: TextDocument[]; titleWeight: number }; output: ScannedSlice };
  /** Writes its rows of X · D into `out` (shared, every row's). */
  "lsa-multiply": { input: ProductInput<Float32Array | Float64Array> & { out: Float64Array }; output: null };
  /** Writes its rows' sum of Xᵀ · D into `out` (shared, this task's own). */
  "lsa-multiply-transposed": { input: ProductInput<Float64Array> & { out: Float32Array }; output: null };
  /** The Gram matrix (upper triangle) of rows [start, end) of `a`. */
  "lsa-gram": { input: { a: Float64Array; width: number; start: number; end: number }; output: Float64Array };
  /** Divides rows [start, end) of `a` (shared) by the upper-triangular `r`, in place. */
  "lsa-solve": { input: { a: Float64Array; r: Float64Array; width: number; start: number; end: number }; output: null };
  /** Writes entries [start, end) of LSA's random matrix into `out` (shared). */
  "lsa-gaussian": { input: { out: Float32Array; seed: number; start: number; end: number }; output: null };
  /** out[i] = parts[0][i] + parts[1][i] + ..., added in order in single precision, for i in [start, end). */
  "add-arrays": { input: { out: Float32Array; parts: Float32Array[]; start: number; end: number }; output: null };
}

/** The blend of graph/blend: every row's LSA embeddings (shared) and the weight of the LSA cosine. */
export interface BlendInput {
  embeddings: Float32Array;
  dimensions: number;
  lsaWeight: number;
}

interface ProductInput<D> {
  matrix: SparseMatrix;
  dense: D;
  width: number;
  start: number;
  end: number;
}

export type TaskKind = keyof TaskTypes;
export type TaskInput<K extends TaskKind> = TaskTypes[K]["input"];
export type TaskOutput<K extends TaskKind> = TaskTypes[K]["output"];

const HANDLERS: { [K in TaskKind]: (input: TaskInput<K>) => TaskOutput<K> } = {
  "top-k": ({ matrix, index, options, blend, out }) => {
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
  },
  "layout-cluster": (input) => layoutCluster(input),
  "rank-related": ({ matrix, candidates, similar, vectors, dimensions, width, options }) =>
    rankRelated(matrix, candidates, similar, vectors, dimensions, width, options),
  scan: ({ documents, titleWeight }) => scanSlice(documents, titleWeight),
  "lsa-multiply": ({ matrix, dense, width, start, end, out }) => {
    out.set(multiplyRows(matrix, dense, width, start, end), start * width);
    return null;
  },
  "lsa-multiply-transposed": ({ matrix, dense, width, start, end, out }) => {
    out.set(multiplyTransposedRows(matrix, dense, width, start, end));
    return null;
  },
  "lsa-gram": ({ a, width, start, end }) => gramRows(a, width, start, end),
  "lsa-solve": ({ a, r, width, start, end }) => {
    solveRows(a, r, width, start, end);
    return null;
  },
  "lsa-gaussian": ({ out, seed, start, end }) => {
    gaussianRange(out, seed, start, end);
    return null;
  },
  "add-arrays": ({ out, parts, start, end }) => {
    addInOrder(out, parts, start, end);
    return null;
  },
};

export function runTask<K extends TaskKind>(kind: K, input: TaskInput<K>): TaskOutput<K> {
  const handler = HANDLERS[kind];
  if (handler === undefined) throw new Error(`unknown task "${String(kind)}"`);
  return handler(input);
}
