import { describe, expect, it, vi } from "vitest";

import { graphIndex, mapDataFromDto } from "../../client/graph-data.js";
import {
  clearSelection,
  closeList,
  focusOf,
  hoverNode,
  initialState,
  selectCluster,
  selectPaper,
  setMinWeight,
  setRelatedPapers,
  setTextMatches,
  setTopicFilter,
  Store,
  toggleCluster,
  type State,
  type Transition,
} from "../../client/state.js";
import { tinyGraphDto } from "./fixtures.js";

const index = graphIndex(mapDataFromDto(tinyGraphDto()).graph);
const run = (...transitions: Transition[]): State => transitions.reduce((state, t) => t(state, index), initialState());
const sorted = (set: ReadonlySet<string> | null) => (set ? [...set].sort() : null);

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
    const state = run(selectCluster(1), setTextMatches(["a"]), selectPaper("b"));
    expect(sorted(state.selectionFocus)).toEqual(["a", "b", "d", "e"]);
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

describe("clearSelection (Escape)", () => {
  it("closes the paper first, then the cluster and the text matches", () => {
    const once = run(selectCluster(0), setTextMatches(["d"]), selectPaper("a"), clearSelection());
    expect(once.selectedPaper).toBeNull();
    expect(once.selectedCluster).toBe(0);
    const twice = clearSelection()(once, index);
    expect(twice.selectedCluster).toBeNull();
    expect(twice.textMatches).toBeNull();
    expect(twice.selectionFocus).toBeNull();
  });

  it("closeList keeps the open paper", () => {
    const state = run(selectCluster(0), selectPaper("a"), closeList());
    expect(state.selectedCluster).toBeNull();
    expect(state.selectedPaper).toBe("a");
    expect(sorted(state.selectionFocus)).toEqual(["a"]);
  });
});

describe("filters", () => {
  it("keeps the topic filter's papers as a set, and clears it", () => {
    const state = run(setTopicFilter("alpha", ["a", "b"]));
    expect(state.topic).toBe("alpha");
    expect(sorted(state.topicPapers)).toEqual(["a", "b"]);
    expect(setTopicFilter(null, null)(state, index).topicPapers).toBeNull();
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
});
