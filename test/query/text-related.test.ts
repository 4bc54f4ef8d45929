// query/text-related: free text ranked by the same blended similarity as the build's related papers.

import { beforeAll, describe, expect, it } from "vitest";

import { createStore, type TopicStore } from "../../server/query/index.js";
import { papersOf } from "../api/helpers.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import { buildTopicGraph } from "../../server/pipeline.js";
import { createTextScratch, rankByVector, textRelatedOf } from "../../server/query/text-related.js";
import { rowOf } from "../../server/text/sparse.js";

let store: TopicStore;

beforeAll(async () => {
  const corpus = await readCorpus("data/papers.jsonl");
  // NOTE: 8 LSA dimensions so that the blend is in play on 74 papers.
  const build = await buildTopicGraph(corpus.papers, { lsaDimensions: 8 });
  store = createStore(build, { papers: corpus.papers, builtAt: new Date(0), buildMs: 0 });
});

describe("rankByVector", () => {
  it("ranks a paper's own TF-IDF vector like the build ranked its related papers", () => {
    // NOTE: folding a paper's row in gives its embedding only up to the rank-d approximation of the matrix, so the
    // LSA cosines differ by up to about a tenth (half that in the blend) and near ties may swap.
    const { build } = store;
    expect(build.lsa).not.toBeNull();
    const width = build.related.k;
    for (const row of [0, 10, 40, 73]) {
      const ranked = rankByVector(build, store.textScratch, rowOf(build.model.matrix, row), 11);
      expect(ranked[0].row).toBe(row);
      expect(ranked[0].score).toBeGreaterThan(0.97);
      const expected = Array.from(build.related.indices.subarray(row * width, row * width + 10));
      const got = ranked.slice(1).map((r) => r.row);
      // NOTE: a text is expanded by its own best papers, and a paper's own text finds itself first, so its feedback
      // holds itself and four neighbours where the build used five neighbours: the lists agree on most papers.
      const overlap = got.filter((r) => expected.includes(r)).length;
      expect(overlap).toBeGreaterThanOrEqual(7);
      for (let a = 1; a < ranked.length; a++) expect(ranked[a].score).toBeLessThanOrEqual(ranked[a - 1].score);
    }
  });

  it("searches as the build searched: with its pruning when the build pruned its neighbour search", async () => {
    const corpus = await readCorpus("data/papers.jsonl");
    const options = {
      lsaDimensions: 8,
      neighbourSearch: "pruned",
      queryTerms: 20,
      postingCap: 10,
      rescore: 30,
    } as const;
    const pruned = createStore(await buildTopicGraph(corpus.papers, options), {
      papers: corpus.papers,
      builtAt: new Date(0),
      buildMs: 0,
    });
    const { build } = pruned;
    const width = build.related.k;
    for (const row of [0, 10, 40, 73]) {
      const ranked = rankByVector(build, pruned.textScratch, rowOf(build.model.matrix, row), 11);
      expect(ranked[0].row).toBe(row);
      const expected = Array.from(build.related.indices.subarray(row * width, row * width + 10));
      const overlap = ranked.slice(1).filter((r) => expected.includes(r.row)).length;
      expect(overlap).toBeGreaterThanOrEqual(6);
    }
    // Fewer candidates than the exact search finds: the pruning is in effect.
    const exact = rankByVector(store.build, store.textScratch, rowOf(store.build.model.matrix, 0), 100);
    const capped = rankByVector(build, pruned.textScratch, rowOf(build.model.matrix, 0), 100);
    expect(capped.length).toBeLessThan(exact.length);
  });

  it("gives nothing for an empty vector", () => {
    const empty = { indices: new Int32Array(0), values: new Float32Array(0) };
    expect(rankByVector(store.build, store.textScratch, empty, 10)).toEqual([]);
  });
});

describe("textRelatedOf", () => {
  it("votes the text's cluster by the scores of its best related papers", () => {
    const paper = papersOf(store)[20];
    const result = textRelatedOf(
      store.build,
      store.paperIndex,
      store.clusterIndex,
      createTextScratch(store.build),
      `${paper.title} ${paper.abstract}`,
      3,
    );
    expect(result.related).toHaveLength(3);
    expect(result.related[0].id).toBe(paper.id);
    expect(result.cluster?.id).toBe(store.build.membership[20]);
    expect(result.cluster!.score).toBeGreaterThan(0.3);
  });

  it("reads only the first characters of a very long text", () => {
    const long = `quantization ${"zzz ".repeat(20_000)} theorem proving`;
    const result = textRelatedOf(store.build, store.paperIndex, store.clusterIndex, store.textScratch, long, 5);
    const short = textRelatedOf(
      store.build,
      store.paperIndex,
      store.clusterIndex,
      store.textScratch,
      "quantization",
      5,
    );
    expect(result.related.map((r) => r.id)).toEqual(short.related.map((r) => r.id));
  });

  it("explains each result by the terms it shares with the text", () => {
    const result = textRelatedOf(
      store.build,
      store.paperIndex,
      store.clusterIndex,
      store.textScratch,
      "floating point quantization",
      5,
    );
    for (const r of result.related) {
      expect(r.sharedTopics.length).toBeGreaterThan(0);
      for (const t of r.sharedTopics)
        expect(["floating point", "floating", "point", "quantization", "floating-point"]).toContain(
          t.term.toLowerCase(),
        );
    }
  });
});
