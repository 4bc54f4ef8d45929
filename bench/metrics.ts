// Agreement between a clustering and reference labels, and precision of ranked neighbour lists; the definitions
// scikit-learn uses, so that our figures and the peer's (bench/peer.ts) are comparable.

function contingency(a: ArrayLike<string | number>, b: ArrayLike<string | number>) {
  if (a.length !== b.length)
    throw new RangeError(`bench/metrics: label arrays differ in length (${a.length}, ${b.length})`);
  const cells = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  return { cells, rows, cols, n: a.length };
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** Normalized mutual information with the arithmetic mean of the entropies (scikit-learn's default). */
export function normalizedMutualInformation(a: ArrayLike<string | number>, b: ArrayLike<string | number>): number {
  const { cells, rows, cols, n } = contingency(a, b);
  if (n === 0) return 0;
  const ha = entropy(rows.values(), n);
  const hb = entropy(cols.values(), n);
  if (ha === 0 && hb === 0) return 1;
  if (ha === 0 || hb === 0) return 0;
  let mi = 0;
  for (const [key, count] of cells) {
    const [x, y] = key.split("\u0000");
    const rowCount = rows.get(x) ?? rows.get(Number(x))!;
    const colCount = cols.get(y) ?? cols.get(Number(y))!;
    mi += (count / n) * Math.log((count * n) / (rowCount * colCount));
  }
  return Math.max(0, mi) / ((ha + hb) / 2);
}

const pairs = (x: number) => (x * (x - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie 1985). */
export function adjustedRandIndex(a: ArrayLike<string | number>, b: ArrayLike<string | number>): number {
  const { cells, rows, cols, n } = contingency(a, b);
  let index = 0;
  for (const count of cells.values()) index += pairs(count);
  let sumRows = 0;
  for (const count of rows.values()) sumRows += pairs(count);
  let sumCols = 0;
  for (const count of cols.values()) sumCols += pairs(count);
  const expected = (sumRows * sumCols) / pairs(n);
  const maximum = (sumRows + sumCols) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}

/**
 * Mean share of each item's first `k` neighbours (row-major lists of `width`, -1 = none) that carry the item's
 * label; a missing neighbour counts as a miss, as in the peer's evaluation.
 */
export function precisionAtK(labels: ArrayLike<string>, neighbours: Int32Array, width: number, k: number): number {
  const n = labels.length;
  if (n === 0) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let hits = 0;
    for (let j = 0; j < Math.min(k, width); j++) {
      const other = neighbours[i * width + j];
      if (other >= 0 && labels[other] === labels[i]) hits++;
    }
    total += hits / k;
  }
  return total / n;
}
