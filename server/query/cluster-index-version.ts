// The cluster index of a store version (query/changes), derived from its build's as buildClusterIndex would make it
// over the version's columns: the clusters that lost or gained papers get their centre, disc and members again, and
// only the papers whose links changed (the added ones, those they link to, the neighbours of the deleted ones) get
// their centrality again, summed over their links in the order buildClusterIndex sums them; the links inside and
// between clusters are made when first asked for (the graph views).

import {
  byCentrality,
  centreOf,
  clusterDto,
  clusterLinks,
  clusterSumsOf,
  subMembersOf,
  type ClusterIndex,
  type ClusterTrendOf,
} from "./cluster-index.js";
import type { GraphColumns } from "./graph-columns.js";

export interface ClusterIndexChanges {
  /** The build's index (buildClusterIndex) and columns. */
  built: ClusterIndex;
  builtColumns: GraphColumns;
  /** The version's columns: the build's rows (deleted ones in cluster -1), then the rows added since. */
  columns: GraphColumns;
  /** Rows of the build deleted since. */
  deletedRows: Iterable<number>;
}

export function extendClusterIndex(changes: ClusterIndexChanges, trendOf: ClusterTrendOf): ClusterIndex {
  const { built, builtColumns, columns } = changes;
  const sums = clusterSumsOf(built);
  if (sums === undefined) throw new TypeError("query/cluster-index-version: the build's index was not made here");
  const { cluster: membership, x, y, size, source, target, weight } = columns;
  const count = columns.clusters.length;
  const base = builtColumns.ids.length;
  const n = membership.length;
  const deleted = [...changes.deletedRows];

  // Clusters that lost papers of the build, and papers added since by cluster (row order).
  const lost = new Uint8Array(count);
  for (const row of deleted) if (builtColumns.cluster[row] >= 0) lost[builtColumns.cluster[row]] = 1;
  const addedIn = new Map<number, number[]>();
  for (let row = base; row < n; row++) {
    const c = membership[row];
    if (c < 0) continue;
    const rows = addedIn.get(c);
    if (rows === undefined) addedIn.set(c, [row]);
    else rows.push(row);
  }
  /** The live rows of a cluster that changed, in row order: its build rows, then those added since. */
  const rowsOf = (c: number): number[] => {
    const rows = Array.from(built.members[c])
      .filter((row) => membership[row] >= 0)
      .sort((a, b) => a - b);
    return rows.concat(addedIn.get(c) ?? []);
  };

  // Sums in row order as buildClusterIndex adds them: the build's, continued with the added papers, or made again.
  const sumX = Float64Array.from(sums.sumX);
  const sumY = Float64Array.from(sums.sumY);
  const sizes = Int32Array.from(sums.sizes);
  const radius = Float64Array.from(sums.radius);
  const live = new Map<number, number[]>();
  for (let c = 0; c < count; c++) {
    if (lost[c] === 0 && !addedIn.has(c)) continue;
    const rows = rowsOf(c);
    live.set(c, rows);
    const fromBuild = lost[c] === 1 ? 0 : rows.length - (addedIn.get(c)?.length ?? 0);
    if (lost[c] === 1) [sumX[c], sumY[c], sizes[c]] = [0, 0, 0];
    for (let at = fromBuild; at < rows.length; at++) {
      sumX[c] += x[rows[at]];
      sumY[c] += y[rows[at]];
      sizes[c]++;
    }
  }
  const centreX = Array.from(sumX, (sum, c) => centreOf(sum, sizes[c]));
  const centreY = Array.from(sumY, (sum, c) => centreOf(sum, sizes[c]));
  for (const [c, rows] of live) {
    radius[c] = 0;
    for (const row of rows) {
      radius[c] = Math.max(radius[c], Math.hypot(x[row] - centreX[c], y[row] - centreY[c]) + size[row]);
    }
  }

  // The added links are the last ones (a link of an added paper starts at it); the build's keep their order.
  let firstAdded = source.length;
  while (firstAdded > 0 && source[firstAdded - 1] >= base) firstAdded--;
  const addedLinks = new Map<number, number[]>();
  const affected = new Set<number>();
  const touch = (row: number, e: number) => {
    affected.add(row);
    const links = addedLinks.get(row);
    if (links === undefined) addedLinks.set(row, [e]);
    else links.push(e);
  };
  for (let e = firstAdded; e < source.length; e++) {
    touch(source[e], e);
    touch(target[e], e);
  }
  const { linkptr, links } = incidenceOf(built, builtColumns);
  for (const row of deleted) {
    for (let l = linkptr[row]; l < linkptr[row + 1]; l++) {
      const e = links[l];
      affected.add(builtColumns.source[e] === row ? builtColumns.target[e] : builtColumns.source[e]);
    }
  }
  const centrality = new Float64Array(n);
  centrality.set(built.centrality);
  for (const row of deleted) centrality[row] = 0;
  const dirty = new Uint8Array(count);
  for (const c of live.keys()) dirty[c] = 1;
  for (const row of affected) {
    const c = membership[row];
    if (c < 0) continue;
    dirty[c] = 1;
    let sum = 0;
    if (row < base) {
      for (let l = linkptr[row]; l < linkptr[row + 1]; l++) {
        const e = links[l];
        const a = membership[builtColumns.source[e]];
        if (a >= 0 && a === membership[builtColumns.target[e]]) sum += builtColumns.weight[e];
      }
    }
    for (const e of addedLinks.get(row) ?? []) if (membership[source[e]] === membership[target[e]]) sum += weight[e];
    centrality[row] = sum;
  }

  const members = built.members.map((rows, c) =>
    dirty[c] === 1 ? byCentrality(live.get(c) ?? rowsOf(c), centrality) : rows,
  );
  const subMembers = built.subMembers.map((rows, c) => (dirty[c] === 1 ? subMembersOf(columns, c, members[c]) : rows));
  const clusters = columns.clusters.map((_summary, c) =>
    clusterDto(columns, c, centreX[c], centreY[c], radius[c], trendOf(members[c])),
  );
  let linked: Pick<ClusterIndex, "innerptr" | "innerLinks" | "between"> | undefined;
  const linksOfClusters = () => (linked ??= clusterLinks(columns));
  return {
    clusters,
    members,
    subMembers,
    centrality,
    get innerptr() {
      return linksOfClusters().innerptr;
    },
    get innerLinks() {
      return linksOfClusters().innerLinks;
    },
    get between() {
      return linksOfClusters().between;
    },
  };
}

/** The build's links by paper: links[linkptr[row]..linkptr[row + 1]), ascending; made once per build. */
interface Incidence {
  linkptr: Int32Array;
  links: Int32Array;
}

const incidences = new WeakMap<ClusterIndex, Incidence>();

function incidenceOf(built: ClusterIndex, columns: GraphColumns): Incidence {
  let incidence = incidences.get(built);
  if (incidence !== undefined) return incidence;
  const { source, target } = columns;
  const n = columns.ids.length;
  const linkptr = new Int32Array(n + 1);
  // NOTE: a link from a paper to itself is listed twice, as buildClusterIndex counts its weight twice.
  for (let e = 0; e < source.length; e++) {
    linkptr[source[e] + 1]++;
    linkptr[target[e] + 1]++;
  }
  for (let row = 0; row < n; row++) linkptr[row + 1] += linkptr[row];
  const links = new Int32Array(linkptr[n]);
  const filled = linkptr.slice(0, n);
  for (let e = 0; e < source.length; e++) {
    links[filled[source[e]]++] = e;
    links[filled[target[e]]++] = e;
  }
  incidence = { linkptr, links };
  incidences.set(built, incidence);
  return incidence;
}
