// The map view: a sigma renderer over the map's graph (papers, or an overview's cluster discs) whose appearance
// follows State through the reducers, the cluster labels layer, and camera moves. `createMapView` returns the view
// with a cleanup that kills sigma.

import Sigma from "sigma";
import { EdgeLineProgram, EdgeRectangleProgram, NodeCircleProgram } from "sigma/rendering";
import type { CameraState, Coordinates } from "sigma/types";

import { createClusterLabels, type ClusterLabels } from "./cluster-labels.js";
import type { LinkEdgeAttributes, MapData, MapSigma, PaperNodeAttributes } from "./graph-data.js";
import { NodeOutlineProgram, NodeRingProgram } from "./node-ring-program.js";
import { createPaperLabelDrawers } from "./paper-labels.js";
import { createPicker } from "./picking.js";
import {
  LARGE_MAP_STYLE,
  OVERVIEW_MAP_STYLE,
  reduceEdge,
  reduceNode,
  SMALL_MAP_STYLE,
  PROVISIONAL_NODE_TYPE,
  UNCERTAIN_NODE_TYPE,
} from "./reducers.js";
import { hoverNode, type State } from "./state.js";
import type { Store } from "./store.js";

export interface MapViewHandlers {
  onClickNode(node: string): void;
  onClickStage(): void;
}

export interface MapView {
  sigma: MapSigma;
  /** Moves the camera to one paper and the papers it links to. */
  focusNode(node: string): void;
  /** Moves the camera to frame these papers (the visible ones). */
  focusNodes(nodes: Iterable<string>): void;
  /** Shows the whole map. */
  resetCamera(): void;
  cleanup(): void;
}

/**
 * Above this many papers: links drawn as thin translucent lines, hidden while the camera moves, discs of a fixed
 * size on screen, and hovering raises the neighbourhood above a veil instead of redrawing every paper faded
 * (LARGE_MAP_STYLE).
 */
export const LARGE_GRAPH_NODES = 5000;
const CAMERA_DURATION = 450;
const OVERVIEW_STAGE_PADDING = 90;
/** Camera ratio for a paper without links. */
const NODE_ZOOM_RATIO = 0.22;
const MIN_FRAME_RATIO = 0.06;
/** Node programs, in the order sigma draws them (picking.ts ranks papers on top by it). */
const NODE_PROGRAMS = {
  circle: NodeCircleProgram,
  [UNCERTAIN_NODE_TYPE]: NodeRingProgram,
  [PROVISIONAL_NODE_TYPE]: NodeOutlineProgram,
};
const FRAME_PADDING = 1.35;

