// A list of papers in the side panel (a cluster's or subtopic's papers, a search's results, the papers on a topic,
// the papers related to the user's text), and the paper button every list uses: focusable, opens the paper on
// click, Enter or Space; a paper between topics carries a flag saying so, and one added since the map was built a
// "new" flag; a line under the title can say why it is listed (the topics it shares).

import type { ClusterPapersDto, PaperSummaryDto, SearchDto, TextRelatedDto } from "../../server/contract/index.js";
import { isUncertain, uncertainText } from "../confidence.js";
import { append, formatScore, h, replaceChildren } from "../dom.js";
import type { PaperRef } from "../state.js";

export interface PaperListItem {
  id: string;
  title: string;
  cluster: number;
  year?: number;
  score?: number;
  /** Share of repeated clusterings that put the paper in its cluster, when the list knows it. */
  confidence?: number;
  /** A line under the title: why it is listed ("shared: …"). */
  detail?: string;
  /** Added since the map was built (the server says so). */
  provisional?: true;
}

export interface PaperListContent {
  heading: string;
  /** A line under the heading (the likely cluster, how many are shown). */
  subtitle?: string;
  /** What the list is about, between the heading and the papers (a cluster's topics and subtopics). */
  summary?: Node;
  papers: readonly PaperListItem[];
  /** When more papers can be fetched: the button's action. */
  onMore?: () => void;
  /** The list as files (panels/export-menu). */
  exports?: Node;
}

export type OpenPaper = (paper: PaperRef) => void;

export interface PaperListView {
  show(content: PaperListContent): void;
  loading(heading: string): void;
  error(heading: string, message: string): void;
  clear(): void;
  /** Marks the paper that is open in the details panel. */
  setCurrent(paper: string | null): void;
}

export type ClusterColor = (cluster: number) => string;

const PROVISIONAL_TITLE = "Added since the map was built: placed by its most similar papers until the map is rebuilt";

export function paperButton(
  item: PaperListItem,
  color: ClusterColor,
  onOpen: OpenPaper,
  testId = "paper-item",
): HTMLButtonElement {
  const uncertain = item.confidence !== undefined && isUncertain(item.confidence);
  const button = h(
    "button",
    {
      className: "paper-item",
      attrs: { type: "button", "data-testid": testId, "data-paper-id": item.id, "data-uncertain": uncertain },
      on: { click: () => onOpen({ id: item.id, cluster: item.cluster }) },
    },
    h("span", { className: "swatch", attrs: { "aria-hidden": "true" } }),
    h("span", { className: "paper-title" }, item.title),
    item.score !== undefined
      ? h("span", { className: "score", attrs: { title: "similarity" } }, formatScore(item.score))
      : null,
    uncertain
      ? h(
          "span",
          {
            className: "uncertain-flag",
            attrs: { "data-testid": "uncertain-flag", title: uncertainText(item.confidence!) },
          },
          "between topics",
        )
      : null,
    item.provisional
      ? h(
          "span",
          {
            className: "provisional-flag",
            attrs: { "data-testid": "provisional-flag", title: PROVISIONAL_TITLE },
          },
          "new",
        )
      : null,
  );
  (button.firstChild as HTMLElement).style.background = color(item.cluster);
  if (item.detail)
    append(button, h("span", { className: "shared", attrs: { "data-testid": "paper-detail" } }, item.detail));
  return button;
}

