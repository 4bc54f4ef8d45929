// What the user is doing on the map, as a typed State: inputs (hover, selections, filters, which map is shown) and
// the sets derived from them, computed once per change here so that the reducers only look things up. Transitions
// are pure functions `(state, index) => state` (store.ts applies them).

/** A paper as lists and answers name it: enough to find it, or its cluster, on any map. */
export interface PaperRef {
  id: string;
  cluster: number;
}

export interface GraphIndex {
  hasNode(node: string): boolean;
  /** Neighbours through links of at least `minWeight`. */
  neighbours(node: string, minWeight: number): Iterable<string>;
  clusterMembers(cluster: number): Iterable<string>;
  subclusterMembers(cluster: number, subcluster: number): Iterable<string>;
  /** The node that stands for a paper on this map (the paper, or its cluster's disc on an overview), or null. */
  nodeOf(paper: PaperRef): string | null;
  /** The papers between topics (low confidence) on this map. */
  uncertainNodes(): Iterable<string>;
}

export interface State {
  /** Large corpora: the cluster whose papers the map shows, null for the overview; always null on a whole map. */
  mapCluster: number | null;
  hoveredNode: string | null;
  selectedPaper: string | null;
  /** Related papers of the selected paper, as the API listed them (empty until they arrive). */
  relatedPapers: ReadonlySet<string>;
  selectedCluster: number | null;
  /** A subtopic of the selected cluster, or null for the whole cluster. */
  selectedSubcluster: number | null;
  /** The words of the search whose results are listed, or null. */
  search: string | null;
  /** Its results loaded so far, best first; null until they arrive. */
  searchResults: readonly PaperRef[] | null;
  /** The user's own text whose related papers are listed, or null. */
  text: string | null;
  /** Papers related to `text`, null until they arrive. */
  textResults: readonly PaperRef[] | null;
  /** Links lighter than this are hidden. */
  minWeight: number;
  /** Topic filter: only the papers on `topic` are shown, once `topicResults` arrive. */
  topic: string | null;
  /** Every paper on `topic`, heaviest first (at most as many as the explorer loads); null until they arrive. */
  topicResults: readonly PaperRef[] | null;
  /** How many papers are on `topic` in all (`topicResults` may hold fewer); null until they arrive. */
  topicTotal: number | null;
  /** Whether the papers between topics are highlighted (the others fade). */
  showUncertain: boolean;
  /** Date filter: papers outside these buckets of the timeline (labels, inclusive) fade; null: no filter. */
  dateRange: DateRange | null;
  /** Facet filter: papers without this category, author or venue fade. */
  facet: FacetChoice | null;
  facetResults: readonly PaperRef[] | null;

  // Derived, never set directly:
  /** The nodes that stand for `searchResults` on this map. */
  searchMatches: ReadonlySet<string> | null;
  /** The nodes that stand for `textResults` on this map. */
  textMatches: ReadonlySet<string> | null;
  /** The nodes that stand for `topicResults` on this map: the only ones shown. */
  topicPapers: ReadonlySet<string> | null;
  /** `dateRange` as bucket indices [first, last] of the timeline; null without a filter. */
  dateBuckets: readonly [number, number] | null;
  /** The nodes that stand for `facetResults` on this map: the others fade. */
  facetPapers: ReadonlySet<string> | null;
  /** With `showUncertain`, the papers between topics on this map; null otherwise. */
  uncertainFocus: ReadonlySet<string> | null;
  /** Hovered paper and its neighbours; null when nothing is hovered. */
  hoverFocus: ReadonlySet<string> | null;
  /**
   * Selected paper, its related papers, the selected cluster's (or subtopic's) papers, the search's results and the
   * text's matches; null if none.
   */
  selectionFocus: ReadonlySet<string> | null;
}

/**
 * What the list panel shows: a cluster's papers, a search's results or the papers related to a text (one of them at
 * a time), else the papers on the topic of the topic filter.
 */
export type ListKind = "cluster" | "search" | "text" | "topic";

