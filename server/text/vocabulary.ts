// N-gram vocabulary: counts the document frequency of 1- to 3-grams of tokens (never across a phrase break),
// keeps those within [minDf, maxDf], and maps any token sequence to vocabulary columns.
// Trigrams are only counted where both of their bigrams are frequent (an Apriori prune: a trigram's document
// frequency never exceeds that of its bigrams), which keeps the count tables small on large corpora.

import { GrowableInt32 } from "./growable-int32.js";
import { BREAK } from "./lexicon.js";
import { PairIds } from "./pair-ids.js";

/** Trigram keys: a bigram id times 2^22 plus a token id, exact as a JS number while token ids fit in 22 bits. */
export const SHIFT = 4_194_304; // 2 ** 22

export interface VocabularyOptions {
  minDf: number;
  /** A share of documents when <= 1, a count of documents when > 1 (as in scikit-learn). */
  maxDf: number;
  ngramRange: readonly [number, number];
}

export interface Vocabulary {
  size: number;
  ngramRange: readonly [number, number];
  /** Column of each unigram token, or -1. */
  unigramColumn: Int32Array;
  /** Frequent bigrams (token pairs) -> bigram id; the prefixes trigrams are looked up by. */
  bigramIds: PairIds;
  /** Column of each frequent bigram id, or -1 (a frequent bigram may still exceed maxDf). */
  bigramColumn: Int32Array;
  /** Trigram key (bigram id * 2^22 + c) -> column. */
  trigramColumn: Map<number, number>;
  /** The tokens of each column, three slots a column, -1 padded. */
  termTokens: Int32Array;
  termLength: Uint8Array;
  df: Int32Array;
  /** Per column, 1 when the corpus nearly always continues the term with one same word (text/cut-off). */
  cutOff?: Uint8Array;
}

/** Token sequences of all documents, concatenated; document d is tokens[starts[d]..starts[d+1]). */
export interface TokenSequences {
  tokens: Int32Array;
  starts: Int32Array;
}

/** Document frequency of pairs counted once per document; ids in the order pairs are first seen. */
class DfCounter {
  readonly ids = new PairIds();
  readonly df = new GrowableInt32();
  readonly lastDoc = new GrowableInt32();

  see(a: number, b: number, doc: number): void {
    const id = this.ids.add(a, b);
    if (id === this.df.length) {
      this.df.push(0);
      this.lastDoc.push(-1);
    }
    if (this.lastDoc.data[id] !== doc) {
      this.lastDoc.data[id] = doc;
      this.df.data[id]++;
    }
  }
}

export function maxDfCount(options: VocabularyOptions, documents: number): number {
  // NOTE: on a tiny corpus a share would exclude every shared word (maxDf 0.5 of 3 papers is 1); never go below minDf.
  const count = options.maxDf <= 1 ? Math.floor(options.maxDf * documents) : Math.floor(options.maxDf);
  return Math.max(count, options.minDf);
}

