// Cut-off terms (text/cut-off): a term the corpus nearly always continues with one word is flagged, judged over all
// its stems' occurrences and over those written as its display form, the form a label shows.

import { describe, expect, it } from "vitest";

import { fitTfidf, type TextDocument } from "../../server/text/tfidf.js";

const follows = ["in hospitals", "about drugs", "from patients", "on dosage"];
const DOCS: TextDocument[] = [
  ...["benchmarks", "systems", "datasets", "models", "errors", "methods"].map((what) => ({
    title: `Medical question answering ${what}`,
    abstract: `We study medical question answering ${what} with retrieval.`,
  })),
  ...follows.map((after) => ({ title: `Clinicians ask medical questions ${after}`, abstract: "A survey of doctors." })),
  ...follows.map((after) => ({ title: `Open questions ${after}`, abstract: "Questions nobody answers yet." })),
];
const MODEL = fitTfidf(DOCS, { minDf: 2, maxDf: 1, ngramRange: [1, 3] });
const flagged = (term: string) => {
  const c = MODEL.terms.indexOf(term);
  if (c < 0) throw new Error(`no column "${term}" in ${MODEL.terms.join(" | ")}`);
  return MODEL.vocabulary.cutOff?.[c];
};

describe("cutOffTerms", () => {
  it("flags a term whose display form is nearly always continued by one word, though its other forms are not", () => {
    // "medical question(s)" is followed by "answering" in 12 of 16 occurrences; "medical question", in 12 of 12.
    expect(flagged("medical question")).toBe(1);
    expect(flagged("medical question answering")).toBe(0);
  });

  it("leaves alone a word after which phrases end", () => {
    expect(flagged("retrieval")).toBe(0);
  });
});
