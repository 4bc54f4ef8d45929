import { describe, expect, test } from "vitest";
import { cleanText, normalizeRecord } from "../../server/corpus/normalize-record.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import { slugify } from "../../server/corpus/slug.js";
import { fixture } from "./fixtures.js";

const paperOf = (fields: Record<string, unknown>) => {
  const result = normalizeRecord({ title: "T", abstract: "A", ...fields });
  if ("reason" in result) throw new Error(result.reason);
  return result.paper;
};

describe("normalizeRecord field handling", () => {
  test("authors from an array, a comma/and list, a semicolon list or name objects", () => {
    expect(paperOf({ authors: [" A  B ", "", "C"] }).authors).toEqual(["A B", "C"]);
    expect(paperOf({ authors: "A, B and C" }).authors).toEqual(["A", "B", "C"]);
    expect(paperOf({ authors: "A, B, and C & D" }).authors).toEqual(["A", "B", "C", "D"]);
    expect(paperOf({ authors: "Curie, Marie; Curie, Pierre" }).authors).toEqual(["Curie, Marie", "Curie, Pierre"]);
    expect(paperOf({ authors: [{ name: "A" }, { affiliation: "x" }] }).authors).toEqual(["A"]);
    expect(paperOf({ authors: 7 }).authors).toBeUndefined();
  });

  test("year from a number, a numeric string or an ISO date; anything else dropped", () => {
    expect(paperOf({ year: 2025 }).year).toBe(2025);
    expect(paperOf({ year: " 2024 " }).year).toBe(2024);
    expect(paperOf({ year: "2023-07-31" }).year).toBe(2023);
    expect(paperOf({ year: "n.d." }).year).toBeUndefined();
    expect(paperOf({ year: 2025.5 }).year).toBeUndefined();
  });

  test("categories from an array or a space/comma separated string; labels used when categories are absent", () => {
    expect(paperOf({ categories: ["cs.CL", " cs.LG ", "cs.CL"] }).categories).toEqual(["cs.CL", "cs.LG"]);
    expect(paperOf({ categories: "cs.CL cs.LG,stat.ML" }).categories).toEqual(["cs.CL", "cs.LG", "stat.ML"]);
    expect(paperOf({ labels: ["astro-ph.GA"] }).categories).toEqual(["astro-ph.GA"]);
    expect(paperOf({ categories: ["cs.AI"], labels: ["cs.CL"] }).categories).toEqual(["cs.AI"]);
  });

  test("ids: a string or number kept, else a slug of the title", () => {
    expect(paperOf({ id: " 2501.00001 " }).id).toBe("2501.00001");
    expect(paperOf({ id: 17 }).id).toBe("17");
    expect(paperOf({ id: "", title: "Deep Learning: A Review" }).id).toBe("deep-learning-a-review");
    expect(normalizeRecord({ title: "T", abstract: "A" })).toMatchObject({ idFromTitle: true });
    expect(normalizeRecord({ id: "x", title: "T", abstract: "A" })).toMatchObject({ idFromTitle: false });
  });

  test("only http(s) urls are kept", () => {
    expect(paperOf({ url: " https://arxiv.org/abs/1 " }).url).toBe("https://arxiv.org/abs/1");
    expect(paperOf({ url: "javascript:alert(1)" }).url).toBeUndefined();
    expect(paperOf({ url: "data:text/html,x" }).url).toBeUndefined();
  });

  test("a record without a title or abstract is rejected with the reason", () => {
    expect(normalizeRecord({ abstract: "A" })).toEqual({ reason: "no title" });
    expect(normalizeRecord({ title: " \n ", abstract: "A" })).toEqual({ reason: "no title" });
    expect(normalizeRecord({ title: "T", abstract: ["A"] })).toEqual({ reason: "no abstract" });
    expect(normalizeRecord({})).toEqual({ reason: "no title and abstract" });
  });
});

describe("hostile text", () => {
  test("markup and bidi marks are kept as text; control characters become spaces", async () => {
    const { papers, skipped } = await readCorpus(fixture("hostile.jsonl"));
    expect(skipped).toEqual([]);
    expect(papers[0].title).toBe("<script>alert('x')</script> Title");
    expect(papers[0].abstract).toBe("An <img src=x onerror=alert(1)> abstract & more.");
    expect(papers[1].title).toBe("Control Char Title [31m");
    expect(papers[1].abstract).toBe("Bell and NEL and DEL .");
    expect(papers[2].title).toBe("\u202eRTL override \u200fmark\u200e");
    expect(papers[2].abstract).toBe("\u0645\u0631\u062d\u0628\u0627 mixed direction text with \u2066isolates\u2069.");
    expect(papers.map((paper) => paper.id)).toEqual(["h1", "h2", "h3"]);
  });

  test("cleanText collapses every whitespace run, non-breaking spaces and line separators included", () => {
    expect(cleanText("  a\t\tb\r\n c\u00a0\u2028d  ")).toBe("a b c d");
  });
});

describe("slugify", () => {
  test("folds accents, lower-cases and joins words with hyphens", () => {
    expect(slugify("Café Étude: Ünïcode Títles")).toBe("cafe-etude-unicode-titles");
    expect(slugify("  GPT-4o & Friends!! ")).toBe("gpt-4o-friends");
  });

  test("cuts long titles at a word boundary within the limit", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^(word-)*word$/);
    expect(slugify("x".repeat(100))).toHaveLength(80);
  });

  test("a title with no ASCII letter or digit gets a stable hashed id", () => {
    expect(slugify("深度学习")).toMatch(/^paper-[0-9a-f]{8}$/);
    expect(slugify("深度学习")).toBe(slugify("深度学习"));
    expect(slugify("深度学习")).not.toBe(slugify("机器学习"));
  });
});
