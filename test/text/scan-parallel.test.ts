// Tokenizing split over worker threads gives exactly what one thread gives (ids, counts, sequences, model).

import { beforeAll, describe, expect, it } from "vitest";

import type { Paper } from "../../server/corpus/types.js";
import { fitTfidf, fitTfidfParallel } from "../../server/text/tfidf.js";
import { firstDifference, hasLabelledCorpus, labelledPapers, onTwoThreads } from "../parallel.js";

describe.runIf(hasLabelledCorpus("fitTfidfParallel on 4,500 labelled papers"))("fitTfidfParallel", () => {
  let papers: Paper[] = [];
  onTwoThreads();
  beforeAll(async () => {
    papers = await labelledPapers(4500);
  });

  it("builds the same model as a single-threaded fit", async () => {
    const serial = fitTfidf(papers);
    const parallel = await fitTfidfParallel(papers);
    expect(parallel.terms).toEqual(serial.terms);
    expect(firstDifference(parallel.matrix.indptr, serial.matrix.indptr)).toBe(-1);
    expect(firstDifference(parallel.matrix.indices, serial.matrix.indices)).toBe(-1);
    expect(firstDifference(parallel.matrix.values, serial.matrix.values)).toBe(-1);
    expect(parallel.lexicon.surfaces).toEqual(serial.lexicon.surfaces);
    expect(parallel.lexicon.surfaceCount).toEqual(serial.lexicon.surfaceCount);
  }, 120_000);
});
