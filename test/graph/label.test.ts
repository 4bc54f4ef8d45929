// Cluster labels and paper topics: lift-weighted class TF-IDF, phrases replacing their parts, one topic written two
// ways counted once; and the shared terms that explain a link.

import { describe, expect, it } from "vitest";

import { formatTerms, paperTopics, sharedTerms, sharedTopics } from "../../server/graph/explain.js";
import { labelClusters, pickWithoutNesting, sameTopicKey } from "../../server/graph/label.js";
import { rowOf, sparseDot } from "../../server/text/sparse.js";
import { fitTfidf, type TextDocument } from "../../server/text/tfidf.js";

// Clusters: 0 = rows 0-3 (floating point), 1 = rows 4-6 (theorem proving), 2 = rows 7-8 (gravitational waves, written
// both "gravitational-wave" and "gravitational waves").
const DOCS: TextDocument[] = [
  {
    title: "Floating point formats for training",
    abstract: "Floating point formats with fewer bits; floating point rounding.",
  },
  { title: "Floating point arithmetic on accelerators", abstract: "Floating point units and rounding modes." },
  { title: "Block floating point", abstract: "Shared exponents for floating point blocks." },
  { title: "Floating point error analysis", abstract: "Rounding error of floating point sums." },
  { title: "Theorem proving in Lean", abstract: "Automated theorem proving with language models; formal proofs." },
  { title: "Neural theorem proving", abstract: "Theorem proving by search over formal proofs." },
  { title: "Theorem proving benchmarks", abstract: "Benchmarks of formal theorem proving." },
  {
    title: "Gravitational-wave detectors",
    abstract: "Gravitational waves from binary mergers; gravitational-wave strain.",
  },
  {
    title: "Gravitational waves from pulsars",
    abstract: "Searching gravitational waves and gravitational-wave backgrounds.",
  },
];
const MEMBERSHIP = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2]);
const MODEL = fitTfidf(DOCS, { minDf: 2, maxDf: 1, ngramRange: [1, 2] });
const column = (term: string) => {
  const c = MODEL.terms.indexOf(term);
  if (c < 0) throw new Error(`no column "${term}" in ${MODEL.terms.join(" | ")}`);
  return c;
};

describe("sameTopicKey", () => {
  it("collapses case, hyphens and a plural s", () => {
    expect(sameTopicKey("gravitational-wave")).toBe(sameTopicKey("gravitational waves"));
    expect(sameTopicKey("LLM")).toBe(sameTopicKey("LLMs"));
    expect(sameTopicKey("Test-Time Compute")).toBe(sameTopicKey("test-time compute"));
    expect(sameTopicKey("multi-modal semantic")).toBe(sameTopicKey("multimodal semantic"));
    expect(sameTopicKey("self supervised")).toBe(sameTopicKey("self-supervised"));
    expect(sameTopicKey("pre-training")).toBe(sameTopicKey("pretraining"));
  });

  it("keeps different words apart", () => {
    expect(sameTopicKey("gravitational wave")).not.toBe(sameTopicKey("gravitational")); // one word, not two
    expect(sameTopicKey("graph")).not.toBe(sameTopicKey("graphs neural"));
  });
});

describe("pickWithoutNesting", () => {
  // The nesting rules apart from cut-off terms (in this corpus "floating" is always followed by "point").
  const vocabulary = { ...MODEL.vocabulary, cutOff: undefined };
  const pick = (ranked: string[], limit = 5) =>
    pickWithoutNesting(vocabulary, MODEL.terms, ranked.map(column), limit, (c) => c).map((c) => MODEL.terms[c]);

  it("skips a term the corpus nearly always continues with one same word", () => {
    const ranked = ["floating", "rounding", "floating point"].map(column);
    const chosen = pickWithoutNesting(MODEL.vocabulary, MODEL.terms, ranked, 5, (c) => c);
    expect(chosen.map((c) => MODEL.terms[c])).toEqual(["rounding", "floating point"]);
  });

  it("keeps an acronym's expansion in the acronym's place, and drops an acronym of a chosen phrase", () => {
    const terms = ["RL", "reward", "reinforcement learning", "LLMs", "language models"];
    const acronyms = fitTfidf(
      [0, 1, 2].map((i) => ({
        title: `RL and reinforcement learning ${i}`,
        abstract: `Reward, LLMs and language models ${i}; RL reward.`,
      })),
      { minDf: 2, maxDf: 1, ngramRange: [1, 2] },
    );
    const at = (term: string) => acronyms.terms.indexOf(term);
    const plain = { ...acronyms.vocabulary, cutOff: undefined };
    const chosen = pickWithoutNesting(plain, acronyms.terms, terms.map(at), 5, (c) => c);
    expect(chosen.map((c) => acronyms.terms[c])).toEqual(["reinforcement learning", "reward", "LLMs"]);
  });

  it("lets a phrase ranked first make its parts redundant", () => {
    expect(pick(["floating point", "floating", "rounding", "point"])).toEqual(["floating point", "rounding"]);
  });

  it("lets a phrase ranked below its parts replace them, in the place of the first", () => {
    expect(pick(["floating", "rounding", "point", "floating point"])).toEqual(["floating point", "rounding"]);
  });

  it("counts one topic written two ways once", () => {
    expect(pick(["gravitational-wave", "gravitational waves", "search"])).toEqual(["gravitational-wave", "search"]);
    expect(pick(["gravitational waves", "gravitational-wave", "search"])).toEqual(["gravitational waves", "search"]);
  });

  it("makes the words of another spelling of a chosen topic redundant, before and after they are chosen", () => {
    // "waves" is not nested in the one token "gravitational-wave", but it is in "gravitational waves", the same topic.
    expect(pick(["gravitational-wave", "gravitational waves", "waves", "search"])).toEqual([
      "gravitational-wave",
      "search",
    ]);
    expect(pick(["gravitational-wave", "waves", "search", "gravitational waves", "rounding"])).toEqual([
      "gravitational-wave",
      "search",
      "rounding",
    ]);
  });

  it("stops at the limit", () => {
    expect(pick(["theorem proving", "formal proofs", "search", "rounding"], 2)).toEqual([
      "theorem proving",
      "formal proofs",
    ]);
  });
});

