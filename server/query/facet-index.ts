// Facets of a corpus: the papers' categories, authors and venues, each value with the rows of its papers, and the
// filters built from them (a paper passes when it carries every value asked for). Built once per store, and extended
// for a store version with the papers added and deleted since (extendFacetIndex); no HTTP.

import type { Paper } from "../corpus/types.js";
import type { PaperFields } from "./paper-table.js";

export const FACETS = ["category", "author", "venue"] as const;
export type FacetName = (typeof FACETS)[number];

/** Values asked for, by facet (all must match). */
export type FacetFilters = Partial<Record<FacetName, string>>;

export interface FacetValues {
  /** Values by position: the build's, most papers first (ties: code-unit order), then those only papers added since carry. */
  values: readonly string[];
  /** Papers carrying values[i] (deleted ones not counted). */
  counts: Int32Array;
  /** Positions of the values some paper carries, most papers first (ties: code-unit order). */
  order: Int32Array;
  /** Place of each position in `order`; -1 for a value no paper carries any more. */
  rank: Int32Array;
  positions: Pick<ReadonlyMap<string, number>, "get">;
  /** Rows of the build's papers carrying values[i], ascending: rows[rowptr[i]..rowptr[i+1]) (i < rowptr.length - 1). */
  rowptr: Int32Array;
  rows: Int32Array;
  /** Rows added since the build carrying values[i], ascending; empty for a build's index. */
  addedRows: ReadonlyMap<number, readonly number[]>;
  /** Values (positions) of row r, every row of the map: valueIds[valueptr[r]..valueptr[r+1]). */
  valueptr: Int32Array;
  valueIds: Int32Array;
  /** 1 for a row deleted since the build (its values are not counted); absent: none. */
  deleted?: Uint8Array;
  /** The build's index, for a version with papers added or deleted since (extendFacetIndex). */
  built?: FacetValues;
}

export type FacetIndex = Record<FacetName, FacetValues>;

const valuesOf: Record<FacetName, (paper: PaperFields) => readonly string[] | undefined> = {
  category: (paper) => paper.categories,
  author: (paper) => paper.authors,
  venue: (paper) => (paper.venue === undefined ? undefined : [paper.venue]),
};

export function buildFacetIndex(papers: readonly PaperFields[]): FacetIndex {
  const index = {} as FacetIndex;
  for (const facet of FACETS) index[facet] = facetValues(papers, valuesOf[facet]);
  return index;
}

function facetValues(
  papers: readonly PaperFields[],
  read: (paper: PaperFields) => readonly string[] | undefined,
): FacetValues {
  const n = papers.length;
  const first = new Map<string, number>();
  const valueptr = new Int32Array(n + 1);
  const found: number[] = [];
  papers.forEach((paper, row) => {
    const seen = new Set<number>();
    for (const value of read(paper) ?? []) {
      let id = first.get(value);
      if (id === undefined) first.set(value, (id = first.size));
      if (!seen.has(id)) (found.push(id), seen.add(id));
    }
    valueptr[row + 1] = found.length;
  });
  const names = [...first.keys()];
  const counts = new Int32Array(names.length);
  for (const id of found) counts[id]++;
  const order = Int32Array.from(names.keys()).sort(
    (a, b) => counts[b] - counts[a] || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0),
  );
  const position = new Int32Array(names.length);
  order.forEach((id, at) => (position[id] = at));
  const valueIds = Int32Array.from(found, (id) => position[id]);
  const sortedCounts = Int32Array.from(order, (id) => counts[id]);
  const rowptr = new Int32Array(order.length + 1);
  sortedCounts.forEach((count, at) => (rowptr[at + 1] = rowptr[at] + count));
  const rows = new Int32Array(rowptr[order.length]);
  const filled = rowptr.slice(0, order.length);
  for (let row = 0; row < n; row++) {
    for (let v = valueptr[row]; v < valueptr[row + 1]; v++) rows[filled[valueIds[v]]++] = row;
  }
  const values = Array.from(order, (id) => names[id]);
  const identity = Int32Array.from(values.keys());
  return {
    values,
    counts: sortedCounts,
    order: identity,
    rank: identity,
    positions: new Map(values.map((value, at) => [value, at])),
    rowptr,
    rows,
    addedRows: new Map(),
    valueptr,
    valueIds,
  };
}

/**
 * The facets of a store version (query/changes): the build's index (`built`, of rows 0..base-1) with the papers added
 * since (rows base.., deleted ones included, as `added` holds them) and the rows `deleted` marks taken out of the
 * counts. Work: the build's values and rows copied as typed arrays, and the added and deleted papers' values.
 */
export function extendFacetIndex(
  built: FacetIndex,
  added: readonly Paper[],
  deleted: Uint8Array,
  base: number,
): FacetIndex {
  const index = {} as FacetIndex;
  for (const facet of FACETS)
    index[facet] = extendValues(built[facet].built ?? built[facet], added, deleted, base, valuesOf[facet]);
  return index;
}

