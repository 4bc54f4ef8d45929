// Terms the corpus nearly always continues with one same word ("large language" -> "models", "series forecasting"
// <- "time"): shown alone, such a term is cut off. Counted per occurrence with Boyer and Moore's majority vote (1991)
// on the word after and the word before each occurrence of each term: the vote's final count is at least 2f - n for
// a word that follows f of a term's n occurrences, and f >= (n + count) / 2 for the winner, so a count of at least
// (2 CUT_OFF - 1) n says exactly that one word follows (or precedes) at least CUT_OFF of them.

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

/**
 * Per column, 1 when the term is cut off on either side (a phrase break or the end of a text is no word); `same`
 * (sameWordTokens) merges the words that follow or precede it.
 */
export function cutOffTerms(vocabulary: Vocabulary, sequences: TokenSequences, same?: Int32Array): Uint8Array {
  const { size, unigramColumn, bigramIds, bigramColumn, trigramColumn } = vocabulary;
  const maxN = vocabulary.ngramRange[1];
  const total = new Int32Array(size);
  const next = new Int32Array(size);
  const nextCount = new Int32Array(size);
  const previous = new Int32Array(size);
  const previousCount = new Int32Array(size);
  const vote = (column: number, before: number, after: number) => {
    total[column]++;
    if (nextCount[column] === 0) next[column] = after;
    nextCount[column] += next[column] === after ? 1 : -1;
    if (previousCount[column] === 0) previous[column] = before;
    previousCount[column] += previous[column] === before ? 1 : -1;
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
      if (a < unigramColumn.length && unigramColumn[a] >= 0) vote(unigramColumn[a], before, at(p + 1));
      if (maxN < 2 || p + 1 >= end || tokens[p + 1] === BREAK) continue;
      const bigram = bigramIds.get(a, tokens[p + 1]);
      if (bigram < 0) continue;
      if (bigramColumn[bigram] >= 0) vote(bigramColumn[bigram], before, at(p + 2));
      if (maxN < 3 || p + 2 >= end || tokens[p + 2] === BREAK) continue;
      const trigram = trigramColumn.get(bigram * SHIFT + tokens[p + 2]);
      if (trigram !== undefined) vote(trigram, before, at(p + 3));
    }
  }
  const flags = new Uint8Array(size);
  const needed = 2 * CUT_OFF - 1;
  for (let c = 0; c < size; c++) {
    if (total[c] < CUT_OFF_MIN_OCCURRENCES) continue;
    const right = next[c] !== BREAK && nextCount[c] >= needed * total[c];
    const left = previous[c] !== BREAK && previousCount[c] >= needed * total[c];
    if (right || left) flags[c] = 1;
  }
  return flags;
}
