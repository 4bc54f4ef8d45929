// What the pointer is on: the paper drawn on top under the cursor, so that a hover or a click takes what the user
// sees there. Sigma's own picking reads a half-resolution texture of the papers' layer only, so in a dense map it
// took a neighbour, or a paper under the raised ones; this replaces it with a hit test on the discs as drawn, in the
// order they are drawn (the renderer keeps that order defined, see renderer.ts):
//   1. the hovered and the selected paper, with their title boxes (drawn last, the selected one over the hovered);
//   2. the papers raised above the map (sigma's hover layer: the hovered paper, then the highlighted ones);
//   3. the map's papers,
// and within a layer by node program (as sigma draws them, one program after the other), then graph order.

import type { Coordinates } from "sigma/types";

import type { MapGraph, MapSigma } from "./graph-data.js";
import type { Box } from "./label-placement.js";
import type { Store } from "./store.js";

/** A hovered or selected paper as drawn over everything: its disc and its title's box. */
export interface DrawnHover {
  x: number;
  y: number;
  radius: number;
  box: Box | null;
}

export interface PickerOptions {
  /** Node program types in the order sigma draws them (its nodeProgramClasses' keys). */
  nodeTypes: readonly string[];
  /** The hovered or selected paper's shape in the last frame, or null when it was not drawn so. */
  drawnHover(node: string): DrawnHover | null;
}

export interface Picker {
  nodeAt(point: Coordinates): string | null;
}

/** About this many papers per cell of the grid index. */
const PER_CELL = 4;

export function createPicker(sigma: MapSigma, graph: MapGraph, store: Store, options: PickerOptions): Picker {
  const nodes = graph.nodes();
  const programRank = new Map(options.nodeTypes.map((type, i) => [type, i]));
  let grid: Grid | null = null;

  const drawnOnTop = (node: string | null, point: Coordinates): boolean => {
    if (node === null) return false;
    const shape = options.drawnHover(node);
    if (!shape) return false;
    if (Math.hypot(point.x - shape.x, point.y - shape.y) <= shape.radius) return true;
    const box = shape.box;
    return box !== null && point.x >= box.left && point.x <= box.right && point.y >= box.top && point.y <= box.bottom;
  };

  return {
    nodeAt(point) {
      const { hoveredNode, selectedPaper } = store.state;
      if (drawnOnTop(selectedPaper, point)) return selectedPaper;
      if (drawnOnTop(hoveredNode, point)) return hoveredNode;
      grid ??= buildGrid(sigma, nodes);
      const framed = sigma.viewportToFramedGraph(point);
      const origin = sigma.framedGraphToViewport({ x: 0, y: 0 });
      const unit = sigma.framedGraphToViewport({ x: 1, y: 0 });
      const pixelsPerUnit = Math.hypot(unit.x - origin.x, unit.y - origin.y);
      if (!(pixelsPerUnit > 0)) return null;
      const reach = sigma.scaleSize(grid.maxSize) / pixelsPerUnit;
      let best: string | null = null;
      let bestRank = -Infinity;
      grid.forEachNear(framed, reach, (i) => {
        const node = nodes[i];
        const display = sigma.getNodeDisplayData(node);
        if (!display || display.hidden) return;
        const centre = sigma.framedGraphToViewport(display);
        if (Math.hypot(point.x - centre.x, point.y - centre.y) > sigma.scaleSize(display.size)) return;
        const raised = display.highlighted || node === hoveredNode;
        const order = node === hoveredNode ? -1 : i;
        const rank =
          (Number(raised) * (programRank.size + 1) + (programRank.get(display.type) ?? 0)) * (nodes.length + 1) + order;
        if (rank > bestRank) [best, bestRank] = [node, rank];
      });
      return best;
    },
  };
}

interface Grid {
  maxSize: number;
  /** Calls back with the index of every node whose centre may be within `reach` of `point` (framed coordinates). */
  forEachNear(point: Coordinates, reach: number, callback: (index: number) => void): void;
}

/** A uniform grid over the papers' framed positions (they never move on a map). */
function buildGrid(sigma: MapSigma, nodes: readonly string[]): Grid {
  const xs = new Float64Array(nodes.length);
  const ys = new Float64Array(nodes.length);
  let [minX, minY, maxX, maxY, maxSize] = [Infinity, Infinity, -Infinity, -Infinity, 0];
  nodes.forEach((node, i) => {
    const display = sigma.getNodeDisplayData(node);
    xs[i] = display?.x ?? NaN;
    ys[i] = display?.y ?? NaN;
    if (!display) return;
    minX = Math.min(minX, display.x);
    maxX = Math.max(maxX, display.x);
    minY = Math.min(minY, display.y);
    maxY = Math.max(maxY, display.y);
    maxSize = Math.max(maxSize, display.size);
  });
  const side = Math.max(1, Math.ceil(Math.sqrt(nodes.length / PER_CELL)));
  const width = Math.max(maxX - minX, 1e-9) / side;
  const height = Math.max(maxY - minY, 1e-9) / side;
  const cells: number[][] = Array.from({ length: side * side }, () => []);
  const column = (x: number) => Math.min(side - 1, Math.max(0, Math.floor((x - minX) / width)));
  const row = (y: number) => Math.min(side - 1, Math.max(0, Math.floor((y - minY) / height)));
  for (let i = 0; i < nodes.length; i++) if (Number.isFinite(xs[i])) cells[row(ys[i]) * side + column(xs[i])].push(i);
  return {
    maxSize,
    forEachNear(point, reach, callback) {
      if (point.x + reach < minX || point.x - reach > maxX || point.y + reach < minY || point.y - reach > maxY) return;
      const [c0, c1, r0, r1] = [
        column(point.x - reach),
        column(point.x + reach),
        row(point.y - reach),
        row(point.y + reach),
      ];
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) for (const i of cells[r * side + c]) callback(i);
    },
  };
}
