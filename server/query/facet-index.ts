// Facets of a corpus: the papers' categories, authors and venues, each value with the rows of its papers, and the
// filters built from them (a paper passes when it carries every value asked for). Built once per store; no HTTP.

import type { Paper } from "../corpus/types.js";

export const FACETS = ["category", "author", "venue"] as const;
export type FacetName = (typeof FACETS)[number];

/** Values asked for, by facet (all must match). */
export type FacetFilters = Partial<Record<FacetName, string>>;

export interface FacetValues {
  /** Values, most papers first (ties: code-unit order). */
  values: readonly string[];
  /** Papers carrying values[i]. */
  counts: Int32Array;
  positions: ReadonlyMap<string, number>;
  /** Rows of the papers carrying values[i], ascending: rows[rowptr[i]..rowptr[i+1]). */
  rowptr: Int32Array;
  rows: Int32Array;
  /** Values (positions) of row r: valueIds[valueptr[r]..valueptr[r+1]). */
  valueptr: Int32Array;
  valueIds: Int32Array;
}

export type FacetIndex = Record<FacetName, FacetValues>;

const valuesOf: Record<FacetName, (paper: Paper) => readonly string[] | undefined> = {
  category: (paper) => paper.categories,
  author: (paper) => paper.authors,
  venue: (paper) => (paper.venue === undefined ? undefined : [paper.venue]),
};

export function buildFacetIndex(papers: readonly Paper[]): FacetIndex {
  const index = {} as FacetIndex;
  for (const facet of FACETS) index[facet] = facetValues(papers, valuesOf[facet]);
  return index;
}

function facetValues(papers: readonly Paper[], read: (paper: Paper) => readonly string[] | undefined): FacetValues {
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
  return {
    values,
    counts: sortedCounts,
    positions: new Map(values.map((value, at) => [value, at])),
    rowptr,
    rows,
    valueptr,
    valueIds,
  };
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
    const { positions, rowptr, rows } = index[facet];
    const at = positions.get(value);
    const next = new Uint8Array(n);
    if (at !== undefined) {
      for (let i = rowptr[at]; i < rowptr[at + 1]; i++) if (keep === null || keep[rows[i]] === 1) next[rows[i]] = 1;
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
 * The `limit` values of `facet` carried by most of `rows` (all papers when null) that `keep` passes, most first
 * (ties: the corpus-wide order), and how many distinct values they carry.
 */
export function countValues(
  index: FacetIndex,
  facet: FacetName,
  rows: ArrayLike<number> | null,
  keep: Uint8Array | null,
  limit: number,
): { values: FacetCount[]; distinct: number } {
  const { values, counts, valueptr, valueIds } = index[facet];
  if (rows === null && keep === null) {
    return {
      values: values.slice(0, limit).map((value, at) => ({ value, papers: counts[at] })),
      distinct: values.length,
    };
  }
  const tally = new Map<number, number>();
  const length = rows === null ? valueptr.length - 1 : rows.length;
  for (let i = 0; i < length; i++) {
    const row = rows === null ? i : rows[i];
    if (keep !== null && keep[row] === 0) continue;
    for (let v = valueptr[row]; v < valueptr[row + 1]; v++) tally.set(valueIds[v], (tally.get(valueIds[v]) ?? 0) + 1);
  }
  const top = [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
  return { values: top.map(([at, papers]) => ({ value: values[at], papers })), distinct: tally.size };
}
