// The legend: every cluster with its colour, label and number of papers. Clicking one selects it (again:
// clears); the selected one is marked with aria-pressed.

import type { ClusterDto } from "../../server/contract/index.js";
import { h, replaceChildren } from "../dom.js";

export interface LegendView {
  setSelected(cluster: number | null): void;
}

export function createLegend(
  root: HTMLElement,
  clusters: readonly ClusterDto[],
  onSelect: (cluster: number) => void,
): LegendView {
  const buttons = new Map<number, HTMLButtonElement>();
  const items = clusters.map((cluster) => {
    const button = h(
      "button",
      {
        className: "cluster-item",
        attrs: {
          type: "button",
          "data-testid": "cluster-item",
          "data-cluster-id": cluster.id,
          "aria-pressed": "false",
          title: cluster.topics.map((topic) => topic.term).join(", "),
        },
        on: { click: () => onSelect(cluster.id) },
      },
      h("span", { className: "swatch", attrs: { "aria-hidden": "true" } }),
      h("span", { className: "cluster-name" }, cluster.label),
      h("span", { className: "count", attrs: { "aria-label": `${cluster.size} papers` } }, cluster.size),
    );
    (button.firstChild as HTMLElement).style.background = cluster.color;
    buttons.set(cluster.id, button);
    return h("li", {}, button);
  });
  replaceChildren(root, ...items);
  let selected: number | null = null;
  return {
    setSelected(cluster) {
      if (cluster === selected) return;
      buttons.get(selected ?? -1)?.setAttribute("aria-pressed", "false");
      buttons.get(cluster ?? -1)?.setAttribute("aria-pressed", "true");
      selected = cluster;
    },
  };
}
