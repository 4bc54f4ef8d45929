// query/topic-picker: the cached-key picker chooses exactly what graph/label pickWithoutNesting chooses.

import { expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import { pickWithoutNesting } from "../../server/graph/label.js";
import { createTopicPicker } from "../../server/query/topic-picker.js";
import { rowOf, sharedContributions } from "../../server/text/sparse.js";
import { fitTfidf } from "../../server/text/tfidf.js";

it("equals pickWithoutNesting on every paper's terms and on shared terms of paper pairs", async () => {
  const { papers } = await readCorpus("data/papers.jsonl");
  const model = fitTfidf(papers, { ngramRange: [1, 3] });
  const pick = createTopicPicker(model);
  const column = (t: { index: number }) => t.index;
  for (let a = 0; a < papers.length; a++) {
    const { indices, values } = rowOf(model.matrix, a);
    const ranked = Array.from(indices, (index, k) => ({ index, weight: values[k] })).sort(
      (x, y) => y.weight - x.weight || x.index - y.index,
    );
    const b = (a * 17 + 5) % papers.length;
    const shared = sharedContributions(rowOf(model.matrix, a), rowOf(model.matrix, b));
    for (const limit of [1, 3, 5, 8]) {
      expect(pick(ranked, limit, column)).toEqual(
        pickWithoutNesting(model.vocabulary, model.terms, ranked, limit, column),
      );
      expect(pick(shared, limit, column)).toEqual(
        pickWithoutNesting(model.vocabulary, model.terms, shared, limit, column),
      );
    }
  }
});

it("shared topics of related papers are the top contributions without nested duplicates", async () => {
  const { buildTopicGraph } = await import("../../server/pipeline.js");
  const { sharedTopicsOf, SHARED_TOPICS } = await import("../../server/query/paper-related.js");
  const { papers } = await readCorpus("data/papers.jsonl");
  const build = await buildTopicGraph(papers);
  const pick = createTopicPicker(build.model);
  const column = (t: { index: number }) => t.index;
  for (let a = 0; a < papers.length; a++) {
    for (const b of [(a + 1) % papers.length, (a * 7 + 3) % papers.length]) {
      const top = sharedContributions(rowOf(build.model.matrix, a), rowOf(build.model.matrix, b)).slice(
        0,
        SHARED_TOPICS * 3,
      );
      const expected = pickWithoutNesting(build.model.vocabulary, build.model.terms, top, SHARED_TOPICS, column).map(
        (t) => ({
          term: build.model.terms[t.index],
          weight: Math.round(t.weight * 1e4) / 1e4,
        }),
      );
      expect(sharedTopicsOf(build, pick, rowOf(build.model.matrix, a), b)).toEqual(expected);
    }
  }
});
