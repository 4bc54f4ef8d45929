// text/tfidf createTextVectorizer: the reusable vectoriser gives exactly text/tfidf transformText's vector, call after call,
// and a paper's vector exactly as the model weighed it.

import { expect, it } from "vitest";

import { fitTfidf, transformText } from "../../server/text/tfidf.js";
import { createTextVectorizer } from "../../server/text/tfidf.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";

it("equals transformText on every paper, on free text and on text without known words", async () => {
  const { papers } = await readCorpus("data/papers.jsonl");
  const model = fitTfidf(papers, { ngramRange: [1, 3] });
  const vectorize = createTextVectorizer(model);
  const texts = [
    ...papers.map((p) => `${p.title} ${p.abstract}`),
    "quantization quantization of floating point floating point formats",
    "<script>alert(1)</script> \u202e 🚀 zzz",
    "",
  ];
  for (const text of [...texts, ...texts]) {
    const expected = transformText(model, text);
    const got = vectorize(text);
    expect(Array.from(got.indices)).toEqual(Array.from(expected.indices));
    expect(Array.from(got.values)).toEqual(Array.from(expected.values));
  }
});

it("weighs a paper (title and abstract) exactly as the model weighed its own papers", async () => {
  const { papers } = await readCorpus("data/papers.jsonl");
  for (const titleWeight of [1, 2]) {
    const model = fitTfidf(papers, { ngramRange: [1, 3], titleWeight });
    const vectorize = createTextVectorizer(model);
    papers.forEach((paper, row) => {
      const { indptr, indices, values } = model.matrix;
      const got = vectorize(paper);
      expect(Array.from(got.indices)).toEqual(Array.from(indices.subarray(indptr[row], indptr[row + 1])));
      expect(Array.from(got.values)).toEqual(Array.from(values.subarray(indptr[row], indptr[row + 1])));
    });
  }
});
