// Appearance as a function of State: sigma's nodeReducer and edgeReducer. They only look up the sets State
// derived; nothing is computed per node beyond a few Set.has calls.

import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import type { LinkEdgeAttributes, PaperNodeAttributes } from "./graph-data.js";
import { focusOf, type State } from "./state.js";

export const FADED_NODE_COLOR = "#e2e4e8";
export const FADED_EDGE_COLOR = "#f0f1f3";
/** Colour of links when nothing is in focus (sigma's defaultEdgeColor); see edgeColorFor. */
export const EDGE_COLOR = "#c9ccd3";
/** On large maps links overlap by thousands: drawn nearly transparent, they shade the space between clusters. */
export const LARGE_MAP_EDGE_COLOR = "rgba(110, 118, 135, 0.1)";
export const FOCUS_EDGE_COLOR = "#7d8594";

type NodeData = PaperNodeAttributes & Partial<NodeDisplayData>;
type EdgeData = LinkEdgeAttributes & Partial<EdgeDisplayData>;

/**
 * How hovering shows the neighbourhood. "fade": every other paper is redrawn faded (a full redraw per hover).
 * "veil": the hovered paper and its neighbours are raised above a translucent veil (the renderer shows it) and
 * nothing else changes, so that a hover redraws only them: for large maps, where a full redraw takes ~0.3 s.
 */
export type HoverStyle = "fade" | "veil";

export function reduceNode(
  state: State,
  node: string,
  data: NodeData,
  hover: HoverStyle = "fade",
): Partial<NodeDisplayData> {
  if (state.topicPapers && !state.topicPapers.has(node)) return { ...data, hidden: true };
  const emphasised = node === state.hoveredNode || node === state.selectedPaper;
  if (emphasised) return { ...data, label: data.title, highlighted: true, forceLabel: true, zIndex: 2 };
  if (hover === "veil" && state.hoverFocus?.has(node)) return { ...data, highlighted: true, zIndex: 1 };
  const focus = hover === "veil" ? state.selectionFocus : focusOf(state);
  if (focus === null) return data;
  if (focus.has(node)) return { ...data, zIndex: 1, forceLabel: focus.size <= FORCED_LABELS_UP_TO };
  return { ...data, color: FADED_NODE_COLOR, label: "", zIndex: 0 };
}

/** Papers in focus get their label drawn whatever their size when there are this few of them. */
export const FORCED_LABELS_UP_TO = 12;

export function reduceEdge(
  state: State,
  source: string,
  target: string,
  data: EdgeData,
  hover: HoverStyle = "fade",
): Partial<EdgeDisplayData> {
  if (data.weight < state.minWeight) return { ...data, hidden: true };
  if (hover === "fade" && state.hoveredNode !== null) {
    return source === state.hoveredNode || target === state.hoveredNode
      ? { ...data, color: FOCUS_EDGE_COLOR, zIndex: 1 }
      : { ...data, hidden: true };
  }
  const focus = state.selectionFocus;
  if (focus === null) return data;
  if (focus.has(source) && focus.has(target)) return { ...data, color: FOCUS_EDGE_COLOR, zIndex: 1 };
  return { ...data, color: FADED_EDGE_COLOR, zIndex: 0 };
}
