// query/paper-table: papers packed into UTF-8 buffers come back field for field, whatever their characters, also
// after a round trip through the build cache's files.

import { describe, expect, it } from "vitest";

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { arrayViews, writeArrays, type StoredArray } from "../../server/cache/array-file.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import { PaperTable, type PaperTableArrays } from "../../server/query/paper-table.js";

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

  it("keeps doi, venue and date, alone or with the other optional fields", () => {
    const papers = [
      { id: "a", title: "A", abstract: "x", date: "2025-06-03T17:59:59Z" },
      { id: "b", title: "B", abstract: "y", doi: "10.1000/xyz", venue: "ApJ", year: 2024, date: "2024" },
      { id: "c", title: "C", abstract: "z", authors: ["Ada"], venue: "NeurIPS" },
    ];
    const table = PaperTable.from(papers);
    expect(papers.map((_, row) => table.paper(row))).toStrictEqual(papers);
  });

  it("gives each paper's fields without its title and abstract, as the paper has them", async () => {
    const { papers } = await readCorpus("test/fixtures/corpus/papers.jsonl");
    const table = PaperTable.from(papers);
    expect(papers.some((paper) => paper.authors && paper.categories && paper.year !== undefined)).toBe(true);
    papers.forEach((paper, row) => {
      const { title: _title, abstract: _abstract, ...fields } = table.paper(row);
      expect(table.fields(row)).toStrictEqual(fields);
      expect(Object.keys(table.fields(row))).toEqual(Object.keys(fields));
    });
  });

  it("refuses ids that are not one per paper", () => {
    expect(() => PaperTable.from([{ id: "a", title: "", abstract: "" }], [])).toThrow(/0 ids given for 1 papers/);
  });

  it("comes back whole from its arrays written to a file and read again", async () => {
    const { papers } = await readCorpus("test/fixtures/api/hostile.jsonl");
    const directory = mkdtempSync(join(tmpdir(), "paper-table-test-"));
    try {
      const path = join(directory, "papers.bin");
      const { directory: written } = await writeArrays(
        path,
        PaperTable.from(papers).toArrays() as unknown as Record<string, StoredArray>,
      );
      const arrays = arrayViews(readFileSync(path), written) as unknown as PaperTableArrays;
      const table = PaperTable.fromArrays(
        papers.map((p) => p.id),
        arrays,
      );
      expect(papers.map((_, row) => table.paper(row))).toStrictEqual(papers);
      expect(() => PaperTable.fromArrays(["only one id"], arrays)).toThrow(/does not hold 1 strings/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