export function buildVocabulary(sequences: TokenSequences, tokenCount: number, options: VocabularyOptions): Vocabulary {
  const { tokens, starts } = sequences;
  const documents = starts.length - 1;
  const [minN, maxN] = options.ngramRange;
  if (maxN >= 3 && tokenCount > SHIFT) {
    throw new RangeError(`text/vocabulary: trigrams need at most ${SHIFT} distinct tokens, got ${tokenCount}`);
  }
  const upper = maxDfCount(options, documents);
  const keep = (df: number) => df >= options.minDf && df <= upper;

  const unigramDf = new Int32Array(tokenCount);
  const unigramLast = new Int32Array(tokenCount).fill(-1);
  const bigrams = new DfCounter();
  for (let d = 0; d < documents; d++) {
    for (let p = starts[d]; p < starts[d + 1]; p++) {
      const a = tokens[p];
      if (a === BREAK) continue;
      if (unigramLast[a] !== d) {
        unigramLast[a] = d;
        unigramDf[a]++;
      }
      const b = tokens[p + 1];
      if (maxN >= 2 && p + 1 < starts[d + 1] && b !== BREAK) bigrams.see(a, b, d);
    }
  }

  // Frequent bigrams get dense ids; the rest are forgotten.
  const bigramIds = new PairIds();
  const bigramDf: number[] = [];
  for (let id = 0; id < bigrams.ids.size; id++) {
    const df = bigrams.df.data[id];
    if (df < options.minDf) continue;
    bigramIds.add(bigrams.ids.first(id), bigrams.ids.second(id));
    bigramDf.push(df);
  }

  const trigrams = new DfCounter();
  if (maxN >= 3) {
    for (let d = 0; d < documents; d++) {
      const end = starts[d + 1];
      for (let p = starts[d]; p + 2 < end; p++) {
        const a = tokens[p];
        const b = tokens[p + 1];
        const c = tokens[p + 2];
        if (a === BREAK || b === BREAK || c === BREAK) continue;
        const prefix = bigramIds.get(a, b);
        if (prefix < 0 || bigramIds.get(b, c) < 0) continue;
        trigrams.see(prefix, c, d);
      }
    }
  }

  // Candidate terms of every order, then columns numbered by document frequency, commonest first (so that the
  // columns, and the rows of the dense LSA factors, of the terms most papers use sit together in memory).
  const candidates: { tokens: [number, number, number]; length: number; df: number; slot: number }[] = [];
  if (minN <= 1) {
    for (let t = 0; t < tokenCount; t++)
      if (keep(unigramDf[t])) candidates.push({ tokens: [t, -1, -1], length: 1, df: unigramDf[t], slot: t });
  }
  if (minN <= 2 && maxN >= 2) {
    for (let id = 0; id < bigramDf.length; id++) {
      if (!keep(bigramDf[id])) continue;
      candidates.push({
        tokens: [bigramIds.first(id), bigramIds.second(id), -1],
        length: 2,
        df: bigramDf[id],
        slot: id,
      });
    }
  }
  const trigramKeys: number[] = [];
  for (let id = 0; id < trigrams.ids.size; id++) {
    const triDf = trigrams.df.data[id];
    if (!keep(triDf)) continue;
    const prefix = trigrams.ids.first(id);
    const c = trigrams.ids.second(id);
    candidates.push({
      tokens: [bigramIds.first(prefix), bigramIds.second(prefix), c],
      length: 3,
      df: triDf,
      slot: trigramKeys.length,
    });
    trigramKeys.push(prefix * SHIFT + c);
  }
  // Stable sort: equal frequencies keep unigram, bigram, trigram order, each in first-seen order.
  candidates.sort((a, b) => b.df - a.df);

  const unigramColumn = new Int32Array(tokenCount).fill(-1);
  const bigramColumn = new Int32Array(bigramDf.length).fill(-1);
  const trigramColumn = new Map<number, number>();
  const termTokens = new Int32Array(candidates.length * 3);
  const termLength = new Uint8Array(candidates.length);
  const df = new Int32Array(candidates.length);
  candidates.forEach((term, column) => {
    termTokens.set(term.tokens, column * 3);
    termLength[column] = term.length;
    df[column] = term.df;
    if (term.length === 1) unigramColumn[term.slot] = column;
    else if (term.length === 2) bigramColumn[term.slot] = column;
    else trigramColumn.set(trigramKeys[term.slot], column);
  });

  return {
    size: df.length,
    ngramRange: options.ngramRange,
    unigramColumn,
    bigramIds,
    bigramColumn,
    trigramColumn,
    termTokens,
    termLength,
    df,
  };
}

/** Calls `onColumn` for every n-gram occurrence of `tokens[start..end)` that is in the vocabulary. */
export function forEachColumn(
  vocabulary: Vocabulary,
  tokens: ArrayLike<number>,
  start: number,
  end: number,
  onColumn: (column: number) => void,
): void {
  const { unigramColumn, bigramIds, bigramColumn, trigramColumn } = vocabulary;
  const maxN = vocabulary.ngramRange[1];
  for (let p = start; p < end; p++) {
    const a = tokens[p];
    if (a === BREAK) continue;
    if (a < unigramColumn.length && unigramColumn[a] >= 0) onColumn(unigramColumn[a]);
    if (maxN < 2 || p + 1 >= end || tokens[p + 1] === BREAK) continue;
    const bigram = bigramIds.get(a, tokens[p + 1]);
    if (bigram < 0) continue;
    if (bigramColumn[bigram] >= 0) onColumn(bigramColumn[bigram]);
    if (maxN < 3 || p + 2 >= end || tokens[p + 2] === BREAK) continue;
    const trigram = trigramColumn.get(bigram * SHIFT + tokens[p + 2]);
    if (trigram !== undefined) onColumn(trigram);
  }
}

/** True when column `inner`'s tokens appear contiguously inside column `outer`'s ("floating" in "floating point"). */
export function isNestedTerm(vocabulary: Vocabulary, inner: number, outer: number): boolean {
  const { termTokens, termLength } = vocabulary;
  const innerLength = termLength[inner];
  const outerLength = termLength[outer];
  if (innerLength >= outerLength) return false;
  for (let offset = 0; offset + innerLength <= outerLength; offset++) {
    let match = true;
    for (let k = 0; k < innerLength; k++) {
      if (termTokens[outer * 3 + offset + k] !== termTokens[inner * 3 + k]) {
        match = false;
        break;
      }
    }
    if (match) return true;
  }
  return false;
}