export function createPaperList(
  root: HTMLElement,
  color: ClusterColor,
  onOpen: OpenPaper,
  onClose: () => void,
): PaperListView {
  let current: string | null = null;
  const markCurrent = () => {
    for (const button of root.querySelectorAll<HTMLElement>("[data-testid=paper-item]")) {
      if (button.dataset.paperId === current) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  };
  const header = (heading: string, subtitle?: string, exports?: Node) =>
    h(
      "header",
      { className: "panel-header" },
      h("h2", {}, heading),
      h(
        "button",
        {
          className: "close",
          attrs: { type: "button", "aria-label": "Close list", title: "Close (Esc)" },
          on: { click: onClose },
        },
        "×",
      ),
      subtitle ? h("p", { className: "subtitle" }, subtitle) : null,
      exports,
    );
  return {
    show({ heading, subtitle, summary, papers, onMore, exports }) {
      root.hidden = false;
      const list = h("ol", { className: "paper-list", attrs: { "data-testid": "paper-list" } });
      for (const paper of papers) list.appendChild(h("li", {}, paperButton(paper, color, onOpen)));
      const more = onMore
        ? h("button", { className: "more", attrs: { type: "button" }, on: { click: onMore } }, "Show more")
        : null;
      replaceChildren(
        root,
        header(heading, subtitle, exports),
        summary,
        papers.length ? list : h("p", { className: "empty" }, "No papers."),
        more,
      );
      markCurrent();
    },
    loading(heading) {
      root.hidden = false;
      replaceChildren(root, header(heading), h("p", { className: "loading", attrs: { role: "status" } }, "Loading…"));
    },
    error(heading, message) {
      root.hidden = false;
      replaceChildren(root, header(heading), h("p", { className: "error", attrs: { role: "alert" } }, message));
    },
    clear() {
      root.hidden = true;
      replaceChildren(root);
    },
    setCurrent(paper) {
      current = paper;
      markCurrent();
    },
  };
}

/** A cluster's (or subtopic's) page of papers as a list: how many there are, how many are shown. */
export function clusterListContent(page: Omit<ClusterPapersDto, "build">, onMore: () => void): PaperListContent {
  const shown = page.papers.length;
  const more = shown < page.total;
  const count = `${page.total} ${page.total === 1 ? "paper" : "papers"}${more ? `, the ${shown} most central shown` : ""}`;
  return {
    heading: page.subcluster ? `${page.cluster.label} › ${page.subcluster.label}` : page.cluster.label,
    subtitle: page.subcluster ? `Subtopic: ${count}` : count,
    papers: page.papers,
    onMore: more ? onMore : undefined,
  };
}

/** Papers in a list page, and how many of them there are: "472 papers". */
export function papersCount(count: number): string {
  return `${count.toLocaleString("en")} ${count === 1 ? "paper" : "papers"}`;
}

/** A search's results loaded so far, best first: how many match in all, how many are shown. */
export function searchListContent(
  query: string,
  page: Pick<SearchDto, "results" | "total">,
  onMore: () => void,
): PaperListContent {
  const shown = page.results.length;
  const { total } = page;
  const more = shown < total;
  return {
    heading: `Search: ${query}`,
    subtitle: `${papersCount(total)} ${total === 1 ? "matches" : "match"} “${query}”${more ? `, the ${shown} best shown` : ""}`,
    // NOTE: no score: the ranking puts phrase matches first, so scores are not in order down the list.
    papers: page.results.map(({ id, title, cluster, provisional }) => ({ id, title, cluster, provisional })),
    onMore: more ? onMore : undefined,
  };
}

/** The papers on a topic, heaviest first, the first `shown` of them. */
export function topicListContent(
  topic: { term: string; total: number; papers: readonly PaperSummaryDto[] },
  shown: number,
  onMore: () => void,
): PaperListContent {
  const listed = topic.papers.slice(0, shown);
  const more = listed.length < topic.papers.length;
  const loaded = topic.papers.length < topic.total ? ` (the first ${topic.papers.length} loaded)` : "";
  return {
    heading: `Topic: ${topic.term}`,
    subtitle: `${papersCount(topic.total)} on “${topic.term}”${more ? `, ${listed.length} shown` : ""}${loaded}`,
    papers: listed,
    onMore: more ? onMore : undefined,
  };
}

/**
 * The papers related to the user's text as a list, each with the topics it shares with the text, and the cluster
 * the text most likely belongs to.
 */
export function textListContent(answer: Omit<TextRelatedDto, "build">): PaperListContent {
  return {
    heading: "Related to your text",
    subtitle: answer.cluster
      ? `Most likely cluster: ${answer.cluster.label} (${answer.cluster.score.toFixed(2)})`
      : "No paper of the map is close to this text.",
    papers: answer.related.map((paper) => ({ ...paper, detail: sharedText(paper.sharedTopics) })),
  };
}

/** "shared: quantization, low precision", or undefined when the API gave no shared topic. */
export function sharedText(topics: readonly { term: string }[]): string | undefined {
  return topics.length ? `shared: ${topics.map((topic) => topic.term).join(", ")}` : undefined;
}