export function listedOf(state: State): ListKind | null {
  if (state.selectedCluster !== null) return "cluster";
  if (state.search !== null) return "search";
  if (state.text !== null) return "text";
  if (state.topic !== null) return "topic";
  return null;
}

export type Transition = (state: State, index: GraphIndex) => State;

/** A span of the timeline by its bucket labels ("2025-06" or "2025"), first and last included. */
export interface DateRange {
  from: string;
  to: string;
}

export interface FacetChoice {
  name: "category" | "author" | "venue";
  value: string;
}

export function sameFacet(a: FacetChoice | null, b: FacetChoice | null): boolean {
  return a === b || (a !== null && b !== null && a.name === b.name && a.value === b.value);
}

/** The facet filter as the API's query takes it (`{category: "cs.CL"}`), empty without one. */
export function facetFiltersOf(facet: FacetChoice | null): Partial<Record<FacetChoice["name"], string>> {
  return facet === null ? {} : { [facet.name]: facet.value };
}

const EMPTY: ReadonlySet<string> = new Set();

export function initialState(): State {
  return {
    mapCluster: null,
    hoveredNode: null,
    selectedPaper: null,
    relatedPapers: EMPTY,
    selectedCluster: null,
    selectedSubcluster: null,
    search: null,
    searchResults: null,
    text: null,
    textResults: null,
    minWeight: 0,
    topic: null,
    topicResults: null,
    topicTotal: null,
    showUncertain: false,
    searchMatches: null,
    dateRange: null,
    facet: null,
    facetResults: null,
    textMatches: null,
    topicPapers: null,
    dateBuckets: null,
    facetPapers: null,
    uncertainFocus: null,
    hoverFocus: null,
    selectionFocus: null,
  };
}

/** What the map emphasises: hover wins over the selection. */
export function focusOf(state: State): ReadonlySet<string> | null {
  return state.hoverFocus ?? state.selectionFocus;
}

export const hoverNode =
  (node: string | null): Transition =>
  (state, index) => {
    if (node === state.hoveredNode) return state;
    if (node === null || !index.hasNode(node)) return { ...state, hoveredNode: null, hoverFocus: null };
    return { ...state, hoveredNode: node, hoverFocus: hoverFocusOf(node, state.minWeight, index) };
  };

export const selectPaper =
  (paper: string | null): Transition =>
  (state, index) => {
    const selected = paper !== null && index.hasNode(paper) ? paper : null;
    if (selected === state.selectedPaper) return state;
    return withSelectionFocus({ ...state, selectedPaper: selected, relatedPapers: EMPTY }, index);
  };

/** Stores the related papers of `paper`; ignored if the user has moved on to another paper meanwhile. */
export const setRelatedPapers =
  (paper: string, related: readonly string[]): Transition =>
  (state, index) => {
    if (paper !== state.selectedPaper) return state;
    return withSelectionFocus({ ...state, relatedPapers: new Set(related.filter((id) => index.hasNode(id))) }, index);
  };

/** Selecting another cluster (or none) leaves its subtopic; a cluster's list replaces a search's or a text's. */
export const selectCluster =
  (cluster: number | null): Transition =>
  (state, index) => {
    if (cluster === state.selectedCluster) return state;
    const rest = cluster === null ? state : withoutLists(state);
    return withSelectionFocus({ ...rest, selectedCluster: cluster, selectedSubcluster: null }, index);
  };

/** Clicking the selected cluster again clears it. */
export const toggleCluster =
  (cluster: number): Transition =>
  (state, index) =>
    selectCluster(state.selectedCluster === cluster ? null : cluster)(state, index);

/** A subtopic of the selected cluster (null: the whole cluster); nothing happens without a selected cluster. */
export const selectSubcluster =
  (subcluster: number | null): Transition =>
  (state, index) => {
    if (subcluster === state.selectedSubcluster || state.selectedCluster === null) return state;
    return withSelectionFocus({ ...state, selectedSubcluster: subcluster }, index);
  };

