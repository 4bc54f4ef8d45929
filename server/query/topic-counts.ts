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
  const n = graph.ids.length;
  // A topic counts once per paper, at its first position there.
  const first = (t: number) => {
    for (let u = t - (t % width); u < t; u++) if (ids[u] === ids[t]) return false;
    return true;
  };
  const counts = new Int32Array(topicTerms.length);
  for (let t = 0; t < n * width; t++) if (ids[t] >= 0 && first(t)) counts[ids[t]]++;
  const order = Int32Array.from(topicTerms.keys())
    .filter((id) => counts[id] > 0)
    .sort((a, b) => counts[b] - counts[a] || compare(topicTerms[a], topicTerms[b]));
  const position = new Int32Array(topicTerms.length).fill(-1);
  order.forEach((id, i) => (position[id] = i));
  const rowptr = new Int32Array(order.length + 1);
  order.forEach((id, i) => (rowptr[i + 1] = rowptr[i] + counts[id]));
  // Each topic's papers sorted by one key, heaviest first then corpus order: (2^32 - 1 - bits of the weight) * n + row
  // (positive float32 weights order as their bits; < 2^53 for fewer than 2^21 papers, past which a comparator sorts).
  const keys = new Float64Array(rowptr[order.length]);
  const rows = new Int32Array(keys.length);
  const filled = rowptr.slice(0, order.length);
  const bits = new Uint32Array(table.weights.buffer, table.weights.byteOffset, table.weights.length);
  for (let t = 0; t < n * width; t++) {
    if (ids[t] < 0 || !first(t)) continue;
    const at = filled[position[ids[t]]]++;
    const row = Math.floor(t / width);
    rows[at] = row;
    keys[at] = (0xffffffff - bits[t]) * n + row;
  }
  for (let i = 0; i < order.length; i++) {
    const start = rowptr[i];
    const end = rowptr[i + 1];
    // NOTE: most topics (150,826 of 242,694 at 96k papers) are one paper's: nothing to sort.
    if (end - start < 2) continue;
    if (n < 2 ** 21) {
      const sorted = keys.subarray(start, end).sort();
      for (let at = start; at < end; at++) rows[at] = sorted[at - start] % n;
    } else {
      const weight = (at: number) => 0xffffffff - Math.floor(keys[at] / n);
      const segment = Array.from({ length: end - start }, (_, a) => start + a).sort(
        (a, b) => weight(b) - weight(a) || rows[a] - rows[b],
      );
      rows.set(
        segment.map((at) => rows[at]),
        start,
      );
    }
  }
  const topics = Array.from(order, (id) => ({ term: topicTerms[id], papers: counts[id] }));
  const positions = new Map<string, number>();
  topics.forEach((t, i) => positions.set(t.term, i));
  let searchKeys: string[] | undefined;
  return {
    topics,
    // Made on the first search that suggests topics, not at start: most servers never need them.
    get keys() {
      return (searchKeys ??= topics.map((t) => searchWords(t.term).join(" ")));
    },
    positions,
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
