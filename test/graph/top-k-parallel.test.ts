// The neighbour search split over worker threads, with the blend done in each worker for its own rows, gives
// exactly the lists of one thread's topKNeighbours and blendNeighbours.

import { describe, expect, it } from "vitest";

import { blendNeighbours } from "../../server/graph/blend.js";
import { topKNeighboursParallel } from "../../server/graph/top-k-parallel.js";
import { buildInvertedIndex, topKNeighbours } from "../../server/graph/top-k.js";
import { fitLsa } from "../../server/text/lsa.js";
import { firstDifference, hasLabelledCorpus, labelledMatrixOnTwoThreads } from "../parallel.js";

describe.runIf(hasLabelledCorpus("topKNeighboursParallel on 4,500 labelled papers"))("topKNeighboursParallel", () => {
  const labelled = labelledMatrixOnTwoThreads(4500);

  it("finds and blends the lists a single thread does, pruned or exact, with or without LSA", async () => {
    const lsa = (await fitLsa(labelled(), { dimensions: 16 }))!;
    const index = buildInvertedIndex(labelled());
    const blend = { embeddings: lsa.embeddings, dimensions: lsa.dimensions, lsaWeight: 1 };
    for (const options of [{ k: 40, queryTerms: 20, postingCap: 100, rescore: 60 }, { k: 25 }]) {
      for (const lsaInput of [blend, null]) {
        const parallel = await topKNeighboursParallel(labelled(), index, options, lsaInput);
        const candidates = topKNeighbours(labelled(), index, options);
        const similar = blendNeighbours(candidates, lsaInput?.embeddings ?? null, lsa.dimensions, 1, options.k);
        expect(firstDifference(parallel.candidates.indices, candidates.indices)).toBe(-1);
        expect(firstDifference(parallel.candidates.scores, candidates.scores)).toBe(-1);
        expect(firstDifference(parallel.similar.indices, similar.indices)).toBe(-1);
        expect(firstDifference(parallel.similar.scores, similar.scores)).toBe(-1);
        if (lsaInput !== null) expect(firstDifference(parallel.similar.indices, candidates.indices)).not.toBe(-1);
      }
    }
  }, 120_000);
});
