import { describe, expect, test } from "vitest";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import { resolveDuplicates } from "../../server/corpus/resolve-duplicates.js";
import { fixture } from "./fixtures.js";

describe("duplicate ids and titles", () => {
  test("first kept, true duplicates dropped, different papers renamed id-2, id-3, each case reported", async () => {
    const path = fixture("duplicates.jsonl");
    const summary = await readCorpus(path);
    expect(summary.records).toBe(9);
    expect(summary.papers.map(({ id, title }) => [id, title])).toEqual([
      ["a", "Paper A"],
      ["a-2", "Another Paper"],
      ["a-3", "Third Paper"],
      ["same-title", "Same Title"],
      ["same-title-2", "Same Title"],
      ["same-title-3", "Same: Title!"],
    ]);
    expect(summary.duplicates).toEqual([
      { file: path, line: 2, reason: 'duplicate id "a" of line 1, same title and abstract: dropped' },
      { file: path, line: 3, reason: 'duplicate id "a" of line 1, different paper: renamed "a-2"' },
      { file: path, line: 4, reason: 'duplicate id "a" of line 1, different paper: renamed "a-3"' },
      {
        file: path,
        line: 6,
        reason: 'duplicate title (id "same-title") of line 5, same title and abstract: dropped',
      },
      {
        file: path,
        line: 7,
        reason: 'duplicate title (id "same-title") of line 5, different paper: renamed "same-title-2"',
      },
      {
        file: path,
        line: 8,
        reason: 'duplicate title (id "same-title") of line 5, different paper: renamed "same-title-3"',
      },
      { file: path, line: 9, reason: 'duplicate id "a" of line 1, same title and abstract: dropped' },
    ]);
    expect(summary.skipped).toEqual([]);
  });

  test("a suffixed id never takes an id already in use", () => {
    const paper = (id: string, title: string) => ({ paper: { id, title, abstract: "x" }, line: 0, idFromTitle: false });
    const { papers } = resolveDuplicates([paper("a-2", "Taken"), paper("a", "One"), paper("a", "Two")], "f");
    expect(papers.map((p) => p.id)).toEqual(["a-2", "a", "a-3"]);
  });

  test("the result depends only on the input order", async () => {
    const path = fixture("duplicates.jsonl");
    expect(await readCorpus(path)).toEqual(await readCorpus(path));
  });
});
