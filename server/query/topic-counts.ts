// The main topics of a graph: every term that is one of some paper's top topics (the `topics` node attribute), with
// how many papers carry it among their top topics, most common first; the papers that carry each, heaviest first
// (the topic's TF-IDF weight in the paper); and the topics a search suggests.

import { NotFoundError } from "../errors.js";
import type { GraphColumns } from "./graph-columns.js";
import type { PaperTopicTable } from "./paper-detail.js";
import { truncate } from "./paper-index.js";
import { searchWords } from "./search-index.js";

export interface TopicCount {
  term: string;
  papers: number;
}

export interface TopicCounts {
  /** Most common first (ties: term order). */
  topics: readonly TopicCount[];
  /** Each topic's words as search sees them, joined by one space, for matching a query. */
  keys: readonly string[];
  /** Position of each term in `topics`. */
  positions: ReadonlyMap<string, number>;
  /** Rows of the papers carrying topics[i]: rows[rowptr[i]..rowptr[i+1]), heaviest first (ties: corpus order). */
  rowptr: Int32Array;
  rows: Int32Array;
}

export function buildTopicCounts(graph: GraphColumns, table: PaperTopicTable): TopicCounts {
  const { topicWidth: width, topics: ids, topicTerms } = graph;
  const carriers: number[][] = topicTerms.map(() => []);
  const weights: number[][] = topicTerms.map(() => []);
  for (let row = 0; row < graph.ids.length; row++) {
    for (let t = row * width; t < (row + 1) * width && ids[t] >= 0; t++) {
      const list = carriers[ids[t]];
      if (list[list.length - 1] === row) continue;
      list.push(row);
      weights[ids[t]].push(table.weights[t]);
    }
  }
  const order = topicTerms
    .map((_, id) => id)
    .filter((id) => carriers[id].length > 0)
    .sort((a, b) => carriers[b].length - carriers[a].length || compare(topicTerms[a], topicTerms[b]));
  const topics = order.map((id) => ({ term: topicTerms[id], papers: carriers[id].length }));
  const rowptr = new Int32Array(order.length + 1);
  order.forEach((id, i) => (rowptr[i + 1] = rowptr[i] + carriers[id].length));
  const rows = new Int32Array(rowptr[order.length]);
  order.forEach((id, i) => {
    const [list, weight] = [carriers[id], weights[id]];
    const heaviest = list.map((_, a) => a).sort((a, b) => weight[b] - weight[a] || list[a] - list[b]);
    heaviest.forEach((a, at) => (rows[rowptr[i] + at] = list[a]));
  });
  return {
    topics,
    keys: topics.map((t) => searchWords(t.term).join(" ")),
    positions: new Map(topics.map((t, i) => [t.term, i])),
    rowptr,
    rows,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The rows of the papers that carry `term` among their top topics, heaviest first; NotFoundError if none does. */
export function topicRows(counts: TopicCounts, term: string): Int32Array {
  const at = counts.positions.get(term);
  if (at === undefined) throw new NotFoundError(`no topic ${JSON.stringify(truncate(term, 200))}`);
  return counts.rows.subarray(counts.rowptr[at], counts.rowptr[at + 1]);
}

/** Topics whose words contain the query's words (as one phrase), most common first. */
export function suggestTopics(counts: TopicCounts, query: string, limit: number): TopicCount[] {
  const key = searchWords(query).join(" ");
  if (key.length === 0) return [];
  const out: TopicCount[] = [];
  for (let t = 0; t < counts.topics.length && out.length < limit; t++) {
    if (counts.keys[t].includes(key)) out.push(counts.topics[t]);
  }
  return out;
}
