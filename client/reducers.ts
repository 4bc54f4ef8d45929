// Appearance as a function of State: sigma's nodeReducer and edgeReducer. They only look up the sets State
// derived; nothing is computed per node beyond a few Set.has calls (and a paper's confidence against the threshold).

import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import { isUncertain } from "./confidence.js";
import type { LinkEdgeAttributes, PaperNodeAttributes } from "./graph-data.js";
import { focusOf, type State } from "./state.js";

export const FADED_NODE_COLOR = "#e2e4e8";

/** How the map draws links and shows a hovered neighbourhood; the renderer picks one by the map's size. */
export interface MapStyle {
  /**
   * "fade": every other paper is redrawn faded (a full redraw per hover). "veil": the hovered paper and its
   * neighbours are raised above a translucent veil (the renderer shows it) and nothing else changes, so that a hover
   * redraws only them: for large maps, where a full redraw is too slow to follow the pointer.
   */
  hover: "fade" | "veil";
  /** Links when nothing is in focus (sigma's defaultEdgeColor). */
  edgeColor: string;
  /** Links between papers in focus. */
  focusEdgeColor: string;
  /** Links outside the focus; null hides them. */
  fadedEdgeColor: string | null;
}

export const SMALL_MAP_STYLE: Readonly<MapStyle> = {
  hover: "fade",
  edgeColor: "#c9ccd3",
  focusEdgeColor: "#7d8594",
  fadedEdgeColor: "#f0f1f3",
};

/** Links overlap by thousands on large maps: drawn nearly transparent, they shade the space between clusters. */
export const LARGE_MAP_STYLE: Readonly<MapStyle> = {
  hover: "veil",
  edgeColor: "rgba(110, 118, 135, 0.1)",
  focusEdgeColor: "rgba(70, 76, 90, 0.3)",
  fadedEdgeColor: null,
};

/** An overview links nearly every pair of clusters: translucent links, and a selection hides the others. */
export const OVERVIEW_MAP_STYLE: Readonly<MapStyle> = {
  hover: "fade",
  edgeColor: "rgba(110, 118, 135, 0.3)",
  focusEdgeColor: "rgba(70, 76, 90, 0.5)",
  fadedEdgeColor: null,
};

type NodeData = PaperNodeAttributes & Partial<NodeDisplayData>;
type EdgeData = LinkEdgeAttributes & Partial<EdgeDisplayData>;

/** Sigma's node type for papers between topics (a ring: NodeRingProgram); the others are plain discs. */
export const UNCERTAIN_NODE_TYPE = "ring";
/** Sigma's node type for papers added since the map was built (an outline: NodeOutlineProgram). */
export const PROVISIONAL_NODE_TYPE = "provisional";

/**
 * NOTE: papers never change their drawing order (no zIndex): what is drawn on top is what picking.ts finds under the
 * pointer. Papers to show above the others are `highlighted`, which sigma draws in its hover layer.
 */
export function reduceNode(
  state: State,
  node: string,
  data: NodeData,
  style: Readonly<MapStyle> = SMALL_MAP_STYLE,
): Partial<NodeDisplayData> {
  if (state.topicPapers && !state.topicPapers.has(node)) return { ...data, hidden: true };
  const base = data.provisional
    ? { ...data, type: PROVISIONAL_NODE_TYPE }
    : isUncertain(data.confidence)
      ? { ...data, type: UNCERTAIN_NODE_TYPE }
      : data;
  const emphasised = node === state.hoveredNode || node === state.selectedPaper;
  if (emphasised) return { ...base, label: data.title, highlighted: true, forceLabel: true };
  if (filteredOut(state, node, data)) return { ...base, color: FADED_NODE_COLOR, label: "" };
  if (style.hover === "veil" && state.hoverFocus?.has(node)) return { ...base, highlighted: true };
  const hovering = style.hover === "fade" && state.hoverFocus !== null;
  const focus = style.hover === "veil" ? state.selectionFocus : focusOf(state);
  // NOTE: "show uncertain papers" narrows the selection, but a hover (on small maps) shows the whole neighbourhood.
  const uncertain = hovering ? null : state.uncertainFocus;
  if (focus === null && uncertain === null) return base;
  if (inFocus(node, focus, uncertain)) {
    return { ...base, forceLabel: focus !== null && focus.size <= FORCED_LABELS_UP_TO };
  }
  return { ...base, color: FADED_NODE_COLOR, label: "" };
}

/** Papers in focus get their label drawn whatever their size when there are this few of them. */
export const FORCED_LABELS_UP_TO = 12;

export function reduceEdge(
  state: State,
  source: string,
  target: string,
  data: EdgeData,
  style: Readonly<MapStyle> = SMALL_MAP_STYLE,
): Partial<EdgeDisplayData> {
  if (data.weight < state.minWeight) return { ...data, hidden: true };
  if (style.hover === "fade" && state.hoveredNode !== null) {
    return source === state.hoveredNode || target === state.hoveredNode
      ? { ...data, color: style.focusEdgeColor, zIndex: 1 }
      : { ...data, hidden: true };
  }
  const focus = state.selectionFocus;
  const uncertain = state.uncertainFocus;
  if (focus === null && uncertain === null) return data;
  if (inFocus(source, focus, uncertain) && inFocus(target, focus, uncertain))
    return { ...data, color: style.focusEdgeColor, zIndex: 1 };
  return style.fadedEdgeColor === null
    ? { ...data, hidden: true }
    : { ...data, color: style.fadedEdgeColor, zIndex: 0 };
}

/** Whether the date or facet filter fades a paper (a cluster's disc, which has no bucket, never fades by date). */
function filteredOut(state: State, node: string, data: NodeData): boolean {
  const range = state.dateBuckets;
  if (range !== null && data.bucket !== undefined && !(data.bucket >= range[0] && data.bucket <= range[1])) return true;
  return state.facetPapers !== null && !state.facetPapers.has(node);
}

/** In every focus there is (a null focus holds everything). */
function inFocus(node: string, focus: ReadonlySet<string> | null, uncertain: ReadonlySet<string> | null): boolean {
  return (focus === null || focus.has(node)) && (uncertain === null || uncertain.has(node));
}
