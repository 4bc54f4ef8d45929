// A trend (papers per bucket of the timeline, from the API) drawn as a small SVG line: points scaled to the box,
// the highest count at the top. Drawing only: the counts come from the server.

const SVG = "http://www.w3.org/2000/svg";

export interface SparklineOptions {
  width: number;
  height: number;
  /** First bucket of the recent period, shaded; none when null. */
  recentFrom: number | null;
}

/** The polyline's points for `trend` in a width x height box (one pixel of margin at top and bottom). */
export function sparklinePoints(trend: readonly number[], width: number, height: number): string {
  if (trend.length === 0) return "";
  const max = Math.max(1, ...trend);
  const step = trend.length > 1 ? width / (trend.length - 1) : 0;
  return trend
    .map((count, i) => {
      const x = trend.length > 1 ? i * step : width / 2;
      const y = height - 1 - (count / max) * (height - 2);
      return `${round(x)},${round(y)}`;
    })
    .join(" ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** An SVG sparkline of `trend`, with `label` as its accessible name. */
export function sparkline(trend: readonly number[], label: string, options: SparklineOptions): SVGSVGElement {
  const { width, height, recentFrom } = options;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  if (recentFrom !== null && trend.length > 1 && recentFrom < trend.length) {
    const shade = document.createElementNS(SVG, "rect");
    const x = (recentFrom - 0.5) * (width / (trend.length - 1));
    shade.setAttribute("class", "sparkline-recent");
    shade.setAttribute("x", String(round(Math.max(0, x))));
    shade.setAttribute("y", "0");
    shade.setAttribute("width", String(round(width - Math.max(0, x))));
    shade.setAttribute("height", String(height));
    svg.appendChild(shade);
  }
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", sparklinePoints(trend, width, height));
  svg.appendChild(line);
  return svg;
}
