// Each cluster's label on the map, as an HTML layer over sigma's canvases that follows the camera: every cluster in
// view is named, on its papers (x, y from the server) or, on an overview, under its disc; where labels would
// overlap, the selected or hovered cluster's label keeps its spot, then the larger cluster's, and the others take a
// smaller font or move away with a leader line to their cluster (label-placement.ts). The boxes it takes are kept
// free of paper titles (`reserved`). Text goes in with textContent; the layer never takes the pointer.

import type { ClusterDto } from "../server/contract/index.js";
import { clusterNode, type MapSigma } from "./graph-data.js";
import { placeLabels, type Box, type LabelRequest, type Size } from "./label-placement.js";
import type { State } from "./state.js";
import type { Store } from "./store.js";

const FONT_SIZE_RANGE: [number, number] = [11, 17];
/** Font sizes a label may shrink to when crowded, as shares of its own. */
const FONT_STEPS = [1, 0.82, 0.68];
const MIN_FONT_SIZE = 9;
/** Pixels between an overview's disc and its label. */
const DISC_LABEL_GAP = 3;
/** Pixels kept free along the map's edges. */
const EDGE = 4;
/** A label within this share of its cluster's radius from the centre is on the cluster: no leader line. */
const ON_CLUSTER = 0.5;
const SVG = "http://www.w3.org/2000/svg";

export interface ClusterLabelsOptions {
  /** Labels of an overview's discs: dark text under each disc; the hovered disc's and its neighbours' stay clear. */
  onDiscs: boolean;
  /** The layer of the container the labels go under (sigma's raised papers). */
  before: Element | null;
}

export interface ClusterLabels {
  /** The boxes the labels drawn in the last frame take (and their leader lines' ends), in viewport pixels. */
  reserved(): readonly Box[];
  cleanup(): void;
}

interface Label {
  cluster: ClusterDto;
  element: HTMLElement;
  leader: SVGLineElement;
  /** A dot at the leader's end, on the cluster. */
  end: SVGCircleElement;
  fontSizes: number[];
  sizes: Size[];
  step: number;
  previous: { dx: number; dy: number; step: number } | null;
}

