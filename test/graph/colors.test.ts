// Cluster colours (graph/colors): touching clusters get colours far apart for normal and colour-blind vision.

import { describe, expect, it } from "vitest";

import {
  assignColors,
  clusterDiscs,
  COLOR_CANDIDATES,
  perceivedDistance,
  touchingClusters,
} from "../../server/graph/colors.js";

describe("perceivedDistance", () => {
  it("is small for the near-duplicates issue 12 reported and large for clearly different colours", () => {
    expect(perceivedDistance("#ff7f0e", "#fd8d3c")).toBeLessThan(6);
    expect(perceivedDistance("#2ca02c", "#31a354")).toBeLessThan(6);
    // Red and green look alike under deuteranopia: their distance is the colour-blind one.
    expect(perceivedDistance("#d62728", "#2ca02c")).toBeLessThan(20);
    expect(perceivedDistance("#0072b2", "#e69f00")).toBeGreaterThan(40);
  });
});

describe("clusterDiscs and touchingClusters", () => {
  it("finds the clusters whose discs touch", () => {
    // Three clusters in a row, 0 and 1 close, 2 far away.
    const x = [0, 2, 2.4, 4.4, 40, 42];
    const y = [0, 0, 0, 0, 0, 0];
    const discs = clusterDiscs(x, y, Int32Array.from([0, 0, 1, 1, 2, 2]), 3);
    expect(discs[0]).toEqual({ x: 1, y: 0, radius: 1 });
    expect(touchingClusters(discs)).toEqual([[1], [0], []]);
  });
});

describe("assignColors", () => {
  it("gives every cluster of a dense neighbourhood colours far apart for every vision, keeping kept colours", () => {
    // Eight clusters all touching each other.
    const neighbours = Array.from({ length: 8 }, (_, c) =>
      Array.from({ length: 8 }, (_, o) => o).filter((o) => o !== c),
    );
    const colors = assignColors(neighbours, ["#123456"]);
    expect(colors[0]).toBe("#123456");
    for (let a = 0; a < 8; a++) {
      for (let b = a + 1; b < 8; b++) expect(perceivedDistance(colors[a], colors[b])).toBeGreaterThan(10);
    }
  });

  it("reuses colours only between clusters that do not touch, spreading them", () => {
    const colors = assignColors(Array.from({ length: COLOR_CANDIDATES.length + 3 }, () => []));
    expect(new Set(colors.slice(0, COLOR_CANDIDATES.length)).size).toBe(COLOR_CANDIDATES.length);
    expect(colors.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
  });
});
