// Where the user is on a large corpus's map: on the overview (one disc per cluster), or inside one cluster, with
// the way back to the overview. Hidden on a whole map.

import type { ClusterDto } from "../../server/contract/index.js";
import { h, replaceChildren } from "../dom.js";

export type MapPlace =
  { kind: "whole" } | { kind: "overview"; papers: number } | { kind: "cluster"; cluster: ClusterDto };

export interface MapNavView {
  show(place: MapPlace): void;
  /** Another map is loading. */
  loading(message: string): void;
}

export function createMapNav(root: HTMLElement, onOverview: () => void): MapNavView {
  return {
    loading(message) {
      root.hidden = false;
      root.setAttribute("aria-busy", "true");
      replaceChildren(root, h("p", { className: "loading", attrs: { role: "status" } }, message));
    },
    show(place) {
      root.removeAttribute("aria-busy");
      root.hidden = place.kind === "whole";
      root.dataset.place = place.kind;
      if (place.kind === "whole") return replaceChildren(root);
      if (place.kind === "overview") {
        return replaceChildren(
          root,
          h(
            "p",
            {},
            `${place.papers.toLocaleString("en")} papers, one disc per cluster. Click a cluster to open its papers.`,
          ),
        );
      }
      const swatch = h("span", { className: "swatch", attrs: { "aria-hidden": "true" } });
      swatch.style.background = place.cluster.color;
      replaceChildren(
        root,
        h(
          "button",
          { attrs: { type: "button", "data-testid": "overview-back" }, on: { click: onOverview } },
          "← All clusters",
        ),
        h("p", {}, swatch, `${place.cluster.label}: ${place.cluster.size.toLocaleString("en")} papers`),
      );
    },
  };
}
