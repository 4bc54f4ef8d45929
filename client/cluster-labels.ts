// Each cluster's label drawn on the map at the cluster's centre (x, y from the server), as an HTML layer over
// sigma's canvases that follows the camera; on an overview, under the cluster's disc. Where labels would overlap, the
// selected or hovered cluster's label wins, then the larger cluster's; the others wait until zooming makes room.
// Text goes in with textContent; the layer never takes the pointer.

import type { ClusterDto } from "../server/contract/index.js";
import { clusterNode, type MapSigma } from "./graph-data.js";
import type { State } from "./state.js";
import type { Store } from "./store.js";

const FONT_SIZE_RANGE: [number, number] = [11, 17];
/** Pixels between an overview's disc and its label. */
const DISC_LABEL_GAP = 3;

export interface ClusterLabelsOptions {
  /** Labels of an overview's discs: dark text under each disc; the hovered disc's and its neighbours' stay clear. */
  onDiscs: boolean;
}

export function createClusterLabels(
  container: HTMLElement,
  sigma: MapSigma,
  clusters: readonly ClusterDto[],
  store: Store,
  { onDiscs }: ClusterLabelsOptions,
) {
  const layer = document.createElement("div");
  layer.className = onDiscs ? "cluster-labels on-discs" : "cluster-labels";
  layer.setAttribute("aria-hidden", "true");
  const largest = Math.max(1, ...clusters.map((cluster) => cluster.size));
  const labels: { cluster: ClusterDto; label: HTMLElement; width: number; height: number }[] = clusters.map(
    (cluster) => {
      const label = document.createElement("div");
      label.className = "cluster-label";
      label.dataset.clusterId = String(cluster.id);
      label.textContent = cluster.label;
      if (!onDiscs) label.style.color = cluster.color;
      const share = Math.sqrt(cluster.size / largest);
      label.style.fontSize = `${(FONT_SIZE_RANGE[0] + share * (FONT_SIZE_RANGE[1] - FONT_SIZE_RANGE[0])).toFixed(1)}px`;
      layer.appendChild(label);
      return { cluster, label, width: 0, height: 0 };
    },
  );
  container.appendChild(layer);
  // NOTE: a label's text and font never change: its box is measured once (one layout), then only moved.
  for (const entry of labels) [entry.width, entry.height] = [entry.label.offsetWidth, entry.label.offsetHeight];
  /** Labels in the order they claim room: the selected or hovered cluster's first, then by size. */
  let order = [...labels].sort((a, b) => b.cluster.size - a.cluster.size);

  const place = () => {
    const taken: { left: number; top: number; right: number; bottom: number }[] = [];
    for (const { cluster, label, width, height } of order) {
      const point = sigma.graphToViewport({ x: cluster.x, y: cluster.y });
      let top = point.y - height / 2;
      if (onDiscs) {
        // Under the disc, whose radius on screen follows the zoom.
        const disc = sigma.getNodeDisplayData(clusterNode(cluster.id));
        top = point.y + (disc ? sigma.scaleSize(disc.size) : 0) + DISC_LABEL_GAP;
      }
      const box = { left: point.x - width / 2, top, right: point.x + width / 2, bottom: top + height };
      const crowded = taken.some(
        (other) => box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom,
      );
      label.classList.toggle("crowded", crowded);
      if (crowded) continue;
      taken.push(box);
      label.style.transform = `translate(${box.left.toFixed(1)}px, ${box.top.toFixed(1)}px)`;
    }
  };
  const emphasise = (state: State) => {
    const first = (id: number) => id === state.selectedCluster || clusterNode(id) === state.hoveredNode;
    order = [...labels].sort(
      (a, b) => Number(first(b.cluster.id)) - Number(first(a.cluster.id)) || b.cluster.size - a.cluster.size,
    );
    for (const { cluster, label } of labels) {
      const hovered = onDiscs && state.hoverFocus !== null && state.hoverFocus.has(clusterNode(cluster.id));
      const faded =
        state.selectedCluster !== null ? state.selectedCluster !== cluster.id : state.hoveredNode !== null && !hovered;
      label.classList.toggle("faded", faded);
    }
    place();
  };
  sigma.on("afterRender", place);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.selectedCluster !== previous.selectedCluster || state.hoverFocus !== previous.hoverFocus)
      emphasise(state);
  });
  emphasise(store.state);

  return () => {
    unsubscribe();
    sigma.off("afterRender", place);
    layer.remove();
  };
}
