// TF-IDF against values computed by hand from the formula (sublinear tf, smoothed idf, L2 norm), the effect of each
// vocabulary option, option validation, and transformText in the same space as the fitted rows.

import { describe, expect, it } from "vitest";

import { rowOf, type SparseVector } from "../../server/text/sparse.js";
import {
  fitTfidf,
  resolveTfidfOptions,
  transformText,
  type TextDocument,
  type TfidfModel,
} from "../../server/text/tfidf.js";

/**
 * Counts by document (title counted once):
 *   d0: quasar 3, nebula 1        d1: pulsar 1, comet 1
 *   d2: pulsar 2, quasar 1, comet 1   d3: comet 1
 * so df(quasar) = 2, df(nebula) = 1, df(pulsar) = 2, df(comet) = 3, n = 4.
 */
const TINY: TextDocument[] = [
  { title: "quasar", abstract: "quasar. quasar, nebula." },
  { title: "pulsar", abstract: "comet." },
  { title: "pulsar", abstract: "pulsar; quasar; comet." },
  { title: "comet", abstract: "" },
];

/** Row d of the model as term -> weight. */
function row(model: TfidfModel, d: number): Record<string, number> {
  return asTerms(model, rowOf(model.matrix, d));
}

function asTerms(model: TfidfModel, vector: SparseVector): Record<string, number> {
  const out: Record<string, number> = {};
  vector.indices.forEach((column, k) => (out[model.terms[column]] = vector.values[k]));
  return out;
}

/** L2-normalises a term -> weight map. */
function normalised(weights: Record<string, number>): Record<string, number> {
  const norm = Math.sqrt(Object.values(weights).reduce((sum, w) => sum + w * w, 0));
  return Object.fromEntries(Object.entries(weights).map(([term, w]) => [term, w / norm]));
}

function expectWeights(actual: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [term, weight] of Object.entries(expected)) expect(actual[term]).toBeCloseTo(weight, 6);
}

const idf = (n: number, df: number) => Math.log((1 + n) / (1 + df)) + 1;
const ALL_TERMS = { minDf: 1, maxDf: 1, ngramRange: [1, 1] as const, saturation: 0 };
/** BM25's saturated count with k1 = 2, the default. */
const bm25 = (count: number, k1 = 2) => (count * (k1 + 1)) / (count + k1);

describe("fitTfidf: the weights", () => {
  it("weighs by sublinear tf times smoothed idf, rows scaled to unit L2 norm", () => {
    const model = fitTfidf(TINY, ALL_TERMS);
    expect([...model.terms].sort()).toEqual(["comet", "nebula", "pulsar", "quasar"]);
    expect(model.idf[model.terms.indexOf("comet")]).toBeCloseTo(Math.log(5 / 4) + 1, 6);
    expect(model.idf[model.terms.indexOf("nebula")]).toBeCloseTo(Math.log(5 / 2) + 1, 6);
    expectWeights(row(model, 0), normalised({ quasar: (1 + Math.log(3)) * idf(4, 2), nebula: 1 * idf(4, 1) }));
    expectWeights(row(model, 1), normalised({ pulsar: idf(4, 2), comet: idf(4, 3) }));
    expectWeights(
      row(model, 2),
      normalised({ pulsar: (1 + Math.log(2)) * idf(4, 2), quasar: idf(4, 2), comet: idf(4, 3) }),
    );
    expectWeights(row(model, 3), { comet: 1 });
  });

  it("saturates counts as BM25 does by default: c (k1 + 1) / (c + k1) with k1 = 2", () => {
    const model = fitTfidf(TINY, { minDf: 1, maxDf: 1, ngramRange: [1, 1] });
    expect(bm25(1)).toBe(1);
    expectWeights(row(model, 0), normalised({ quasar: bm25(3) * idf(4, 2), nebula: idf(4, 1) }));
    expectWeights(row(model, 2), normalised({ pulsar: bm25(2) * idf(4, 2), quasar: idf(4, 2), comet: idf(4, 3) }));
    const k1 = fitTfidf(TINY, { ...ALL_TERMS, saturation: 1.2 });
    expectWeights(row(k1, 0), normalised({ quasar: bm25(3, 1.2) * idf(4, 2), nebula: idf(4, 1) }));
  });

  it("uses raw counts when sublinearTf is false", () => {
    const model = fitTfidf(TINY, { ...ALL_TERMS, sublinearTf: false });
    expectWeights(row(model, 0), normalised({ quasar: 3 * idf(4, 2), nebula: idf(4, 1) }));
  });

  it("counts the title titleWeight times", () => {
    const model = fitTfidf(TINY, { ...ALL_TERMS, titleWeight: 3 });
    // d2: the title "pulsar" three times plus one in the abstract.
    expectWeights(
      row(model, 2),
      normalised({ pulsar: (1 + Math.log(4)) * idf(4, 2), quasar: idf(4, 2), comet: idf(4, 3) }),
    );
  });

  it("keeps column indices ascending within each row and every row at unit norm", () => {
    const model = fitTfidf(TINY, ALL_TERMS);
    for (let d = 0; d < model.matrix.rows; d++) {
      const { indices, values } = rowOf(model.matrix, d);
      for (let k = 1; k < indices.length; k++) expect(indices[k]).toBeGreaterThan(indices[k - 1]);
      expect(values.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 6);
    }
  });
});

