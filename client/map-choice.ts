// Which map the explorer starts with: every paper at once, or, for a large corpus, an overview with one disc per
// cluster that the user drills into. Pure.

/**
 * From this many papers on, the explorer starts on the overview, unless the server names another threshold
 * (`largeMapFrom` in GET /api/health; the same 40,000 by default): the 17,599-paper map drawn whole with software
 * WebGL stays usable, the 96,499-paper one would not (docs/performance.md).
 */
export const OVERVIEW_FROM_PAPERS = 40_000;

export type StartMap = "whole" | "overview";

/**
 * The start for a corpus of `papers`; `?overview=1` (or `0`) in the address forces the overview (or the whole map),
 * for whoever wants the other one.
 */
export function chooseStartMap(papers: number, search = "", threshold: number = OVERVIEW_FROM_PAPERS): StartMap {
  const forced = new URLSearchParams(search).get("overview");
  if (forced === "1") return "overview";
  if (forced === "0") return "whole";
  return papers >= threshold ? "overview" : "whole";
}