function extendValues(
  built: FacetValues,
  added: readonly Paper[],
  deleted: Uint8Array,
  base: number,
  read: (paper: Paper) => readonly string[] | undefined,
): FacetValues {
  const names = [...built.values];
  const extra = new Map<string, number>();
  const positionOf = (value: string): number => {
    let at = built.positions.get(value) ?? extra.get(value);
    if (at === undefined) extra.set(value, (at = names.push(value) - 1));
    return at;
  };
  const used = built.valueptr[base];
  const valueptr = new Int32Array(base + added.length + 1);
  valueptr.set(built.valueptr.subarray(0, base + 1));
  const ids: number[] = [];
  const addedRows = new Map<number, number[]>();
  const delta = new Map<number, number>();
  const change = (at: number, by: number) => delta.set(at, (delta.get(at) ?? 0) + by);
  for (let row = 0; row < base; row++) {
    if (deleted[row] !== 1) continue;
    for (let v = built.valueptr[row]; v < built.valueptr[row + 1]; v++) change(built.valueIds[v], -1);
  }
  added.forEach((paper, a) => {
    const row = base + a;
    const seen = new Set<number>();
    for (const value of read(paper) ?? []) {
      const at = positionOf(value);
      if (seen.has(at)) continue;
      seen.add(at);
      ids.push(at);
      let rows = addedRows.get(at);
      if (rows === undefined) addedRows.set(at, (rows = []));
      rows.push(row);
      if (deleted[row] !== 1) change(at, 1);
    }
    valueptr[row + 1] = used + ids.length;
  });
  const valueIds = new Int32Array(used + ids.length);
  valueIds.set(built.valueIds.subarray(0, used));
  valueIds.set(ids, used);
  const counts = new Int32Array(names.length);
  counts.set(built.counts);
  for (const [at, by] of delta) counts[at] += by;
  const order = mergedOrder(names, counts, delta, built.values.length);
  const rank = new Int32Array(names.length).fill(-1);
  order.forEach((at, place) => (rank[at] = place));
  return {
    values: names,
    counts,
    order,
    rank,
    positions: { get: (value) => built.positions.get(value) ?? extra.get(value) },
    rowptr: built.rowptr,
    rows: built.rows,
    addedRows,
    valueptr,
    valueIds,
    deleted,
    built,
  };
}

/**
 * The positions some paper carries, most papers first (ties: code-unit order): the build's order (positions
 * 0..builtCount-1) with the `changed` positions taken out and merged back in by their new counts.
 */
function mergedOrder(
  names: readonly string[],
  counts: Int32Array,
  changed: ReadonlyMap<number, number>,
  builtCount: number,
): Int32Array {
  const before = (a: number, b: number) =>
    counts[b] - counts[a] || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0);
  const moved = [...changed.keys()].filter((at) => counts[at] > 0).sort(before);
  const order = new Int32Array(builtCount - [...changed.keys()].filter((at) => at < builtCount).length + moved.length);
  let m = 0;
  let out = 0;
  for (let at = 0; at < builtCount; at++) {
    if (changed.has(at)) continue;
    while (m < moved.length && before(moved[m], at) < 0) order[out++] = moved[m++];
    order[out++] = at;
  }
  while (m < moved.length) order[out++] = moved[m++];
  return order;
}

/** Whether any filter is set. */
export function hasFilters(filters: FacetFilters): boolean {
  return FACETS.some((facet) => filters[facet] !== undefined);
}

/**
 * 1 for each row that carries every filter's value, 0 for the others; null when no filter is set. A value no paper
 * carries keeps no row.
 */
export function facetKeep(index: FacetIndex, filters: FacetFilters, n: number): Uint8Array | null {
  if (!hasFilters(filters)) return null;
  let keep: Uint8Array | null = null;
  for (const facet of FACETS) {
    const value = filters[facet];
    if (value === undefined) continue;
    const { positions, rowptr, rows, addedRows, deleted } = index[facet];
    const at = positions.get(value);
    const next = new Uint8Array(n);
    const pass = (row: number) => {
      if ((keep === null || keep[row] === 1) && deleted?.[row] !== 1) next[row] = 1;
    };
    if (at !== undefined) {
      if (at < rowptr.length - 1) for (let i = rowptr[at]; i < rowptr[at + 1]; i++) pass(rows[i]);
      for (const row of addedRows.get(at) ?? []) pass(row);
    }
    keep = next;
  }
  return keep;
}

export interface FacetCount {
  value: string;
  papers: number;
}

/**
 * The `limit` values of `facet` carried by most of `rows` (all papers on the map when null) that `keep` passes, most
 * first (ties: the corpus-wide order), and how many distinct values they carry.
 */
export function countValues(
  index: FacetIndex,
  facet: FacetName,
  rows: ArrayLike<number> | null,
  keep: Uint8Array | null,
  limit: number,
): { values: FacetCount[]; distinct: number } {
  const { values, counts, order, rank, valueptr, valueIds, deleted } = index[facet];
  if (rows === null && keep === null) {
    return {
      values: Array.from(order.subarray(0, limit), (at) => ({ value: values[at], papers: counts[at] })),
      distinct: order.length,
    };
  }
  const tally = new Map<number, number>();
  const length = rows === null ? valueptr.length - 1 : rows.length;
  for (let i = 0; i < length; i++) {
    const row = rows === null ? i : rows[i];
    if ((keep !== null && keep[row] === 0) || deleted?.[row] === 1) continue;
    for (let v = valueptr[row]; v < valueptr[row + 1]; v++) tally.set(valueIds[v], (tally.get(valueIds[v]) ?? 0) + 1);
  }
  const top = [...tally].sort((a, b) => b[1] - a[1] || rank[a[0]] - rank[b[0]]).slice(0, limit);
  return { values: top.map(([at, papers]) => ({ value: values[at], papers })), distinct: tally.size };
}