describe("labelClusters", () => {
  const labels = labelClusters(MODEL, MEMBERSHIP, 3, { topics: 5, labelTopics: 3 });

  it("labels each cluster by its own phrase, without the words nested in it", () => {
    expect(labels[0].topics[0].term).toBe("floating point");
    expect(labels[1].topics[0].term).toBe("theorem proving");
    for (const label of labels) {
      const terms = label.topics.map((t) => t.term);
      for (const a of terms) for (const b of terms) if (a !== b) expect(b.split(/[ ]/)).not.toContain(a);
    }
    expect(labels[0].topics.map((t) => t.term)).not.toContain("floating");
    expect(labels[0].topics.map((t) => t.term)).not.toContain("point");
  });

  it("does not repeat one topic under two spellings, nor its words", () => {
    const terms = labels[2].topics.map((t) => t.term);
    expect(new Set(terms.map(sameTopicKey)).size).toBe(terms.length);
    expect(terms.filter((t) => /gravitational|waves?$/.test(t))).toHaveLength(1);
  });

  it("scores by the mean weight in the cluster times ln(1 + lift), and gives each topic's share of papers", () => {
    // "floating point" is in all 4 papers of cluster 0 and in 4 of 9 papers overall: lift = 1 / (4/9).
    const c = column("floating point");
    const rows = [0, 1, 2, 3];
    const mean =
      rows.reduce(
        (sum, r) => sum + sparseDot(rowOf(MODEL.matrix, r), { indices: Int32Array.of(c), values: Float32Array.of(1) }),
        0,
      ) / 4;
    const topic = labels[0].topics.find((t) => t.term === "floating point")!;
    expect(topic.score).toBeCloseTo(mean * Math.log(1 + 1 / (4 / 9)), 6);
    expect(topic.share).toBe(1);
    expect(labels[0].topics.find((t) => t.term === "rounding")!.share).toBe(0.75);
  });

  it("joins the first labelTopics topics into the label and keeps at most `topics`", () => {
    const short = labelClusters(MODEL, MEMBERSHIP, 3, { topics: 2, labelTopics: 1 });
    expect(short[1].topics).toHaveLength(2);
    expect(labels[1].label).toBe(
      labels[1].topics
        .slice(0, 3)
        .map((t) => t.term)
        .join(", "),
    );
  });

  it("ranks a phrase before its parts when they score the same, so that the parts cannot fill the topics", () => {
    // "theorem" and "proving" only occur in "theorem proving": all three score exactly the same in cluster 1.
    const scores = labels[1].topics.map((t) => t.score);
    expect(labels[1].topics[0].term).toBe("theorem proving");
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const short = labelClusters(MODEL, MEMBERSHIP, 3, { topics: 2, labelTopics: 1 });
    expect(short[1].label).toBe("theorem proving");
    expect(short[1].topics.map((t) => t.term)).not.toContain("theorem");
  });

  it("gives an empty label to a cluster whose papers have no terms", () => {
    const model = fitTfidf([...DOCS, { title: "zebra", abstract: "" }], { minDf: 2, maxDf: 1, ngramRange: [1, 2] });
    const labelled = labelClusters(model, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 3]), 4);
    expect(labelled[3]).toEqual({ label: "", topics: [] });
  });
});

describe("explain", () => {
  it("lists the shared terms of two papers by contribution to their cosine, a phrase without its own words", () => {
    const all = sharedTerms(MODEL, 0, 1, 100);
    // The shared columns are "floating", "point", "floating point" and "rounding"; the phrase stands for its words.
    expect(all.map((t) => t.term).sort()).toEqual(["floating point", "rounding"]);
    for (let k = 1; k < all.length; k++) expect(all[k].weight).toBeLessThanOrEqual(all[k - 1].weight);
    // Each weight is that term's own product of weights, so together they are part of the cosine.
    const cosine = sparseDot(rowOf(MODEL.matrix, 0), rowOf(MODEL.matrix, 1));
    const sum = all.reduce((total, t) => total + t.weight, 0);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(cosine);
    expect(sharedTerms(MODEL, 0, 4, 3)).toEqual([]);
  });

  it("formats the shared topics as 'term weight' with two decimals", () => {
    expect(
      formatTerms([
        { term: "quantization", weight: 0.2149 },
        { term: "fp4", weight: 0.115 },
      ]),
    ).toBe("quantization 0.21, fp4 0.12");
    expect(sharedTopics(MODEL, 0, 1, 2)).toMatch(/^[a-z ]+ 0\.\d\d, [a-z ]+ 0\.\d\d$/);
    expect(sharedTopics(MODEL, 0, 4, 3)).toBe("");
  });

  it("gives a paper's topics heaviest first without nested duplicates", () => {
    const topics = paperTopics(MODEL, 0, 5);
    expect(topics[0]).toBe("floating point");
    expect(topics).not.toContain("floating");
    expect(topics).not.toContain("point");
  });
});
