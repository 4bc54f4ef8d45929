import { describe, expect, it } from "vitest";

import type { Box } from "../../client/label-placement.js";
import { createTitlePasses } from "../../client/title-passes.js";

/** A title's box: 60 px wide, 16 px high, from (x, y). */
const at = (x: number, y: number): Box => ({ left: x, right: x + 60, top: y, bottom: y + 16 });

describe("paper titles on a layer", () => {
  it("leaves out a title that would cover one drawn before it in the frame, keeps those clear of it", () => {
    const passes = createTitlePasses();
    const layer = {};
    passes.start();
    const drawn = [
      ["a", at(100, 100)],
      ["b", at(110, 104)],
      ["c", at(100, 130)],
      ["d", at(400, 100)],
    ] as const;
    expect(drawn.map(([paper, box]) => passes.claim(layer, paper, box))).toEqual([true, false, true, true]);
  });

  it("keeps titles off the hovered or selected paper's box", () => {
    const passes = createTitlePasses();
    const layer = {};
    passes.start();
    passes.force(layer, "hovered", at(100, 100));
    expect(passes.claim(layer, "a", at(120, 108))).toBe(false);
    expect(passes.claim(layer, "b", at(100, 200))).toBe(true);
  });

  it("starts afresh with each frame, and when a layer is redrawn alone (a paper drawn again)", () => {
    const passes = createTitlePasses();
    const layer = {};
    passes.start();
    expect(passes.claim(layer, "a", at(100, 100))).toBe(true);
    passes.start();
    expect(passes.claim(layer, "b", at(110, 104))).toBe(true);
    // The hover layer redrawn without a new frame: b first again, then a, which b's title now covers.
    expect(passes.claim(layer, "b", at(110, 104))).toBe(true);
    expect(passes.claim(layer, "a", at(100, 100))).toBe(false);
  });

  it("keeps each layer's titles apart (sigma's titles layer, its hover layer)", () => {
    const passes = createTitlePasses();
    const [titles, hovers] = [{}, {}];
    passes.start();
    expect(passes.claim(titles, "a", at(100, 100))).toBe(true);
    expect(passes.claim(hovers, "b", at(110, 104))).toBe(true);
  });
});
