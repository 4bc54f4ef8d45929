// The explorer once the first map is loaded: creates the maps (maps.ts) and the panels, and turns what the user does
// into State transitions and API calls. Panels and the map follow the store; loading what a selection needs (a
// paper's details, a cluster's papers) is driven by State changes, so links and Back restore views the same way. On
// a large corpus, opening a cluster or a paper first switches to that cluster's map.

import type { ClusterDto, ClusterPapersDto, TextRelatedDto } from "../server/api/dto.js";
import * as api from "./api.js";
import { graphIndex, sortedWeights, type MapData } from "./graph-data.js";
import { createMaps, type Maps } from "./maps.js";
import { clusterSummary } from "./panels/cluster-summary.js";
import { createDetails } from "./panels/details.js";
import { createFilters, type FilteredMap, type FiltersElements } from "./panels/filters.js";
import { createLegend } from "./panels/legend.js";
import { createMapNav } from "./panels/map-nav.js";
import { clusterListContent, createPaperList, textListContent } from "./panels/papers.js";
import { createRelatedText } from "./panels/related-text.js";
import { createSearch, SEARCH_LIMIT } from "./panels/search.js";
import type { StatusView } from "./panels/status.js";
import type { MapView } from "./renderer.js";
import { LatestRequests } from "./requests.js";
import {
  clearSelection,
  closeList,
  selectCluster,
  selectPaper,
  selectSubcluster,
  sequence,
  setMinWeight,
  setQuery,
  setRelatedPapers,
  setShowUncertain,
  setTextMatches,
  setTopicFilter,
  toggleCluster,
  toggleSubcluster,
  type PaperRef,
  type State,
  type Transition,
} from "./state.js";
import { Store } from "./store.js";
import { bindUrl, type UrlSelection } from "./url-state.js";

export interface ExplorerElements {
  map: HTMLElement;
  mapNav: HTMLElement;
  legend: HTMLElement;
  list: HTMLElement;
  details: HTMLElement;
  introSummary: HTMLElement;
  searchInput: HTMLInputElement;
  searchList: HTMLElement;
  relatedForm: HTMLFormElement;
  filters: FiltersElements;
}

/** The first map and what the explorer knows of the corpus. */
export interface ExplorerStart {
  /** The whole map, or a large corpus's overview. */
  data: MapData;
  /** Every cluster of the corpus. */
  clusters: ClusterDto[];
  papers: number;
}

export interface Explorer {
  /** The map view on screen (another one after each switch of maps). */
  readonly view: MapView;
  readonly data: MapData;
  store: Store;
  cleanup(): void;
}

export interface ExplorerOptions {
  initial: UrlSelection;
}

/** Topics offered by the topic filter (the most common). */
const TOPIC_SUGGESTIONS = 1000;

type ListContent =
  | { kind: "cluster"; id: number; subcluster: number | null; page: ClusterPapersDto }
  | { kind: "text"; answer: TextRelatedDto }
  | null;

