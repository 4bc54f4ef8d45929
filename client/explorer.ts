// The explorer once the map is loaded: creates the map view and the panels, and turns what the user does into
// State transitions and API calls. Panels and the map follow the store; loading what a selection needs (a
// paper's details, a cluster's papers) is driven by State changes, so links and Back restore views the same way.

import type { ClusterPapersDto, TextRelatedDto } from "../server/api/dto.js";
import * as api from "./api.js";
import { graphIndex, sortedWeights, type MapData } from "./graph-data.js";
import { createDetails } from "./panels/details.js";
import { createFilters, type FiltersElements } from "./panels/filters.js";
import { createLegend } from "./panels/legend.js";
import { clusterListContent, createPaperList, textListContent } from "./panels/papers.js";
import { createRelatedText } from "./panels/related-text.js";
import { createSearch, SEARCH_LIMIT } from "./panels/search.js";
import type { StatusView } from "./panels/status.js";
import { createMapView, type MapView } from "./renderer.js";
import { LatestRequests } from "./requests.js";
import {
  clearSelection,
  closeList,
  selectCluster,
  selectPaper,
  setMinWeight,
  setQuery,
  setRelatedPapers,
  setTextMatches,
  setTopicFilter,
  Store,
  toggleCluster,
  type State,
} from "./state.js";
import { bindUrl, type UrlSelection } from "./url-state.js";

export interface ExplorerElements {
  map: HTMLElement;
  legend: HTMLElement;
  list: HTMLElement;
  details: HTMLElement;
  introSummary: HTMLElement;
  searchInput: HTMLInputElement;
  searchList: HTMLElement;
  relatedForm: HTMLFormElement;
  filters: FiltersElements;
}

export interface Explorer {
  view: MapView;
  store: Store;
  cleanup(): void;
}

export interface ExplorerOptions {
  initial: UrlSelection;
}

/** Topics offered by the topic filter (the most common). */
const TOPIC_SUGGESTIONS = 1000;

type ListContent =
  { kind: "cluster"; id: number; page: ClusterPapersDto } | { kind: "text"; answer: TextRelatedDto } | null;

