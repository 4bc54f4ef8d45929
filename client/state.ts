// What the user is doing on the map, as a typed State: inputs (hover, selections, filters) and the sets derived
// from them, computed once per change here so that the reducers only look things up. Transitions are pure
// functions `(state, index) => state`; Store holds the current state and tells subscribers.

export interface GraphIndex {
  hasNode(node: string): boolean;
  /** Neighbours through links of at least `minWeight`. */
  neighbours(node: string, minWeight: number): Iterable<string>;
  clusterMembers(cluster: number): Iterable<string>;
}

export interface State {
  hoveredNode: string | null;
  selectedPaper: string | null;
  /** Related papers of the selected paper, as the API listed them (empty until they arrive). */
  relatedPapers: ReadonlySet<string>;
  selectedCluster: number | null;
  /** Papers related to the user's own text, null when there is no such query. */
  textMatches: ReadonlySet<string> | null;
  /** Links lighter than this are hidden. */
  minWeight: number;
  /** Topic filter: only papers carrying `topic` are shown. */
  topic: string | null;
  topicPapers: ReadonlySet<string> | null;
  /** The search box's text. */
  query: string;

  // Derived, never set directly:
  /** Hovered paper and its neighbours; null when nothing is hovered. */
  hoverFocus: ReadonlySet<string> | null;
  /** Selected paper, its related papers, the selected cluster's papers and the text matches; null if none. */
  selectionFocus: ReadonlySet<string> | null;
}

export type Transition = (state: State, index: GraphIndex) => State;

const EMPTY: ReadonlySet<string> = new Set();

export function initialState(): State {
  return {
    hoveredNode: null,
    selectedPaper: null,
    relatedPapers: EMPTY,
    selectedCluster: null,
    textMatches: null,
    minWeight: 0,
    topic: null,
    topicPapers: null,
    query: "",
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

export const selectCluster =
  (cluster: number | null): Transition =>
  (state, index) => {
    if (cluster === state.selectedCluster) return state;
    return withSelectionFocus({ ...state, selectedCluster: cluster }, index);
  };

/** Clicking the selected cluster again clears it. */
export const toggleCluster =
  (cluster: number): Transition =>
  (state, index) =>
    selectCluster(state.selectedCluster === cluster ? null : cluster)(state, index);

export const setTextMatches =
  (papers: readonly string[] | null): Transition =>
  (state, index) =>
    withSelectionFocus({ ...state, textMatches: papers && new Set(papers.filter((id) => index.hasNode(id))) }, index);

export const setMinWeight =
  (minWeight: number): Transition =>
  (state, index) => {
    if (!(minWeight >= 0) || minWeight === state.minWeight) return state;
    const hoverFocus = state.hoveredNode === null ? null : hoverFocusOf(state.hoveredNode, minWeight, index);
    return { ...state, minWeight, hoverFocus };
  };

export const setTopicFilter =
  (topic: string | null, papers: readonly string[] | null): Transition =>
  (state) =>
    topic === null || papers === null
      ? { ...state, topic: null, topicPapers: null }
      : { ...state, topic, topicPapers: new Set(papers) };

export const setQuery =
  (query: string): Transition =>
  (state) =>
    query === state.query ? state : { ...state, query };

/**
 * Escape, in stages: a selected paper first (back to the list it came from), then the cluster and the text
 * matches.
 */
export const clearSelection = (): Transition => (state, index) => {
  if (state.selectedPaper !== null) return selectPaper(null)(state, index);
  return closeList()(state, index);
};

/** Closing the list panel: the cluster and the text matches go, an open paper stays. */
export const closeList = (): Transition => (state, index) => {
  if (state.selectedCluster === null && state.textMatches === null) return state;
  return withSelectionFocus({ ...state, selectedCluster: null, textMatches: null }, index);
};

function hoverFocusOf(node: string, minWeight: number, index: GraphIndex): Set<string> {
  const focus = new Set(index.neighbours(node, minWeight));
  focus.add(node);
  return focus;
}

function withSelectionFocus(state: State, index: GraphIndex): State {
  const hasSelection = state.selectedPaper !== null || state.selectedCluster !== null || state.textMatches !== null;
  if (!hasSelection) return { ...state, selectionFocus: null };
  const focus = new Set<string>();
  if (state.selectedCluster !== null) for (const node of index.clusterMembers(state.selectedCluster)) focus.add(node);
  if (state.textMatches) for (const node of state.textMatches) focus.add(node);
  if (state.selectedPaper !== null) {
    focus.add(state.selectedPaper);
    for (const node of state.relatedPapers) focus.add(node);
  }
  return { ...state, selectionFocus: focus };
}

export type StateListener = (state: State, previous: State) => void;

/** Holds the current State; `apply` runs a transition and tells the subscribers when anything changed. */
export class Store {
  #state: State;
  readonly #listeners = new Set<StateListener>();

  constructor(
    readonly index: GraphIndex,
    initial: State = initialState(),
  ) {
    this.#state = initial;
  }

  get state(): State {
    return this.#state;
  }

  apply(transition: Transition): void {
    const previous = this.#state;
    const next = transition(previous, this.index);
    if (next === previous) return;
    this.#state = next;
    for (const listener of this.#listeners) listener(next, previous);
  }

  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