export function startExplorer(
  start: ExplorerStart,
  ui: ExplorerElements,
  status: StatusView,
  options: ExplorerOptions,
): Explorer {
  const store = new Store(graphIndex(start.data));
  const clusters = new Map(start.clusters.map((cluster) => [cluster.id, cluster]));
  const color = (cluster: number) => clusters.get(cluster)?.color ?? "#888888";
  const requests = new LatestRequests();
  const report = (error: unknown) => {
    if ((error as Error)?.name !== "AbortError") status.notice((error as Error)?.message ?? String(error));
  };
  let listContent: ListContent = null;

  const filteredMap = (data: MapData): FilteredMap => ({
    weights: sortedWeights(data.graph),
    uncertain: data.kind === "overview" ? null : [...store.index.uncertainNodes()].length,
  });
  const maps: Maps = createMaps({
    container: ui.map,
    store,
    start: start.data,
    clusters,
    papers: start.papers,
    nav: createMapNav(ui.mapNav, () => void showOverview()),
    handlers: {
      onClickNode: (node) => {
        const { kind, graph } = maps.data;
        if (kind === "overview") void showCluster(graph.getNodeAttribute(node, "cluster"));
        else void openPaper({ id: node }, false);
      },
      onClickStage: () => store.apply(selectPaper(null)),
    },
    onSwitch: (data) => filters.setMap(filteredMap(data)),
    onError: report,
  });

  // Actions: what the user asks for.
  const openPaper = async ({ id, cluster }: { id: string; cluster?: number }, moveCamera = true) => {
    if (!store.index.hasNode(id) && maps.large) {
      const home = cluster ?? (await clusterOf(id));
      if (home === null || !(await maps.show(home))) return;
    }
    if (!store.index.hasNode(id)) return status.notice(`This map has no paper “${id}”.`);
    store.apply(selectPaper(id));
    if (moveCamera) maps.view.focusNode(id);
  };
  const clusterOf = async (id: string): Promise<number | null> => {
    try {
      return (await api.fetchPaper(id, { signal: requests.signal("paper-cluster") })).paper.cluster;
    } catch (error) {
      report(error);
      return null;
    }
  };
  const focusSelection = () => {
    const { selectedCluster, selectedSubcluster } = store.state;
    if (selectedCluster === null) return;
    maps.view.focusNodes(
      selectedSubcluster === null
        ? store.index.clusterMembers(selectedCluster)
        : store.index.subclusterMembers(selectedCluster, selectedSubcluster),
    );
  };
  /** A cluster from the legend or the overview (again: clears it); on a large corpus, its map. */
  const showCluster = async (id: number) => {
    const selecting = store.state.selectedCluster !== id;
    const transition = selecting ? sequence(setTextMatches(null), selectCluster(id)) : toggleCluster(id);
    if (!(await maps.show(selecting ? id : store.state.mapCluster, transition))) return;
    focusSelection();
  };
  const showSubcluster = async (cluster: number, subcluster: number | null, toggle = false) => {
    const transition: Transition = sequence(
      setTextMatches(null),
      selectCluster(cluster),
      subcluster === null
        ? selectSubcluster(null)
        : toggle
          ? toggleSubcluster(subcluster)
          : selectSubcluster(subcluster),
    );
    if (!(await maps.show(maps.large ? cluster : null, transition))) return;
    focusSelection();
  };
  const showOverview = async () => {
    if (await maps.show(null, closeList())) maps.view.resetCamera();
  };
  const applyTopic = async (term: string | null) => {
    if (term === null) {
      requests.abort("topic");
      return store.apply(setTopicFilter(null, null));
    }
    try {
      const answer = await api.fetchTopicPapers(
        term,
        { limit: api.TOPIC_PAPERS_MAX_LIMIT },
        { signal: requests.signal("topic") },
      );
      store.apply(setTopicFilter(term, answer.papers));
      if (answer.total > answer.papers.length)
        status.notice(`Only the first ${answer.papers.length} of ${answer.total} papers on “${term}” are shown.`);
      if (store.state.topicPapers) maps.view.focusNodes(store.state.topicPapers);
    } catch (error) {
      report(error);
    }
  };
  const relatedToText = async (text: string) => {
    try {
      const answer = await api.relatedToText(text, { signal: requests.signal("text") });
      listContent = { kind: "text", answer };
      store.apply(sequence(selectCluster(null), setTextMatches(answer.related)));
      showList();
      if (store.state.textMatches) maps.view.focusNodes(store.state.textMatches);
    } catch (error) {
      report(error);
    }
  };

  // Panels.
  ui.introSummary.textContent = summaryOf(start, maps);
  const open = (paper: PaperRef) => void openPaper(paper);
  const list = createPaperList(ui.list, color, open, () => store.apply(closeList()));
  const details = createDetails(ui.details, color, {
    onOpenPaper: open,
    onSelectCluster: (id) => {
      if (store.state.selectedCluster !== id || store.state.selectedSubcluster !== null) void showSubcluster(id, null);
    },
    onSelectSubcluster: (id, subcluster) => void showSubcluster(id, subcluster),
    onTopic: (term) => void applyTopic(term),
    onClose: () => store.apply(selectPaper(null)),
  });
  const legend = createLegend(ui.legend, start.clusters, (id) => void showCluster(id));
  const search = createSearch(ui.searchInput, ui.searchList, {
    search: (query, signal) => api.search(query, SEARCH_LIMIT, { signal }),
    onPaper: open,
    onTopic: (term) => void applyTopic(term),
    onQuery: (query) => store.apply(setQuery(query)),
    onError: report,
  });
  createRelatedText(ui.relatedForm, { submit: relatedToText });
  const filters = createFilters(ui.filters, filteredMap(maps.data), {
    onMinWeight: (minWeight) => store.apply(setMinWeight(minWeight)),
    loadTopics: () => api.fetchTopics(TOPIC_SUGGESTIONS, { signal: requests.signal("topics") }),
    onTopic: (term) => void applyTopic(term),
    onShowUncertain: (show) => store.apply(setShowUncertain(show)),
    onError: report,
  });

  // Effects: what a change of State needs loaded or shown.
  const loadPaper = async (id: string | null) => {
    const signal = requests.signal("paper");
    list.setCurrent(id);
    if (id === null) return details.clear();
    const title = maps.data.graph.getNodeAttribute(id, "title");
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
  const loadCluster = async (id: number, subcluster: number | null) => {
    const signal = requests.signal("cluster");
    const label = clusters.get(id)?.label ?? `Cluster ${id}`;
    list.loading(label);
    try {
      const page = await api.fetchClusterPapers(id, { subcluster: subcluster ?? undefined }, { signal });
      if (signal.aborted) return;
      listContent = { kind: "cluster", id, subcluster, page };
      showList();
    } catch (error) {
      if (!signal.aborted) list.error(label, (error as Error).message);
    }
  };
  const loadMore = async (content: Extract<ListContent, { kind: "cluster" }>) => {
    const { id, subcluster, page } = content;
    try {
      const next = await api.fetchClusterPapers(
        id,
        { offset: page.papers.length, limit: page.limit, subcluster: subcluster ?? undefined },
        { signal: requests.signal("cluster") },
      );
      if (listContent !== content) return;
      listContent = { ...content, page: { ...next, offset: 0, papers: [...page.papers, ...next.papers] } };
      showList();
    } catch (error) {
      report(error);
    }
  };
  const showList = () => {
    if (listContent === null) return list.clear();
    if (listContent.kind === "text") return list.show(textListContent(listContent.answer));
    const content = listContent;
    const { page } = content;
    list.show({
      ...clusterListContent(page, () => void loadMore(content)),
      summary: clusterSummary(page.cluster, page.subcluster, {
        onSubcluster: (subcluster) => void showSubcluster(content.id, subcluster, true),
      }),
    });
  };
  const unsubscribe = store.subscribe((state: State, previous: State) => {
    if (state.selectedPaper !== previous.selectedPaper) void loadPaper(state.selectedPaper);
    if (
      state.selectedCluster !== previous.selectedCluster ||
      state.selectedSubcluster !== previous.selectedSubcluster
    ) {
      legend.setSelected(state.selectedCluster);
      if (state.selectedCluster !== null) void loadCluster(state.selectedCluster, state.selectedSubcluster);
      else if (listContent?.kind === "cluster") {
        requests.abort("cluster");
        listContent = null;
        list.clear();
      }
    }
    if (state.textResults !== previous.textResults && state.textResults === null && listContent?.kind === "text") {
      listContent = null;
      list.clear();
    }
    if (
      state.minWeight !== previous.minWeight ||
      state.topic !== previous.topic ||
      state.topicPapers !== previous.topicPapers ||
      state.showUncertain !== previous.showUncertain
    )
      filters.update(state);
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !event.defaultPrevented) store.apply(clearSelection());
  };
  document.addEventListener("keydown", onKeyDown);

  const restore = async (selection: UrlSelection) => {
    const cluster = selection.cluster !== null && clusters.has(selection.cluster) ? selection.cluster : null;
    const transition = sequence(
      setTextMatches(null),
      selectCluster(cluster),
      selectSubcluster(cluster === null ? null : selection.subcluster),
      selectPaper(selection.paper),
      setQuery(selection.query),
    );
    // On a large corpus the map is the one the link names, else the cluster's or the paper's.
    let map: number | null = null;
    if (maps.large) {
      map = selection.map ?? cluster;
      if (map === null && selection.paper !== null) map = await clusterOf(selection.paper);
      if (map !== null && !clusters.has(map)) map = null;
    }
    if (!(await maps.show(map, transition))) return;
    search.setQuery(selection.query);
    if (selection.paper !== null && !store.index.hasNode(selection.paper)) {
      status.notice(`This map has no paper “${selection.paper}”.`);
    }
    if (store.state.selectedPaper !== null) maps.view.focusNode(store.state.selectedPaper);
    else if (store.state.selectedCluster !== null) focusSelection();
    else maps.view.resetCamera();
  };
  const url = bindUrl(store, restore);
  void url.restore(options.initial);
  filters.update(store.state);

  return {
    get view() {
      return maps.view;
    },
    get data() {
      return maps.data;
    },
    store,
    cleanup() {
      requests.abortAll();
      document.removeEventListener("keydown", onKeyDown);
      url.cleanup();
      unsubscribe();
      maps.cleanup();
    },
  };
}

function summaryOf({ data, clusters, papers }: ExplorerStart, maps: Maps): string {
  if (maps.large) {
    return `${papers.toLocaleString("en")} papers in ${clusters.length} clusters. The map starts with one disc per cluster (its area follows its papers, links weigh the similar papers between clusters); click one to open its papers.`;
  }
  return `${data.graph.order} papers in ${clusters.length} clusters, ${data.graph.size} links between similar papers.`;
}
