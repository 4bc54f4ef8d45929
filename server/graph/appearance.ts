// How papers look: a colour per cluster from a palette of clearly distinct colours, a size from weighted degree.

/**
 * Distinct colours that read well on white, in order of use (after Glasbey et al. 2007 and Tableau 20, darkened
 * where a colour was too pale for small discs). No two are closer than CIE76 ΔE 10: #3182bd, #1abc9c and #d35400
 * were near-twins of #1f77b4, #17a589 and #e6550d. Beyond them, colours come from a golden-angle walk around the hue
 * circle at alternating lightness.
 */
export const CLUSTER_PALETTE: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
  "#393b79",
  "#ad494a",
  "#637939",
  "#e7969c",
  "#7b4173",
  "#aa0066",
  "#fd8d3c",
  "#31a354",
  "#843c39",
  "#6b6ecf",
  "#b5cf6b",
  "#de9ed6",
  "#9c9ede",
  "#e6550d",
  "#8c6d31",
  "#17a589",
  "#c0392b",
  "#5d6d7e",
  "#a04000",
  "#aa9988",
  "#f1c40f",
  "#34495e",
  "#ff6688",
];

export function clusterColor(cluster: number): string {
  if (cluster < CLUSTER_PALETTE.length) return CLUSTER_PALETTE[cluster];
  const step = cluster - CLUSTER_PALETTE.length;
  const hue = (step * 137.508) % 360;
  const lightness = step % 2 === 0 ? 42 : 58;
  return hslToHex(hue, 65, lightness);
}

function hslToHex(h: number, s: number, l: number): string {
  const sat = s / 100;
  const light = l / 100;
  const a = sat * Math.min(light, 1 - light);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const value = light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

export const MIN_NODE_SIZE = 2;
export const MAX_NODE_SIZE = 12;

/** Disc sizes from weighted degrees: square-root scaled between MIN_NODE_SIZE and MAX_NODE_SIZE. */
export function nodeSizes(weightedDegrees: Float64Array): Float64Array {
  let max = 0;
  for (const d of weightedDegrees) max = Math.max(max, d);
  return weightedDegrees.map((d) => nodeSize(d, max));
}

/** The disc size of a weighted degree on a map whose largest weighted degree is `max` (capped at MAX_NODE_SIZE). */
export function nodeSize(weightedDegree: number, max: number): number {
  const scale = max > 0 ? Math.sqrt(Math.min(weightedDegree / max, 1)) : 0;
  return MIN_NODE_SIZE + scale * (MAX_NODE_SIZE - MIN_NODE_SIZE);
}
