// graph/label's pickWithoutNesting bound to a model, on items or straight on column positions (pickPositions, which
// caches each term's "same topic" key and allocates nothing, since it runs for every related-papers answer).

import { pickPositions, pickWithoutNesting } from "../graph/label.js";
import type { TfidfModel } from "../text/tfidf.js";

export interface TopicPicker {
  /** The items of `ranked` that pickWithoutNesting chooses, in its order. */
  <T>(ranked: readonly T[], limit: number, column: (item: T) => number): T[];
  /**
   * Positions in `columns[0..count)` of the chosen terms, written to `out`; returns how many. `out` must hold
   * `limit` numbers.
   */
  positions(columns: ArrayLike<number>, count: number, limit: number, out: Int32Array): number;
}

export function createTopicPicker(model: TfidfModel): TopicPicker {
  const { vocabulary, terms } = model;
  const pick = <T>(ranked: readonly T[], limit: number, column: (item: T) => number): T[] =>
    pickWithoutNesting(vocabulary, terms, ranked, limit, column);
  const positions = (columns: ArrayLike<number>, count: number, limit: number, out: Int32Array): number =>
    pickPositions(vocabulary, terms, columns, count, limit, out);
  return Object.assign(pick, { positions });
}
