import { describe, expect, it } from "vitest";

import { graphIndex, mapDataFromDto } from "../../client/graph-data.js";
import {
  FADED_NODE_COLOR,
  LARGE_MAP_STYLE,
  reduceEdge,
  reduceNode,
  SMALL_MAP_STYLE,
  UNCERTAIN_NODE_TYPE,
} from "../../client/reducers.js";
import {
  hoverNode,
  initialState,
  selectCluster,
  selectPaper,
  selectSubcluster,
  setDateRange,
  setFacetFilter,
  setMinWeight,
  setShowUncertain,
  sequence,
  setTopicResults,
  showTopic,
  type Transition,
} from "../../client/state.js";
import { TIMELINE, tinyGraphDto } from "./fixtures.js";

const data = mapDataFromDto(tinyGraphDto());
const { graph } = data;
const index = graphIndex(data);
const stateAfter = (...transitions: Transition[]) => transitions.reduce((state, t) => t(state, index), initialState());
const node = (state: ReturnType<typeof initialState>, id: string) => reduceNode(state, id, graph.getNodeAttributes(id));
const edge = (state: ReturnType<typeof initialState>, s: string, t: string) =>
  reduceEdge(state, s, t, graph.getEdgeAttributes(graph.edge(s, t)!));

describe("date and facet filters", () => {
  const faded = (state: ReturnType<typeof initialState>) =>
    graph.nodes().filter((id) => node(state, id).color === FADED_NODE_COLOR);

  it("fades the papers outside the date range (a on 2025-01, b 02, c 03, d and e 04)", () => {
    expect(faded(stateAfter(setDateRange({ from: "2025-02", to: "2025-03" }, TIMELINE.labels)))).toEqual([
      "a",
      "d",
      "e",
    ]);
    expect(faded(stateAfter(setDateRange({ from: "2025-04", to: "2025-04" }, TIMELINE.labels)))).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("ignores a range with an unknown label or backwards, and clears with null", () => {
    expect(stateAfter(setDateRange({ from: "2024-12", to: "2025-02" }, TIMELINE.labels)).dateBuckets).toBeNull();
    expect(stateAfter(setDateRange({ from: "2025-03", to: "2025-02" }, TIMELINE.labels)).dateBuckets).toBeNull();
    const range = setDateRange({ from: "2025-02", to: "2025-03" }, TIMELINE.labels);
    expect(stateAfter(range).dateBuckets).toEqual([1, 2]);
    expect(faded(stateAfter(range, setDateRange(null, TIMELINE.labels)))).toEqual([]);
  });

  it("fades the papers the facet filter does not keep; the hovered paper stays drawn", () => {
    const facet = setFacetFilter({ name: "category", value: "cs.CL" }, [
      { id: "a", cluster: 0 },
      { id: "d", cluster: 1 },
    ]);
    expect(faded(stateAfter(facet))).toEqual(["b", "c", "e"]);
    expect(faded(stateAfter(facet, hoverNode("b")))).not.toContain("b");
    expect(faded(stateAfter(facet, setFacetFilter(null, null)))).toEqual([]);
  });
});

describe("reduceNode", () => {
  it("leaves every paper as the server drew it when nothing is going on", () => {
    const state = initialState();
    expect(node(state, "a")).toEqual(graph.getNodeAttributes("a"));
  });

  it("draws a paper between topics as a ring, whatever is going on", () => {
    expect(node(initialState(), "c")).toEqual({ ...graph.getNodeAttributes("c"), type: UNCERTAIN_NODE_TYPE });
    expect(node(stateAfter(selectCluster(1)), "c")).toMatchObject({
      type: UNCERTAIN_NODE_TYPE,
      color: FADED_NODE_COLOR,
    });
    expect(node(initialState(), "e").type).toBeUndefined();
  });

  it("with 'show papers between topics', fades the others, within the selection too", () => {
    const state = stateAfter(setShowUncertain(true));
    expect(node(state, "c")).toMatchObject({ color: "#1f77b4" });
    expect(node(state, "a").color).toBe(FADED_NODE_COLOR);
    expect(node(stateAfter(setShowUncertain(true), selectCluster(1)), "c").color).toBe(FADED_NODE_COLOR);
  });

  it("lights only a selected subtopic's papers", () => {
    const state = stateAfter(selectCluster(0), selectSubcluster(0));
    expect(node(state, "a").color).toBe("#1f77b4");
    expect(node(state, "c").color).toBe(FADED_NODE_COLOR);
  });

  it("fades papers outside the focus and hides their labels", () => {
    const state = stateAfter(selectCluster(1));
    expect(node(state, "a")).toMatchObject({ color: FADED_NODE_COLOR, label: "" });
    expect(node(state, "d")).toMatchObject({ color: "#ff7f0e" });
  });

  it("emphasises the hovered paper with its full title", () => {
    const state = stateAfter(hoverNode("a"));
    expect(node(state, "a")).toMatchObject({ highlighted: true, forceLabel: true, label: "Paper A" });
    expect(node(state, "d").color).toBe(FADED_NODE_COLOR);
  });

  it("emphasises the selected paper", () => {
    expect(node(stateAfter(selectPaper("e")), "e")).toMatchObject({ highlighted: true, forceLabel: true });
  });

  it("hides papers the topic filter leaves out, whatever else is going on", () => {
    const state = stateAfter(
      sequence(showTopic("alpha"), setTopicResults("alpha", [{ id: "a", cluster: 0 }])),
      selectPaper("b"),
    );
    expect(node(state, "b").hidden).toBe(true);
    expect(node(state, "a").hidden).toBeUndefined();
  });

  it("does not change the graph's attributes", () => {
    const before = structuredClone(graph.getNodeAttributes("a"));
    node(stateAfter(selectCluster(1)), "a");
    expect(graph.getNodeAttributes("a")).toEqual(before);
  });
});

describe("reduceNode with the veil (large maps)", () => {
  const veiled = (state: ReturnType<typeof initialState>, id: string) =>
    reduceNode(state, id, graph.getNodeAttributes(id), LARGE_MAP_STYLE);

  it("raises the hovered paper's neighbours above the veil and leaves the others as they are", () => {
    const state = stateAfter(hoverNode("a"));
    expect(veiled(state, "b")).toMatchObject({ highlighted: true, color: "#1f77b4" });
    expect(veiled(state, "d")).toEqual(graph.getNodeAttributes("d"));
  });

  it("still fades what a selection leaves out, whether hovering or not", () => {
    const state = stateAfter(selectCluster(1), hoverNode("a"));
    expect(veiled(state, "c")).toMatchObject({ highlighted: true });
    expect(veiled(stateAfter(selectCluster(1)), "c").color).toBe(FADED_NODE_COLOR);
  });

  it("leaves links alone on hover", () => {
    const state = stateAfter(hoverNode("d"));
    const ab = graph.getEdgeAttributes(graph.edge("a", "b")!);
    expect(reduceEdge(state, "a", "b", ab, LARGE_MAP_STYLE)).toEqual(ab);
  });

  it("hides the links a selection leaves out rather than drawing thousands of faded ones", () => {
    const state = stateAfter(selectCluster(0));
    const cd = graph.getEdgeAttributes(graph.edge("c", "d")!);
    expect(reduceEdge(state, "c", "d", cd, LARGE_MAP_STYLE).hidden).toBe(true);
  });
});

describe("reduceEdge", () => {
  it("hides links below the slider's similarity", () => {
    const state = stateAfter(setMinWeight(0.55));
    expect(edge(state, "a", "c").hidden).toBe(true);
    expect(edge(state, "a", "b").hidden).toBeUndefined();
  });

  it("on hover, keeps only the hovered paper's links", () => {
    const state = stateAfter(hoverNode("d"));
    expect(edge(state, "c", "d").color).toBe(SMALL_MAP_STYLE.focusEdgeColor);
    expect(edge(state, "a", "b").hidden).toBe(true);
  });

  it("with 'show papers between topics', darkens only links between two of them", () => {
    const state = stateAfter(setShowUncertain(true));
    expect(edge(state, "c", "d").color).toBe(SMALL_MAP_STYLE.fadedEdgeColor);
  });

  it("with a selection, darkens links inside it and fades the others", () => {
    const state = stateAfter(selectCluster(0));
    expect(edge(state, "a", "b").color).toBe(SMALL_MAP_STYLE.focusEdgeColor);
    expect(edge(state, "c", "d").color).toBe(SMALL_MAP_STYLE.fadedEdgeColor);
  });
});
