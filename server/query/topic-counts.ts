// Topics as the API names them: the main topics of a graph (every vocabulary term that is one of some paper's top
// topics, most common among top topics first), each with the number of papers whose title or abstract contains it;
// the vocabulary column of a topic written any way (the papers on it: query/topic-changes); and the topics a search
// suggests (whole words, never substrings).

import type { InvertedIndex } from "../graph/top-k.js";
import { BREAK } from "../text/lexicon.js";
import type { TfidfModel } from "../text/tfidf.js";
import { SHIFT } from "../text/vocabulary.js";

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

/** Every paper's top topics, as columns and TF-IDF weights, `width` per paper (-1 padded), by row. */
export interface PaperTopicTable {
  width: number;
  columns: Int32Array;
  weights: Float32Array;
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
  const rows = table.columns.length / table.width;
  for (let row = 0; row < rows; row++) {
    eachTopic(table, row, (column) => {
      if (counts[column]++ === 0) seen.push(column);
    });
  }
  // NOTE: terms compared only where counts tie, and only among the main topics: ranking every vocabulary term first
  // was most of a large store's making.
  const order = Int32Array.from(seen).sort((a, b) => counts[b] - counts[a] || byTerm(terms, a, b));
  const topics = Array.from(order, (column) => ({ term: terms[column], papers: papersOf(column) }));
  const made = { topics, columns: order };
  mainCounts.set(made, counts);
  return made;
}

/** Each column's papers having it among their top topics, by column, of the counts buildTopicCounts made. */
const mainCounts = new WeakMap<TopicCounts, Int32Array>();

/** What a store version's main topics are made from (query/changes). */
export interface TopicCountChanges {
  /** The build's main topics (buildTopicCounts) and its papers' top topics. */
  built: TopicCounts;
  builtTable: PaperTopicTable;
  /** The version's papers' top topics: the build's rows, then the rows added since. */
  table: PaperTopicTable;
  /** Rows of the build deleted since. */
  deletedRows: Iterable<number>;
  /** Rows added since and not deleted. */
  addedRows: Iterable<number>;
  /** Columns whose papers (`papersOf`) may differ from the build's. */
  papersChanged: Iterable<number>;
  papersOf: (column: number) => number;
}

/** How a version's main topics differ from the build's: the columns whose count changed, and their order. */
interface VersionTopics {
  built: TopicCounts;
  /** The count of each column whose count differs from the build's (0: no longer a main topic). */
  count: ReadonlyMap<number, number>;
  /** The topics of the columns whose count or papers differ from the build's. */
  topicOf: ReadonlyMap<number, TopicCount>;
  /** The columns of `count` still main topics, in the version's order. */
  order: Int32Array;
  /** Whether column a comes before column b in the version's order. */
  before: (a: number, b: number) => number;
}

const versions = new WeakMap<TopicCounts, VersionTopics>();

/**
 * The main topics of a store version, as buildTopicCounts would count them over its table with `papersOf`: the
 * build's counts with the deleted rows' topics taken out and the added rows' put in, so the work is the change; the
 * list (`topics`, `columns`; topTopics for its first ones) is merged from the build's when first asked for.
 */
export function extendTopicCounts(terms: readonly string[], changes: TopicCountChanges): TopicCounts {
  const { built, papersOf } = changes;
  const builtCount = mainCounts.get(built);
  if (builtCount === undefined) throw new TypeError("query/topic-counts: the build's counts were not made here");
  const count = new Map<number, number>();
  const bump = (column: number, by: number) => count.set(column, (count.get(column) ?? builtCount[column]) + by);
  for (const row of changes.deletedRows) eachTopic(changes.builtTable, row, (column) => bump(column, -1));
  for (const row of changes.addedRows) eachTopic(changes.table, row, (column) => bump(column, 1));
  for (const [column, n] of count) if (n === builtCount[column]) count.delete(column);
  const countOf = (column: number) => count.get(column) ?? builtCount[column];
  const before = (a: number, b: number) => countOf(b) - countOf(a) || byTerm(terms, a, b);
  const topicOf = new Map<number, TopicCount>();
  const changed = (column: number) => {
    if (countOf(column) > 0 && !topicOf.has(column))
      topicOf.set(column, { term: terms[column], papers: papersOf(column) });
  };
  for (const column of count.keys()) changed(column);
  for (const column of changes.papersChanged) changed(column);
  const order = Int32Array.from([...count.keys()].filter((column) => count.get(column)! > 0)).sort(before);
  let merged: { counts: TopicCounts; limit: number } | undefined;
  const merge = (limit: number): TopicCounts => {
    if (merged !== undefined && (merged.limit >= limit || merged.counts.topics.length < merged.limit)) {
      return merged.counts;
    }
    // NOTE: the build's list walked with marks by column (no look-ups per topic), as far as asked: the trends of every
    // version ask for the first MAIN_TOPICS.
    const marks = marksOf(built, terms.length);
    for (const column of count.keys()) marks[column] |= 1;
    for (const column of topicOf.keys()) marks[column] |= 2;
    const counts = Int32Array.from(order, countOf);
    const length = Math.min(limit, built.columns.length + order.length);
    const columns = new Int32Array(length);
    const topics = new Array<TopicCount>(length);
    let out = 0;
    let v = 0;
    for (let b = 0; b < built.columns.length && out < length; b++) {
      const column = built.columns[b];
      if ((marks[column] & 1) === 1) continue;
      const n = builtCount[column];
      for (; v < order.length && (counts[v] > n || (counts[v] === n && byTerm(terms, order[v], column) < 0)); v++) {
        if (out === length) break;
        columns[out] = order[v];
        topics[out++] = topicOf.get(order[v])!;
      }
      if (out === length) break;
      columns[out] = column;
      topics[out++] = (marks[column] & 2) === 2 ? topicOf.get(column)! : built.topics[b];
    }
    for (; v < order.length && out < length; v++) {
      columns[out] = order[v];
      topics[out++] = topicOf.get(order[v])!;
    }
    for (const column of count.keys()) marks[column] = 0;
    for (const column of topicOf.keys()) marks[column] = 0;
    topics.length = out;
    merged = { counts: { topics, columns: columns.slice(0, out) }, limit };
    return merged.counts;
  };
  const version: TopicCounts = {
    get topics() {
      return merge(Infinity).topics;
    },
    get columns() {
      return merge(Infinity).columns;
    },
  };
  heads.set(version, merge);
  versions.set(version, { built, count, topicOf, order, before });
  return version;
}

