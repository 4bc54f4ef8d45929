// Full-text search over titles and abstracts: an inverted index of words with their positions, BM25F scoring
// (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond", the title a field weighted
// TITLE_WEIGHT) and phrase proximity. A query word matches every word of its Porter stem ("training" finds "trained"),
// whole, never a substring or a prefix; a word written with two or more capitals ("RAG", "LLMs", "LoRA") also gets a
// key as written, and a query word so written matches only that ("RAG" finds neither "rags" nor "RaGNNarok").
//   candidates: papers holding every query word that is not a function word (all of them when every word is one)
//   rank:       phrase score first (each pair of consecutive query words found adjacent and in order, as written or
//               in singular or plural, not another word of their stem: 2 in the title, 1 in the abstract), then
//               BM25F, then corpus order
//   BM25F:      sum over query keys of idf * t / (t + K1) * (K1 + 1),  t = TITLE_WEIGHT * tf_title / B(title)
//               + tf_abstract / B(abstract),  B(field) = 1 - B + B * length / mean length,  idf = ln(1 + (n - df +
//               0.5) / (df + 0.5))
// NOTE: no search library was kept: MiniSearch, FlexSearch and Orama score words but keep no positions, so none can
// rank papers holding a phrase above papers holding its words apart.

import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";

import { sameNoun, singular } from "../text/inflection.js";
import { FUNCTION_WORDS } from "../text/stopwords.js";

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
/** Words past this position in a paper are not indexed (positions are 16-bit). */
const MAX_POSITION = 65_535;

export const SEARCH_LIMITS = {
  /** Query words used; the rest are ignored. */
  queryWords: 12,
} as const;

/** The parts of an index that a build cache keeps. */
export interface SearchIndexParts {
  /** Words (lower case) and acronyms as written ("=" first), sorted by group, then by key. */
  keys: string[];
  /** Groups of keys: a Porter stem, or an acronym's key; group g's keys are [groupptr[g], groupptr[g + 1]). */
  groups: string[];
  groupptr: Int32Array;
  rows: number;
  /** Postings of keys[k]: [keyptr[k], keyptr[k + 1]), rows ascending. */
  keyptr: Int32Array;
  postingRows: Int32Array;
  /** Positions of posting p: positions[posptr[p]..posptr[p + 1]), ascending; the abstract's start after a gap. */
  posptr: Int32Array;
  positions: Uint16Array;
  /** Positions each paper's title and abstract span (words, and a gap where punctuation stands). */
  titleLength: Uint16Array;
  abstractLength: Uint16Array;
}

export interface SearchIndex extends SearchIndexParts {
  groupOf: Map<string, number>;
  meanTitle: number;
  meanAbstract: number;
  scratch: Scratch;
}

/** Per-query buffers: per paper, and per query group and paper (QUERY_GROUPS * rows). */
interface Scratch {
  count: Int32Array;
  titleCount: Uint16Array;
  abstractCount: Uint16Array;
  /** Up to two postings per query group and paper of the words a phrase may use (-1: none). */
  phrase: Int32Array;
}

export interface SearchHit {
  row: number;
  /** BM25F score (the phrase score ranks first, see the module header). */
  score: number;
  /** Every required query word is in the title. */
  inTitle: boolean;
  /** The phrase score, which ranks first. */
  phrase: number;
}

/** Options of a search over part of a map (query/changes: the papers added since the build, deleted ones). */
export interface SearchOptions {
  /** Rows never returned (deleted papers), by row as returned. */
  skip?: Uint8Array;
  /** Added to every row the index returns (an index of the papers added after a build's rows). */
  rowOffset?: number;
  /** Weighs words as in a collection of this index's papers and `corpus`'s: idf and mean lengths count both. */
  corpus?: SearchIndex;
  /** Rows the facet filters keep (1), by row as returned; null or absent: every row. */
  keep?: Uint8Array | null;
}

/** The order of search results: phrase score, then BM25F, then map order. */
export function compareHits(a: SearchHit, b: SearchHit): number {
  return b.phrase - a.phrase || b.score - a.score || a.row - b.row;
}

