// Word search over titles and abstracts: an inverted index from each word (lower case, accents folded) to the
// papers whose title or abstract holds it, flagged when the title does. Every query word must match (AND); a word
// of three or more characters also matches the words it starts ("quantiz" finds "quantization").
//   score(paper) = sum over query words of max over its matches of idf(word) * (in title ? TITLE_BOOST : 1)
//                  * (exact ? 1 : PREFIX_WEIGHT),   idf(word) = ln(1 + n / df(word))
// Papers matching every word in their title rank first, then by score.

/** The words of a text: lower case, accents folded, runs of letters and digits. */
export function searchWords(text: string): string[] {
  // NOTE: most abstracts are ASCII, where folding is a no-op and a plain character class does; the Unicode path
  // (NFKD, marks dropped, letter and number classes) took most of the index's build time.
  if (ASCII.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const ASCII = /^[\x00-\x7f]*$/;

export const SEARCH_LIMITS = {
  /** Query words used; the rest are ignored. */
  queryWords: 12,
  /** Words a prefix may expand to (the most frequent are kept). */
  expansions: 64,
  /** Shortest word that matches as a prefix. */
  prefixFrom: 3,
} as const;

const TITLE_BOOST = 2;
const PREFIX_WEIGHT = 0.8;

export interface SearchIndex {
  /** Distinct words, sorted (so that the words a prefix starts are one range). */
  words: string[];
  /** Postings of words[w]: postings[wordptr[w]..wordptr[w+1]), each `row * 2 + (in title ? 1 : 0)`, rows ascending. */
  wordptr: Int32Array;
  postings: Int32Array;
  rows: number;
  scratch: { count: Uint8Array; titles: Uint8Array; score: Float64Array; best: Float64Array; bestTitle: Uint8Array };
}

export function buildSearchIndex(documents: readonly { title: string; abstract: string }[]): SearchIndex {
  const ids = new Map<string, number>();
  const lists: number[][] = [];
  const last: number[] = [];
  const add = (word: string, row: number, title: boolean) => {
    let id = ids.get(word);
    if (id === undefined) {
      id = lists.length;
      ids.set(word, id);
      lists.push([]);
      last.push(-1);
    }
    if (last[id] === row) return;
    last[id] = row;
    lists[id].push(row * 2 + (title ? 1 : 0));
  };
  documents.forEach((document, row) => {
    for (const word of searchWords(document.title)) add(word, row, true);
    for (const word of searchWords(document.abstract)) add(word, row, false);
  });
  const words = [...ids.keys()].sort();
  const wordptr = new Int32Array(words.length + 1);
  words.forEach((word, w) => (wordptr[w + 1] = wordptr[w] + lists[ids.get(word)!].length));
  const postings = new Int32Array(wordptr[words.length]);
  words.forEach((word, w) => postings.set(lists[ids.get(word)!], wordptr[w]));
  return searchIndexFrom({ words, wordptr, postings, rows: documents.length });
}

/** An index from its stored parts (server/cache), with fresh per-query buffers. */
export function searchIndexFrom(parts: Omit<SearchIndex, "scratch">): SearchIndex {
  const { rows } = parts;
  const scratch = {
    count: new Uint8Array(rows),
    titles: new Uint8Array(rows),
    score: new Float64Array(rows),
    best: new Float64Array(rows),
    bestTitle: new Uint8Array(rows),
  };
  return { ...parts, scratch };
}

export interface SearchHit {
  row: number;
  score: number;
  inTitle: boolean;
}

/**
 * Papers matching every word of `query` (and kept by `keep` when given), title matches first, then by score, then
 * corpus order.
 */
export function searchIndex(
  index: SearchIndex,
  query: string,
  limit: number,
  keep: Uint8Array | null = null,
): SearchHit[] {
  const terms = [...new Set(searchWords(query))].slice(0, SEARCH_LIMITS.queryWords);
  if (terms.length === 0) return [];
  const { count, titles, score, best, bestTitle } = index.scratch;
  let candidates: number[] = [];
  terms.forEach((term, w) => {
    const matched: number[] = [];
    for (const { word, weight } of expand(index, term)) {
      for (let p = index.wordptr[word]; p < index.wordptr[word + 1]; p++) {
        const row = index.postings[p] >> 1;
        if (count[row] !== w) continue;
        const inTitle = index.postings[p] & 1;
        const value = weight * (inTitle ? TITLE_BOOST : 1);
        if (best[row] === 0) matched.push(row);
        if (value > best[row]) best[row] = value;
        bestTitle[row] |= inTitle;
      }
    }
    for (const row of matched) {
      count[row] = w + 1;
      score[row] += best[row];
      titles[row] += bestTitle[row];
      best[row] = 0;
      bestTitle[row] = 0;
    }
    if (w === 0) candidates = matched;
  });
  const hits: SearchHit[] = [];
  for (const row of candidates) {
    if (count[row] === terms.length && (keep === null || keep[row] === 1))
      hits.push({ row, score: score[row], inTitle: titles[row] === terms.length });
    count[row] = 0;
    titles[row] = 0;
    score[row] = 0;
  }
  hits.sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.score - a.score || a.row - b.row);
  return hits.slice(0, limit);
}

/** The words a query word matches, with their weight: itself, and the words it starts when long enough. */
function expand(index: SearchIndex, term: string): { word: number; weight: number }[] {
  const { words, wordptr, rows } = index;
  const idf = (w: number) => Math.log(1 + rows / (wordptr[w + 1] - wordptr[w]));
  const start = lowerBound(words, term);
  if (term.length < SEARCH_LIMITS.prefixFrom) {
    return words[start] === term ? [{ word: start, weight: idf(start) }] : [];
  }
  let end = start;
  while (end < words.length && words[end].startsWith(term)) end++;
  const matches = Array.from({ length: end - start }, (_, a) => start + a);
  if (matches.length > SEARCH_LIMITS.expansions) {
    const df = (w: number) => wordptr[w + 1] - wordptr[w];
    matches.sort((a, b) => Number(words[b] === term) - Number(words[a] === term) || df(b) - df(a) || a - b);
    matches.length = SEARCH_LIMITS.expansions;
  }
  return matches.map((w) => ({ word: w, weight: idf(w) * (words[w] === term ? 1 : PREFIX_WEIGHT) }));
}

function lowerBound(words: readonly string[], term: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (words[mid] < term) low = mid + 1;
    else high = mid;
  }
  return low;
}
