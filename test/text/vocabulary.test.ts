// The n-gram vocabulary on hand-made token sequences: document frequencies, phrase breaks, the df bounds, columns.

import { describe, expect, it } from "vitest";

import { BREAK } from "../../server/text/lexicon.js";
import {
  buildVocabulary,
  forEachColumn,
  isNestedTerm,
  maxDfCount,
  type TokenSequences,
  type Vocabulary,
} from "../../server/text/vocabulary.js";

const _ = BREAK;

/** Documents as token arrays, concatenated the way scanDocuments does. */
function sequences(...documents: number[][]): TokenSequences {
  const starts = new Int32Array(documents.length + 1);
  documents.forEach((doc, d) => (starts[d + 1] = starts[d] + doc.length));
  return { tokens: Int32Array.from(documents.flat()), starts };
}

/** Every column as its token ids joined by spaces, with its df: "0 1" -> 2. */
function terms(vocabulary: Vocabulary): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = 0; c < vocabulary.size; c++) {
    const tokens = Array.from(vocabulary.termTokens.subarray(c * 3, c * 3 + vocabulary.termLength[c]));
    out[tokens.join(" ")] = vocabulary.df[c];
  }
  return out;
}

describe("buildVocabulary", () => {
  it("counts document frequency once per document, for 1- to 3-grams", () => {
    const vocabulary = buildVocabulary(sequences([0, 1, 2, 0, 1, 2, _], [0, 1, 2, _], [3, _]), 4, {
      minDf: 1,
      maxDf: 1,
      ngramRange: [1, 3],
    });
    expect(terms(vocabulary)).toEqual({
      "0": 2,
      "1": 2,
      "2": 2,
      "3": 1,
      "0 1": 2,
      "1 2": 2,
      "2 0": 1,
      "0 1 2": 2,
      "1 2 0": 1,
      "2 0 1": 1,
    });
  });

  it("never forms an n-gram across a break or across two documents", () => {
    // Document 0 ends with token 0 and no break; document 1 starts with token 1: "0 1" must not be counted.
    const vocabulary = buildVocabulary(sequences([2, _, 3, 0], [1, _, 2]), 4, {
      minDf: 1,
      maxDf: 1,
      ngramRange: [1, 3],
    });
    expect(terms(vocabulary)).toEqual({ "0": 1, "1": 1, "2": 2, "3": 1, "3 0": 1 });
  });

  it("keeps terms with minDf <= df <= the maxDf count, and numbers columns commonest first", () => {
    const docs = sequences([0, 1, _], [0, 1, _], [0, 2, _], [0, 3, _]);
    const vocabulary = buildVocabulary(docs, 4, { minDf: 2, maxDf: 0.75, ngramRange: [1, 2] }); // df <= 3
    expect(terms(vocabulary)).toEqual({ "1": 2, "0 1": 2 });
    const all = buildVocabulary(docs, 4, { minDf: 1, maxDf: 1, ngramRange: [1, 2] });
    expect(Array.from(all.df)).toEqual([...all.df].sort((a, b) => b - a));
    expect(all.df[0]).toBe(4);
  });

  it("only counts trigrams whose two bigrams are frequent, which loses no frequent trigram", () => {
    const docs = sequences([0, 1, 2, _], [0, 1, 2, _], [0, 1, 3, _]);
    expect(terms(buildVocabulary(docs, 4, { minDf: 2, maxDf: 1, ngramRange: [3, 3] }))).toEqual({ "0 1 2": 2 });
  });

  it("refuses trigrams over more distinct tokens than their 22-bit keys hold, and bigrams do not mind", () => {
    const docs = sequences([0, 1, 2], [0, 1, 2]);
    const options = { minDf: 2, maxDf: 1, ngramRange: [1, 3] as const };
    expect(() => buildVocabulary(docs, 4_194_305, options)).toThrow(/at most 4194304 distinct tokens, got 4194305/);
    expect(buildVocabulary(docs, 4_194_305, { ...options, ngramRange: [1, 2] }).size).toBe(5);
  });
});

describe("maxDfCount", () => {
  it("reads maxDf <= 1 as a share, above 1 as a count, and never goes below minDf", () => {
    expect(maxDfCount({ minDf: 1, maxDf: 0.5, ngramRange: [1, 1] }, 10)).toBe(5);
    expect(maxDfCount({ minDf: 1, maxDf: 7, ngramRange: [1, 1] }, 10)).toBe(7);
    expect(maxDfCount({ minDf: 2, maxDf: 0.5, ngramRange: [1, 1] }, 3)).toBe(2);
  });
});

describe("forEachColumn", () => {
  it("reports every n-gram occurrence that is in the vocabulary, and nothing across a break", () => {
    const vocabulary = buildVocabulary(sequences([0, 1, 2, _], [0, 1, 2, _]), 3, {
      minDf: 2,
      maxDf: 1,
      ngramRange: [1, 3],
    });
    const named = (column: number) =>
      Array.from(vocabulary.termTokens.subarray(column * 3, column * 3 + vocabulary.termLength[column])).join(" ");
    const seen: string[] = [];
    forEachColumn(vocabulary, [0, 1, 2, _, 1, _, 2, 0], 0, 8, (c) => seen.push(named(c)));
    expect(seen.sort()).toEqual(["0", "0", "0 1", "0 1 2", "1", "1", "1 2", "2", "2"].sort());
  });
});

describe("isNestedTerm", () => {
  it("is true when a term's tokens appear contiguously inside a longer term", () => {
    const vocabulary = buildVocabulary(sequences([0, 1, 2, _]), 3, { minDf: 1, maxDf: 1, ngramRange: [1, 3] });
    const column = (tokens: string) => Object.keys(terms(vocabulary)).indexOf(tokens);
    expect(isNestedTerm(vocabulary, column("0"), column("0 1"))).toBe(true);
    expect(isNestedTerm(vocabulary, column("1 2"), column("0 1 2"))).toBe(true);
    expect(isNestedTerm(vocabulary, column("2"), column("0 1"))).toBe(false);
    expect(isNestedTerm(vocabulary, column("0 1"), column("0"))).toBe(false);
    expect(isNestedTerm(vocabulary, column("0 1"), column("0 1"))).toBe(false);
  });
});