export function createClusterLabels(
  container: HTMLElement,
  sigma: MapSigma,
  clusters: readonly ClusterDto[],
  store: Store,
  { onDiscs, before }: ClusterLabelsOptions,
): ClusterLabels {
  const layer = document.createElement("div");
  layer.className = onDiscs ? "cluster-labels on-discs" : "cluster-labels";
  layer.setAttribute("aria-hidden", "true");
  const lines = document.createElementNS(SVG, "svg");
  lines.setAttribute("class", "cluster-leaders");
  layer.appendChild(lines);
  const largest = Math.max(1, ...clusters.map((cluster) => cluster.size));
  const labels: Label[] = clusters.map((cluster) => {
    const element = document.createElement("div");
    element.className = "cluster-label";
    element.dataset.clusterId = String(cluster.id);
    element.textContent = cluster.label;
    const leader = document.createElementNS(SVG, "line");
    leader.dataset.clusterId = String(cluster.id);
    const end = document.createElementNS(SVG, "circle");
    end.setAttribute("r", "2.5");
    end.style.fill = cluster.color;
    if (!onDiscs) element.style.color = cluster.color;
    lines.append(leader, end);
    layer.appendChild(element);
    const share = Math.sqrt(cluster.size / largest);
    const base = FONT_SIZE_RANGE[0] + share * (FONT_SIZE_RANGE[1] - FONT_SIZE_RANGE[0]);
    const fontSizes = FONT_STEPS.map((step) => Math.max(MIN_FONT_SIZE, base * step));
    return { cluster, element, leader, end, fontSizes, sizes: [], step: -1, previous: null };
  });
  container.insertBefore(layer, before);
  // A label's text never changes: its box is measured once per font size (one layout each), then only moved.
  for (const label of labels) {
    label.sizes = label.fontSizes.map((size) => {
      label.element.style.fontSize = `${size.toFixed(1)}px`;
      return { width: label.element.offsetWidth, height: label.element.offsetHeight };
    });
    label.element.style.fontSize = "";
  }
  let reserved: Box[] = [];

  const place = () => {
    const state = store.state;
    const { width, height } = sigma.getDimensions();
    const bounds = { left: EDGE, top: EDGE, right: width - EDGE, bottom: height - EDGE };
    if (!(bounds.right > bounds.left && bounds.bottom > bounds.top)) return;
    const first = (id: number) => id === state.selectedCluster || clusterNode(id) === state.hoveredNode;
    const order = [...labels].sort(
      (a, b) => Number(first(b.cluster.id)) - Number(first(a.cluster.id)) || b.cluster.size - a.cluster.size,
    );
    const requests: LabelRequest[] = order.map((label) => requestOf(label, bounds));
    const placements = placeLabels(requests, { bounds, middle: middleOf(requests) });
    reserved = [];
    order.forEach((label, i) => {
      const placement = placements[i];
      const { element, leader, end } = label;
      element.classList.toggle("offscreen", placement === null);
      const faded = isFaded(label.cluster, state);
      element.classList.toggle("faded", faded);
      for (const part of [leader, end]) {
        part.classList.toggle("shown", placement !== null && placement.leader !== null);
        part.classList.toggle("faded", faded);
      }
      if (placement === null) {
        label.previous = null;
        return;
      }
      const { box, step } = placement;
      if (step !== label.step) {
        element.style.fontSize = `${label.fontSizes[step].toFixed(1)}px`;
        label.step = step;
      }
      element.classList.toggle("overlapping", placement.overlapping);
      element.style.transform = `translate(${box.left.toFixed(1)}px, ${box.top.toFixed(1)}px)`;
      const home = requests[i].home;
      label.previous = {
        dx: (box.left + box.right) / 2 - home.x,
        dy: (box.top + box.bottom) / 2 - home.y,
        step,
      };
      if (placement.leader) {
        const { from, to } = placement.leader;
        leader.setAttribute("x1", from.x.toFixed(1));
        leader.setAttribute("y1", from.y.toFixed(1));
        leader.setAttribute("x2", to.x.toFixed(1));
        leader.setAttribute("y2", to.y.toFixed(1));
        end.setAttribute("cx", to.x.toFixed(1));
        end.setAttribute("cy", to.y.toFixed(1));
      }
      if (!faded) reserved.push(box);
    });
  };

  /** Where a cluster is on screen and where its label would like to be. */
  const requestOf = (label: Label, bounds: Box): LabelRequest => {
    const { cluster } = label;
    const centre = sigma.graphToViewport({ x: cluster.x, y: cluster.y });
    const edge = sigma.graphToViewport({ x: cluster.x + cluster.radius, y: cluster.y });
    let radius = Math.hypot(edge.x - centre.x, edge.y - centre.y);
    let reach = Math.max(6, radius * ON_CLUSTER);
    let home = centre;
    if (onDiscs) {
      // Under the disc, whose radius on screen follows the zoom.
      const disc = sigma.getNodeDisplayData(clusterNode(cluster.id));
      radius = disc ? sigma.scaleSize(disc.size) : 0;
      reach = radius + DISC_LABEL_GAP + 2;
      home = { x: centre.x, y: centre.y + radius + DISC_LABEL_GAP + label.sizes[0].height / 2 };
    }
    // A cluster whose centre is out of view but whose papers reach into it is named at the nearest edge.
    const anchor = clampToBounds(centre, radius, bounds);
    if (anchor !== centre) home = anchor;
    return { anchor, reach, home, sizes: label.sizes, previous: label.previous };
  };

  // NOTE: placed once per frame, when the frame's first title is drawn (the titles keep off the labels) or at its
  // end: not at sigma's beforeRender, where its matrix and extent are still the last frame's (or reset).
  let placedFrame = false;
  const startFrame = () => {
    placedFrame = false;
  };
  const ensurePlaced = () => {
    if (placedFrame) return;
    placedFrame = true;
    place();
  };
  sigma.on("beforeRender", startFrame);
  sigma.on("afterRender", ensurePlaced);
  place();
  placedFrame = true;

  return {
    reserved() {
      ensurePlaced();
      return reserved;
    },
    cleanup() {
      sigma.off("beforeRender", startFrame);
      sigma.off("afterRender", ensurePlaced);
      layer.remove();
    },
  };
}

/** Faded: another cluster is selected, or (with nothing selected) a paper or disc other than this one is hovered. */
function isFaded(cluster: ClusterDto, state: State): boolean {
  if (state.selectedCluster !== null) return state.selectedCluster !== cluster.id;
  if (state.hoveredNode === null) return false;
  return !(state.hoverFocus?.has(clusterNode(cluster.id)) ?? false);
}

/** The middle of the clusters in view, weighted alike: labels that must move, move away from it. */
function middleOf(requests: readonly LabelRequest[]): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (const request of requests) {
    x += request.anchor.x;
    y += request.anchor.y;
  }
  return requests.length ? { x: x / requests.length, y: y / requests.length } : { x: 0, y: 0 };
}

/**
 * The centre itself when in view; the nearest point of the bounds when the cluster (a disc of `radius` around its
 * centre) reaches into view; otherwise the centre, out of view.
 */
function clampToBounds(centre: { x: number; y: number }, radius: number, bounds: Box): { x: number; y: number } {
  const x = Math.min(bounds.right, Math.max(bounds.left, centre.x));
  const y = Math.min(bounds.bottom, Math.max(bounds.top, centre.y));
  if (x === centre.x && y === centre.y) return centre;
  return Math.hypot(x - centre.x, y - centre.y) < radius ? { x, y } : centre;
}
