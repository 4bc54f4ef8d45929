// The papers on each topic (vocabulary column) of a store version, papers added since the build and deleted ones
// included: the build's posting lists (graph/top-k buildInvertedIndex) stay as they are, and the changes since are
// kept beside them by column, made once per version from the overlay (query/overlay): the work is the added and
// deleted papers' terms, never the whole index.

import { NotFoundError } from "../errors.js";
import { rowOf } from "../text/sparse.js";
import { truncate } from "./paper-index.js";
import type { ServedBuild } from "./served-build.js";
import { termColumn } from "./topic-counts.js";

export interface TopicChanges {
  /** Rows added since the build and not deleted that contain each column, in row order, with the column's weight. */
  added: ReadonlyMap<number, { rows: number[]; weights: number[] }>;
  /** Rows of the build deleted since that contain each column. */
  deleted: ReadonlyMap<number, number[]>;
}

const NONE: TopicChanges = { added: new Map(), deleted: new Map() };
const made = new WeakMap<object, TopicChanges>();

/** The changes of `build`'s topics since it was built (none without an overlay). */
export function topicChangesOf(build: Pick<ServedBuild, "model" | "overlay">): TopicChanges {
  const { overlay } = build;
  if (overlay === undefined) return NONE;
  let changes = made.get(overlay);
  if (changes === undefined) {
    const added = new Map<number, { rows: number[]; weights: number[] }>();
    const deleted = new Map<number, number[]>();
    for (let row = 0; row < overlay.base; row++) {
      if (overlay.deleted[row] !== 1) continue;
      for (const column of rowOf(build.model.matrix, row).indices) {
        const rows = deleted.get(column);
        if (rows === undefined) deleted.set(column, [row]);
        else rows.push(row);
      }
    }
    overlay.added.forEach(({ vector }, a) => {
      const row = overlay.base + a;
      if (overlay.deleted[row] === 1) return;
      vector.indices.forEach((column, q) => {
        if (!(vector.values[q] > 0)) return;
        let list = added.get(column);
        if (list === undefined) added.set(column, (list = { rows: [], weights: [] }));
        list.rows.push(row);
        list.weights.push(vector.values[q]);
      });
    });
    changes = { added, deleted };
    made.set(overlay, changes);
  }
  return changes;
}

/** Papers containing `column` now: the build's, less those deleted, with those added since. */
export function topicPaperCount(build: Pick<ServedBuild, "model" | "overlay" | "index">, column: number): number {
  const { colptr } = build.index;
  const changes = topicChangesOf(build);
  return (
    colptr[column + 1] -
    colptr[column] -
    (changes.deleted.get(column)?.length ?? 0) +
    (changes.added.get(column)?.rows.length ?? 0)
  );
}

/**
 * The rows containing `column`, for counting over a timeline where deleted rows are on no bucket: the build's
 * posting list (deleted rows included) followed by the rows added since.
 */
export function columnRows(build: Pick<ServedBuild, "model" | "overlay" | "index">, column: number): ArrayLike<number> {
  const { index } = build;
  const posting = index.rows.subarray(index.colptr[column], index.colptr[column + 1]);
  const added = topicChangesOf(build).added.get(column);
  if (added === undefined) return posting;
  const rows = new Int32Array(posting.length + added.rows.length);
  rows.set(posting);
  rows.set(added.rows, posting.length);
  return rows;
}

/**
 * The papers whose title or abstract contains `term` (any way of writing it that topic-counts termColumn reads as a
 * vocabulary term), heaviest first (the term's TF-IDF weight; ties: corpus order, then the order papers were added),
 * deleted ones left out, with the term's display form; NotFoundError for a term the vocabulary does not have.
 */
export function topicRows(
  build: Pick<ServedBuild, "model" | "overlay" | "index">,
  term: string,
): { term: string; rows: Int32Array } {
  const { model, index, overlay } = build;
  const column = termColumn(model, term);
  if (column < 0) throw new NotFoundError(`no topic ${JSON.stringify(truncate(term, 200))}`);
  const start = index.colptr[column];
  const end = index.colptr[column + 1];
  const posting = index.rows.subarray(start, end);
  if (overlay === undefined) return { term: model.terms[column], rows: posting };
  const added = topicChangesOf(build).added.get(column) ?? { rows: [], weights: [] };
  // The added rows by weight (stable: row order among equals), then merged with the posting list.
  const order = added.rows.map((_row, a) => a).sort((a, b) => added.weights[b] - added.weights[a] || a - b);
  const rows = new Int32Array(posting.length + added.rows.length);
  let out = 0;
  let p = start;
  let a = 0;
  while (p < end || a < order.length) {
    const takeAdded = p === end || (a < order.length && added.weights[order[a]] > index.weights[p]);
    if (takeAdded) rows[out++] = added.rows[order[a++]];
    else {
      const row = index.rows[p++];
      if (overlay.deleted[row] !== 1) rows[out++] = row;
    }
  }
  return { term: model.terms[column], rows: rows.subarray(0, out) };
}