/** Clicking the selected subtopic again goes back to the whole cluster. */
export const toggleSubcluster =
  (subcluster: number): Transition =>
  (state, index) =>
    selectSubcluster(state.selectedSubcluster === subcluster ? null : subcluster)(state, index);

/** Lists a search's results (null: none), in place of a cluster's or a text's list; the results come later. */
export const showSearch =
  (query: string | null): Transition =>
  (state, index) => {
    const search = query?.trim() || null;
    if (search === state.search) return state;
    const rest = search === null ? state : withoutLists(state);
    return withSelectionFocus({ ...rest, search, searchResults: null, searchMatches: null }, index);
  };

/** The search's results loaded so far; ignored if the user has moved on to another search. */
export const setSearchResults =
  (query: string, papers: readonly PaperRef[]): Transition =>
  (state, index) => {
    if (query !== state.search) return state;
    return withSelectionFocus({ ...state, searchResults: papers, searchMatches: nodesOf(papers, index) }, index);
  };

/** Lists the papers related to the user's text (null: none), in place of a cluster's or a search's list. */
export const showText =
  (text: string | null): Transition =>
  (state, index) => {
    const trimmed = text?.trim() || null;
    if (trimmed === state.text) return state;
    const rest = trimmed === null ? state : withoutLists(state);
    return withSelectionFocus({ ...rest, text: trimmed, textResults: null, textMatches: null }, index);
  };

/** The papers related to the text; ignored if the user has moved on to another text. */
export const setTextResults =
  (text: string, papers: readonly PaperRef[]): Transition =>
  (state, index) => {
    if (text !== state.text) return state;
    return withSelectionFocus({ ...state, textResults: papers, textMatches: nodesOf(papers, index) }, index);
  };

export const setMinWeight =
  (minWeight: number): Transition =>
  (state, index) => {
    if (!(minWeight >= 0) || minWeight === state.minWeight) return state;
    const hoverFocus = state.hoveredNode === null ? null : hoverFocusOf(state.hoveredNode, minWeight, index);
    return { ...state, minWeight, hoverFocus };
  };

/**
 * The topic filter (null: none): once its papers arrive, only they are shown, and listed; choosing a topic closes the
 * other lists (a cluster's, a search's, a text's).
 */
export const showTopic =
  (topic: string | null): Transition =>
  (state, index) => {
    const term = topic?.trim() || null;
    if (term === state.topic) return state;
    const rest = term === null ? state : withoutLists(state);
    return withSelectionFocus({ ...rest, topic: term, topicResults: null, topicTotal: null, topicPapers: null }, index);
  };

/** The papers on the topic and how many there are in all; ignored if the user has moved on to another topic. */
export const setTopicResults =
  (topic: string, papers: readonly PaperRef[], total = papers.length): Transition =>
  (state, index) =>
    topic !== state.topic
      ? state
      : { ...state, topicResults: papers, topicTotal: total, topicPapers: nodesOf(papers, index) };

export const setShowUncertain =
  (show: boolean): Transition =>
  (state, index) =>
    show === state.showUncertain
      ? state
      : { ...state, showUncertain: show, uncertainFocus: show ? new Set(index.uncertainNodes()) : null };

/**
 * The date filter, as labels of `labels` (the timeline's); a range with an unknown label, or from after to, clears it.
 */
export const setDateRange =
  (range: DateRange | null, labels: readonly string[]): Transition =>
  (state) => {
    const first = range === null ? -1 : labels.indexOf(range.from);
    const last = range === null ? -1 : labels.indexOf(range.to);
    if (first < 0 || last < first)
      return state.dateRange === null ? state : { ...state, dateRange: null, dateBuckets: null };
    if (state.dateRange?.from === range!.from && state.dateRange.to === range!.to) return state;
    return { ...state, dateRange: { from: range!.from, to: range!.to }, dateBuckets: [first, last] };
  };

export const setFacetFilter =
  (facet: FacetChoice | null, papers: readonly PaperRef[] | null): Transition =>
  (state, index) =>
    facet === null || papers === null
      ? { ...state, facet: null, facetResults: null, facetPapers: null }
      : { ...state, facet, facetResults: papers, facetPapers: nodesOf(papers, index) };

