// The tasks worker threads run: plain functions of the computing modules, named so that the pool can send them.

import { layoutCluster, type ClusterLayoutInput, type Positions } from "../graph/layout.js";
import { topKNeighbours, type InvertedIndex, type NeighbourLists, type TopKOptions } from "../graph/top-k.js";
import type { SparseMatrix } from "../text/sparse.js";

export interface TaskTypes {
  "top-k": { input: { matrix: SparseMatrix; index: InvertedIndex; options: TopKOptions }; output: NeighbourLists };
  "layout-cluster": { input: ClusterLayoutInput; output: Positions };
}

export type TaskKind = keyof TaskTypes;
export type TaskInput<K extends TaskKind> = TaskTypes[K]["input"];
export type TaskOutput<K extends TaskKind> = TaskTypes[K]["output"];

const HANDLERS: { [K in TaskKind]: (input: TaskInput<K>) => TaskOutput<K> } = {
  "top-k": ({ matrix, index, options }) => topKNeighbours(matrix, index, options),
  "layout-cluster": (input) => layoutCluster(input),
};

export function runTask<K extends TaskKind>(kind: K, input: TaskInput<K>): TaskOutput<K> {
  const handler = HANDLERS[kind];
  if (handler === undefined) throw new Error(`unknown task "${String(kind)}"`);
  return handler(input);
}
