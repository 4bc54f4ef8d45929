// What a cluster's label rests on, above its list of papers: each of its topics with the share of its papers that
// carry it and, beside it, the share in the nearest cluster (a label is trustworthy when its topics are common here
// and rare there); how stable the cluster is over repeated clusterings; and its subtopics, each a button that lists
// only its papers. Text only, through text nodes.

import type { ClusterDto, ClusterPapersDto, ClusterTopicDto, SubclusterDto } from "../../server/contract/index.js";
import { formatShare, h } from "../dom.js";

export interface ClusterSummaryHandlers {
  /** A subtopic's button was clicked (the selected one again: back to the whole cluster). */
  onSubcluster(subcluster: number): void;
}

/**
 * "quantization — 62% of papers · 3% in nearest" (the nearest cluster is named once, above the topics), without the
 * comparison when there is none. With `nearest`, the long form: "… · 3% in “training, memory”".
 */
export function topicShareText(topic: ClusterTopicDto, nearest?: string): string {
  const here = `${topic.term} — ${formatShare(topic.share)} of papers`;
  if (topic.nearestShare === undefined) return here;
  return `${here} · ${formatShare(topic.nearestShare)} in ${nearest === undefined ? "nearest" : `“${nearest}”`}`;
}

/** "Stability 87% · nearest cluster: “training, memory”". */
export function stabilityText(cluster: Pick<ClusterDto, "stability" | "nearest">): string {
  const stability = `Stability ${formatShare(cluster.stability)}`;
  return cluster.nearest ? `${stability} · nearest cluster: “${cluster.nearest.label}”` : stability;
}

const STABILITY_HINT =
  "On average, the share of repeated clusterings (other random seeds) that put this cluster's papers in it";

const FACET_HEADINGS: Record<keyof ClusterPapersDto["facets"], string> = {
  category: "Main categories",
  author: "Main authors",
  venue: "Main venues",
};

/** "cs.CL (120), cs.LG (80)": a facet's main values with their papers. */
export function facetText(values: ClusterPapersDto["facets"]["category"]): string {
  return values.map((v) => `${v.value} (${v.papers})`).join(", ");
}

/** The main categories, authors and venues of the listed papers, those the corpus has. */
function facetLines(facets: ClusterPapersDto["facets"]): HTMLElement[] {
  return (Object.keys(FACET_HEADINGS) as (keyof typeof FACET_HEADINGS)[])
    .filter((name) => facets[name].length > 0)
    .map((name) =>
      h(
        "p",
        { className: "cluster-facet", attrs: { "data-testid": `cluster-${name}` } },
        h("strong", {}, `${FACET_HEADINGS[name]}: `),
        facetText(facets[name]),
      ),
    );
}

export function clusterSummary(
  cluster: ClusterDto,
  subcluster: SubclusterDto | null,
  handlers: ClusterSummaryHandlers,
  facets?: ClusterPapersDto["facets"],
): HTMLElement {
  // NOTE: a subtopic's shares are among its own papers; the API compares only whole clusters with their nearest.
  const topics: readonly ClusterTopicDto[] = subcluster ? subcluster.topics : cluster.topics;
  const nearest = cluster.nearest?.label;
  const topicList = h(
    "ul",
    { className: "cluster-topics", attrs: { "data-testid": "cluster-topics" } },
    ...topics.map((topic) =>
      h(
        "li",
        {
          attrs: {
            "data-testid": "cluster-topic",
            "data-term": topic.term,
            title: topic.nearestShare !== undefined ? topicShareText(topic, nearest) : null,
          },
        },
        topicShareText(topic),
      ),
    ),
  );
  return h(
    "section",
    { className: "cluster-summary", attrs: { "data-testid": "cluster-summary", "aria-label": "About this cluster" } },
    h(
      "p",
      { className: "cluster-stability", attrs: { "data-testid": "cluster-stability", title: STABILITY_HINT } },
      stabilityText(cluster),
    ),
    topics.length ? h("h3", {}, subcluster ? "Topics of this subtopic" : "Topics") : null,
    topics.length ? topicList : null,
    ...(facets ? facetLines(facets) : []),
    cluster.subclusters.length ? subclusterList(cluster, subcluster?.id ?? null, handlers) : null,
  );
}

function subclusterList(
  cluster: ClusterDto,
  selected: number | null,
  handlers: ClusterSummaryHandlers,
): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(
    h("h3", {}, `Subtopics (${cluster.subclusters.length})`),
    h(
      "ul",
      { className: "subclusters" },
      ...cluster.subclusters.map((sub) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              className: "subcluster-item",
              attrs: {
                type: "button",
                "data-testid": "subcluster-item",
                "data-subcluster-id": sub.id,
                "aria-pressed": sub.id === selected ? "true" : "false",
                title: sub.topics.map((topic) => topic.term).join(", "),
              },
              on: { click: () => handlers.onSubcluster(sub.id) },
            },
            h("span", { className: "cluster-name" }, sub.label),
            h("span", { className: "count", attrs: { "aria-label": `${sub.size} papers` } }, sub.size),
          ),
        ),
      ),
    ),
  );
  return fragment;
}
