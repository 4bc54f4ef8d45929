// What the pruned neighbour search costs: recall@10 of the related papers (pruned TF-IDF candidates re-ranked by the
// blended similarity, as built) against the same ranking over exact TF-IDF candidates, on a random sample of papers.

import { readCorpus } from "../server/corpus/read-corpus.js";
import { blendScore, denseDot } from "../server/graph/blend.js";
import { buildInvertedIndex, topKNeighbours } from "../server/graph/top-k.js";
import { topKNeighboursParallel } from "../server/graph/top-k-parallel.js";
import { PIPELINE_DEFAULTS } from "../server/pipeline.js";
import { createRng } from "../server/random.js";
import { fitLsa } from "../server/text/lsa.js";
import { lsaProducts } from "../server/text/lsa-parallel.js";
import { fitTfidfParallel } from "../server/text/tfidf.js";

export async function measureRecall(corpus: string, sample: number): Promise<void> {
  const o = PIPELINE_DEFAULTS;
  const { papers } = await readCorpus(corpus);
  const model = await fitTfidfParallel(papers, o);
  const lsa = await fitLsa(model.matrix, { dimensions: o.lsaDimensions, seed: o.seed }, lsaProducts(model.matrix.rows));
  const index = buildInvertedIndex(model.matrix);
  const width = Math.min(o.candidates, papers.length - 1);
  const started = performance.now();
  const blend =
    lsa === null ? null : { embeddings: lsa.embeddings, dimensions: lsa.dimensions, lsaWeight: o.lsaWeight };
  const search = {
    k: width,
    queryTerms: o.queryTerms,
    postingCap: o.postingCap,
    rescore: Math.max(o.rescore, o.candidates),
  };
  const { candidates: pruned, similar: blended } = await topKNeighboursParallel(model.matrix, index, search, blend);
  const prunedSeconds = (performance.now() - started) / 1000;

  const rng = createRng(7);
  const rows = new Set<number>();
  while (rows.size < Math.min(sample, papers.length)) rows.add(Math.floor(rng() * papers.length));
  let hitsBlended = 0;
  let hitsTfidf = 0;
  let total = 0;
  let exactSeconds = 0;
  for (const row of rows) {
    const t = performance.now();
    const exact = topKNeighbours(model.matrix, index, { k: width, start: row, end: row + 1 });
    exactSeconds += (performance.now() - t) / 1000;
    const truth = rankRow(
      exact.indices,
      exact.scores,
      row,
      lsa?.embeddings ?? null,
      lsa?.dimensions ?? 0,
      o.lsaWeight,
    ).slice(0, 10);
    const got = Array.from(blended.indices.subarray(row * width, row * width + 10)).filter((x) => x >= 0);
    const truthTfidf = Array.from(exact.indices.subarray(0, 10)).filter((x) => x >= 0);
    const gotTfidf = Array.from(pruned.indices.subarray(row * width, row * width + 10)).filter((x) => x >= 0);
    const truthSet = new Set(truth);
    const truthTfidfSet = new Set(truthTfidf);
    hitsBlended += got.filter((x) => truthSet.has(x)).length;
    hitsTfidf += gotTfidf.filter((x) => truthTfidfSet.has(x)).length;
    total += truth.length;
  }
  console.log(
    `\nrecall@10 on ${corpus} (${rows.size} sampled papers of ${papers.length}): TF-IDF neighbours ${(hitsTfidf / total).toFixed(4)} ` +
      `(pruned search against the exact one); blended neighbours ${(hitsBlended / total).toFixed(4)} (re-ranked from the pruned ` +
      `or the exact TF-IDF top ${width}); pruned search ${prunedSeconds.toFixed(1)} s for all papers, ` +
      `exact search ${((exactSeconds / rows.size) * 1000).toFixed(1)} ms a paper (${((exactSeconds / rows.size) * papers.length).toFixed(0)} s for all, one thread)`,
  );
}

/** One row's exact candidates ranked by the blended similarity, as graph/blend ranks every row. */
function rankRow(
  indices: Int32Array,
  scores: Float32Array,
  row: number,
  embeddings: Float32Array | null,
  dimensions: number,
  weight: number,
): number[] {
  const scored: [number, number][] = [];
  for (let a = 0; a < indices.length && indices[a] >= 0; a++) {
    const other = indices[a];
    const score = embeddings ? blendScore(scores[a], denseDot(embeddings, dimensions, row, other), weight) : scores[a];
    scored.push([other, score]);
  }
  return scored.sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([other]) => other);
}