export function startExplorer(
  data: MapData,
  ui: ExplorerElements,
  status: StatusView,
  options: ExplorerOptions,
): Explorer {
  const { graph } = data;
  const store = new Store(graphIndex(graph));
  const clusters = new Map(data.clusters.map((cluster) => [cluster.id, cluster]));
  const color = (cluster: number) => clusters.get(cluster)?.color ?? "#888888";
  const requests = new LatestRequests();
  const report = (error: unknown) => {
    if ((error as Error)?.name !== "AbortError") status.notice((error as Error)?.message ?? String(error));
  };
  let listContent: ListContent = null;

  const view = createMapView(ui.map, data, store, {
    onClickNode: (node) => openPaper(node, false),
    onClickStage: () => store.apply(selectPaper(null)),
  });

  // Actions: what the user asks for.
  const openPaper = (id: string, moveCamera = true) => {
    if (!graph.hasNode(id)) return status.notice(`This map has no paper “${id}”.`);
    store.apply(selectPaper(id));
    if (moveCamera) view.focusNode(id);
  };
  const showCluster = (id: number) => {
    store.apply(setTextMatches(null));
    store.apply(toggleCluster(id));
    if (store.state.selectedCluster === id) view.focusNodes(store.index.clusterMembers(id));
  };
  const applyTopic = async (term: string | null) => {
    if (term === null) {
      requests.abort("topic");
      return store.apply(setTopicFilter(null, null));
    }
    try {
      const { papers, capped } = await api.fetchTopicPapers(term, { signal: requests.signal("topic") });
      store.apply(setTopicFilter(term, papers));
      if (capped) status.notice(`Only the first ${papers.length} papers on “${term}” are shown.`);
      view.focusNodes(papers);
    } catch (error) {
      report(error);
    }
  };
  const relatedToText = async (text: string) => {
    try {
      const answer = await api.relatedToText(text, { signal: requests.signal("text") });
      store.apply(selectCluster(null));
      listContent = { kind: "text", answer };
      store.apply(setTextMatches(answer.related.map((paper) => paper.id)));
      showList();
      view.focusNodes(answer.related.map((paper) => paper.id));
    } catch (error) {
      report(error);
    }
  };

  // Panels.
  ui.introSummary.textContent = summaryOf(data);
  const list = createPaperList(
    ui.list,
    color,
    (id) => openPaper(id),
    () => store.apply(closeList()),
  );
  const details = createDetails(ui.details, color, {
    onOpenPaper: (id) => openPaper(id),
    onSelectCluster: (id) => {
      if (store.state.selectedCluster !== id) showCluster(id);
    },
    onTopic: (term) => void applyTopic(term),
    onClose: () => store.apply(selectPaper(null)),
  });
  const legend = createLegend(ui.legend, data.clusters, showCluster);
  const search = createSearch(ui.searchInput, ui.searchList, {
    search: (query, signal) => api.search(query, SEARCH_LIMIT, { signal }),
    onPaper: (id) => openPaper(id),
    onTopic: (term) => void applyTopic(term),
    onQuery: (query) => store.apply(setQuery(query)),
    onError: report,
  });
  createRelatedText(ui.relatedForm, { submit: relatedToText });
  const filters = createFilters(ui.filters, sortedWeights(graph), {
    onMinWeight: (minWeight) => store.apply(setMinWeight(minWeight)),
    loadTopics: () => api.fetchTopics(TOPIC_SUGGESTIONS, { signal: requests.signal("topics") }),
    onTopic: (term) => void applyTopic(term),
    onError: report,
  });

  // Effects: what a change of State needs loaded or shown.
  const loadPaper = async (id: string | null) => {
    const signal = requests.signal("paper");
    list.setCurrent(id);
    if (id === null) return details.clear();
    const title = graph.getNodeAttribute(id, "title");
    details.loading(id, title);
    try {
      const [{ paper }, { related }] = await Promise.all([
        api.fetchPaper(id, { signal }),
        api.fetchPaperRelated(id, { signal }),
      ]);
      if (signal.aborted) return;
      details.show(paper, related);
      store.apply(
        setRelatedPapers(
          id,
          related.map((item) => item.id),
        ),
      );
    } catch (error) {
      if (!signal.aborted) details.error(title, (error as Error).message);
    }
  };
  const loadCluster = async (id: number) => {
    const signal = requests.signal("cluster");
    const label = clusters.get(id)?.label ?? `Cluster ${id}`;
    list.loading(label);
    try {
      const page = await api.fetchClusterPapers(id, {}, { signal });
      if (signal.aborted) return;
      listContent = { kind: "cluster", id, page };
      showList();
    } catch (error) {
      if (!signal.aborted) list.error(label, (error as Error).message);
    }
  };
  const loadMore = async (id: number, page: ClusterPapersDto) => {
    try {
      const next = await api.fetchClusterPapers(
        id,
        { offset: page.papers.length, limit: page.limit },
        { signal: requests.signal("cluster") },
      );
      if (listContent?.kind !== "cluster" || listContent.id !== id) return;
      listContent = { kind: "cluster", id, page: { ...next, offset: 0, papers: [...page.papers, ...next.papers] } };
      showList();
    } catch (error) {
      report(error);
    }
  };
  const showList = () => {
    if (listContent === null) return list.clear();
    if (listContent.kind === "text") return list.show(textListContent(listContent.answer));
    const { id, page } = listContent;
    list.show(clusterListContent(page, () => void loadMore(id, page)));
  };
  const unsubscribe = store.subscribe((state: State, previous: State) => {
    if (state.selectedPaper !== previous.selectedPaper) void loadPaper(state.selectedPaper);
    if (state.selectedCluster !== previous.selectedCluster) {
      legend.setSelected(state.selectedCluster);
      if (state.selectedCluster !== null) void loadCluster(state.selectedCluster);
      else if (listContent?.kind === "cluster") {
        requests.abort("cluster");
        listContent = null;
        list.clear();
      }
    }
    if (state.textMatches !== previous.textMatches && state.textMatches === null && listContent?.kind === "text") {
      listContent = null;
      list.clear();
    }
    if (state.minWeight !== previous.minWeight || state.topic !== previous.topic) filters.update(state);
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !event.defaultPrevented) store.apply(clearSelection());
  };
  document.addEventListener("keydown", onKeyDown);

  const restore = (selection: UrlSelection) => {
    store.apply(setTextMatches(null));
    store.apply(
      selectCluster(selection.cluster !== null && clusters.has(selection.cluster) ? selection.cluster : null),
    );
    store.apply(selectPaper(selection.paper));
    store.apply(setQuery(selection.query));
    search.setQuery(selection.query);
    if (selection.paper !== null && graph.hasNode(selection.paper)) view.focusNode(selection.paper);
    else if (store.state.selectedCluster !== null)
      view.focusNodes(store.index.clusterMembers(store.state.selectedCluster));
    else view.resetCamera();
  };
  const { initial } = options;
  if (initial.paper !== null && !graph.hasNode(initial.paper))
    status.notice(`This map has no paper “${initial.paper}”.`);
  restore(initial);
  const unbindUrl = bindUrl(store, restore);
  filters.update(store.state);

  return {
    view,
    store,
    cleanup() {
      requests.abortAll();
      document.removeEventListener("keydown", onKeyDown);
      unbindUrl();
      unsubscribe();
      view.cleanup();
    },
  };
}

function summaryOf({ graph, clusters }: MapData): string {
  return `${graph.order} papers in ${clusters.length} clusters, ${graph.size} links between similar papers.`;
}
