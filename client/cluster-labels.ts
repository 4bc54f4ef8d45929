// Each cluster's label drawn on the map at the cluster's centre (x, y from the server), as an HTML layer over
// sigma's canvases that follows the camera; on an overview, under the cluster's disc. Text goes in with textContent;
// the layer never takes the pointer.

import type { ClusterDto } from "../server/api/dto.js";
import { clusterNode } from "./graph-data.js";
import type { MapSigma } from "./renderer.js";
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
  const labels = clusters.map((cluster) => {
    const label = document.createElement("div");
    label.className = "cluster-label";
    label.dataset.clusterId = String(cluster.id);
    label.textContent = cluster.label;
    if (!onDiscs) label.style.color = cluster.color;
    const share = Math.sqrt(cluster.size / largest);
    label.style.fontSize = `${(FONT_SIZE_RANGE[0] + share * (FONT_SIZE_RANGE[1] - FONT_SIZE_RANGE[0])).toFixed(1)}px`;
    layer.appendChild(label);
    return { cluster, label };
  });
  container.appendChild(layer);

  const place = () => {
    for (const { cluster, label } of labels) {
      const point = sigma.graphToViewport({ x: cluster.x, y: cluster.y });
      if (onDiscs) {
        // Under the disc, whose radius on screen follows the zoom.
        const disc = sigma.getNodeDisplayData(clusterNode(cluster.id));
        const below = point.y + (disc ? sigma.scaleSize(disc.size) : 0) + DISC_LABEL_GAP;
        label.style.transform = `translate(${point.x.toFixed(1)}px, ${below.toFixed(1)}px) translate(-50%, 0)`;
      } else {
        label.style.transform = `translate(${point.x.toFixed(1)}px, ${point.y.toFixed(1)}px) translate(-50%, -50%)`;
      }
    }
  };
  const emphasise = (state: State) => {
    for (const { cluster, label } of labels) {
      const hovered = onDiscs && state.hoverFocus !== null && state.hoverFocus.has(clusterNode(cluster.id));
      const faded =
        state.selectedCluster !== null ? state.selectedCluster !== cluster.id : state.hoveredNode !== null && !hovered;
      label.classList.toggle("faded", faded);
    }
  };
  sigma.on("afterRender", place);
  place();
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
