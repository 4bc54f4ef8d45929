// The main topics' order (query/topic-counts): most common among the papers' top topics first, ties by term (code
// units), equal terms by column. Checked against a reference that ranks every vocabulary term first, as the store
// did before it compared terms only where counts tie: on the seed's build, on a version of it, and on a hand-made
// table with equal terms.

import { beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import type { InvertedIndex } from "../../server/graph/top-k.js";
import { buildTopicGraph } from "../../server/pipeline.js";
import { applyChanges } from "../../server/query/changes.js";
import { createStore, type TopicStore } from "../../server/query/index.js";
import type { PaperTopicTable } from "../../server/query/topic-counts.js";
import { topicPaperCount } from "../../server/query/topic-changes.js";
import {
  buildTopicCounts,
  extendTopicCounts,
  topTopics,
  type TopicCount,
  type TopicCounts,
} from "../../server/query/topic-counts.js";

/** The main topics' columns as ranking the whole vocabulary gives them: every term's rank, then a sort by count. */
function reference(terms: readonly string[], table: PaperTopicTable): { columns: number[]; counts: Int32Array } {
  const counts = new Int32Array(terms.length);
  for (let row = 0; row < table.columns.length / table.width; row++) {
    const topics = new Set(table.columns.subarray(row * table.width, (row + 1) * table.width));
    for (const column of topics) if (column >= 0) counts[column]++;
  }
  const byTerm = Array.from(terms.keys()).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : a - b));
  const rank = new Int32Array(terms.length);
  byTerm.forEach((column, r) => (rank[column] = r));
  const columns = Array.from(terms.keys())
    .filter((column) => counts[column] > 0)
    .sort((a, b) => counts[b] - counts[a] || rank[a] - rank[b]);
  return { columns, counts };
}

function expectAsReference(
  counts: TopicCounts,
  terms: readonly string[],
  table: PaperTopicTable,
  papersOf: (column: number) => number,
) {
  const { columns } = reference(terms, table);
  const topics: TopicCount[] = columns.map((column) => ({ term: terms[column], papers: papersOf(column) }));
  for (const limit of [1, 10, 100]) {
    expect(Array.from(topTopics(counts, limit).columns)).toEqual(columns.slice(0, limit));
  }
  expect(Array.from(counts.columns)).toEqual(columns);
  expect(counts.topics).toEqual(topics);
}

describe("the main topics' order", () => {
  const HELD_OUT = [3, 17, 40, 58];
  let corpus: Paper[];
  let store: TopicStore;
  beforeAll(async () => {
    corpus = (await readCorpus("data/papers.jsonl")).papers;
    const kept = corpus.filter((_p, i) => !HELD_OUT.includes(i));
    store = createStore(await buildTopicGraph(kept, { lsaDimensions: 8 }), {
      papers: kept,
      builtAt: new Date(0),
      buildMs: 0,
    });
  });

  it("is the reference's on the seed's build, whose ties are most of its topics and not in column order", () => {
    const { terms } = store.build.model;
    const { columns, counts } = reference(terms, store.paperTopics);
    // The test means something only if terms decide many places: ties whose columns are not in their terms' order.
    const tied = columns.slice(1).filter((column, at) => counts[columns[at]] === counts[column]);
    expect(tied.length).toBeGreaterThan(columns.length / 2);
    expect(columns.slice(1).some((column, at) => counts[columns[at]] === counts[column] && column < columns[at])).toBe(
      true,
    );
    expectAsReference(store.topicCounts, terms, store.paperTopics, (column) => topicPaperCount(store.build, column));
  });

  it("is the reference's on a version with papers added and deleted", () => {
    const version = applyChanges(store, {
      added: HELD_OUT.map((i) => corpus[i]),
      deleted: [corpus[0].id, corpus[1].id, corpus[2].id],
    });
    const { build } = version;
    const papersOf = (column: number) => topicPaperCount(build, column);
    expectAsReference(version.topicCounts, build.model.terms, version.paperTopics, papersOf);
  });

  it("puts equal counts by term and equal terms by column, in a build and a version", () => {
    // Columns 1 and 3 are both "a", 0 and 4 both "b"; a paper's repeated topic counts once.
    const terms = ["b", "a", "c", "a", "b"];
    const rows = [
      [0, 1],
      [2, 3],
      [4, -1],
      [1, 3],
      [2, 2],
    ];
    const table = tableOf(rows);
    const papersOf = (column: number) => 10 + column;
    const built = buildTopicCounts(NO_INDEX, terms, table, papersOf);
    // Counts: 1 -> 2, 3 -> 2, 2 -> 2, 0 -> 1, 4 -> 1.
    expect(Array.from(built.columns)).toEqual([1, 3, 2, 0, 4]);
    expectAsReference(built, terms, table, papersOf);

    // Row 1 deleted (2 and 3 lose one), a row [4, 0] added (4 and 0 gain one).
    const grown = tableOf([...rows, [4, 0]]);
    const changed = tableOf([...rows.slice(0, 1), [-1, -1], ...rows.slice(2), [4, 0]]);
    const version = extendTopicCounts(terms, {
      built,
      builtTable: table,
      table: grown,
      deletedRows: [1],
      addedRows: [5],
      papersChanged: [],
      papersOf,
    });
    expect(Array.from(topTopics(version, 2).columns)).toEqual([1, 0]);
    expect(Array.from(version.columns)).toEqual([1, 0, 4, 3, 2]);
    expectAsReference(version, terms, changed, papersOf);
  });
});

const NO_INDEX: InvertedIndex = { colptr: new Int32Array(6), rows: new Int32Array(0), weights: new Float32Array(0) };

function tableOf(rows: number[][]): PaperTopicTable {
  return { width: 2, columns: Int32Array.from(rows.flat()), weights: new Float32Array(rows.length * 2) };
}
