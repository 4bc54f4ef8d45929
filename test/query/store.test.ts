// query/store and the indices it builds: papers by id, clusters by centrality, topic counts, build info.

import { beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { NotFoundError } from "../../server/errors.js";
import { buildTopicGraph, type TopicGraphBuild } from "../../server/pipeline.js";
import { clusterPapers, createStore, paper, paperRelated, topics, type TopicStore } from "../../server/query/index.js";
import { suggestTopics } from "../../server/query/topic-counts.js";

let papers: Paper[];
let build: TopicGraphBuild;
let store: TopicStore;

beforeAll(async () => {
  papers = (await readCorpus("data/papers.jsonl")).papers;
  build = await buildTopicGraph(papers);
  store = createStore(build, { papers, builtAt: new Date("2026-05-06T07:08:09Z"), buildMs: 1234 });
});

describe("createStore", () => {
  it("refuses papers that are not the build's rows", () => {
    expect(() => createStore(build, { papers: papers.slice(1), builtAt: new Date(), buildMs: 0 })).toThrow(
      /73 papers given for a graph of 74/,
    );
    const renamed = papers.map((p, i) => (i === 3 ? { ...p, id: "other" } : p));
    expect(() => createStore(build, { papers: renamed, builtAt: new Date(), buildMs: 0 })).toThrow(
      /"other" is not a node/,
    );
  });

  it("records what the build depends on", () => {
    expect(store.info).toMatchObject({
      papers: 74,
      seed: 42,
      resolution: 1,
      minSimilarity: 0.1,
      builtAt: "2026-05-06T07:08:09.000Z",
    });
    expect(store.info.k).toBe(build.options.k);
  });
});

describe("papers by id", () => {
  it("throws NotFoundError for an unknown id, naming it", () => {
    expect(() => paper(store, "missing")).toThrow(NotFoundError);
    expect(() => paperRelated(store, "missing", 10)).toThrow(/no paper with id "missing"/);
  });
});

describe("clusters", () => {
  it("partition the papers, each list most central first", () => {
    const seen = new Set<number>();
    store.clusterIndex.members.forEach((rows, c) => {
      expect(rows.length).toBe(store.clusterIndex.clusters[c].size);
      for (let a = 0; a < rows.length; a++) {
        expect(build.membership[rows[a]]).toBe(c);
        seen.add(rows[a]);
        if (a > 0)
          expect(store.clusterIndex.centrality[rows[a - 1]]).toBeGreaterThanOrEqual(
            store.clusterIndex.centrality[rows[a]],
          );
      }
    });
    expect(seen.size).toBe(74);
  });

  it("centrality is the weighted degree inside the cluster", () => {
    const row = store.clusterIndex.members[0][0];
    const id = papers[row].id;
    let sum = 0;
    build.graph.forEachEdge(id, (_e, attributes, source, target) => {
      const other = source === id ? target : source;
      if (build.graph.getNodeAttribute(other, "cluster") === build.membership[row]) sum += attributes.weight;
    });
    expect(store.clusterIndex.centrality[row]).toBeCloseTo(sum, 6);
  });

  it("the centre of a cluster is the mean position of its papers", () => {
    const cluster = store.clusterIndex.clusters[0];
    const rows = store.clusterIndex.members[0];
    const x = Array.from(rows).reduce((s, r) => s + build.graph.getNodeAttribute(papers[r].id, "x"), 0) / rows.length;
    expect(cluster.x).toBeCloseTo(x, 1);
  });

  it("throws NotFoundError for an unknown cluster", () => {
    expect(() => clusterPapers(store, store.clusterIndex.clusters.length, 10, 0)).toThrow(NotFoundError);
  });
});

describe("topics", () => {
  it("count the papers that carry each topic among their top topics", () => {
    const all = topics(store, 10_000).topics;
    const total = papers.reduce((sum, p) => sum + new Set(build.graph.getNodeAttribute(p.id, "topics")).size, 0);
    expect(all.reduce((sum, t) => sum + t.papers, 0)).toBe(total);
  });

  it("suggest the topics holding the query's words, most common first", () => {
    const suggested = suggestTopics(store.topicCounts, "Precision", 10);
    expect(suggested.length).toBeGreaterThan(0);
    for (const t of suggested) expect(t.term.toLowerCase()).toContain("precision");
    expect(suggestTopics(store.topicCounts, "🚀", 10)).toEqual([]);
  });
});
