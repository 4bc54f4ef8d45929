import { describe, expect, it, vi } from "vitest";

import { clusterNode, graphIndex, mapDataFromDto, overviewDataFromDto } from "../../client/graph-data.js";
import {
  clearSelection,
  closeList,
  enterMap,
  focusOf,
  hoverNode,
  initialState,
  selectCluster,
  selectPaper,
  selectSubcluster,
  sequence,
  setMinWeight,
  setRelatedPapers,
  setShowUncertain,
  setSearchResults,
  setTextResults,
  setTopicResults,
  showSearch,
  showText,
  showTopic,
  toggleCluster,
  toggleSubcluster,
  listedOf,
  type PaperRef,
  type State,
  type Transition,
} from "../../client/state.js";
import { Store } from "../../client/store.js";
import { tinyGraphDto, tinyOverviewDto } from "./fixtures.js";

const index = graphIndex(mapDataFromDto(tinyGraphDto()));
const overview = graphIndex(overviewDataFromDto(tinyOverviewDto()));
const CLUSTER_OF: Record<string, number> = { a: 0, b: 0, c: 0, d: 1, e: 1 };
const refs = (...ids: string[]): PaperRef[] => ids.map((id) => ({ id, cluster: CLUSTER_OF[id] ?? 0 }));
const run = (...transitions: Transition[]): State => transitions.reduce((state, t) => t(state, index), initialState());
const sorted = (set: ReadonlySet<string> | null) => (set ? [...set].sort() : null);
/** The user's text "t" and the papers related to it. */
const textMatches = (papers: PaperRef[]): Transition => sequence(showText("t"), setTextResults("t", papers));
const topic = (term: string, papers: PaperRef[]): Transition =>
  sequence(showTopic(term), setTopicResults(term, papers));

describe("hover", () => {
  it("focuses the hovered paper and its neighbours", () => {
    const state = run(hoverNode("a"));
    expect(state.hoveredNode).toBe("a");
    expect(sorted(state.hoverFocus)).toEqual(["a", "b", "c"]);
  });

  it("leaves out neighbours whose link the similarity slider hides, and follows the slider", () => {
    expect(sorted(run(setMinWeight(0.55), hoverNode("c")).hoverFocus)).toEqual(["b", "c"]);
    expect(sorted(run(hoverNode("c"), setMinWeight(0.55)).hoverFocus)).toEqual(["b", "c"]);
  });

  it("clears the focus when the pointer leaves, and ignores unknown nodes", () => {
    expect(run(hoverNode("a"), hoverNode(null)).hoverFocus).toBeNull();
    expect(run(hoverNode("zz")).hoveredNode).toBeNull();
  });

  it("wins over the selection in what the map emphasises", () => {
    const state = run(selectCluster(1), hoverNode("a"));
    expect(sorted(focusOf(state))).toEqual(["a", "b", "c"]);
    expect(sorted(focusOf(hoverNode(null)(state, index)))).toEqual(["d", "e"]);
  });
});

describe("selection", () => {
  it("focuses a selected cluster's papers; selecting it again clears it", () => {
    const state = run(toggleCluster(0));
    expect(state.selectedCluster).toBe(0);
    expect(sorted(state.selectionFocus)).toEqual(["a", "b", "c"]);
    const cleared = toggleCluster(0)(state, index);
    expect(cleared.selectedCluster).toBeNull();
    expect(cleared.selectionFocus).toBeNull();
  });

  it("focuses a selected paper, then its related papers once they arrive", () => {
    const selected = run(selectPaper("a"));
    expect(sorted(selected.selectionFocus)).toEqual(["a"]);
    expect(sorted(setRelatedPapers("a", ["d", "e", "unknown"])(selected, index).selectionFocus)).toEqual([
      "a",
      "d",
      "e",
    ]);
  });

  it("drops related papers that arrive for a paper the user has left", () => {
    const state = run(selectPaper("a"), selectPaper("b"));
    expect(setRelatedPapers("a", ["d"])(state, index)).toBe(state);
  });

  it("unions cluster, text matches and paper in the selection focus", () => {
    const state = run(textMatches(refs("a")), selectPaper("b"));
    expect(sorted(state.selectionFocus)).toEqual(["a", "b"]);
    expect(sorted(run(selectCluster(1), selectPaper("b")).selectionFocus)).toEqual(["b", "d", "e"]);
    expect(sorted(run(showSearch("q"), setSearchResults("q", refs("c", "d"))).selectionFocus)).toEqual(["c", "d"]);
  });

  it("ignores a paper id the map does not have", () => {
    expect(run(selectPaper("nope")).selectedPaper).toBeNull();
  });

  it("returns the same state when nothing changes, so that nothing redraws", () => {
    const state = run(selectCluster(0));
    expect(selectCluster(0)(state, index)).toBe(state);
    expect(hoverNode(null)(state, index)).toBe(state);
    expect(setMinWeight(0)(state, index)).toBe(state);
    expect(clearSelection()(initialState(), index)).toEqual(initialState());
  });
});

