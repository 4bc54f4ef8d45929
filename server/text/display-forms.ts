// How each vocabulary term is displayed: the most frequent way the corpus writes it. Matching is on stems, display
// never is: "quantiz" shows as "quantization", the phrase "test-time comput" as "test-time compute" (not the
// "computational" that is the commoner form of the single word).

import { BREAK, type Lexicon } from "./lexicon.js";
import { SHIFT, type TokenSequences, type Vocabulary } from "./vocabulary.js";

/**
 * Display form of every column. `surfaces` holds the surface id of every position of `sequences.tokens`.
 * Ties go to the form seen first.
 */
export function displayTerms(vocabulary: Vocabulary, lexicon: Lexicon, sequences: TokenSequences, surfaces: Int32Array): string[] {
  const wordForms = lexicon.displayForms();
  const terms = new Array<string>(vocabulary.size);
  for (let c = 0; c < vocabulary.size; c++) {
    const parts: string[] = [];
    for (let k = 0; k < vocabulary.termLength[c]; k++) parts.push(wordForms[vocabulary.termTokens[c * 3 + k]]);
    terms[c] = parts.join(" ");
  }
  // NOTE: surface ids must fit the 22-bit keys; past that (millions of distinct spellings) phrases keep the
  // joined word forms above.
  if (vocabulary.ngramRange[1] < 2 || lexicon.surfaces.length >= SHIFT) return terms;

  const { tokens, starts } = sequences;
  const { bigramIds, bigramColumn, trigramColumn } = vocabulary;
  const pairIds = new Map<number, number>();
  const pairCounts: number[] = [];
  const pairColumns: number[] = [];
  const tripleCounts = new Map<number, number>();
  const tripleColumns = new Map<number, number>();
  const documents = starts.length - 1;
  for (let d = 0; d < documents; d++) {
    const end = starts[d + 1];
    for (let p = starts[d]; p + 1 < end; p++) {
      const a = tokens[p];
      const b = tokens[p + 1];
      if (a === BREAK || b === BREAK) continue;
      const bigram = bigramIds.get(a * SHIFT + b);
      if (bigram === undefined) continue;
      const pairKey = surfaces[p] * SHIFT + surfaces[p + 1];
      let pair = pairIds.get(pairKey);
      if (pair === undefined) {
        pair = pairCounts.length;
        pairIds.set(pairKey, pair);
        pairCounts.push(0);
        pairColumns.push(bigramColumn[bigram]);
      }
      pairCounts[pair]++;
      if (p + 2 >= end || tokens[p + 2] === BREAK) continue;
      const trigram = trigramColumn.get(bigram * SHIFT + tokens[p + 2]);
      if (trigram === undefined) continue;
      const tripleKey = pair * SHIFT + surfaces[p + 2];
      tripleCounts.set(tripleKey, (tripleCounts.get(tripleKey) ?? 0) + 1);
      tripleColumns.set(tripleKey, trigram);
    }
  }

  const bestCount = new Float64Array(vocabulary.size);
  const pairKeys = [...pairIds.keys()];
  pairKeys.forEach((key, pair) => {
    const column = pairColumns[pair];
    if (column < 0 || pairCounts[pair] <= bestCount[column]) return;
    bestCount[column] = pairCounts[pair];
    terms[column] = `${lexicon.surfaces[Math.floor(key / SHIFT)]} ${lexicon.surfaces[key % SHIFT]}`;
  });
  for (const [key, count] of tripleCounts) {
    const column = tripleColumns.get(key)!;
    if (count <= bestCount[column]) continue;
    bestCount[column] = count;
    const pairKey = pairKeys[Math.floor(key / SHIFT)];
    const words = [Math.floor(pairKey / SHIFT), pairKey % SHIFT, key % SHIFT].map((s) => lexicon.surfaces[s]);
    terms[column] = words.join(" ");
  }
  return terms;
}
