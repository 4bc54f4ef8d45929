// The changes to a served map since it was built, kept beside the build and never written into it: papers added
// (rows base, base + 1, ... after the build's, each with its TF-IDF vector, LSA vectors and related papers, computed
// by query/changes) and papers deleted (tombstones: a deleted row keeps its number, leaves the id -> row map and is
// skipped by every answer). Each change makes a new overlay (its shape, MapOverlay, is part of query/served-build's
// ServedBuild); the answers read rows through the accessors below, so that a build's paper and an added one are
// answered by the same code.

import type { SparseVector } from "../text/sparse.js";
import { rowOf } from "../text/sparse.js";
import type { RelatedList, ServedBuild } from "./served-build.js";

/** Rows of the map, deleted ones included. */
export function rowCount(build: ServedBuild): number {
  return build.overlay === undefined ? build.model.matrix.rows : build.overlay.base + build.overlay.added.length;
}

/** True for a row added since the build (drawn as provisional until a rebuild places it). */
export function isAdded(build: ServedBuild, row: number): boolean {
  return build.overlay !== undefined && row >= build.overlay.base;
}

export function isDeleted(build: ServedBuild, row: number): boolean {
  return build.overlay !== undefined && build.overlay.deleted[row] === 1;
}

/** Row `row`'s TF-IDF vector. */
export function vectorOf(build: Pick<ServedBuild, "model" | "overlay">, row: number): SparseVector {
  const { overlay } = build;
  return overlay === undefined || row < overlay.base
    ? rowOf(build.model.matrix, row)
    : overlay.added[row - overlay.base].vector;
}

/**
 * The dot product of a unit LSA vector with row `row`'s, plain or expanded by feedback (`expanded`). NOTE: a dot
 * product rather than a view of the row, since this runs for every candidate of a text query.
 */
export function latentDot(build: ServedBuild, vector: Float32Array, row: number, expanded: boolean): number {
  const { overlay } = build;
  let rows: Float32Array;
  let start: number;
  if (overlay === undefined || row < overlay.base) {
    rows = expanded ? build.expandedEmbeddings! : build.lsa!.embeddings;
    start = row * vector.length;
  } else {
    const added = overlay.added[row - overlay.base];
    rows = (expanded ? added.expanded : added.embedding)!;
    start = 0;
  }
  let sum = 0;
  for (let j = 0; j < vector.length; j++) sum += vector[j] * rows[start + j];
  return sum;
}

/** The plain LSA vectors of `rows`, one after another (for expanding a vector by its best papers). */
export function latentRows(build: ServedBuild, rows: readonly number[]): Float32Array {
  const d = build.lsa!.dimensions;
  const { overlay } = build;
  const out = new Float32Array(rows.length * d);
  rows.forEach((row, a) => {
    if (overlay === undefined || row < overlay.base) {
      out.set(build.lsa!.embeddings.subarray(row * d, (row + 1) * d), a * d);
    } else {
      out.set(overlay.added[row - overlay.base].embedding!, a * d);
    }
  });
  return out;
}

/** Row `row`'s whole related list (`related.k` entries, -1 padded), deleted papers included. */
export function relatedListOf(build: ServedBuild, row: number): RelatedList {
  const changed = build.overlay?.related.get(row);
  if (changed !== undefined) return changed;
  const { k, indices, scores } = build.related;
  return { indices: indices.subarray(row * k, (row + 1) * k), scores: scores.subarray(row * k, (row + 1) * k) };
}
