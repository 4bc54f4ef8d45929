import { describe, expect, it } from "vitest";

import { countAtLeast } from "../../client/panels/filters.js";

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
