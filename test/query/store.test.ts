// query/store and the indices it builds: papers by id, clusters by centrality, topic counts, build info.

import { beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { NotFoundError } from "../../server/errors.js";
import { buildTopicGraph, type TopicGraphBuild } from "../../server/pipeline.js";
import {
  clusterPapers,
  createStore,
  paper,
  paperRelated,
  topicPapers,
  topics,
  type TopicStore,
} from "../../server/query/index.js";
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
      /"other" is not the graph.s node of row 3/,
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

  it("group their inner links by cluster and sum the links between clusters", () => {
    const { innerptr, innerLinks, between } = store.clusterIndex;
    const { source, target, weight, cluster } = store.build.columns;
    expect(innerLinks.length + between.length).toBeLessThanOrEqual(source.length);
    let inner = 0;
    let across = 0;
    for (let e = 0; e < source.length; e++) {
      if (cluster[source[e]] === cluster[target[e]]) inner++;
      else across += weight[e];
    }
    expect(innerLinks.length).toBe(inner);
    for (let c = 0; c + 1 < innerptr.length; c++) {
      for (let l = innerptr[c]; l < innerptr[c + 1]; l++) expect(cluster[source[innerLinks[l]]]).toBe(c);
    }
    expect(between.reduce((sum, [, , w]) => sum + w, 0)).toBeCloseTo(across, 3);
  });
});

describe("graph columns", () => {
  it("hold every node attribute and link of the graph, by row", () => {
    const { columns } = store.build;
    papers.forEach((p, row) => {
      const a = build.graph.getNodeAttributes(p.id);
      expect(columns.ids[row]).toBe(p.id);
      expect([columns.cluster[row], columns.x[row], columns.y[row], columns.size[row]]).toEqual([
        a.cluster,
        a.x,
        a.y,
        a.size,
      ]);
      expect([columns.confidence[row], columns.subcluster[row]]).toEqual([a.confidence, a.subcluster]);
      const topics = Array.from(columns.topics.subarray(row * columns.topicWidth, (row + 1) * columns.topicWidth))
        .filter((t) => t >= 0)
        .map((t) => columns.topicTerms[t]);
      expect(topics).toEqual(a.topics);
    });
    expect(columns.source.length).toBe(build.graph.size);
    for (let e = 0; e < columns.source.length; e++) {
      const [s, t] = [papers[columns.source[e]].id, papers[columns.target[e]].id];
      expect(build.graph.getEdgeAttribute(s, t, "weight")).toBe(columns.weight[e]);
    }
  });
});

describe("topics", () => {
  it("list every paper's top topics, each with the number of papers whose text contains it", () => {
    const all = topics(store, 10_000).topics;
    // A paper's topics are written as the paper writes them; the list names each topic's column once, as the corpus
    // most often writes it.
    const listed = new Set(all.map((t) => build.model.terms.indexOf(t.term)));
    const { width, columns } = store.paperTopics;
    for (let row = 0; row < papers.length; row++)
      for (const column of columns.subarray(row * width, (row + 1) * width))
        if (column >= 0) expect(listed).toContain(column);
    for (const t of all)
      expect(t.papers).toBe(
        build.index.colptr[build.model.terms.indexOf(t.term) + 1] -
          build.index.colptr[build.model.terms.indexOf(t.term)],
      );
  });

  it("list each topic's papers, heaviest first; an unknown topic is a NotFoundError", () => {
    const [first] = topics(store, 1).topics;
    const page = topicPapers(store, first.term, 1000, 0);
    expect(page.total).toBe(first.papers);
    const carrying = page.papers.filter((p) => build.graph.getNodeAttribute(p.id, "topics").includes(first.term));
    expect(carrying.length).toBeGreaterThan(0);
    expect(topicPapers(store, first.term, 2, 1).papers).toEqual(page.papers.slice(1, 3));
    expect(() => topicPapers(store, "no such topic", 10, 0)).toThrow(/no topic "no such topic"/);
  });

  it("suggest the topics holding the query's words, most common first", () => {
    const suggested = suggestTopics(build.model, store.topicCounts, "Precision", 10);
    expect(suggested.length).toBeGreaterThan(0);
    for (const t of suggested) expect(t.term.toLowerCase().split(/[ -]/)).toContain("precision");
    expect(suggestTopics(build.model, store.topicCounts, "🚀", 10)).toEqual([]);
    expect(suggestTopics(build.model, store.topicCounts, "recision", 10)).toEqual([]);
  });

  it("orders the main topics by how many papers have each among their top topics, ties by term, each counted once a paper", () => {
    const { width, columns } = store.paperTopics;
    const counts = new Map<number, number>();
    for (let row = 0; row * width < columns.length; row++) {
      const mine = new Set(Array.from(columns.subarray(row * width, (row + 1) * width)).filter((c) => c >= 0));
      for (const column of mine) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    const terms = build.model.terms;
    const expected = [...counts.keys()].sort(
      (a, b) => counts.get(b)! - counts.get(a)! || (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0) || a - b,
    );
    expect(Array.from(store.topicCounts.columns)).toEqual(expected);
    expect(store.topicCounts.topics.map((t) => t.term)).toEqual(expected.map((c) => terms[c]));
    expect(new Set(expected.map((c) => counts.get(c))).size).toBeGreaterThan(1);
  });

  it("suggest exactly the topics a scan of every topic finds, in the same order", () => {
    const { topics: all } = store.topicCounts;
    // The reference: every main topic whose words hold the query's words in order, by stem, most common first.
    const stems = (text: string) => {
      const tokens: number[] = [];
      build.model.lexicon.lookup(text, tokens);
      tokens.pop();
      return tokens.join(" ");
    };
    const scan = (query: string) =>
      all.filter((t) => ` ${stems(t.term)} `.includes(` ${stems(query)} `)).map((t) => t.term);
    const queries = new Set<string>();
    for (const { term } of all.slice(0, 300)) {
      const words = term.split(" ");
      words.forEach((word, i) => {
        queries.add(word.toLowerCase());
        if (i > 0) queries.add(`${words[i - 1]} ${word}`.toLowerCase());
      });
    }
    expect(queries.size).toBeGreaterThan(100);
    let compared = 0;
    for (const query of queries) {
      const expected = scan(query).slice(0, 25);
      expect(
        suggestTopics(build.model, store.topicCounts, query, 25).map((t) => t.term),
        query,
      ).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(queries.size);
  });
});
