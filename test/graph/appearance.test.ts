// Appearance: one clearly distinct colour per cluster, valid hex colours for any number of clusters, disc sizes.

import { describe, expect, it } from "vitest";

import {
  CLUSTER_PALETTE,
  clusterColor,
  MAX_NODE_SIZE,
  MIN_NODE_SIZE,
  nodeSizes,
} from "../../server/graph/appearance.js";

/** CIE L*a*b* of an sRGB hex colour (D65 white). */
function lab(hex: string): [number, number, number] {
  const linear = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const [r, g, b] = linear;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 colour difference: about 2.3 is just noticeable, 10 tells two small discs apart at a glance. */
function deltaE(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

const HEX = /^#[0-9a-f]{6}$/;

describe("clusterColor", () => {
  it("checks the colour difference against known values", () => {
    // sRGB primaries in CIE L*a*b* (D65), as published (e.g. Bruce Lindbloom's calculator).
    const RED = [53.24, 80.09, 67.2];
    const BLUE = [32.3, 79.19, -107.86];
    lab("#ff0000").forEach((v, i) => expect(v).toBeCloseTo(RED[i], 1));
    lab("#0000ff").forEach((v, i) => expect(v).toBeCloseTo(BLUE[i], 1));
    expect(deltaE("#ffffff", "#000000")).toBeCloseTo(100, 1);
    expect(deltaE("#ff0000", "#0000ff")).toBeCloseTo(Math.hypot(53.24 - 32.3, 80.09 - 79.19, 67.2 + 107.86), 1);
  });

  it("gives the first 32 clusters 32 colours, no two closer than ΔE 10", () => {
    const colours = Array.from({ length: 32 }, (_, c) => clusterColor(c));
    expect(colours).toEqual(CLUSTER_PALETTE);
    for (let i = 0; i < 32; i++) {
      for (let j = i + 1; j < 32; j++) {
        expect(deltaE(colours[i], colours[j]), `clusters ${i} ${colours[i]} and ${j} ${colours[j]}`).toBeGreaterThan(
          10,
        );
      }
    }
  });

  it("uses colours dark enough to read on white", () => {
    for (let c = 0; c < 32; c++) expect(lab(clusterColor(c))[0], clusterColor(c)).toBeLessThan(82);
  });

  it("gives valid lower-case hex colours beyond the palette, all different from each other", () => {
    const beyond = Array.from({ length: 500 }, (_, k) => clusterColor(32 + k));
    for (const colour of beyond) expect(colour).toMatch(HEX);
    expect(new Set(beyond).size).toBe(500);
  });

  it("walks the hue circle by the golden angle beyond the palette, at lightness 42% and 58% in turn", () => {
    // HSL (137.508° k, 65%, 42% or 58%) converted by Python's colorsys.hls_to_rgb, rounded to bytes.
    expect([32, 33, 34, 35].map(clusterColor)).toEqual(["#b12525", "#4eda77", "#7725b1", "#dac84e"]);
  });
});

describe("nodeSizes", () => {
  it("scales the square root of the weighted degree from MIN_NODE_SIZE to MAX_NODE_SIZE", () => {
    const sizes = nodeSizes(Float64Array.from([0, 1, 4]));
    expect(Array.from(sizes)).toEqual([
      MIN_NODE_SIZE,
      MIN_NODE_SIZE + 0.5 * (MAX_NODE_SIZE - MIN_NODE_SIZE),
      MAX_NODE_SIZE,
    ]);
  });

  it("gives every node the minimum size when there are no links, and nothing for no nodes", () => {
    expect(Array.from(nodeSizes(Float64Array.from([0, 0])))).toEqual([MIN_NODE_SIZE, MIN_NODE_SIZE]);
    expect(nodeSizes(new Float64Array(0)).length).toBe(0);
  });
});
