// The explorer once the first map is loaded: creates the maps (maps.ts) and the panels, and turns what the user does
// into State transitions (moves: navigation.ts). Panels and the map follow the store; loading what a selection needs
// (a paper's details, the list the panel shows: list-panel.ts, a topic's papers) is driven by State changes, so
// links and Back restore views the same way.

import type { ClusterDto, TimelineDto } from "../server/contract/index.js";
import * as api from "./api.js";
import { graphIndex, sortedWeights, type MapData } from "./graph-data.js";
import { createListPanel } from "./list-panel.js";
import { createMaps, type Maps } from "./maps.js";
import { createNavigation } from "./navigation.js";
import { createDateFilter, type DateFilterElements } from "./panels/date-filter.js";
import { createDetails } from "./panels/details.js";
import { mapExportMenu } from "./panels/export-menu.js";
import { createFacetFilter, type FacetFilterElements } from "./panels/facet-filter.js";
import { createFilters, type FilteredMap, type FiltersElements } from "./panels/filters.js";
import { createLegend, type LegendOrder } from "./panels/legend.js";
import { createMapNav } from "./panels/map-nav.js";
import { createPaperList } from "./panels/papers.js";
import { createRelatedText } from "./panels/related-text.js";
import { createSearch, SEARCH_LIMIT } from "./panels/search.js";
import type { StatusView } from "./panels/status.js";
import type { MapView } from "./renderer.js";
import { LatestRequests } from "./requests.js";
import {
  clearSelection,
  closeList,
  facetFiltersOf,
  sameFacet,
  selectPaper,
  setDateRange,
  setFacetFilter,
  setMinWeight,
  setRelatedPapers,
  setSearchResults,
  setShowUncertain,
  setTextResults,
  setTopicResults,
  showSearch,
  showText,
  showTopic,
  type FacetChoice,
  type PaperRef,
  type State,
} from "./state.js";
import { Store } from "./store.js";
import { bindUrl, type UrlSelection } from "./url-state.js";

export interface ExplorerElements {
  map: HTMLElement;
  mapNav: HTMLElement;
  legend: HTMLElement;
  legendSort: HTMLSelectElement;
  list: HTMLElement;
  details: HTMLElement;
  introSummary: HTMLElement;
  /** Where the whole map's export menu goes (it follows the facet filter). */
  mapExport: HTMLElement;
  searchInput: HTMLInputElement;
  searchList: HTMLElement;
  relatedForm: HTMLFormElement;
  filters: FiltersElements;
  dateFilter: DateFilterElements;
  facetFilter: FacetFilterElements;
}

/** The first map and what the explorer knows of the corpus. */
export interface ExplorerStart {
  /** The whole map, or a large corpus's overview. */
  data: MapData;
  /** Every cluster of the corpus. */
  clusters: ClusterDto[];
  papers: number;
  /** The corpus over time: what the clusters' trends and the papers' buckets refer to. */
  timeline: TimelineDto;
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
/** The most papers of one topic the map is filtered to (the rest are left out, and the user told so). */
const TOPIC_PAPERS_MAX = 20_000;

/** Values of each facet offered by the facet filter (the most common). */
const FACET_SUGGESTIONS = 1000;

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

