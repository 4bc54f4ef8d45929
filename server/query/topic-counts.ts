// Topics as the API names them: the main topics of a graph (every vocabulary term that is one of some paper's top
// topics, most common among top topics first), each with the number of papers whose title or abstract contains it;
// the vocabulary column of a topic written any way (the papers on it: query/topic-changes); and the topics a search
// suggests (whole words, never substrings).

import type { InvertedIndex } from "../graph/top-k.js";
import { BREAK } from "../text/lexicon.js";
import type { TfidfModel } from "../text/tfidf.js";
import { SHIFT } from "../text/vocabulary.js";
import type { PaperTopicTable } from "./paper-detail.js";

export interface TopicCount {
  term: string;
  /** Papers whose title or abstract contains the topic. */
  papers: number;
}

export interface TopicCounts {
  /** Most common among the papers' top topics first (ties: term order). */
  topics: readonly TopicCount[];
  /** The vocabulary column of each of `topics`. */
  columns: Int32Array;
}

/**
 * The main topics: the columns of the papers' top topics, by how many papers have each among their top topics, each
 * with the papers containing it (`papersOf`; by default the index's posting list's length).
 */
export function buildTopicCounts(
  index: InvertedIndex,
  terms: readonly string[],
  table: PaperTopicTable,
  papersOf: (column: number) => number = (column) => postings(index, column),
): TopicCounts {
  const counts = new Int32Array(terms.length);
  const seen: number[] = [];
  const { width, columns } = table;
  for (let t = 0; t < columns.length; t++) {
    const column = columns[t];
    if (column < 0) continue;
    // A topic counts once per paper.
    let repeated = false;
    for (let u = t - (t % width); u < t && !repeated; u++) repeated = columns[u] === column;
    if (repeated) continue;
    if (counts[column]++ === 0) seen.push(column);
  }
  // NOTE: ties by the terms' order as ranks made once per vocabulary: a served library makes its main topics again for
  // each version, and comparing the tied terms' strings was most of that.
  const rank = termRanks(terms);
  const order = Int32Array.from(seen).sort((a, b) => counts[b] - counts[a] || rank[a] - rank[b]);
  const topics = Array.from(order, (column) => ({ term: terms[column], papers: papersOf(column) }));
  return { topics, columns: order };
}

const ranksOfTerms = new WeakMap<readonly string[], Int32Array>();

/** Each column's place in the order of its term (code units; ties, if any, by column), made once per vocabulary. */
function termRanks(terms: readonly string[]): Int32Array {
  let ranks = ranksOfTerms.get(terms);
  if (ranks !== undefined) return ranks;
  const order = Array.from(terms.keys()).sort((a, b) => compare(terms[a], terms[b]) || a - b);
  ranks = new Int32Array(terms.length);
  for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
  ranksOfTerms.set(terms, ranks);
  return ranks;
}

function postings(index: InvertedIndex, column: number): number {
  return index.colptr[column + 1] - index.colptr[column];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The vocabulary column of a term written any way the TF-IDF reads as the same n-gram ("diffusion model", "Diffusion
 * Models"), or -1: its words by stem, one to three of them, with no stopword or punctuation between.
 */
export function termColumn(model: TfidfModel, term: string): number {
  const tokens: number[] = [];
  model.lexicon.lookup(term, tokens);
  tokens.pop();
  const { vocabulary } = model;
  if (tokens.length === 0 || tokens.length > vocabulary.ngramRange[1] || tokens.includes(BREAK)) return -1;
  if (tokens.length === 1)
    return tokens[0] < vocabulary.unigramColumn.length ? vocabulary.unigramColumn[tokens[0]] : -1;
  const bigram = vocabulary.bigramIds.get(tokens[0], tokens[1]);
  if (bigram < 0) return -1;
  if (tokens.length === 2) return vocabulary.bigramColumn[bigram];
  return vocabulary.trigramColumn.get(bigram * SHIFT + tokens[2]) ?? -1;
}

/**
 * Main topics whose words contain the query's words in order, whole words matched by stem (a query word written as
 * an acronym, "RAG", only as written), most common first. A topic is never suggested for a substring of one of its
 * words ("RAG" does not suggest "fragmentation" or "drag").
 */
export function suggestTopics(model: TfidfModel, counts: TopicCounts, query: string, limit: number): TopicCount[] {
  const wanted: number[] = [];
  model.lexicon.lookup(query, wanted);
  wanted.pop();
  if (wanted.length === 0 || wanted.length > 3 || wanted.includes(BREAK)) return [];
  const acronyms = query.split(/[^\p{L}\p{N}'’-]+/u).filter(isAcronym);
  const { vocabulary } = model;
  // Only the topics that have the query's rarest word can match.
  const having = topicsByToken(model, counts);
  let candidates: readonly number[] = having.get(wanted[0]) ?? [];
  for (const token of wanted) {
    const list = having.get(token) ?? [];
    if (list.length < candidates.length) candidates = list;
  }
  const out: TopicCount[] = [];
  for (let c = 0; c < candidates.length && out.length < limit; c++) {
    const t = candidates[c];
    const column = counts.columns[t];
    const length = vocabulary.termLength[column];
    let found = false;
    for (let at = 0; at + wanted.length <= length && !found; at++) {
      found = true;
      for (let k = 0; k < wanted.length && found; k++) found = vocabulary.termTokens[column * 3 + at + k] === wanted[k];
    }
    if (found && acronyms.every((word) => writtenIn(counts.topics[t].term, word))) out.push(counts.topics[t]);
  }
  return out;
}

const tokenIndexes = new WeakMap<TopicCounts, Map<number, number[]>>();

/**
 * For each word (token id), the positions in `counts.topics` of the topics that have it, ascending (most common
 * first). Made on a store's first search and kept with its topic counts: scanning every topic per search was most of
 * a search's time.
 */
function topicsByToken(model: TfidfModel, counts: TopicCounts): Map<number, number[]> {
  let index = tokenIndexes.get(counts);
  if (index !== undefined) return index;
  index = new Map();
  const { termLength, termTokens } = model.vocabulary;
  for (let t = 0; t < counts.columns.length; t++) {
    const column = counts.columns[t];
    for (let at = 0; at < termLength[column]; at++) {
      const token = termTokens[column * 3 + at];
      let list = index.get(token);
      if (list === undefined) index.set(token, (list = []));
      if (list[list.length - 1] !== t) list.push(t);
    }
  }
  tokenIndexes.set(counts, index);
  return index;
}

/** A word written with two or more capitals ("RAG", "LLMs", "LoRA"): matched as written, not by stem. */
export function isAcronym(word: string): boolean {
  return (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/** Whether `term` has `word` as one of its words (or word parts), as written, or with a plural "s". */
function writtenIn(term: string, word: string): boolean {
  const bare = word.replace(/s$/, "");
  return term.split(/[\s-]+/).some((part) => part === word || part === bare || part === `${bare}s`);
}
