import { describe, expect, it } from "vitest";

import { formatGrowth, legendOrder } from "../../client/panels/legend.js";
import { sparklinePoints } from "../../client/sparkline.js";
import { tinyGraphDto } from "./fixtures.js";

describe("the legend's time", () => {
  it("orders clusters largest first, or by growth (none last)", () => {
    const clusters = tinyGraphDto().clusters;
    expect(legendOrder(clusters, "size")).toEqual([0, 1]);
    expect(legendOrder(clusters, "growth")).toEqual([1, 0]);
    expect(legendOrder([{ ...clusters[1], growth: null }, clusters[0]], "growth")).toEqual([0, 1]);
  });

  it("writes growth with its direction", () => {
    expect(formatGrowth(2.14)).toBe("↑ 2.1×");
    expect(formatGrowth(0.6)).toBe("↓ 0.6×");
    expect(formatGrowth(1.02)).toBe("≈ 1.0×");
    expect(formatGrowth(null)).toBe("");
  });

  it("draws a trend's highest count at the top of the box, zero at the bottom", () => {
    expect(sparklinePoints([0, 2, 1], 40, 12)).toBe("0,11 20,1 40,6");
    expect(sparklinePoints([3], 40, 12)).toBe("20,1");
    expect(sparklinePoints([], 40, 12)).toBe("");
  });
});