/** A word of a text and the keys it is indexed under. */
export interface SearchWord {
  lower: string;
  stem: string;
  /** "=" and the word as written (a trailing plural "s" dropped) for an acronym, else null. */
  written: string | null;
  /** Punctuation stands between this word and the one before: no phrase spans them. */
  gap: boolean;
}

const WORD = /\\[A-Za-z]+|[\p{L}\p{N}]+|[.,;:!?()[\]{}]/gu;
const PUNCTUATION = /^[.,;:!?()[\]{}]$/;
const ASCII = /^[\x00-\x7f]*$/;
/** What a raw word is indexed under, by raw word (and shouted words apart): stemming dominated indexing without it. */
const known = new Map<string, Omit<SearchWord, "gap">>();
const KNOWN_WORDS = 2_000_000;

function wordOf(raw: string, shouting: boolean): Omit<SearchWord, "gap"> {
  const cacheKey = shouting ? `!${raw}` : raw;
  let word = known.get(cacheKey);
  if (word === undefined) {
    const lower = raw.toLowerCase();
    const written = raw !== lower && !shouting && isAcronym(raw) ? `=${raw.replace(/(?<=\p{Lu})s$/u, "")}` : null;
    word = { lower, stem: PorterStemmer.stem(singular(lower)), written };
    if (known.size < KNOWN_WORDS) known.set(cacheKey, word);
  }
  return word;
}

/** The words of a text, accents folded, LaTeX commands (\\textbf) skipped. */
export function searchWords(text: string, shouting = false): SearchWord[] {
  const folded = ASCII.test(text) ? text : text.normalize("NFKD").replace(/\p{M}+/gu, "");
  const out: SearchWord[] = [];
  let gap = false;
  for (const [raw] of folded.matchAll(WORD)) {
    if (raw.length === 1 && PUNCTUATION.test(raw)) {
      gap = true;
      continue;
    }
    if (raw.charCodeAt(0) === 92) continue;
    const { lower, stem, written } = wordOf(raw, shouting);
    out.push({ lower, stem, written, gap });
    gap = false;
  }
  return out;
}

/**
 * A word written with two or more capitals and a lower-case letter ("LLMs", "LoRA") or with at most five letters, all
 * capitals ("RAG", "CMB"): an acronym, matched as written.
 */
export function isAcronym(word: string): boolean {
  let capitals = 0;
  for (const c of word) if (c !== c.toLowerCase()) capitals++;
  return capitals >= 2 && (/\p{Ll}/u.test(word) || word.length <= 5);
}

