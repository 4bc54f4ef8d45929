import { describe, expect, it } from "vitest";

import { graphIndex, mapDataFromDto } from "../../client/graph-data.js";
import {
  initialState,
  selectCluster,
  selectPaper,
  selectSubcluster,
  setDateRange,
  setQuery,
} from "../../client/state.js";
import {
  EMPTY_URL_SELECTION,
  formatUrlSelection,
  parseUrlSelection,
  sameUrlSelection,
  urlSelectionOf,
} from "../../client/url-state.js";
import { tinyGraphDto } from "./fixtures.js";

describe("url state", () => {
  it("round-trips a selection, ids with spaces, slashes and non-ASCII included", () => {
    const selection = {
      paper: "2401.0001/v2 é&x=1",
      cluster: 3,
      subcluster: 2,
      map: 3,
      query: "graph neural",
      dates: { from: "2025-03", to: "2026" },
    };
    expect(parseUrlSelection(formatUrlSelection(selection))).toEqual(selection);
  });

  it("gives an empty query string for an empty selection", () => {
    expect(formatUrlSelection(EMPTY_URL_SELECTION)).toBe("");
    expect(parseUrlSelection("")).toEqual(EMPTY_URL_SELECTION);
  });

  it("drops values that cannot be a selection instead of failing", () => {
    expect(parseUrlSelection("?cluster=abc&paper=")).toEqual(EMPTY_URL_SELECTION);
    expect(parseUrlSelection("?cluster=-1").cluster).toBeNull();
    expect(parseUrlSelection("?sub=1")).toEqual(EMPTY_URL_SELECTION);
    expect(parseUrlSelection("?cluster=2&sub=x&map=1e3")).toMatchObject({ cluster: 2, subcluster: null, map: null });
    expect(parseUrlSelection("?from=2025-03")).toEqual(EMPTY_URL_SELECTION);
    expect(parseUrlSelection("?from=2025-03&to=june")).toEqual(EMPTY_URL_SELECTION);
  });

  it("writes a subtopic only with its cluster", () => {
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, cluster: 4, subcluster: 1 })).toBe("?cluster=4&sub=1");
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, subcluster: 1, map: 2 })).toBe("?map=2");
  });

  it("keeps other parameters of the address", () => {
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, cluster: 1 }, "?overview=1&paper=x")).toBe(
      "?overview=1&cluster=1",
    );
  });

  it("reads the selection from State", () => {
    const index = graphIndex(mapDataFromDto(tinyGraphDto()));
    const labels = ["2025-01", "2025-02", "2025-03"];
    const transitions = [
      selectPaper("a"),
      selectCluster(0),
      selectSubcluster(1),
      setQuery("tiny"),
      setDateRange({ from: "2025-02", to: "2025-03" }, labels),
    ];
    const state = transitions.reduce((s, t) => t(s, index), initialState());
    const selection = {
      paper: "a",
      cluster: 0,
      subcluster: 1,
      map: null,
      query: "tiny",
      dates: { from: "2025-02", to: "2025-03" },
    };
    expect(urlSelectionOf(state)).toEqual(selection);
    expect(sameUrlSelection(urlSelectionOf(state), { ...selection, query: " tiny " })).toBe(true);
    expect(sameUrlSelection(urlSelectionOf(state), { ...selection, subcluster: 0 })).toBe(false);
    expect(sameUrlSelection(urlSelectionOf(state), { ...selection, dates: null })).toBe(false);
  });
});
