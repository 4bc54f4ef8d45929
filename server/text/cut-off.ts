// Terms the corpus nearly always continues with one same word ("large language" -> "models", "series forecasting"
// <- "time"): shown alone, such a term is cut off. Counted per occurrence with Boyer and Moore's majority vote (1991)
// on the word after and the word before each occurrence of each term: the vote's final count is at least 2f - n for
// a word that follows f of a term's n occurrences, and f >= (n + count) / 2 for the winner, so a count of at least
// (2 CUT_OFF - 1) n says exactly that one word follows (or precedes) at least CUT_OFF of them. The vote runs twice:
// over every occurrence of the term's stems, and over those written as its display form, which is what a label shows
// ("medical question" is followed by "answering" where "medical questions" is not; one stem, two phrases to a reader).

import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";

import { singular } from "./inflection.js";
import { BREAK, type Lexicon } from "./lexicon.js";
import { SHIFT, type TokenSequences, type Vocabulary } from "./vocabulary.js";

/** Share of a term's occurrences that one same word must continue for the term to count as cut off. */
export const CUT_OFF = 0.8;
/** Terms seen fewer times than this are never judged cut off. */
export const CUT_OFF_MIN_OCCURRENCES = 3;

/**
 * Tokens to count as one word when they follow or precede a term: a Latin or Greek plural and its singular, which
 * Porter's stems keep apart ("nuclei" and "nucleus" both continue "active galactic").
 */
export function sameWordTokens(lexicon: Lexicon): Int32Array {
  const forms = lexicon.displayForms();
  const canonical = Int32Array.from(forms.keys());
  forms.forEach((form, token) => {
    const lower = form.toLowerCase();
    if (!/(?:i|a|ae)$/.test(lower)) return;
    const base = singular(lower);
    if (base === lower) return;
    const other = lexicon.tokenId(PorterStemmer.stem(base));
    if (other !== BREAK) canonical[token] = other;
  });
  return canonical;
}

/** Where a term's display form stands in a text: the surface ids of every position, and each column's display form. */
export interface ShownForms {
  /** The surface id of every position of the token sequences (Lexicon.scan's output). */
  surfaces: Int32Array;
  /** Per column, the surface ids of its display form, 3 per column, BREAK after its last word (displayTerms). */
  forms: Int32Array;
}

/** Boyer and Moore's vote on the words after and before each occurrence of each column. */
class Votes {
  readonly total: Int32Array;
  private readonly next: Int32Array;
  private readonly nextCount: Int32Array;
  private readonly previous: Int32Array;
  private readonly previousCount: Int32Array;

  constructor(size: number) {
    this.total = new Int32Array(size);
    this.next = new Int32Array(size);
    this.nextCount = new Int32Array(size);
    this.previous = new Int32Array(size);
    this.previousCount = new Int32Array(size);
  }

  vote(column: number, before: number, after: number): void {
    this.total[column]++;
    if (this.nextCount[column] === 0) this.next[column] = after;
    this.nextCount[column] += this.next[column] === after ? 1 : -1;
    if (this.previousCount[column] === 0) this.previous[column] = before;
    this.previousCount[column] += this.previous[column] === before ? 1 : -1;
  }

  /** Whether one word (not a break) follows or precedes at least CUT_OFF of the column's occurrences. */
  cutOff(column: number): boolean {
    const total = this.total[column];
    if (total < CUT_OFF_MIN_OCCURRENCES) return false;
    const needed = (2 * CUT_OFF - 1) * total;
    const right = this.next[column] !== BREAK && this.nextCount[column] >= needed;
    const left = this.previous[column] !== BREAK && this.previousCount[column] >= needed;
    return right || left;
  }
}

/**
 * Per column, 1 when the term is cut off on either side (a phrase break or the end of a text is no word); `same`
 * (sameWordTokens) merges the words that follow or precede it; with `shown`, a term whose display form is cut off
 * where it is written so counts too.
 */
export function cutOffTerms(
  vocabulary: Vocabulary,
  sequences: TokenSequences,
  same?: Int32Array,
  shown?: ShownForms,
): Uint8Array {
  const { size, unigramColumn, bigramIds, bigramColumn, trigramColumn } = vocabulary;
  const maxN = vocabulary.ngramRange[1];
  const all = new Votes(size);
  const asShown = new Votes(size);
  const isShown = (column: number, p: number, length: number) => {
    if (shown === undefined) return false;
    for (let k = 0; k < length; k++) if (shown.surfaces[p + k] !== shown.forms[column * 3 + k]) return false;
    return true;
  };
  const vote = (column: number, p: number, length: number, before: number, after: number) => {
    all.vote(column, before, after);
    if (isShown(column, p, length)) asShown.vote(column, before, after);
  };
  const { tokens, starts } = sequences;
  for (let d = 0; d < starts.length - 1; d++) {
    const start = starts[d];
    const end = starts[d + 1];
    for (let p = start; p < end; p++) {
      const a = tokens[p];
      if (a === BREAK) continue;
      const at = (q: number) => {
        const token = q < start || q >= end ? BREAK : tokens[q];
        return token === BREAK || same === undefined ? token : same[token];
      };
      const before = at(p - 1);
      if (a < unigramColumn.length && unigramColumn[a] >= 0) vote(unigramColumn[a], p, 1, before, at(p + 1));
      if (maxN < 2 || p + 1 >= end || tokens[p + 1] === BREAK) continue;
      const bigram = bigramIds.get(a, tokens[p + 1]);
      if (bigram < 0) continue;
      if (bigramColumn[bigram] >= 0) vote(bigramColumn[bigram], p, 2, before, at(p + 2));
      if (maxN < 3 || p + 2 >= end || tokens[p + 2] === BREAK) continue;
      const trigram = trigramColumn.get(bigram * SHIFT + tokens[p + 2]);
      if (trigram !== undefined) vote(trigram, p, 3, before, at(p + 3));
    }
  }
  const flags = new Uint8Array(size);
  for (let c = 0; c < size; c++) if (all.cutOff(c) || asShown.cutOff(c)) flags[c] = 1;
  return flags;
}