/** Creates the view; sigma draws its first frame before this returns. */
export function createMapView(container: HTMLElement, data: MapData, store: Store, handlers: MapViewHandlers): MapView {
  const { graph } = data;
  const large = graph.order > LARGE_GRAPH_NODES;
  const positions = new Map(graph.nodes().map((node, i) => [node, i]));
  const indexOf = (node: string) => positions.get(node) ?? -1;
  const style = data.kind === "overview" ? OVERVIEW_MAP_STYLE : large ? LARGE_MAP_STYLE : SMALL_MAP_STYLE;
  // NOTE: the cluster labels are placed in each frame before its first title is drawn (cluster-labels.ts).
  let labels: ClusterLabels | null = null;
  const titles = createPaperLabelDrawers({
    size: () => ({ width: container.clientWidth, height: container.clientHeight }),
    reserved: () => labels?.reserved() ?? [],
  });
  const sigma: MapSigma = new Sigma<PaperNodeAttributes, LinkEdgeAttributes>(graph, container, {
    defaultEdgeColor: style.edgeColor,
    defaultEdgeType: large ? "line" : "rectangle",
    edgeProgramClasses: { line: EdgeLineProgram, rectangle: EdgeRectangleProgram },
    nodeProgramClasses: NODE_PROGRAMS,
    hideEdgesOnMove: large,
    labelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    labelSize: 12,
    labelDensity: 0.4,
    labelRenderedSizeThreshold: large ? 10 : 8,
    // NOTE: an overview's discs are large and labelled underneath: more room at the edges.
    stagePadding: data.kind === "overview" ? OVERVIEW_STAGE_PADDING : 40,
    // NOTE: on large maps discs keep their size on screen when zooming in, so that dense clusters open up.
    ...(large ? { zoomToSizeRatioFunction: () => 1 } : {}),
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
    nodeReducer: (node, attributes) => reduceNode(store.state, node, attributes, style),
    edgeReducer: (edge, attributes) =>
      reduceEdge(store.state, graph.source(edge), graph.target(edge), attributes, style),
    // The hovered or selected paper gets its title in a box; papers raised above the veil, their label only, and
    // only when drawn large enough (the same rule as for labels on the map), so that neighbours' titles do not pile up.
    defaultDrawNodeLabel: titles.drawLabel,
    defaultDrawNodeHover: (context, display, settings) => {
      const node = (display as { key?: string }).key;
      if (node === store.state.hoveredNode || node === store.state.selectedPaper)
        titles.drawHover(context, display, settings);
      else if (display.size >= settings.labelRenderedSizeThreshold) titles.drawLabel(context, display, settings);
    },
  });
  // Sigma's layers, bottom to top: links, papers, titles, [veil, cluster labels], raised papers, then the hovered and
  // selected papers' boxes (moved up from under the raised papers, so that the paper one points at is on top).
  const hovers = container.querySelector(".sigma-hovers");
  const raised = container.querySelector(".sigma-hoverNodes");
  if (hovers && raised) container.insertBefore(hovers, raised.nextSibling);
  const veil = document.createElement("div");
  veil.className = "map-veil";
  veil.hidden = true;
  container.insertBefore(veil, raised);
  const picker = createPicker(sigma, graph, store, {
    nodeTypes: Object.keys(NODE_PROGRAMS),
    drawnHover: titles.drawnHover,
  });
  // NOTE: sigma's own picking (a private method, used for its hover and click events) is replaced by picking.ts.
  (sigma as unknown as { getNodeAtPosition(point: Coordinates): string | null }).getNodeAtPosition = picker.nodeAt;

  sigma.on("beforeRender", titles.startFrame);
  sigma.on("enterNode", ({ node }) => {
    container.style.cursor = "pointer";
    store.apply(hoverNode(node));
  });
  sigma.on("leaveNode", () => {
    container.style.cursor = "";
    store.apply(hoverNode(null));
  });
  sigma.on("clickNode", ({ node }) => handlers.onClickNode(node));
  sigma.on("clickStage", () => handlers.onClickStage());

  const unsubscribe = store.subscribe((state, previous) => {
    if (!changesAppearance(state, previous)) return;
    veil.hidden = style.hover !== "veil" || state.hoverFocus === null;
    if (style.hover === "veil" && onlyHoverChanged(state, previous)) {
      // NOTE: every raised paper is redrawn, in graph order: sigma raises them in the order they are refreshed, and
      // picking.ts takes graph order for the order they are drawn in.
      const nodes = new Set([...(previous.hoverFocus ?? []), ...(state.hoverFocus ?? [])]);
      for (const node of [previous.hoveredNode, state.hoveredNode, state.selectedPaper])
        if (node !== null) nodes.add(node);
      const order = [...nodes].sort((a, b) => indexOf(a) - indexOf(b));
      sigma.refresh({ partialGraph: { nodes: order }, skipIndexation: true });
    } else {
      sigma.refresh({ skipIndexation: true });
    }
  });
  labels = createClusterLabels(container, sigma, data.clusters, store, {
    onDiscs: data.kind === "overview",
    before: raised,
  });
  // Sigma drew its first frame before the labels existed: once more (no reducers run), titles kept off the labels.
  sigma.scheduleRender();

  const animate = (target: Partial<CameraState>) => {
    sigma.getCamera().animate(target, { duration: CAMERA_DURATION });
  };

  return {
    sigma,
    focusNode(node) {
      const display = sigma.getNodeDisplayData(node);
      if (!display) return;
      // Centred on the paper, zoomed so that its linked papers are in view too.
      let reach = 0;
      graph.forEachNeighbor(node, (neighbour) => {
        const other = sigma.getNodeDisplayData(neighbour);
        if (other && !other.hidden)
          reach = Math.max(reach, Math.abs(other.x - display.x), Math.abs(other.y - display.y));
      });
      const ratio = reach > 0 ? 2 * reach * FRAME_PADDING : NODE_ZOOM_RATIO;
      animate({ x: display.x, y: display.y, ratio: Math.min(1, Math.max(MIN_FRAME_RATIO, ratio)) });
    },
    focusNodes(nodes) {
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const node of nodes) {
        const display = sigma.getNodeDisplayData(node);
        if (!display || display.hidden) continue;
        minX = Math.min(minX, display.x);
        maxX = Math.max(maxX, display.x);
        minY = Math.min(minY, display.y);
        maxY = Math.max(maxY, display.y);
      }
      if (!Number.isFinite(minX)) return;
      const extent = Math.max(maxX - minX, maxY - minY) * FRAME_PADDING;
      animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: Math.min(1, Math.max(MIN_FRAME_RATIO, extent)) });
    },
    resetCamera() {
      animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    },
    cleanup() {
      unsubscribe();
      labels?.cleanup();
      veil.remove();
      sigma.kill();
    },
  };
}

function changesAppearance(state: State, previous: State): boolean {
  return (
    state.hoverFocus !== previous.hoverFocus ||
    state.selectionFocus !== previous.selectionFocus ||
    state.selectedPaper !== previous.selectedPaper ||
    state.minWeight !== previous.minWeight ||
    state.topicPapers !== previous.topicPapers ||
    state.uncertainFocus !== previous.uncertainFocus ||
    state.dateBuckets !== previous.dateBuckets ||
    state.facetPapers !== previous.facetPapers
  );
}

function onlyHoverChanged(state: State, previous: State): boolean {
  return (
    state.selectionFocus === previous.selectionFocus &&
    state.selectedPaper === previous.selectedPaper &&
    state.minWeight === previous.minWeight &&
    state.topicPapers === previous.topicPapers &&
    state.uncertainFocus === previous.uncertainFocus &&
    state.dateBuckets === previous.dateBuckets &&
    state.facetPapers === previous.facetPapers
  );
}
