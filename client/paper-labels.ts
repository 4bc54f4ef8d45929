// How sigma draws papers' titles on the map: beside the disc, on its left when the right side would run off the map
// (so that no title is cut at the map's edge, under the side panel), and never over a cluster's label nor over
// another title (a title that would cover one is left out: sigma's own crowding rule spares the titles it is told to
// force, such as a search's or a text's lit papers). The hovered or selected paper
// is drawn again over everything, its disc and its title in a box (on the same side rules); what was drawn so is
// remembered for picking.ts.

import type { NodeLabelDrawingFunction } from "sigma/rendering";
import type { Settings } from "sigma/settings";

import type { LinkEdgeAttributes, PaperNodeAttributes } from "./graph-data.js";
import { overlaps, type Box } from "./label-placement.js";
import { HOLE, HOLE_PALENESS } from "./node-ring-program.js";
import type { DrawnHover } from "./picking.js";
import { UNCERTAIN_NODE_TYPE } from "./reducers.js";
import { createTitlePasses } from "./title-passes.js";

type DrawLabel = NodeLabelDrawingFunction<PaperNodeAttributes, LinkEdgeAttributes>;
type LabelData = Parameters<DrawLabel>[1];
type MapSettings = Settings<PaperNodeAttributes, LinkEdgeAttributes>;

/** Pixels between a disc and its title; the map's edge kept free. */
const GAP = 3;
const EDGE = 2;
const BOX_PADDING = 2;

export interface PaperLabelContext {
  /** The map's size in pixels. */
  size(): { width: number; height: number };
  /** Boxes titles must not cover (the cluster labels on screen). */
  reserved(): readonly Box[];
}

/** Where a title of `textWidth` goes beside a disc: its box, on the right unless that runs off the map. */
export function titleBox(
  data: { x: number; y: number; size: number },
  textWidth: number,
  fontSize: number,
  mapWidth: number,
): Box & { side: "right" | "left" } {
  const top = data.y - fontSize / 2 - BOX_PADDING;
  const bottom = data.y + fontSize / 2 + BOX_PADDING;
  const right = data.x + data.size + GAP;
  if (right + textWidth <= mapWidth - EDGE || data.x - data.size - GAP - textWidth < EDGE) {
    return { side: "right", left: right, right: right + textWidth, top, bottom };
  }
  const left = data.x - data.size - GAP - textWidth;
  return { side: "left", left, right: left + textWidth, top, bottom };
}

export interface PaperLabelDrawers {
  /** A new frame: no title drawn yet (call at sigma's beforeRender). */
  startFrame(): void;
  drawLabel: DrawLabel;
  /** Draws a paper over everything: its disc and its title in a box. */
  drawHover: DrawLabel;
  /** The shape `drawHover` last drew for a paper. */
  drawnHover(node: string): DrawnHover | null;
}

export function createPaperLabelDrawers(map: PaperLabelContext): PaperLabelDrawers {
  const drawn = new Map<string, DrawnHover>();
  const titles = createTitlePasses();
  const keyOf = (data: LabelData) => (data as { key?: string }).key ?? "";
  const font = (settings: MapSettings) => `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  const fill = (data: LabelData, settings: MapSettings) =>
    settings.labelColor.attribute
      ? String((data as Record<string, unknown>)[settings.labelColor.attribute] ?? settings.labelColor.color ?? "#000")
      : (settings.labelColor.color ?? "#000");

  const drawLabel: DrawLabel = (context, data, settings) => {
    if (!data.label) return;
    context.font = font(settings);
    const { width, height } = map.size();
    const box = titleBox(data, context.measureText(data.label).width, settings.labelSize, width);
    // Sigma also draws the titles of papers just out of view: not when they would be cut at the map's edge.
    if (box.left < 0 || box.right > width || box.top < 0 || box.bottom > height) return;
    if (map.reserved().some((other) => overlaps(box, other))) return;
    if (!titles.claim(context, keyOf(data), box)) return;
    context.fillStyle = fill(data, settings);
    context.fillText(data.label, box.left, data.y + settings.labelSize / 3);
  };

  const drawHover: DrawLabel = (context, data, settings) => {
    const size = settings.labelSize;
    context.font = font(settings);
    context.fillStyle = "#FFF";
    context.shadowOffsetX = 0;
    context.shadowOffsetY = 0;
    context.shadowBlur = 8;
    context.shadowColor = "#000";
    const radius = Math.max(data.size, size / 2) + BOX_PADDING;
    let box: Box | null = null;
    let textLeft = 0;
    context.beginPath();
    if (data.label) {
      const textWidth = context.measureText(data.label).width;
      const title = titleBox(data, textWidth, size, map.size().width);
      textLeft = title.left;
      const half = Math.round(size / 2 + BOX_PADDING);
      // The disc's outline and the title's box, one shape; the box on the side the title is on.
      const sign = title.side === "right" ? 1 : -1;
      const far = sign > 0 ? title.right + BOX_PADDING + 1 : title.left - BOX_PADDING - 1;
      const along = Math.sqrt(Math.max(0, radius * radius - half * half));
      const angle = Math.asin(Math.min(1, half / radius));
      context.moveTo(data.x + sign * along, data.y + half);
      context.lineTo(far, data.y + half);
      context.lineTo(far, data.y - half);
      context.lineTo(data.x + sign * along, data.y - half);
      if (sign > 0) context.arc(data.x, data.y, radius, -angle, angle, true);
      else context.arc(data.x, data.y, radius, Math.PI + angle, Math.PI - angle);
      box = { left: Math.min(far, data.x), right: Math.max(far, data.x), top: data.y - half, bottom: data.y + half };
    } else {
      context.arc(data.x, data.y, radius, 0, Math.PI * 2);
    }
    context.closePath();
    context.fill();
    context.shadowBlur = 0;
    drawDisc(context, data);
    if (data.label) {
      context.fillStyle = fill(data, settings);
      context.fillText(data.label, textLeft, data.y + size / 3);
    }
    const key = (data as { key?: string }).key;
    if (key !== undefined) drawn.set(key, { x: data.x, y: data.y, radius, box });
    // The titles drawn after it on this layer keep off its box.
    if (box) titles.force(context, keyOf(data), box);
  };
  return {
    startFrame: titles.start,
    drawLabel,
    drawHover,
    drawnHover: (node) => drawn.get(node) ?? null,
  };
}

/** The paper's disc as the node programs draw it: plain, or a ring with a pale centre (NodeRingProgram). */
function drawDisc(context: CanvasRenderingContext2D, data: Parameters<DrawLabel>[1]): void {
  context.beginPath();
  context.arc(data.x, data.y, data.size, 0, Math.PI * 2);
  context.fillStyle = data.color;
  context.fill();
  if (data.type !== UNCERTAIN_NODE_TYPE) return;
  context.beginPath();
  context.arc(data.x, data.y, data.size * HOLE, 0, Math.PI * 2);
  context.globalAlpha = HOLE_PALENESS;
  context.fillStyle = "#FFF";
  context.fill();
  context.globalAlpha = 1;
}
