import { describe, expect, test } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import { hasShared, LABELLED_CORPUS, shared } from "../ci.js";

describe.runIf(hasShared("readCorpus on the real labelled arXiv corpus", LABELLED_CORPUS))(
  "readCorpus on the real labelled arXiv corpus",
  () => {
    test("reads all 17,599 records of arxiv-dev-labeled.jsonl.gz, each with its categories", async () => {
      const summary = await readCorpus(shared(LABELLED_CORPUS));
      expect(summary.format).toBe("jsonl");
      expect(summary.records).toBe(17_599);
      expect(summary.papers).toHaveLength(17_599);
      expect(summary.skipped).toEqual([]);
      expect(summary.duplicates).toEqual([]);
      expect(summary.papers.every((paper) => (paper.categories?.length ?? 0) > 0)).toBe(true);
      expect(new Set(summary.papers.map((paper) => paper.categories?.[0])).size).toBe(24);
      expect(summary.papers[0]).toMatchObject({ id: "2506.01615", categories: ["cs.CL"] });
    });
  },
);
