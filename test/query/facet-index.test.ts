import { describe, expect, test } from "vitest";

import type { Paper } from "../../server/corpus/types.js";
import { buildFacetIndex, countValues, extendFacetIndex, facetKeep } from "../../server/query/facet-index.js";

const paper = (id: string, fields: Partial<Paper>): Paper => ({ id, title: id, abstract: id, ...fields });

const papers = [
  paper("0", { categories: ["cs.CL", "cs.LG"], authors: ["Ada", "Bo"], venue: "ACL" }),
  paper("1", { categories: ["cs.CL"], authors: ["Ada"], venue: "ACL" }),
  paper("2", { categories: ["cs.LG", "cs.CL"], authors: ["Cy", "Ada", "Ada"] }),
  paper("3", { categories: ["astro-ph.GA"], authors: ["Bo"], venue: "ApJ" }),
  paper("4", {}),
];

describe("facet index", () => {
  const index = buildFacetIndex(papers);

  test("values by papers, most first (ties by value), each paper counted once", () => {
    expect(countValues(index, "category", null, null, 10)).toEqual({
      values: [
        { value: "cs.CL", papers: 3 },
        { value: "cs.LG", papers: 2 },
        { value: "astro-ph.GA", papers: 1 },
      ],
      distinct: 3,
    });
    expect(countValues(index, "author", null, null, 2).values).toEqual([
      { value: "Ada", papers: 3 },
      { value: "Bo", papers: 2 },
    ]);
    expect(countValues(index, "venue", null, null, 10).values).toEqual([
      { value: "ACL", papers: 2 },
      { value: "ApJ", papers: 1 },
    ]);
  });

  test("filters keep the papers carrying every value asked for; an unknown value keeps none", () => {
    expect(facetKeep(index, {}, 5)).toBeNull();
    expect(Array.from(facetKeep(index, { category: "cs.CL" }, 5)!)).toEqual([1, 1, 1, 0, 0]);
    expect(Array.from(facetKeep(index, { category: "cs.CL", author: "Bo" }, 5)!)).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(facetKeep(index, { venue: "Nature" }, 5)!)).toEqual([0, 0, 0, 0, 0]);
  });

  test("counts among some rows and the kept ones", () => {
    const keep = facetKeep(index, { author: "Ada" }, 5);
    expect(countValues(index, "category", null, keep, 10).values).toEqual([
      { value: "cs.CL", papers: 3 },
      { value: "cs.LG", papers: 2 },
    ]);
    expect(countValues(index, "author", [2, 3], null, 10)).toEqual({
      values: [
        { value: "Ada", papers: 1 },
        { value: "Bo", papers: 1 },
        { value: "Cy", papers: 1 },
      ],
      distinct: 3,
    });
  });
});

describe("a facet index extended with papers added and deleted since", () => {
  const built = buildFacetIndex(papers);
  const added = [
    paper("5", { categories: ["cs.LG", "q-bio.BM"], authors: ["Di"] }),
    paper("6", { categories: ["q-bio.BM"], authors: ["Di"], venue: "ApJ" }),
    paper("7", { categories: ["cs.CL"], authors: ["Ada"] }),
  ];
  // Rows 3 (the build's) and 7 (added) deleted.
  const deleted = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1]);
  const index = extendFacetIndex(built, added, deleted, papers.length);

  test("counts the added papers' values, new ones included, and not the deleted papers'", () => {
    expect(countValues(index, "category", null, null, 10)).toEqual({
      values: [
        { value: "cs.CL", papers: 3 },
        { value: "cs.LG", papers: 3 },
        { value: "q-bio.BM", papers: 2 },
      ],
      distinct: 3,
    });
    expect(countValues(index, "venue", null, null, 10).values).toEqual([
      { value: "ACL", papers: 2 },
      { value: "ApJ", papers: 1 },
    ]);
    expect(countValues(index, "author", null, null, 10).values.map((v) => v.value)).toEqual(["Ada", "Di", "Bo", "Cy"]);
  });

  test("filters keep added papers and never deleted ones; counts among rows skip deleted ones", () => {
    expect(Array.from(facetKeep(index, { category: "q-bio.BM" }, 8)!)).toEqual([0, 0, 0, 0, 0, 1, 1, 0]);
    expect(Array.from(facetKeep(index, { venue: "ApJ" }, 8)!)).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(facetKeep(index, { author: "Ada" }, 8)!)).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    // Ties in the corpus-wide order as it is now: Ada 3 papers, Di 2, Bo 1.
    expect(countValues(index, "author", [0, 3, 5, 7], null, 10).values).toEqual([
      { value: "Ada", papers: 1 },
      { value: "Di", papers: 1 },
      { value: "Bo", papers: 1 },
    ]);
  });

  test("extending a version starts from the build's index again", () => {
    const again = extendFacetIndex(index, added, deleted, papers.length);
    expect(countValues(again, "category", null, null, 10)).toEqual(countValues(index, "category", null, null, 10));
  });
});
