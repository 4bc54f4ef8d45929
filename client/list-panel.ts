// What the list panel shows and loading it, following State (listedOf): a cluster's (or subtopic's) papers with the
// cluster's summary above them, a page at a time; a search's results, a page at a time, with how many match; the
// papers on the topic of the topic filter (the explorer loads them all for the map), with how many there are; or the
// papers related to the user's text, with the topics each shares with it. A cluster's, a search's and a topic's lists
// are those of the facet filter's papers, and their Export menu downloads exactly that list. Latest wins: a newer list
// replaces a pending one.

import type {
  ClusterDto,
  ClusterPapersDto,
  FacetFiltersDto,
  PaperSummaryDto,
  SearchDto,
  TextRelatedDto,
} from "../server/contract/index.js";
import * as api from "./api.js";
import { clusterSummary } from "./panels/cluster-summary.js";
import { exportLinks, exportMenu } from "./panels/export-menu.js";
import {
  clusterListContent,
  searchListContent,
  textListContent,
  topicListContent,
  type PaperListContent,
  type PaperListView,
} from "./panels/papers.js";
import { LatestRequests } from "./requests.js";
import { facetFiltersOf, listedOf, type PaperRef, type State } from "./state.js";

/** Papers fetched per page of a search, shown per step of a topic's list. */
export const LIST_PAGE = 50;

export interface ListPanelHandlers {
  /** A subtopic's button in the cluster's summary was clicked. */
  onSubcluster(cluster: number, subcluster: number): void;
  /** A search's results loaded so far. */
  onSearchResults(query: string, papers: PaperRef[]): void;
  /** The papers related to a text. */
  onTextResults(text: string, papers: PaperRef[]): void;
  onError(error: unknown): void;
}

/** Every paper on a topic that the facet filter keeps, as the explorer loaded them. */
export interface TopicList {
  term: string;
  filters: FacetFiltersDto;
  total: number;
  papers: readonly PaperSummaryDto[];
}

export interface ListPanel {
  /** Shows the list State names, loading it first if need be. */
  show(state: State): void;
  /** The papers on the topic of the topic filter, once loaded (shown when the topic's list is). */
  setTopic(list: TopicList): void;
  cleanup(): void;
}

type Content =
  | { kind: "cluster"; id: number; subcluster: number | null; filters: FacetFiltersDto; page: ClusterPapersDto }
  | { kind: "search"; query: string; filters: FacetFiltersDto; page: SearchDto }
  | { kind: "text"; text: string; answer: TextRelatedDto }
  | { kind: "topic"; list: TopicList; shown: number };

