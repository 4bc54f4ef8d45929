// graph/label pickWithoutNesting with each term's "same topic" key (graph/label sameTopicKey: lower case, hyphens as
// spaces, no plural s) computed once per column and kept, working on column numbers without allocating: the
// regular expressions and closures were a tenth of a related-papers request's time. Same choice, item for item
// (test/query/topic-picker.test.ts).

import { sameTopicKey } from "../graph/label.js";
import type { TfidfModel } from "../text/tfidf.js";
import { isNestedTerm } from "../text/vocabulary.js";

export interface TopicPicker {
  /** The items of `ranked` that pickWithoutNesting would choose, in its order. */
  <T>(ranked: readonly T[], limit: number, column: (item: T) => number): T[];
  /**
   * Positions in `columns[0..count)` of the chosen terms, written to `out`; returns how many. `out` must hold
   * `limit` numbers.
   */
  positions(columns: ArrayLike<number>, count: number, limit: number, out: Int32Array): number;
}

export function createTopicPicker(model: TfidfModel): TopicPicker {
  const keys: (string | undefined)[] = new Array(model.terms.length);
  const { vocabulary } = model;
  const written: string[] = [];

  const positions = (columns: ArrayLike<number>, count: number, limit: number, out: Int32Array): number => {
    let chosen = 0;
    written.length = 0;
    for (let i = 0; i < count && chosen < limit; i++) {
      const c = columns[i];
      const form = (keys[c] ??= sameTopicKey(model.terms[c]));
      if (written.includes(form)) continue;
      let nested = false;
      for (let j = 0; j < chosen && !nested; j++) nested = isNestedTerm(vocabulary, c, columns[out[j]]);
      if (nested) continue;
      written.push(form);
      // Chosen terms nested in this one: the first is replaced by it, the others dropped.
      let first = -1;
      let kept = 0;
      for (let j = 0; j < chosen; j++) {
        if (isNestedTerm(vocabulary, columns[out[j]], c)) {
          if (first >= 0) continue;
          first = kept;
        }
        out[kept++] = out[j];
      }
      if (first >= 0) {
        out[first] = i;
        chosen = kept;
        continue;
      }
      out[chosen++] = i;
    }
    return chosen;
  };

  const pick = <T>(ranked: readonly T[], limit: number, column: (item: T) => number): T[] => {
    const columns = ranked.map(column);
    const out = new Int32Array(Math.max(limit, 0));
    const n = positions(columns, columns.length, limit, out);
    return Array.from(out.subarray(0, n), (p) => ranked[p]);
  };
  return Object.assign(pick, { positions });
}
