// The main topics of a graph: every term that is one of some paper's top topics (the `topics` node attribute), with
// how many papers carry it among their top topics; most common first. Also the topics a search suggests.

import type { TopicGraph } from "../graph/types.js";
import { searchWords } from "./search-index.js";

export interface TopicCount {
  term: string;
  papers: number;
}

export interface TopicCounts {
  topics: readonly TopicCount[];
  /** Each topic's words as search sees them, joined by one space, for matching a query. */
  keys: readonly string[];
}

export function buildTopicCounts(graph: TopicGraph): TopicCounts {
  const counts = new Map<string, number>();
  graph.forEachNode((_id, attributes) => {
    for (const term of new Set(attributes.topics)) counts.set(term, (counts.get(term) ?? 0) + 1);
  });
  const topics = [...counts]
    .map(([term, papers]) => ({ term, papers }))
    .sort((a, b) => b.papers - a.papers || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return { topics, keys: topics.map((t) => searchWords(t.term).join(" ")) };
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
