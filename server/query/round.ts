// Rounding of the numbers the API writes: enough digits to rank and compare, few enough to keep responses small.

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
