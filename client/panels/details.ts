// The paper details panel: title, abstract, topics, cluster and subtopic, whether the paper is between topics, and
// the related papers with their scores and the shared topics that explain each link. All text goes in as text.

import type { PaperDto, RelatedPaperDto } from "../../server/contract/index.js";
import { isUncertain, uncertainText } from "../confidence.js";
import { formatScore, formatShare, h, replaceChildren } from "../dom.js";
import { paperButton, sharedText, type ClusterColor, type OpenPaper } from "./papers.js";

export interface DetailsHandlers {
  onOpenPaper: OpenPaper;
  onSelectCluster(cluster: number): void;
  onSelectSubcluster(cluster: number, subcluster: number): void;
  onTopic(term: string): void;
  onClose(): void;
}

export interface DetailsView {
  loading(id: string, title: string): void;
  show(paper: PaperDto, related: readonly RelatedPaperDto[]): void;
  error(title: string, message: string): void;
  clear(): void;
}

export function createDetails(root: HTMLElement, color: ClusterColor, handlers: DetailsHandlers): DetailsView {
  const header = (title: string) =>
    h(
      "header",
      { className: "panel-header" },
      h("h2", { attrs: { "data-testid": "paper-title" } }, title),
      h(
        "button",
        {
          className: "close",
          attrs: { type: "button", "aria-label": "Close details", title: "Close (Esc)" },
          on: { click: handlers.onClose },
        },
        "×",
      ),
    );
  const open = (id: string) => {
    root.hidden = false;
    root.dataset.paperId = id;
  };
  return {
    loading(id, title) {
      open(id);
      root.setAttribute("aria-busy", "true");
      replaceChildren(
        root,
        header(title),
        h("p", { className: "loading", attrs: { role: "status" } }, "Loading details…"),
      );
    },
    show(paper, related) {
      open(paper.id);
      root.removeAttribute("aria-busy");
      const clusterChip = h(
        "button",
        {
          className: "chip cluster-chip",
          attrs: { type: "button", title: "Show this cluster" },
          on: { click: () => handlers.onSelectCluster(paper.cluster) },
        },
        h("span", { className: "swatch", attrs: { "aria-hidden": "true" } }),
        paper.clusterLabel,
      );
      (clusterChip.firstChild as HTMLElement).style.background = color(paper.cluster);
      const subcluster = paper.subcluster;
      const subclusterChip = subcluster
        ? h(
            "button",
            {
              className: "chip subcluster-chip",
              attrs: { type: "button", title: "Show this subtopic", "data-testid": "paper-subcluster" },
              on: { click: () => handlers.onSelectSubcluster(paper.cluster, subcluster.id) },
            },
            `› ${subcluster.label}`,
          )
        : null;
      const meta = h(
        "p",
        { className: "meta" },
        clusterChip,
        subclusterChip,
        paper.year !== undefined ? h("span", {}, String(paper.year)) : null,
        paper.authors?.length ? h("span", { className: "authors" }, paper.authors.join(", ")) : null,
        safeLink(paper.url),
      );
      const topics = h(
        "ul",
        { className: "topics", attrs: { "aria-label": "Topics" } },
        ...paper.topics.map((topic) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                className: "chip",
                attrs: { type: "button", title: `Show only papers on “${topic.term}”` },
                on: { click: () => handlers.onTopic(topic.term) },
              },
              topic.term,
            ),
          ),
        ),
      );
      const relatedList = h("ol", { className: "paper-list related-list" });
      for (const item of related) {
        const detail = sharedText(item.sharedTopics) ?? `score ${formatScore(item.score)}`;
        relatedList.appendChild(
          h("li", {}, paperButton({ ...item, detail }, color, handlers.onOpenPaper, "related-item")),
        );
      }
      replaceChildren(
        root,
        header(paper.title),
        meta,
        paper.provisional
          ? h(
              "p",
              { className: "uncertain-note", attrs: { "data-testid": "paper-provisional" } },
              provisionalText(paper.confidence),
            )
          : paper.confidence !== undefined && isUncertain(paper.confidence)
            ? h(
                "p",
                { className: "uncertain-note", attrs: { "data-testid": "paper-confidence" } },
                uncertainText(paper.confidence),
              )
            : null,
        h("p", { className: "abstract", attrs: { "data-testid": "paper-abstract" } }, paper.abstract),
        paper.topics.length ? h("h3", {}, "Topics") : null,
        paper.topics.length ? topics : null,
        h("h3", {}, `Related papers (${related.length})`),
        related.length
          ? relatedList
          : h("p", { className: "empty" }, "No related papers above the similarity threshold."),
      );
    },
    error(title, message) {
      root.removeAttribute("aria-busy");
      replaceChildren(root, header(title), h("p", { className: "error", attrs: { role: "alert" } }, message));
    },
    clear() {
      root.hidden = true;
      delete root.dataset.paperId;
      replaceChildren(root);
    },
  };
}

/** A link to the paper's page, only for http(s) addresses (never javascript: or data: ones). */
function safeLink(url: string | undefined): HTMLAnchorElement | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
    return h("a", { attrs: { href: parsed.href, target: "_blank", rel: "noopener noreferrer" } }, "paper page");
  } catch {
    return null;
  }
}

/** An added paper's confidence is the share of its related papers' vote for its cluster (server/query/changes). */
function provisionalText(confidence: number | undefined): string {
  const share = confidence === undefined ? "" : ` (${formatShare(confidence)} of them)`;
  return `Added since the map was built: placed in this cluster by its most related papers${share}, until the map is rebuilt.`;
}
