import { describe, expect, it } from "vitest";

import { graphIndex, mapDataFromDto } from "../../client/graph-data.js";
import { initialState, selectCluster, selectPaper, setQuery } from "../../client/state.js";
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
    const selection = { paper: "2401.0001/v2 é&x=1", cluster: 3, query: "graph neural" };
    expect(parseUrlSelection(formatUrlSelection(selection))).toEqual(selection);
  });

  it("gives an empty query string for an empty selection", () => {
    expect(formatUrlSelection(EMPTY_URL_SELECTION)).toBe("");
    expect(parseUrlSelection("")).toEqual(EMPTY_URL_SELECTION);
  });

  it("drops values that cannot be a selection instead of failing", () => {
    expect(parseUrlSelection("?cluster=abc&paper=")).toEqual(EMPTY_URL_SELECTION);
    expect(parseUrlSelection("?cluster=-1").cluster).toBeNull();
  });

  it("keeps other parameters of the address", () => {
    expect(formatUrlSelection({ paper: null, cluster: 1, query: "" }, "?debug=1&paper=x")).toBe("?debug=1&cluster=1");
  });

  it("reads the selection from State", () => {
    const index = graphIndex(mapDataFromDto(tinyGraphDto()).graph);
    const state = [selectPaper("a"), selectCluster(1), setQuery("tiny")].reduce((s, t) => t(s, index), initialState());
    expect(urlSelectionOf(state)).toEqual({ paper: "a", cluster: 1, query: "tiny" });
    expect(sameUrlSelection(urlSelectionOf(state), { paper: "a", cluster: 1, query: " tiny " })).toBe(true);
  });
});
