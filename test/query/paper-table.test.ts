// query/paper-table: papers packed into UTF-8 buffers come back field for field, whatever their characters.

import { describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import { PaperTable } from "../../server/query/paper-table.js";

describe("PaperTable", () => {
  it("gives back every paper of the hostile corpus exactly, optional fields absent where they were", async () => {
    const { papers } = await readCorpus("test/fixtures/api/hostile.jsonl");
    const table = PaperTable.from(papers);
    expect(table.length).toBe(papers.length);
    papers.forEach((paper, row) => {
      expect(table.paper(row)).toStrictEqual(paper);
      expect(table.title(row)).toBe(paper.title);
      expect(table.year(row)).toBe(paper.year);
      expect(table.ids[row]).toBe(paper.id);
    });
  });

  it("keeps a year of 0 and negative years apart from no year", () => {
    const papers = [
      { id: "a", title: "Ä", abstract: "", year: 0 },
      { id: "b", title: "", abstract: "x", year: -44 },
      { id: "c", title: "🚀", abstract: "y" },
    ];
    const table = PaperTable.from(papers);
    expect(papers.map((_, row) => table.paper(row))).toStrictEqual(papers);
  });

  it("refuses ids that are not one per paper", () => {
    expect(() => PaperTable.from([{ id: "a", title: "", abstract: "" }], [])).toThrow(/0 ids given for 1 papers/);
  });
});