describe("subtopics", () => {
  it("narrows the selection focus to a subtopic of the selected cluster, and back on a second click", () => {
    const state = run(selectCluster(0), toggleSubcluster(1));
    expect(state.selectedSubcluster).toBe(1);
    expect(sorted(state.selectionFocus)).toEqual(["c"]);
    const back = toggleSubcluster(1)(state, index);
    expect(back.selectedSubcluster).toBeNull();
    expect(sorted(back.selectionFocus)).toEqual(["a", "b", "c"]);
  });

  it("needs a selected cluster, and goes when another cluster is selected", () => {
    expect(run(selectSubcluster(0)).selectedSubcluster).toBeNull();
    const state = run(selectCluster(0), selectSubcluster(0), selectCluster(1));
    expect(state.selectedSubcluster).toBeNull();
    expect(sorted(state.selectionFocus)).toEqual(["d", "e"]);
  });
});

describe("papers between topics", () => {
  it("highlights them on demand as a derived set, and drops it when switched off", () => {
    const state = run(setShowUncertain(true));
    expect(sorted(state.uncertainFocus)).toEqual(["c"]);
    expect(setShowUncertain(false)(state, index).uncertainFocus).toBeNull();
    expect(setShowUncertain(true)(state, index)).toBe(state);
  });
});

describe("switching maps (large corpora)", () => {
  it("finds the text matches and the topic's papers again as the clusters' discs of an overview", () => {
    const onPapers = run(topic("x", refs("d")), textMatches(refs("a", "e")));
    const onOverview = enterMap(null)(onPapers, overview);
    expect(sorted(onOverview.textMatches)).toEqual([clusterNode(0), clusterNode(1)]);
    expect(sorted(onOverview.topicPapers)).toEqual([clusterNode(1)]);
    expect(onOverview.textResults).toBe(onPapers.textResults);
  });

  it("keeps the selected cluster, drops a paper the new map lacks, and starts hover and link threshold afresh", () => {
    const before = run(selectCluster(1), selectPaper("a"), hoverNode("b"), setMinWeight(0.5), setShowUncertain(true));
    const after = enterMap(null)(before, overview);
    expect(after).toMatchObject({ mapCluster: null, selectedCluster: 1, selectedPaper: null, hoveredNode: null });
    expect(after.minWeight).toBe(0);
    expect(sorted(after.selectionFocus)).toEqual([clusterNode(1)]);
    expect(sorted(after.uncertainFocus)).toEqual([]);
    // Into a cluster's map (here the tiny map stands for it): the paper is there.
    const inside = sequence(enterMap(0), selectPaper("c"))(after, index);
    expect(inside.mapCluster).toBe(0);
    expect(sorted(inside.uncertainFocus)).toEqual(["c"]);
    expect(sorted(inside.selectionFocus)).toEqual(["c", "d", "e"]);
  });
});

