import { describe, expect, it } from "vitest";

import { graphIndex, mapDataFromDto } from "../../client/graph-data.js";
import {
  initialState,
  selectCluster,
  selectPaper,
  selectSubcluster,
  setDateRange,
  showSearch,
  showText,
  showTopic,
} from "../../client/state.js";
import {
  EMPTY_URL_SELECTION,
  formatUrlSelection,
  parseUrlSelection,
  sameUrlSelection,
  URL_TEXT_MAX_BYTES,
  urlSelectionOf,
} from "../../client/url-state.js";
import { tinyGraphDto } from "./fixtures.js";

describe("url state", () => {
  it("round-trips a selection, ids and texts with spaces, slashes, & and non-ASCII included", () => {
    const selection = {
      paper: "2401.0001/v2 é&x=1",
      cluster: 3,
      subcluster: 2,
      map: 3,
      search: "graph neural & co",
      text: "Low-precision quantization of weights?\nA second line = 2",
      topic: "large language models",
      dates: { from: "2025-03", to: "2026" },
    };
    expect(parseUrlSelection(formatUrlSelection(selection))).toEqual(selection);
  });

  it("gives an empty query string for an empty selection", () => {
    expect(formatUrlSelection(EMPTY_URL_SELECTION)).toBe("");
    expect(parseUrlSelection("")).toEqual(EMPTY_URL_SELECTION);
  });

  it("leaves out of the address a text too long for it (a reload would get a 431), keeps an abstract's", () => {
    const abstract = "Low-precision quantization of large language model weights. ".repeat(25);
    expect(parseUrlSelection(formatUrlSelection({ ...EMPTY_URL_SELECTION, text: abstract })).text).toBe(
      abstract.trim(),
    );
    const half = "quantization of language models 大语言模型的量化方法与高效推理研究 ";
    const long = half.repeat(200).slice(0, 5000);
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, text: long, topic: "agents" })).toBe("?topic=agents");
    const edge = "a".repeat(URL_TEXT_MAX_BYTES);
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, text: edge })).toBe(`?text=${edge}`);
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, text: `${edge}é` })).toBe("");
  });

  it("writes the search box's words as ?q=, the related-to-text text as ?text= apart from it, the topic as ?topic=", () => {
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, search: "diffusion models", topic: "quantization" })).toBe(
      "?q=diffusion+models&topic=quantization",
    );
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, text: "my abstract" })).toBe("?text=my+abstract");
    expect(parseUrlSelection("?q=graph&text=my+abstract")).toMatchObject({ search: "graph", text: "my abstract" });
  });

  it("keeps others' parameters and rewrites its own", () => {
    expect(formatUrlSelection({ ...EMPTY_URL_SELECTION, search: "graph" }, "?overview=1&q=old&paper=x")).toBe(
      "?overview=1&q=graph",
    );
  });

  it("drops values that cannot be a selection instead of failing", () => {
    expect(parseUrlSelection("?cluster=abc&paper=&q=%20&text=&topic=")).toEqual(EMPTY_URL_SELECTION);
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
      showTopic("alpha"),
      selectPaper("a"),
      selectCluster(0),
      selectSubcluster(1),
      setDateRange({ from: "2025-02", to: "2025-03" }, labels),
    ];
    const state = transitions.reduce((s, t) => t(s, index), initialState());
    const selection = {
      ...EMPTY_URL_SELECTION,
      paper: "a",
      cluster: 0,
      subcluster: 1,
      topic: "alpha",
      dates: { from: "2025-02", to: "2025-03" },
    };
    expect(urlSelectionOf(state)).toEqual(selection);
    expect(sameUrlSelection(urlSelectionOf(state), { ...selection, topic: " alpha " })).toBe(true);
    expect(sameUrlSelection(urlSelectionOf(state), { ...selection, subcluster: 0 })).toBe(false);
    expect(sameUrlSelection(urlSelectionOf(state), { ...selection, dates: null })).toBe(false);
    const searching = showSearch("tiny")(state, index);
    expect(urlSelectionOf(searching)).toEqual({
      ...EMPTY_URL_SELECTION,
      paper: "a",
      search: "tiny",
      topic: "alpha",
      dates: { from: "2025-02", to: "2025-03" },
    });
    expect(urlSelectionOf(showText("words")(searching, index)).text).toBe("words");
  });
});