describe("fitTfidf: the vocabulary options", () => {
  it("minDf drops terms in fewer documents", () => {
    const model = fitTfidf(TINY, { ...ALL_TERMS, minDf: 2 });
    expect(model.terms).not.toContain("nebula");
    // d0 keeps only quasar, which then carries the whole norm.
    expectWeights(row(model, 0), { quasar: 1 });
  });

  it("maxDf as a share drops terms in more than floor(maxDf * n) documents", () => {
    const model = fitTfidf(TINY, { ...ALL_TERMS, maxDf: 0.5 }); // at most 2 of 4 documents
    expect([...model.terms].sort()).toEqual(["nebula", "pulsar", "quasar"]);
    expect(rowOf(model.matrix, 3).indices.length).toBe(0); // d3 had only comet: an empty row, not NaN
  });

  it("maxDf above 1 is a count of documents", () => {
    expect([...fitTfidf(TINY, { ...ALL_TERMS, maxDf: 2 }).terms].sort()).toEqual(["nebula", "pulsar", "quasar"]);
    expect(fitTfidf(TINY, { ...ALL_TERMS, maxDf: 3 }).terms).toContain("comet");
  });

  it("ngramRange chooses the n-gram orders, and phrases need minDf like words", () => {
    const docs: TextDocument[] = [
      { title: "floating point arithmetic", abstract: "floating point units" },
      { title: "floating point formats", abstract: "point clouds" },
      { title: "decimal arithmetic", abstract: "floating boats" },
    ];
    const base = { minDf: 2, maxDf: 1 };
    expect([...fitTfidf(docs, { ...base, ngramRange: [1, 1] }).terms].sort()).toEqual([
      "arithmetic",
      "floating",
      "point",
    ]);
    expect(fitTfidf(docs, { ...base, ngramRange: [2, 2] }).terms).toEqual(["floating point"]);
    expect([...fitTfidf(docs, { ...base, ngramRange: [1, 2] }).terms].sort()).toEqual([
      "arithmetic",
      "floating",
      "floating point",
      "point",
    ]);
    // "floating point arithmetic" is in one document only.
    expect(fitTfidf(docs, { ...base, ngramRange: [3, 3] }).terms).toEqual([]);
    expect(fitTfidf(docs, { minDf: 1, maxDf: 1, ngramRange: [3, 3] }).terms.sort()).toEqual([
      "floating point arithmetic",
      "floating point formats",
      "floating point units",
    ]);
  });

  it("counts a phrase in a document as often as it occurs there", () => {
    const docs: TextDocument[] = [
      { title: "floating point", abstract: "floating point. floating point." },
      { title: "floating point", abstract: "" },
    ];
    const model = fitTfidf(docs, { minDf: 1, maxDf: 1, ngramRange: [2, 2], sublinearTf: false });
    expect(model.terms).toEqual(["floating point"]);
    expectWeights(row(model, 0), { "floating point": 1 });
  });
});

describe("resolveTfidfOptions", () => {
  it.each([
    [{ minDf: 0 }, "text/tfidf: minDf must be an integer >= 1, got 0"],
    [{ minDf: 1.5 }, "text/tfidf: minDf must be an integer >= 1, got 1.5"],
    [{ maxDf: 0 }, "text/tfidf: maxDf must be > 0, got 0"],
    [{ maxDf: Number.NaN }, "text/tfidf: maxDf must be > 0, got NaN"],
    [{ ngramRange: [0, 2] as const }, "text/tfidf: ngramRange must be [min, max] with 1 <= min <= max <= 3, got [0,2]"],
    [{ ngramRange: [2, 1] as const }, "text/tfidf: ngramRange must be [min, max] with 1 <= min <= max <= 3, got [2,1]"],
    [{ ngramRange: [1, 4] as const }, "text/tfidf: ngramRange must be [min, max] with 1 <= min <= max <= 3, got [1,4]"],
    [{ titleWeight: 0 }, "text/tfidf: titleWeight must be an integer >= 1, got 0"],
  ])("rejects %j", (options, message) => {
    expect(() => resolveTfidfOptions(options)).toThrow(new RangeError(message));
    expect(() => fitTfidf(TINY, options)).toThrow(message);
  });

  it("fills the defaults: min_df 2, max_df 0.5, 1- to 3-grams, BM25 saturation k1 = 2", () => {
    expect(resolveTfidfOptions()).toEqual({
      minDf: 2,
      maxDf: 0.5,
      ngramRange: [1, 3],
      sublinearTf: true,
      saturation: 2,
      titleWeight: 1,
    });
  });
});

describe("transformText", () => {
  const docs: TextDocument[] = [
    { title: "Floating point quantization", abstract: "We quantize weights to floating point formats, as fp4." },
    { title: "Quantization of LLMs", abstract: "LLMs are quantized to fp4 floating point with little loss." },
    { title: "Theorem proving with LLMs", abstract: "Formal theorem proving in Lean; proofs are checked." },
    { title: "Automated theorem proving", abstract: "Provers search for formal proofs of theorem statements." },
  ];

  it.each([1, 2])("gives a training document (title, then abstract) its own row, titleWeight %i", (titleWeight) => {
    const model = fitTfidf(docs, { minDf: 1, maxDf: 1, titleWeight });
    docs.forEach((doc, d) => {
      const text = [...Array<string>(titleWeight).fill(doc.title), doc.abstract].join(". ");
      const vector = transformText(model, text);
      const expected = rowOf(model.matrix, d);
      expect(Array.from(vector.indices)).toEqual(Array.from(expected.indices));
      expect(Array.from(vector.values)).toEqual(Array.from(expected.values));
    });
  });

  it("ignores words the model never saw and gives an empty vector for a text of unknown words", () => {
    const model = fitTfidf(docs, { minDf: 1, maxDf: 1 });
    const withNoise = asTerms(model, transformText(model, "zeppelin quantization walrus"));
    expectWeights(withNoise, { quantization: 1 });
    expect(transformText(model, "zeppelin walrus").indices.length).toBe(0);
  });
});
