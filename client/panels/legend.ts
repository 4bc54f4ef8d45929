// The legend: every cluster with its colour, label, number of papers and its papers over time (a sparkline of its
// trend and its growth, from the API). Clicking one selects it (again: clears); the selected one is marked with
// aria-pressed. The clusters can be listed largest first or growing first.

import type { ClusterDto, TimelineDto } from "../../server/contract/index.js";
import { h, replaceChildren } from "../dom.js";
import { sparkline } from "../sparkline.js";

export type LegendOrder = "size" | "growth";

export interface LegendView {
  setSelected(cluster: number | null): void;
  setOrder(order: LegendOrder): void;
}

const SPARK_WIDTH = 48;
const SPARK_HEIGHT = 14;

/** Growth as a person reads it: "↑ 2.1×", "↓ 0.6×", "≈ 1.0×"; "" when there is none. */
export function formatGrowth(growth: number | null): string {
  if (growth === null) return "";
  const arrow = growth >= 1.1 ? "↑" : growth <= 1 / 1.1 ? "↓" : "≈";
  return `${arrow} ${growth.toFixed(1)}×`;
}

/** Cluster ids in the legend's order: largest first (the API's order), or highest growth first (none last). */
export function legendOrder(clusters: readonly ClusterDto[], order: LegendOrder): number[] {
  const ids = clusters.map((cluster) => cluster.id);
  if (order === "size") return ids;
  const growth = new Map(clusters.map((cluster) => [cluster.id, cluster.growth ?? -1]));
  return ids.sort((a, b) => growth.get(b)! - growth.get(a)!);
}

export function createLegend(
  root: HTMLElement,
  clusters: readonly ClusterDto[],
  timeline: TimelineDto,
  onSelect: (cluster: number) => void,
): LegendView {
  const buttons = new Map<number, HTMLButtonElement>();
  const items = new Map<number, HTMLLIElement>();
  const recentFrom = timeline.recentFrom === null ? null : timeline.labels.indexOf(timeline.recentFrom);
  const span = timeline.labels.length > 0 ? `${timeline.labels[0]} to ${timeline.labels.at(-1)}` : "";
  for (const cluster of clusters) {
    const trend =
      cluster.trend.length > 1
        ? sparkline(cluster.trend, `${cluster.label}: papers by ${timeline.unit}, ${span}`, {
            width: SPARK_WIDTH,
            height: SPARK_HEIGHT,
            recentFrom,
          })
        : null;
    const growth = formatGrowth(cluster.growth);
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
      h(
        "span",
        { className: "cluster-meta" },
        trend,
        growth
          ? h(
              "span",
              {
                className: "growth",
                attrs: {
                  "data-testid": "cluster-growth",
                  title: `Share of recent papers (from ${timeline.recentFrom}) over share before: ${cluster.growth}`,
                },
              },
              growth,
            )
          : null,
        h("span", { className: "count", attrs: { "aria-label": `${cluster.size} papers` } }, cluster.size),
      ),
    );
    (button.firstChild as HTMLElement).style.background = cluster.color;
    if (trend) trend.style.color = cluster.color;
    buttons.set(cluster.id, button);
    items.set(cluster.id, h("li", {}, button));
  }
  let selected: number | null = null;
  const setOrder = (order: LegendOrder) =>
    replaceChildren(root, ...legendOrder(clusters, order).map((id) => items.get(id)!));
  setOrder("size");
  return {
    setSelected(cluster) {
      if (cluster === selected) return;
      buttons.get(selected ?? -1)?.setAttribute("aria-pressed", "false");
      buttons.get(cluster ?? -1)?.setAttribute("aria-pressed", "true");
      selected = cluster;
    },
    setOrder,
  };
}