class Growable {
  data = new Int32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export function buildSearchIndex(documents: readonly { title: string; abstract: string }[]): SearchIndex {
  const n = documents.length;
  // Pass 1: every occurrence as (key id, position), papers one after another.
  const ids = new Map<string, number>();
  const groupNames: string[] = [];
  const occurrenceKeys = new Growable();
  const occurrencePositions = new Growable();
  const starts = new Int32Array(n + 1);
  const titleLength = new Uint16Array(n);
  const abstractLength = new Uint16Array(n);
  const intern = (key: string, group: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = groupNames.length;
      ids.set(key, id);
      groupNames.push(group);
    }
    return id;
  };
  documents.forEach((document, row) => {
    let position = 0;
    for (const text of [document.title, document.abstract]) {
      const start = position;
      for (const word of searchWords(text)) {
        if (word.gap) position++;
        if (position > MAX_POSITION) break;
        occurrenceKeys.push(intern(word.lower, word.stem));
        occurrencePositions.push(position);
        if (word.written !== null) {
          occurrenceKeys.push(intern(word.written, word.written));
          occurrencePositions.push(position);
        }
        position++;
      }
      if (text === document.title) titleLength[row] = Math.min(position, MAX_POSITION);
      else abstractLength[row] = Math.min(position - start, MAX_POSITION);
      // A gap between title and abstract: no phrase spans them.
      position++;
    }
    starts[row + 1] = occurrenceKeys.length;
  });
  // Keys ordered by group, then key: a group's keys are one range.
  const names = [...ids.keys()];
  const order = names
    .map((_, id) => id)
    .sort((a, b) => compare(groupNames[a], groupNames[b]) || compare(names[a], names[b]));
  const rank = new Int32Array(order.length);
  order.forEach((id, k) => (rank[id] = k));
  const keys = Array.from(order, (id) => names[id]);
  const groups: string[] = [];
  const groupStarts: number[] = [];
  order.forEach((id, k) => {
    if (k === 0 || groupNames[id] !== groupNames[order[k - 1]]) {
      groups.push(groupNames[id]);
      groupStarts.push(k);
    }
  });
  groupStarts.push(keys.length);
  // Pass 2: postings (distinct papers) and positions counted per key, then filled.
  const postingCount = new Int32Array(keys.length);
  const positionCount = new Int32Array(keys.length);
  const lastRow = new Int32Array(keys.length).fill(-1);
  for (let row = 0; row < n; row++) {
    for (let o = starts[row]; o < starts[row + 1]; o++) {
      const k = rank[occurrenceKeys.data[o]];
      positionCount[k]++;
      if (lastRow[k] !== row) {
        lastRow[k] = row;
        postingCount[k]++;
      }
    }
  }
  const keyptr = new Int32Array(keys.length + 1);
  const positionStart = new Int32Array(keys.length + 1);
  for (let k = 0; k < keys.length; k++) {
    keyptr[k + 1] = keyptr[k] + postingCount[k];
    positionStart[k + 1] = positionStart[k] + positionCount[k];
  }
  const postingRows = new Int32Array(keyptr[keys.length]);
  const posptr = new Int32Array(postingRows.length + 1);
  const positions = new Uint16Array(positionStart[keys.length]);
  const nextPosting = keyptr.slice(0, keys.length);
  const nextPosition = positionStart.slice(0, keys.length);
  lastRow.fill(-1);
  for (let row = 0; row < n; row++) {
    for (let o = starts[row]; o < starts[row + 1]; o++) {
      const k = rank[occurrenceKeys.data[o]];
      if (lastRow[k] !== row) {
        lastRow[k] = row;
        const p = nextPosting[k]++;
        postingRows[p] = row;
        posptr[p] = nextPosition[k];
      }
      positions[nextPosition[k]++] = occurrencePositions.data[o];
    }
  }
  posptr[postingRows.length] = positions.length;
  return searchIndexFrom({
    keys,
    groups,
    groupptr: Int32Array.from(groupStarts),
    rows: n,
    keyptr,
    postingRows,
    posptr,
    positions,
    titleLength,
    abstractLength,
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Query groups used: the words of a query beyond this many are ignored. */
const QUERY_GROUPS = SEARCH_LIMITS.queryWords;

/** An index from its stored parts (server/cache), with its group map and fresh per-query buffers. */
export function searchIndexFrom(parts: SearchIndexParts): SearchIndex {
  const { rows, groups, titleLength, abstractLength } = parts;
  const groupOf = new Map<string, number>();
  groups.forEach((group, g) => groupOf.set(group, g));
  let titles = 0;
  let abstracts = 0;
  for (let row = 0; row < rows; row++) {
    titles += titleLength[row];
    abstracts += abstractLength[row];
  }
  const scratch: Scratch = {
    count: new Int32Array(rows),
    titleCount: new Uint16Array(rows * QUERY_GROUPS),
    abstractCount: new Uint16Array(rows * QUERY_GROUPS),
    phrase: new Int32Array(rows * QUERY_GROUPS * 2),
  };
  return {
    ...parts,
    groupOf,
    meanTitle: Math.max(titles / Math.max(rows, 1), 1),
    meanAbstract: Math.max(abstracts / Math.max(rows, 1), 1),
    scratch,
  };
}

/** The parts to store (searchIndexFrom's argument). */
export function searchIndexParts(index: SearchIndex): SearchIndexParts {
  const { keys, groups, groupptr, rows, keyptr, postingRows, posptr, positions, titleLength, abstractLength } = index;
  return { keys, groups, groupptr, rows, keyptr, postingRows, posptr, positions, titleLength, abstractLength };
}

/** A query group: a stem (or acronym) of the query, the keys it matches, those a phrase may use, if it must match. */
interface QueryGroup {
  group: number;
  keys: number[];
  phraseKeys: Set<number>;
  required: boolean;
  df: number;
}

/** The query's groups, and its words in order as group indices (-1: a break, or a word the index lacks). */
function parseQuery(index: SearchIndex, query: string): { groups: QueryGroup[]; sequence: number[] } | null {
  const raw = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  // A query written all in capitals is shouted, not a run of acronyms.
  const shouting = raw.length > 1 && raw.every((word) => !/\p{Ll}/u.test(word));
  const words = searchWords(query, shouting).slice(0, QUERY_GROUPS);
  const content = words.some((word) => !FUNCTION_WORDS.has(word.lower));
  const groups: QueryGroup[] = [];
  const sequence: number[] = [];
  for (const word of words) {
    const must = !content || !FUNCTION_WORDS.has(word.lower);
    const g = index.groupOf.get(word.written ?? word.stem);
    if (word.gap) sequence.push(-1);
    if (g === undefined) {
      if (must) return null;
      sequence.push(-1);
      continue;
    }
    let u = groups.findIndex((q) => q.group === g);
    if (u < 0) {
      u = groups.length;
      const keys: number[] = [];
      let df = 0;
      for (let k = index.groupptr[g]; k < index.groupptr[g + 1]; k++) {
        keys.push(k);
        df += index.keyptr[k + 1] - index.keyptr[k];
      }
      const phraseKeys = new Set(
        word.written !== null ? keys : keys.filter((k) => sameNoun(index.keys[k], word.lower)),
      );
      groups.push({ group: g, keys, phraseKeys, required: must, df: Math.min(df, index.rows) });
    }
    groups[u].required ||= must;
    sequence.push(u);
  }
  return groups.length === 0 ? null : { groups, sequence };
}

/**
 * The papers matching `query` (among those `keep` marks 1, when given), ranked (see the module header): how many in
 * all, and the first `limit` of them.
 */
export function searchIndex(
  index: SearchIndex,
  query: string,
  limit: number,
  options: SearchOptions = {},
): { total: number; hits: SearchHit[] } {
  const { skip, rowOffset = 0, corpus, keep = null } = options;
  const parsed = parseQuery(index, query);
  if (parsed === null) return { total: 0, hits: [] };
  const { groups, sequence } = parsed;
  const { keyptr, postingRows, rows: n } = index;
  const { count } = index.scratch;
  // Required groups, rarest first: the first gives the candidates, each next one keeps those it holds too.
  const order = groups.map((_, u) => u).filter((u) => groups[u].required);
  order.sort((a, b) => groups[a].df - groups[b].df);
  let candidates: number[] = [];
  order.forEach((u, j) => {
    for (const k of groups[u].keys) {
      const phrase = groups[u].phraseKeys.has(k);
      for (let p = keyptr[k]; p < keyptr[k + 1]; p++) {
        const row = postingRows[p];
        if (count[row] === j) {
          count[row] = j + 1;
          clear(index.scratch, u, row, n);
          if (j === 0) candidates.push(row);
        } else if (count[row] !== j + 1) continue;
        tally(index, u, row, p, phrase);
      }
    }
  });
  candidates = candidates.filter((row) => {
    const matched = count[row] === order.length && (keep === null || keep[row + rowOffset] === 1);
    count[row] = 0;
    return matched && skip?.[row + rowOffset] !== 1;
  });
  // Optional groups (function words): their postings in each candidate found by binary search.
  groups.forEach((group, u) => {
    if (group.required) return;
    for (const row of candidates) {
      clear(index.scratch, u, row, n);
      for (const k of group.keys) {
        const p = findPosting(index, k, row);
        if (p >= 0) tally(index, u, row, p, group.phraseKeys.has(k));
      }
    }
  });
  const all = n + (corpus?.rows ?? 0);
  const idf = groups.map((group) => {
    const df = group.df + (corpus === undefined ? 0 : groupFrequency(corpus, index.groups[group.group]));
    return Math.log(1 + (all - df + 0.5) / (df + 0.5));
  });
  const meanTitle = corpus?.meanTitle ?? index.meanTitle;
  const meanAbstract = corpus?.meanAbstract ?? index.meanAbstract;
  const { titleCount, abstractCount } = index.scratch;
  const ranked = candidates.map((row) => {
    let score = 0;
    let inTitle = true;
    for (let u = 0; u < groups.length; u++) {
      const title = titleCount[u * n + row];
      const abstract = abstractCount[u * n + row];
      if (groups[u].required && title === 0) inTitle = false;
      const t =
        (TITLE_WEIGHT * title) / (1 - B + (B * index.titleLength[row]) / meanTitle) +
        abstract / (1 - B + (B * index.abstractLength[row]) / meanAbstract);
      score += (idf[u] * t * (K1 + 1)) / (t + K1);
    }
    return { row, score, inTitle, phrase: phraseScore(index, sequence, row) };
  });
  ranked.sort(compareHits);
  const hits = ranked.slice(0, limit);
  if (rowOffset !== 0) for (const hit of hits) hit.row += rowOffset;
  return { total: ranked.length, hits };
}

/** Papers of `index` holding a word of `group` (a stem or an acronym), at most its rows. */
function groupFrequency(index: SearchIndex, group: string): number {
  const g = index.groupOf.get(group);
  if (g === undefined) return 0;
  let df = 0;
  for (let k = index.groupptr[g]; k < index.groupptr[g + 1]; k++) df += index.keyptr[k + 1] - index.keyptr[k];
  return Math.min(df, index.rows);
}

function clear(scratch: Scratch, u: number, row: number, n: number): void {
  scratch.titleCount[u * n + row] = 0;
  scratch.abstractCount[u * n + row] = 0;
  scratch.phrase[(u * n + row) * 2] = -1;
  scratch.phrase[(u * n + row) * 2 + 1] = -1;
}

/** Adds posting p (of query group u, in `row`) to the paper's counts, and to its phrase postings when it may be one. */
function tally(index: SearchIndex, u: number, row: number, p: number, phrase: boolean): void {
  const { scratch, posptr, positions, rows: n } = index;
  const at = u * n + row;
  let title = 0;
  const end = posptr[p + 1];
  for (let q = posptr[p]; q < end && positions[q] < index.titleLength[row]; q++) title++;
  scratch.titleCount[at] += title;
  scratch.abstractCount[at] += end - posptr[p] - title;
  if (!phrase) return;
  if (scratch.phrase[at * 2] < 0) scratch.phrase[at * 2] = p;
  else if (scratch.phrase[at * 2 + 1] < 0) scratch.phrase[at * 2 + 1] = p;
}

/** The posting of key k for `row`, or -1. */
function findPosting(index: SearchIndex, k: number, row: number): number {
  let low = index.keyptr[k];
  let high = index.keyptr[k + 1];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (index.postingRows[mid] < row) low = mid + 1;
    else high = mid;
  }
  return low < index.keyptr[k + 1] && index.postingRows[low] === row ? low : -1;
}

/** Per pair of consecutive query words found adjacent, in order: 2 in the title, 1 in the abstract. */
function phraseScore(index: SearchIndex, sequence: readonly number[], row: number): number {
  const { phrase } = index.scratch;
  const n = index.rows;
  let score = 0;
  for (let i = 0; i + 1 < sequence.length; i++) {
    if (sequence[i] < 0 || sequence[i + 1] < 0) continue;
    let best = 0;
    for (let x = 0; x < 2; x++) {
      const a = phrase[(sequence[i] * n + row) * 2 + x];
      for (let y = 0; y < 2 && a >= 0; y++) {
        const b = phrase[(sequence[i + 1] * n + row) * 2 + y];
        if (b >= 0) best = Math.max(best, adjacency(index, a, b, row));
      }
    }
    score += best;
  }
  return score;
}

/** 2 when a position of posting b follows one of posting a in the title, 1 in the abstract, else 0. */
function adjacency(index: SearchIndex, a: number, b: number, row: number): number {
  const { posptr, positions } = index;
  let x = posptr[a];
  let y = posptr[b];
  let best = 0;
  while (x < posptr[a + 1] && y < posptr[b + 1] && best < 2) {
    const next = positions[x] + 1;
    if (positions[y] < next) y++;
    else if (positions[y] > next) x++;
    else {
      best = Math.max(best, positions[x] < index.titleLength[row] ? 2 : 1);
      x++;
      y++;
    }
  }
  return best;
}
