import { describe, expect, it } from "vitest";

import { countAtLeast, percentiles, sliderSteps, stepOf } from "../../client/panels/filters.js";

describe("countAtLeast", () => {
  const weights = Float64Array.from([0.1, 0.2, 0.2, 0.5, 0.9]);

  it("counts the links at or above a weight in sorted weights", () => {
    expect(countAtLeast(weights, 0)).toBe(5);
    expect(countAtLeast(weights, 0.2)).toBe(4);
    expect(countAtLeast(weights, 0.21)).toBe(2);
    expect(countAtLeast(weights, 0.9)).toBe(1);
    expect(countAtLeast(weights, 1)).toBe(0);
  });

  it("counts nothing in no weights", () => {
    expect(countAtLeast(new Float64Array(0), 0)).toBe(0);
  });
});

describe("the similarity slider's steps", () => {
  // 1,000 links: 0.30..0.40 for most (as on the arXiv map, where >= 0.30 kept 131,818 of 131,838), a few heavier.
  const weights = Float64Array.from({ length: 1000 }, (_, i) => (i < 990 ? 0.3 + (0.1 * i) / 990 : 0.5 + i / 10_000));

  it("are the weights' percentiles: each step hides about one link in a hundred more", () => {
    const steps = sliderSteps(percentiles(weights));
    expect(steps.length).toBe(101);
    expect(steps[0]).toBe(0);
    for (let i = 1; i < steps.length; i++) {
      const hidden = weights.length - countAtLeast(weights, steps[i]);
      expect(hidden).toBeGreaterThan(weights.length - countAtLeast(weights, steps[i - 1]));
      expect(Math.abs(hidden - 10 * i)).toBeLessThanOrEqual(1);
    }
  });

  it("leave out percentiles that would change nothing (ties, few links)", () => {
    expect(sliderSteps(percentiles(Float64Array.from([0.2, 0.2, 0.2, 0.7])))).toEqual([0, 0.7]);
    expect(sliderSteps(percentiles(new Float64Array(0)))).toEqual([0]);
    expect(sliderSteps([0.1, 0.1, 0.3, 0.3, 0.6])).toEqual([0, 0.3, 0.6]);
  });

  it("put the slider back where a threshold is", () => {
    const steps = [0, 0.3, 0.6];
    expect(stepOf(steps, 0)).toBe(0);
    expect(stepOf(steps, 0.3)).toBe(1);
    expect(stepOf(steps, 0.45)).toBe(1);
    expect(stepOf(steps, 1)).toBe(2);
  });
});