const heads = new WeakMap<TopicCounts, (limit: number) => TopicCounts>();

/** The first `limit` main topics (of a version: merged only that far). */
export function topTopics(counts: TopicCounts, limit: number): TopicCounts {
  const head = heads.get(counts);
  const top = head === undefined ? counts : head(limit);
  return top.topics.length <= limit
    ? top
    : { topics: top.topics.slice(0, limit), columns: top.columns.slice(0, limit) };
}

const scratch = new WeakMap<TopicCounts, Uint8Array>();

/** A zeroed array by column, one per build, lent to a merge (which zeroes what it marked before it returns). */
function marksOf(built: TopicCounts, columns: number): Uint8Array {
  let marks = scratch.get(built);
  if (marks === undefined) scratch.set(built, (marks = new Uint8Array(columns)));
  return marks;
}

/** Each column among a row's top topics, once (a topic counts once per paper). */
function eachTopic(table: PaperTopicTable, row: number, visit: (column: number) => void): void {
  const { width, columns } = table;
  for (let t = row * width; t < (row + 1) * width; t++) {
    const column = columns[t];
    if (column < 0) continue;
    let repeated = false;
    for (let u = row * width; u < t && !repeated; u++) repeated = columns[u] === column;
    if (!repeated) visit(column);
  }
}

function postings(index: InvertedIndex, column: number): number {
  return index.colptr[column + 1] - index.colptr[column];
}

/** The order of tied main topics: by term (code units), equal terms by column. */
function byTerm(terms: readonly string[], a: number, b: number): number {
  const x = terms[a];
  const y = terms[b];
  return x < y ? -1 : x > y ? 1 : a - b;
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
  const { termLength, termTokens } = model.vocabulary;
  const has = (column: number, token: number) => {
    for (let at = 0; at < termLength[column]; at++) if (termTokens[column * 3 + at] === token) return true;
    return false;
  };
  const matches = (column: number, topic: TopicCount) => {
    let found = false;
    for (let at = 0; at + wanted.length <= termLength[column] && !found; at++) {
      found = true;
      for (let k = 0; k < wanted.length && found; k++) found = termTokens[column * 3 + at + k] === wanted[k];
    }
    return found && acronyms.every((word) => writtenIn(topic.term, word));
  };
  // Only the topics that have the query's rarest word (among the build's topics) can match; a version's topics are
  // the build's, less those whose count changed, merged in order with those (extendTopicCounts).
  const version = versions.get(counts);
  const built = version?.built ?? counts;
  const having = topicsByToken(model, built);
  let rarest = wanted[0];
  for (const token of wanted) if ((having.get(token)?.length ?? 0) < (having.get(rarest)?.length ?? 0)) rarest = token;
  const candidates = having.get(rarest) ?? [];
  const changed = version === undefined ? [] : Array.from(version.order).filter((column) => has(column, rarest));
  const out: TopicCount[] = [];
  let c = 0;
  let v = 0;
  while ((c < candidates.length || v < changed.length) && out.length < limit) {
    const column = c < candidates.length ? built.columns[candidates[c]] : -1;
    if (column >= 0 && version?.count.has(column)) {
      c++;
      continue;
    }
    const fromBuilt = v === changed.length || (column >= 0 && version!.before(column, changed[v]) < 0);
    if (fromBuilt) {
      const topic = version?.topicOf.get(column) ?? built.topics[candidates[c]];
      c++;
      if (matches(column, topic)) out.push(topic);
    } else {
      const topic = version!.topicOf.get(changed[v])!;
      if (matches(changed[v++], topic)) out.push(topic);
    }
  }
  return out;
}

const tokenIndexes = new WeakMap<TopicCounts, Map<number, number[]>>();

/**
 * For each word (token id), the positions in `counts.topics` of the topics that have it, ascending (most common
 * first). Made on a build's first search and kept with its topic counts, which its versions derive from: scanning
 * every topic per search was most of a search's time.
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
