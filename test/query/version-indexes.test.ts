// What a store version derives from its build's and the papers added and deleted since is what a computation from
// scratch over the version's papers gives, version after version (papers added, build papers deleted, added papers
// deleted, an id replaced): its main topics and suggested topics (query/topic-counts extendTopicCounts, with a topic
// only added papers bring and topics deletions empty) and its cluster index (query/cluster-index-version).

import { beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { buildTopicGraph } from "../../server/pipeline.js";
import { applyChanges, type MapChanges } from "../../server/query/changes.js";
import { buildClusterIndex } from "../../server/query/cluster-index.js";
import { createStore, type TopicStore } from "../../server/query/index.js";
import { topicPaperCount } from "../../server/query/topic-changes.js";
import { buildTopicCounts, suggestTopics, topTopics, type TopicCounts } from "../../server/query/topic-counts.js";
import { trendsOn } from "../../server/query/trend-index.js";

const HELD_OUT = [5, 20, 41, 66];
let corpus: Paper[];
let store: TopicStore;
let held: Paper[];

beforeAll(async () => {
  corpus = (await readCorpus("data/papers.jsonl")).papers;
  held = HELD_OUT.map((i) => corpus[i]);
  const kept = corpus.filter((_p, i) => !HELD_OUT.includes(i));
  store = createStore(await buildTopicGraph(kept, { lsaDimensions: 8 }), {
    papers: kept,
    builtAt: new Date(0),
    buildMs: 0,
  });
});

/** The version's main topics counted over its whole table, as a build's are. */
function fromScratch(version: TopicStore): TopicCounts {
  const { build } = version;
  return buildTopicCounts(build.index, build.model.terms, version.paperTopics, (column) =>
    topicPaperCount(build, column),
  );
}

/** Queries for the suggestions: each word and each pair of words of the topics, and acronyms as written. */
function queries(counts: TopicCounts): string[] {
  const out = new Set<string>(["RAG", "LLMs", "graph neural", "language models", "no-such-word"]);
  for (const { term } of counts.topics) {
    const words = term.split(" ");
    words.forEach((word, at) => {
      out.add(word);
      if (at > 0) out.add(`${words[at - 1]} ${word}`);
    });
  }
  return [...out];
}

function expectAsFromScratch(version: TopicStore): void {
  const expected = fromScratch(version);
  const counts = version.topicCounts;
  const model = version.build.model;
  // The suggestions first: a version answers them before its whole list is merged.
  for (const query of queries(expected)) {
    for (const limit of [5, 1000]) {
      expect(suggestTopics(model, counts, query, limit), `${query} (${limit})`).toEqual(
        suggestTopics(model, expected, query, limit),
      );
    }
  }
  // The first ones, merged only that far, then the whole list, then the first ones again.
  const heads = () => [1, 7, 100, 2_000].map((limit) => topTopics(counts, limit));
  const expectedHeads = [1, 7, 100, 2_000].map((limit) => topTopics(expected, limit));
  expect(heads()).toEqual(expectedHeads);
  expect(counts.topics).toEqual(expected.topics);
  expect(Array.from(counts.columns)).toEqual(Array.from(expected.columns));
  expect(heads()).toEqual(expectedHeads);
}

/** A paper whose only words are these (its top topics are theirs). */
function paperOn(id: string, words: string): Paper {
  return { id, title: words, abstract: `${words}. ${words}; ${words}.` };
}

describe("a store version's main topics", () => {
  it("are the ones counted from scratch after additions, deletions and replacements, version after version", () => {
    const steps: MapChanges[] = [
      { added: held, deleted: [] },
      { added: [], deleted: [corpus[1].id, corpus[2].id, corpus[3].id] },
      { added: [], deleted: [held[0].id] },
      { added: [{ ...corpus[7], title: held[1].title, abstract: held[1].abstract }], deleted: [] },
      { added: [held[0], { ...held[2], id: "copy-of-held-2" }], deleted: [held[3].id, corpus[10].id] },
    ];
    let version = store;
    for (const step of steps) {
      const next = applyChanges(version, step);
      expect(next).not.toBe(version);
      expectAsFromScratch(next);
      version = next;
    }
  });

  it("gain a topic only added papers have among their top topics, and lose one deletions empty", () => {
    const expected = fromScratch(store);
    const main = new Set(expected.topics.map((t) => t.term));
    const { terms } = store.build.model;
    // A vocabulary term no build paper has among its top topics.
    const fresh = terms.find((term) => !main.has(term) && !term.includes(" ") && term.length > 4)!;
    expect(fresh).toBeDefined();
    const added = applyChanges(store, { added: [paperOn("only-added", fresh)], deleted: [] });
    expectAsFromScratch(added);
    expect(added.topicCounts.topics.map((t) => t.term)).toContain(fresh);
    expect(suggestTopics(added.build.model, added.topicCounts, fresh, 5).map((t) => t.term)).toContain(fresh);

    // The topic fewest papers have among their top topics, and every paper that has it: deleted, it is gone.
    const last = expected.topics.at(-1)!;
    const column = expected.columns.at(-1)!;
    const { width, columns } = store.paperTopics;
    const having: string[] = [];
    for (let row = 0; row < store.papers.length; row++) {
      if (columns.subarray(row * width, (row + 1) * width).includes(column)) having.push(store.build.columns.ids[row]);
    }
    expect(having.length).toBeGreaterThan(0);
    const emptied = applyChanges(added, { added: [], deleted: having });
    expectAsFromScratch(emptied);
    expect(emptied.topicCounts.topics.map((t) => t.term)).not.toContain(last.term);
    // And back: the build's papers added again.
    const back = applyChanges(emptied, {
      added: having.map((id) => store.papers.paper(store.paperIndex.rows.get(id)!)),
      deleted: ["only-added"],
    });
    expectAsFromScratch(back);
    expect(back.topicCounts.topics.map((t) => t.term)).toContain(last.term);
  });
});

/** The version's cluster index made from its columns, as a build's is. */
function expectClustersAsFromScratch(version: TopicStore): void {
  const expected = buildClusterIndex(version.build.columns, trendsOn(version.trends.timeline));
  const index = version.clusterIndex;
  expect(index.clusters).toEqual(expected.clusters);
  expect(index.members).toEqual(expected.members);
  expect(index.subMembers).toEqual(expected.subMembers);
  expect(index.centrality).toEqual(expected.centrality);
  expect(index.innerptr).toEqual(expected.innerptr);
  expect(index.innerLinks).toEqual(expected.innerLinks);
  expect(index.between).toEqual(expected.between);
}

describe("a store version's cluster index", () => {
  it("is the one made from scratch after additions, deletions and replacements, version after version", () => {
    // The papers linked to most, deleted: their clusters lose papers and their neighbours links.
    const { source, target } = store.build.columns;
    const degree = new Map<number, number>();
    for (let e = 0; e < source.length; e++) {
      for (const row of [source[e], target[e]]) degree.set(row, (degree.get(row) ?? 0) + 1);
    }
    const hubs = [...degree].sort((a, b) => b[1] - a[1]).map(([row]) => store.build.columns.ids[row]);
    const steps: MapChanges[] = [
      { added: [held[0]], deleted: [] },
      { added: held.slice(1), deleted: [] },
      { added: [], deleted: hubs.slice(0, 2) },
      { added: [{ ...corpus[7], title: held[1].title, abstract: held[1].abstract }], deleted: [held[0].id] },
      { added: [held[0], { ...held[2], id: "copy-of-held-2" }], deleted: [held[3].id, hubs[2]] },
    ];
    let version = store;
    for (const step of steps) {
      version = applyChanges(version, step);
      expectClustersAsFromScratch(version);
    }
    // And from the build at once.
    expectClustersAsFromScratch(applyChanges(store, { added: held, deleted: hubs.slice(0, 3) }));
  });
});
