// Display forms: terms are matched on stems but shown as the corpus most often writes them.

import { describe, expect, it } from "vitest";

import { fitTfidf, type TextDocument } from "../../server/text/tfidf.js";

const ALL = { minDf: 1, maxDf: 1, ngramRange: [1, 2] as const };

describe("display forms", () => {
  it("shows a word as its most frequent surface form, never as its stem", () => {
    const docs: TextDocument[] = [
      { title: "Quantization", abstract: "quantization; quantized." },
      { title: "Quantized nets", abstract: "quantization." },
      { title: "Quantize it", abstract: "" },
    ];
    // quantization 3 (two capitalised), quantized 2, quantize 1: all stem to "quantiz".
    const { terms } = fitTfidf(docs, ALL);
    expect(terms).toContain("quantization");
    expect(terms.some((t) => t === "quantiz" || t.includes("quantiz "))).toBe(false);
  });

  it("shows a phrase as written even when one of its words is shown otherwise alone", () => {
    // "comput" is written "computational" three times and "compute" twice, both times in "test-time compute".
    const docs: TextDocument[] = [
      { title: "Scaling test-time compute", abstract: "computational cost; computational budget." },
      { title: "Test-time compute", abstract: "computational methods." },
    ];
    const { terms } = fitTfidf(docs, ALL);
    expect(terms).toContain("computational");
    expect(terms).toContain("test-time compute");
    expect(terms).not.toContain("test-time computational");
  });

  it("keeps an acronym's case and shows a phrase in its commonest spelling, counted apart from its words", () => {
    // The word: "fp4" 4 times, "FP4" twice. The phrase: "FP4 training" twice, "fp4 training" once.
    const docs: TextDocument[] = [
      { title: "FP4 training", abstract: "fp4, fp4, fp4." },
      { title: "FP4 training", abstract: "fp4 training." },
      { title: "LLMs", abstract: "LLMs." },
    ];
    const { terms } = fitTfidf(docs, ALL);
    expect(terms).toContain("fp4");
    expect(terms).toContain("FP4 training");
    expect(terms).toContain("LLMs");
  });

  it("breaks ties in favour of the form seen first", () => {
    const docs: TextDocument[] = [
      { title: "networks", abstract: "" },
      { title: "network", abstract: "" },
    ];
    expect(fitTfidf(docs, ALL).terms).toEqual(["networks"]);
    expect(fitTfidf([...docs].reverse(), ALL).terms).toEqual(["network"]);
  });
});