describe("clearSelection (Escape)", () => {
  it("goes back from a subtopic to its whole cluster before closing the list", () => {
    const once = run(selectCluster(0), selectSubcluster(0), selectPaper("a"), clearSelection(), clearSelection());
    expect(once.selectedSubcluster).toBeNull();
    expect(once.selectedCluster).toBe(0);
    expect(clearSelection()(once, index).selectedCluster).toBeNull();
  });

  it("closes the paper first, then the list (here the text's)", () => {
    const once = run(textMatches(refs("d")), selectPaper("a"), clearSelection());
    expect(once.selectedPaper).toBeNull();
    expect(once.text).toBe("t");
    const twice = clearSelection()(once, index);
    expect(twice.text).toBeNull();
    expect(twice.textMatches).toBeNull();
    expect(twice.selectionFocus).toBeNull();
  });

  it("closes a topic's list by clearing the topic filter, once no other list is open", () => {
    const state = run(topic("alpha", refs("a")), selectCluster(1));
    expect(listedOf(state)).toBe("cluster");
    const once = clearSelection()(state, index);
    expect([once.selectedCluster, once.topic, listedOf(once)]).toEqual([null, "alpha", "topic"]);
    const twice = clearSelection()(once, index);
    expect([twice.topic, twice.topicPapers, listedOf(twice)]).toEqual([null, null, null]);
  });

  it("closeList keeps the open paper", () => {
    const state = run(selectCluster(0), selectPaper("a"), closeList());
    expect(state.selectedCluster).toBeNull();
    expect(state.selectedPaper).toBe("a");
    expect(sorted(state.selectionFocus)).toEqual(["a"]);
  });
});

describe("lists: a cluster's, a search's, a text's, a topic's", () => {
  it("shows one of a cluster, a search and a text at a time: the latest", () => {
    const search = run(selectCluster(0), showSearch(" graph "));
    expect([search.search, search.selectedCluster, listedOf(search)]).toEqual(["graph", null, "search"]);
    const text = showText("my abstract")(search, index);
    expect([text.text, text.search, listedOf(text)]).toEqual(["my abstract", null, "text"]);
    const cluster = selectCluster(1)(text, index);
    expect([cluster.text, cluster.textResults, listedOf(cluster)]).toEqual([null, null, "cluster"]);
  });

  it("takes a search's or a text's results only for the search or text still shown", () => {
    const state = run(showSearch("graph"), setSearchResults("graph", refs("a")), showSearch("other"));
    expect(state.searchResults).toBeNull();
    expect(setSearchResults("graph", refs("b"))(state, index)).toBe(state);
    const text = run(showText("one"), showText("two"));
    expect(setTextResults("one", refs("a"))(text, index)).toBe(text);
  });

  it("keeps the topic filter's papers as a set once they arrive, lists them unless another list is open, and clears", () => {
    const waiting = run(selectCluster(0), showTopic("alpha"));
    expect([waiting.topic, waiting.topicPapers, waiting.selectedCluster, listedOf(waiting)]).toEqual([
      "alpha",
      null,
      null,
      "topic",
    ]);
    const state = setTopicResults("alpha", refs("a", "b"))(waiting, index);
    expect(sorted(state.topicPapers)).toEqual(["a", "b"]);
    expect(setTopicResults("beta", refs("c"))(state, index)).toBe(state);
    expect(showTopic(null)(state, index).topicPapers).toBeNull();
  });

  it("refuses a negative or non-numeric minimum weight", () => {
    expect(run(setMinWeight(-1)).minWeight).toBe(0);
    expect(run(setMinWeight(Number.NaN)).minWeight).toBe(0);
  });
});

describe("Store", () => {
  it("tells subscribers about changes only, with the previous state", () => {
    const store = new Store(index);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.apply(selectCluster(1));
    store.apply(selectCluster(1));
    expect(listener).toHaveBeenCalledTimes(1);
    const [next, previous] = listener.mock.calls[0];
    expect(next.selectedCluster).toBe(1);
    expect(previous.selectedCluster).toBeNull();
    unsubscribe();
    store.apply(selectCluster(0));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.state.selectedCluster).toBe(0);
  });

  it("runs a sequence of transitions as one change", () => {
    const store = new Store(index);
    const listener = vi.fn();
    store.subscribe(listener);
    store.apply(sequence(selectCluster(0), selectSubcluster(1), selectPaper("a")));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.state).toMatchObject({ selectedCluster: 0, selectedSubcluster: 1, selectedPaper: "a" });
  });

  it("puts another map's index in place and runs the transition against it", () => {
    const store = new Store(index);
    store.apply(textMatches(refs("d")));
    store.replaceIndex(overview, enterMap(null));
    expect(store.index).toBe(overview);
    expect(sorted(store.state.textMatches)).toEqual([clusterNode(1)]);
  });
});