export function createListPanel(
  view: PaperListView,
  clusters: ReadonlyMap<number, ClusterDto>,
  handlers: ListPanelHandlers,
): ListPanel {
  const requests = new LatestRequests();
  /** What the panel shows or is loading, as a key (see keyOf). */
  let wanted: string | null = null;
  let content: Content | null = null;
  let topic: TopicList | null = null;

  const render = () => {
    if (content === null) return;
    const shown = content;
    const pageUrl = location.href;
    switch (shown.kind) {
      case "cluster":
        return view.show({
          ...filtered(
            clusterListContent(shown.page, () => void moreOfCluster(shown)),
            shown.filters,
          ),
          exports: exportMenu(
            exportLinks(
              { kind: "cluster", cluster: shown.id, subcluster: shown.subcluster, filters: shown.filters },
              pageUrl,
            ),
          ),
          summary: clusterSummary(
            shown.page.cluster,
            shown.page.subcluster,
            { onSubcluster: (subcluster) => handlers.onSubcluster(shown.id, subcluster) },
            shown.page.facets,
          ),
        });
      case "search":
        return view.show({
          ...filtered(
            searchListContent(shown.query, shown.page, () => void moreOfSearch(shown)),
            shown.filters,
          ),
          exports: exportMenu(exportLinks({ kind: "search", q: shown.query, filters: shown.filters }, pageUrl)),
        });
      case "text":
        return view.show({
          ...textListContent(shown.answer),
          exports: exportMenu(exportLinks({ kind: "related", text: shown.text }, pageUrl)),
        });
      case "topic": {
        const { term, filters } = shown.list;
        return view.show({
          ...filtered(
            topicListContent(shown.list, shown.shown, () => {
              if (content !== shown) return;
              content = { ...shown, shown: shown.shown + LIST_PAGE };
              render();
            }),
            filters,
          ),
          exports: exportMenu(exportLinks({ kind: "topic", term, filters }, pageUrl)),
        });
      }
    }
  };
  /** Runs a load for the list `key`; what it resolves to is shown unless another list was asked for meanwhile. */
  const load = async (key: string, heading: string, loader: (signal: AbortSignal) => Promise<Content>) => {
    const signal = requests.signal("list");
    content = null;
    view.loading(heading);
    try {
      const loaded = await loader(signal);
      if (signal.aborted || wanted !== key) return;
      content = loaded;
      render();
    } catch (error) {
      if (!signal.aborted && wanted === key) view.error(heading, (error as Error).message);
    }
  };
  const moreOfCluster = async (shown: Extract<Content, { kind: "cluster" }>) => {
    const { id, subcluster, filters, page } = shown;
    try {
      const next = await api.fetchClusterPapers(
        id,
        { offset: page.papers.length, limit: page.limit, subcluster: subcluster ?? undefined, ...filters },
        { signal: requests.signal("list") },
      );
      if (content !== shown) return;
      content = { ...shown, page: { ...next, offset: 0, papers: [...page.papers, ...next.papers] } };
      render();
    } catch (error) {
      handlers.onError(error);
    }
  };
  const moreOfSearch = async (shown: Extract<Content, { kind: "search" }>) => {
    const { query, filters, page } = shown;
    try {
      const next = await api.search(
        query,
        { offset: page.results.length, limit: LIST_PAGE, ...filters },
        { signal: requests.signal("list") },
      );
      if (content !== shown) return;
      const results = [...page.results, ...next.results];
      content = { ...shown, page: { ...next, offset: 0, results } };
      handlers.onSearchResults(query, results);
      render();
    } catch (error) {
      handlers.onError(error);
    }
  };

  return {
    show(state) {
      const key = keyOf(state);
      if (key === wanted) return;
      wanted = key;
      if (key === null) {
        requests.abort("list");
        content = null;
        return view.clear();
      }
      const listed = listedOf(state);
      const filters = facetFiltersOf(state.facet);
      if (listed === "cluster" && state.selectedCluster !== null) {
        const id = state.selectedCluster;
        const subcluster = state.selectedSubcluster;
        return void load(key, clusters.get(id)?.label ?? `Cluster ${id}`, async (signal) => ({
          kind: "cluster",
          id,
          subcluster,
          filters,
          page: await api.fetchClusterPapers(id, { subcluster: subcluster ?? undefined, ...filters }, { signal }),
        }));
      }
      if (listed === "search" && state.search !== null) {
        const query = state.search;
        return void load(key, `Search: ${query}`, async (signal) => {
          const page = await api.search(query, { limit: LIST_PAGE, ...filters }, { signal });
          if (!signal.aborted) handlers.onSearchResults(query, page.results);
          return { kind: "search", query, filters, page };
        });
      }
      if (listed === "text" && state.text !== null) {
        const text = state.text;
        return void load(key, "Related to your text", async (signal) => {
          const answer = await api.fetchTextRelated(text, { signal });
          if (!signal.aborted) handlers.onTextResults(text, answer.related);
          return { kind: "text", text, answer };
        });
      }
      if (listed === "topic" && state.topic !== null) {
        requests.abort("list");
        if (topic !== null && topicKey(topic.term, topic.filters) === key) {
          content = { kind: "topic", list: topic, shown: LIST_PAGE };
          render();
        } else {
          content = null;
          view.loading(`Topic: ${state.topic}`);
        }
      }
    },
    setTopic(list) {
      topic = list;
      if (wanted === topicKey(list.term, list.filters)) {
        content = { kind: "topic", list, shown: LIST_PAGE };
        render();
      }
    },
    cleanup() {
      requests.abortAll();
    },
  };
}

/** What the panel lists, as a key that changes exactly when another list is wanted. */
function keyOf(state: State): string | null {
  const filters = filtersKey(facetFiltersOf(state.facet));
  switch (listedOf(state)) {
    case "cluster":
      return `cluster:${state.selectedCluster}:${state.selectedSubcluster ?? ""}${filters}`;
    case "search":
      return `search:${state.search}${filters}`;
    case "text":
      return `text:${state.text}`;
    case "topic":
      return topicKey(state.topic!, facetFiltersOf(state.facet));
    default:
      return null;
  }
}

function topicKey(term: string, filters: FacetFiltersDto): string {
  return `topic:${term}${filtersKey(filters)}`;
}

function filtersKey(filters: FacetFiltersDto): string {
  return Object.entries(filters)
    .map(([name, value]) => `|${name}=${value}`)
    .join("");
}

/** A list's content saying which facet filter it is of ("category cs.CL"), when one is. */
function filtered(content: PaperListContent, filters: FacetFiltersDto): PaperListContent {
  const named = Object.entries(filters).map(([name, value]) => `${name} ${value}`);
  if (named.length === 0) return content;
  const only = `only ${named.join(", ")}`;
  return { ...content, subtitle: content.subtitle ? `${content.subtitle} (${only})` : only };
}
