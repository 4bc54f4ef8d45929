// The one rounding of the numbers the project writes (the build's graph, the API's answers): to `digits` decimals,
// enough to rank and compare, few enough to keep files and responses small.

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