/**
 * Another map is on screen (the store's index is already the new map's): `mapCluster` names it. What pointed at the
 * previous map's nodes is looked up again; the hover and the link threshold (whose scale differs) start afresh.
 */
export const enterMap =
  (mapCluster: number | null): Transition =>
  (state, index) => {
    const selectedPaper =
      state.selectedPaper !== null && index.hasNode(state.selectedPaper) ? state.selectedPaper : null;
    const relatedPapers =
      selectedPaper === null ? EMPTY : new Set([...state.relatedPapers].filter((id) => index.hasNode(id)));
    return withSelectionFocus(
      {
        ...state,
        mapCluster,
        hoveredNode: null,
        hoverFocus: null,
        minWeight: 0,
        selectedPaper,
        relatedPapers,
        searchMatches: nodesOf(state.searchResults, index),
        textMatches: nodesOf(state.textResults, index),
        topicPapers: nodesOf(state.topicResults, index),
        facetPapers: nodesOf(state.facetResults, index),
        uncertainFocus: state.showUncertain ? new Set(index.uncertainNodes()) : null,
      },
      index,
    );
  };

/**
 * Escape, in stages: a selected paper first (back to the list it came from), then the subtopic (back to its
 * cluster), then the list.
 */
export const clearSelection = (): Transition => (state, index) => {
  if (state.selectedPaper !== null) return selectPaper(null)(state, index);
  if (state.selectedSubcluster !== null) return selectSubcluster(null)(state, index);
  return closeList()(state, index);
};

/** Closing the list panel: its cluster, search or text goes (or, when it lists a topic's papers, the topic filter). */
export const closeList = (): Transition => (state, index) => {
  const listed = listedOf(state);
  if (listed === null) return state;
  if (listed === "topic") return showTopic(null)(state, index);
  return withSelectionFocus(withoutLists(state), index);
};

/** Without a cluster's, a search's or a text's list (the selection focus is left to the caller). */
function withoutLists(state: State): State {
  if (state.selectedCluster === null && state.search === null && state.text === null) return state;
  return {
    ...state,
    selectedCluster: null,
    selectedSubcluster: null,
    search: null,
    searchResults: null,
    searchMatches: null,
    text: null,
    textResults: null,
    textMatches: null,
  };
}

function hoverFocusOf(node: string, minWeight: number, index: GraphIndex): Set<string> {
  const focus = new Set(index.neighbours(node, minWeight));
  focus.add(node);
  return focus;
}

function nodesOf(papers: readonly PaperRef[] | null, index: GraphIndex): ReadonlySet<string> | null {
  if (papers === null) return null;
  const nodes = new Set<string>();
  for (const paper of papers) {
    const node = index.nodeOf(paper);
    if (node !== null) nodes.add(node);
  }
  return nodes;
}

function withSelectionFocus(state: State, index: GraphIndex): State {
  const { selectedPaper, selectedCluster, selectedSubcluster, searchMatches, textMatches } = state;
  if (selectedPaper === null && selectedCluster === null && searchMatches === null && textMatches === null) {
    return { ...state, selectionFocus: null };
  }
  const focus = new Set<string>();
  if (selectedCluster !== null) {
    const members =
      selectedSubcluster === null
        ? index.clusterMembers(selectedCluster)
        : index.subclusterMembers(selectedCluster, selectedSubcluster);
    for (const node of members) focus.add(node);
  }
  if (searchMatches) for (const node of searchMatches) focus.add(node);
  if (textMatches) for (const node of textMatches) focus.add(node);
  if (selectedPaper !== null) {
    focus.add(selectedPaper);
    for (const node of state.relatedPapers) focus.add(node);
  }
  return { ...state, selectionFocus: focus };
}

/** Runs transitions one after the other, as one change (one redraw, one history entry). */
export const sequence =
  (...transitions: Transition[]): Transition =>
  (state, index) =>
    transitions.reduce((current, transition) => transition(current, index), state);
