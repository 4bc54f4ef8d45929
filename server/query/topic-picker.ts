// graph/label pickWithoutNesting with each term's "same topic" key (graph/label sameTopicKey: lower case, hyphens as
// spaces, no plural s) computed once per column and kept: the regular expressions were a tenth of a related-papers
// request's time. Same choice, item for item (test/query/topic-picker.test.ts).

import { sameTopicKey } from "../graph/label.js";
import type { TfidfModel } from "../text/tfidf.js";
import { isNestedTerm } from "../text/vocabulary.js";

export type TopicPicker = <T>(ranked: readonly T[], limit: number, column: (item: T) => number) => T[];

export function createTopicPicker(model: TfidfModel): TopicPicker {
  const keys: (string | undefined)[] = new Array(model.terms.length);
  const keyOf = (c: number) => (keys[c] ??= sameTopicKey(model.terms[c]));
  const { vocabulary } = model;
  return <T>(ranked: readonly T[], limit: number, column: (item: T) => number): T[] => {
    const chosen: T[] = [];
    const written: string[] = [];
    for (const item of ranked) {
      if (chosen.length >= limit) break;
      const c = column(item);
      const form = keyOf(c);
      if (written.includes(form)) continue;
      if (chosen.some((other) => isNestedTerm(vocabulary, c, column(other)))) continue;
      written.push(form);
      const parts = chosen.filter((other) => isNestedTerm(vocabulary, column(other), c));
      if (parts.length > 0) {
        const at = chosen.indexOf(parts[0]);
        chosen[at] = item;
        for (const part of parts.slice(1)) chosen.splice(chosen.indexOf(part), 1);
        continue;
      }
      chosen.push(item);
    }
    return chosen;
  };
}