  const filteredMap = (data: MapData): FilteredMap => ({
    weights: sortedWeights(data.graph),
    scale: data.linkWeights,
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
  const navigation = createNavigation({ store, maps, clusters, notice: status.notice, onError: report });
  const { openPaper, showCluster, showSubcluster, showOverview } = navigation;
  const chooseTopic = (term: string | null) => store.apply(showTopic(term));
  const applyFacet = async (choice: FacetChoice | null) => {
    // NOTE: the input's change event repeats its Enter when it loses focus; the same filter again changes nothing.
    if (sameFacet(choice, store.state.facet)) return;
    if (choice === null) {
      requests.abort("facet");
      return store.apply(setFacetFilter(null, null));
    }
    try {
      const signal = requests.signal("facet");
      const filters = { [choice.name]: choice.value };
      const papers: PaperRef[] = [];
      // Every page: a facet's papers are the only ones left unfaded.
      for (let offset = 0; ; offset += api.TOPIC_PAPERS_MAX_LIMIT) {
        const page = await api.fetchPaperList(filters, { limit: api.TOPIC_PAPERS_MAX_LIMIT, offset }, { signal });
        papers.push(...page.papers);
        if (papers.length >= page.total || page.papers.length === 0) break;
      }
      store.apply(setFacetFilter(choice, papers));
    } catch (error) {
      report(error);
    }
  };

  // Panels.
  ui.introSummary.textContent = summaryOf(start, maps);
  const showMapExport = (facet: FacetChoice | null) =>
    ui.mapExport.replaceChildren(mapExportMenu(facetFiltersOf(facet), location.href));
  showMapExport(store.state.facet);
  const open = (paper: PaperRef) => void openPaper(paper);
  const paperList = createPaperList(ui.list, color, open, () => store.apply(closeList()));
  const list = createListPanel(paperList, clusters, {
    onSubcluster: (cluster, subcluster) => void showSubcluster(cluster, subcluster, true),
    onSearchResults: (query, papers) => {
      // NOTE: the camera goes to the first page only; Show more leaves it where the user is looking.
      const first = store.state.searchResults === null;
      store.apply(setSearchResults(query, papers));
      if (first && store.state.searchMatches?.size) maps.view.focusNodes(store.state.searchMatches);
    },
    onTextResults: (text, papers) => {
      store.apply(setTextResults(text, papers));
      if (store.state.textMatches?.size) maps.view.focusNodes(store.state.textMatches);
    },
    onError: report,
  });
  const details = createDetails(ui.details, color, {
    onOpenPaper: open,
    onSelectCluster: (id) => {
      if (store.state.selectedCluster !== id || store.state.selectedSubcluster !== null) void showSubcluster(id, null);
    },
    onSelectSubcluster: (id, subcluster) => void showSubcluster(id, subcluster),
    onTopic: chooseTopic,
    onClose: () => store.apply(selectPaper(null)),
  });
  const legend = createLegend(ui.legend, start.clusters, start.timeline, (id) => void showCluster(id));
  ui.legendSort.addEventListener("change", () => legend.setOrder(ui.legendSort.value as LegendOrder));
  const dateFilter = createDateFilter(ui.dateFilter, start.timeline, (range) =>
    store.apply(setDateRange(range, start.timeline.labels)),
  );
  const facetFilter = createFacetFilter(ui.facetFilter, {
    loadFacets: () => api.fetchFacets(FACET_SUGGESTIONS, { signal: requests.signal("facets") }),
    onFacet: (choice) => void applyFacet(choice),
    onError: report,
  });
  const search = createSearch(ui.searchInput, ui.searchList, {
    search: (query, signal) => api.search(query, { limit: SEARCH_LIMIT }, { signal }),
    onPaper: open,
    onTopic: chooseTopic,
    onSearch: (query) => store.apply(showSearch(query)),
    onError: report,
  });
  const relatedText = createRelatedText(ui.relatedForm, { submit: (text) => store.apply(showText(text)) });
  const filters = createFilters(ui.filters, filteredMap(maps.data), {
    onMinWeight: (minWeight) => store.apply(setMinWeight(minWeight)),
    loadTopics: () => api.fetchTopics(TOPIC_SUGGESTIONS, { signal: requests.signal("topics") }),
    onTopic: chooseTopic,
    onShowUncertain: (show) => store.apply(setShowUncertain(show)),
    onError: report,
  });

  // Effects: what a change of State needs loaded or shown.
  const loadPaper = async (id: string | null) => {
    const signal = requests.signal("paper");
    paperList.setCurrent(id);
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
  /** Every paper on the topic that the facet filter keeps: the map keeps only them, the list shows them. */
  const loadTopic = async (term: string | null, facet: FacetChoice | null) => {
    if (term === null) return requests.abort("topic");
    try {
      const signal = requests.signal("topic");
      const answer = await api.fetchAllTopicPapers(term, TOPIC_PAPERS_MAX, { signal }, facetFiltersOf(facet));
      store.apply(setTopicResults(term, answer.papers, answer.total));
      list.setTopic(answer);
      if (answer.total > answer.papers.length)
        status.notice(`The map shows the first ${answer.papers.length} of the ${answer.total} papers on “${term}”.`);
      if (store.state.topic === term && store.state.topicPapers?.size) maps.view.focusNodes(store.state.topicPapers);
    } catch (error) {
      if ((error as Error)?.name === "AbortError") return;
      // The filter goes rather than wait for papers that will not come (a link's unknown topic, say).
      if (error instanceof api.ApiError && error.status === 404)
        status.notice(`There is no topic “${term}” in this corpus.`, true);
      else report(error);
      if (store.state.topic === term) store.apply(showTopic(null));
    }
  };
  const unsubscribe = store.subscribe((state: State, previous: State) => {
    if (state.selectedPaper !== previous.selectedPaper) void loadPaper(state.selectedPaper);
    if (state.selectedCluster !== previous.selectedCluster) legend.setSelected(state.selectedCluster);
    if (state.topic !== previous.topic || (state.topic !== null && !sameFacet(state.facet, previous.facet)))
      void loadTopic(state.topic, state.facet);
    if (state.search !== previous.search) search.setQuery(state.search ?? "");
    if (state.text !== previous.text && state.text !== null) relatedText.setText(state.text);
    list.show(state);
    if (
      state.minWeight !== previous.minWeight ||
      state.topic !== previous.topic ||
      state.topicResults !== previous.topicResults ||
      state.showUncertain !== previous.showUncertain
    )
      filters.update(state);
    if (state.dateRange !== previous.dateRange) dateFilter.update(state);
    if (state.facet !== previous.facet || state.facetPapers !== previous.facetPapers) facetFilter.update(state);
    if (state.facet !== previous.facet) showMapExport(state.facet);
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !event.defaultPrevented) store.apply(clearSelection());
  };
  document.addEventListener("keydown", onKeyDown);

  const restore = async (selection: UrlSelection) => {
    store.apply(setDateRange(selection.dates, start.timeline.labels));
    await navigation.restore(selection);
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
      navigation.cleanup();
      list.cleanup();
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
  return `${data.graph.order.toLocaleString("en")} papers in ${clusters.length} clusters, ${data.graph.size.toLocaleString("en")} links between similar papers.`;
}
