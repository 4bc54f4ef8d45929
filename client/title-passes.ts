// Which paper titles a canvas already holds in its current pass, so that a title is left out rather than drawn over
// another. A pass starts with each frame (`start`, at sigma's beforeRender) and, on a layer sigma redraws alone (its
// hover layer, on hover), when a paper is drawn again. Pure: the canvases are only keys.

import { overlaps, type Box } from "./label-placement.js";

export interface TitlePasses {
  /** A new frame: every layer starts empty. */
  start(): void;
  /** Takes room for `box` on `layer` unless a title of this pass covers it; says whether it may be drawn. */
  claim(layer: object, paper: string, box: Box): boolean;
  /** Takes room for `box` on `layer` whatever it covers (the hovered or selected paper's title). */
  force(layer: object, paper: string, box: Box): void;
}

export function createTitlePasses(): TitlePasses {
  let passes = new WeakMap<object, { boxes: Box[]; papers: Set<string> }>();
  const passOf = (layer: object, paper: string) => {
    let pass = passes.get(layer);
    if (pass === undefined || pass.papers.has(paper)) {
      pass = { boxes: [], papers: new Set() };
      passes.set(layer, pass);
    }
    pass.papers.add(paper);
    return pass.boxes;
  };
  return {
    start() {
      passes = new WeakMap();
    },
    claim(layer, paper, box) {
      const boxes = passOf(layer, paper);
      if (boxes.some((other) => overlaps(box, other))) return false;
      boxes.push(box);
      return true;
    },
    force(layer, paper, box) {
      passOf(layer, paper).push(box);
    },
  };
}
