// Tokenizing: what a word is (compounds, acronyms, numbers), what is dropped (stopwords, boilerplate, URLs, LaTeX),
// and where phrases must break.

import { describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import { cleanText, cleanTextUnguarded } from "../../server/text/clean-text.js";
import { BREAK, Lexicon } from "../../server/text/lexicon.js";
import { classifyWord, isPunctuation, splitWords } from "../../server/text/tokenize.js";
import { hasLabelledCorpus, labelledPapers } from "../parallel.js";

/** The guarded patterns are checked on the seed's texts, and on the labelled corpus's where it is beside the repo. */
const WITH_LABELLED = hasLabelledCorpus("cleanText against its unguarded patterns on the labelled corpus's texts");

/** The surface forms of the content words of a text, with "|" where a phrase breaks. */
function scanned(text: string): string {
  const lexicon = new Lexicon();
  const out: number[] = [];
  lexicon.scan(text, out);
  return out.map((s) => (s === BREAK ? "|" : lexicon.surfaces[s])).join(" ");
}

/** The content words of a text (surface forms), breaks left out. */
function contentWords(text: string): string[] {
  return scanned(text)
    .split(" ")
    .filter((w) => w !== "|" && w !== "");
}

describe("splitWords", () => {
  it("keeps hyphenated compounds and alphanumerics as single tokens", () => {
    expect(splitWords("test-time compute and post-training of fp4 GPT-4 models")).toEqual([
      "test-time",
      "compute",
      "and",
      "post-training",
      "of",
      "fp4",
      "GPT-4",
      "models",
    ]);
  });

  it("splits punctuation into tokens of its own", () => {
    expect(splitWords("attention, (sparse); done.")).toEqual(["attention", ",", "(", "sparse", ")", ";", "done", "."]);
  });
});

describe("cleanText", () => {
  it("removes URLs, e-mail addresses and inline and display math", () => {
    const cleaned = cleanText(
      "Code at https://github.com/org/repo.git and www.example.org; mail a.b@uni.edu. Loss $\\mathcal{L}=x^2$ and $$\\sum_i y_i$$ or \\(z\\).",
    );
    for (const gone of ["github", "example", "uni", "mathcal", "sum", "y_i", "z\\"])
      expect(cleaned).not.toContain(gone);
    expect(cleaned).toContain("Code at");
    expect(cleaned).toContain("Loss");
  });

  it("keeps the text of \\emph{...} and drops citation keys and bare commands", () => {
    const cleaned = cleanText("a \\emph{sparse} model \\cite{vaswani2017} with \\alpha heads");
    expect(cleaned).toContain("sparse");
    expect(cleaned).not.toContain("vaswani");
    expect(cleaned).not.toContain("alpha");
  });

  it("leaves a lone dollar sign alone", () => {
    expect(cleanText("it costs $5 per hour")).toBe("it costs $5 per hour");
  });

  it("runs a pattern only where its character is, with the output of running them all", async () => {
    const cases = [
      "See WWW.Example.org and HTTPS://x.io/a or ftp://files.net/b.",
      "mail me@host.org, not @mentions or a@b",
      "$$x$$ then $y$ then \\(z\\) then \\[w\\] then \\emph{kept} \\cite{gone} \\alpha",
      "a backslash \\ alone, a lone $ and nothing else",
      "plain prose with no markup at all",
    ];
    for (const text of cases) expect(cleanText(text)).toBe(cleanTextUnguarded(text));
    const texts = (await readCorpus("data/papers.jsonl")).papers.flatMap((paper) => [paper.title, paper.abstract]);
    if (WITH_LABELLED) texts.push(...(await labelledPapers(17_599)).flatMap((paper) => [paper.title, paper.abstract]));
    const differing = texts.filter((text) => cleanText(text) !== cleanTextUnguarded(text));
    expect(differing).toEqual([]);
    expect(texts.length).toBeGreaterThan(WITH_LABELLED ? 35_000 : 100);
  }, 60_000);
});

describe("classifyWord", () => {
  it("keys a word by its Porter stem and a compound by the stems of its parts", () => {
    expect(classifyWord("quantization")).toEqual({ key: "quantiz", surface: "quantization" });
    expect(classifyWord("post-training")).toEqual({ key: "post-train", surface: "post-training" });
  });

  it("lower-cases a capitalised word but keeps an acronym as written", () => {
    expect(classifyWord("Quantization")?.surface).toBe("quantization");
    expect(classifyWord("LLMs")).toEqual({ key: "llm", surface: "LLMs" });
    expect(classifyWord("GPT-4")).toEqual({ key: "gpt-4", surface: "GPT-4" });
    expect(classifyWord("FP4")?.key).toBe(classifyWord("fp4")?.key);
  });

  it("drops the possessive 's", () => {
    expect(classifyWord("model's")?.surface).toBe("model");
    expect(classifyWord("model’s")?.surface).toBe("model");
  });

  it.each(["the", "We", "of", "however", "et", "al"])("drops the function word %s", (word) => {
    expect(classifyWord(word)).toBeNull();
  });

  it.each([
    "propose",
    "proposed",
    "proposes",
    "paper",
    "results",
    "show",
    "state-of-the-art",
    "SOTA",
    "novel",
    "outperforms",
  ])("drops the abstract boilerplate %s", (word) => {
    expect(classifyWord(word)).toBeNull();
  });

  it("keeps a task's noun whose stem is boilerplate ('image enhancement'), not the boilerplate verb", () => {
    expect(classifyWord("enhancement")?.surface).toBe("enhancement");
    expect(classifyWord("enhanced")).toBeNull();
    expect(classifyWord("enhance")).toBeNull();
  });

  it.each(["2024", "3", "42", "x"])("drops numbers and one-letter words: %s", (word) => {
    expect(classifyWord(word)).toBeNull();
  });
});

describe("isPunctuation", () => {
  it("is true for a single non-letter, non-digit character only", () => {
    expect([".", ",", ";", "(", "—"].every(isPunctuation)).toBe(true);
    expect(["a", "7", "ab"].some(isPunctuation)).toBe(false);
  });
});

describe("Lexicon.scan", () => {
  it("drops stopwords, boilerplate and numbers from an abstract", () => {
    const text =
      "In this paper, we propose a novel method for test-time compute. Results show that our approach achieves " +
      "state-of-the-art accuracy on 12 of 15 benchmarks in 2024, and we demonstrate significant gains.";
    expect(contentWords(text)).toEqual(["test-time", "compute", "accuracy", "benchmarks", "gains"]);
  });

  it("breaks phrases at punctuation, stopwords, numbers, URLs and display math", () => {
    expect(scanned("sparse attention, dense attention")).toBe("sparse attention | dense attention |");
    expect(scanned("sparse attention of dense kernels")).toBe("sparse attention | dense kernels |");
    expect(scanned("sparse 12 attention")).toBe("sparse | attention |");
    expect(scanned("sparse https://x.org/a attention")).toBe("sparse | attention |");
    expect(scanned("sparse $$x$$ attention")).toBe("sparse | attention |");
  });

  it("ends every scanned text with a break, so that phrases never join two texts", () => {
    const lexicon = new Lexicon();
    const out: number[] = [];
    lexicon.scan("floating", out);
    lexicon.scan("point", out);
    expect(out).toEqual([0, BREAK, 1, BREAK]);
  });

  it("gives two spellings of one surface form the same surface id, and one token to all forms of a stem", () => {
    const lexicon = new Lexicon();
    const out: number[] = [];
    lexicon.scan("Quantization quantization quantized", out);
    expect(lexicon.surfaces).toEqual(["quantization", "quantized"]);
    expect(lexicon.surfaceCount).toEqual([2, 1]);
    expect(lexicon.tokenKeys).toEqual(["quantiz"]);
  });
});

describe("Lexicon.lookup", () => {
  it("maps known words to their tokens, unknown words to breaks, and learns nothing", () => {
    const lexicon = new Lexicon();
    lexicon.scan("sparse attention kernels", []);
    const before = lexicon.tokenCount;
    const out: number[] = [];
    lexicon.lookup("Sparse graphs with attention", out);
    expect(out).toEqual([lexicon.tokenId("spars"), BREAK, BREAK, lexicon.tokenId("attent"), BREAK]);
    expect(lexicon.tokenCount).toBe(before);
  });
});
