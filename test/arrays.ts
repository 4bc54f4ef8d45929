// Comparing large arrays in tests: a failing toEqual on arrays of 100k elements makes vitest compute a diff for
// minutes; the first position where two arrays differ says as much at once.

/** The first position where `a` and `b` differ (the shorter length when only their lengths do), or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}
