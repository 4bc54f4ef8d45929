// How each vocabulary term is displayed: the most frequent way the corpus writes it. Matching is on stems, display
// never is: "quantiz" shows as "quantization", the phrase "test-time comput" as "test-time compute" (not the
// "computational" that is the commoner form of the single word).

import { BREAK, type Lexicon } from "./lexicon.js";
import { PairIds } from "./pair-ids.js";
import { SHIFT, type TokenSequences, type Vocabulary } from "./vocabulary.js";

/**
 * Display form of every column. `surfaces` holds the surface id of every position of `sequences.tokens`.
 * Ties go to the form seen first. `shown`, when given (3 per column), receives the surface ids of each column's
 * display form, BREAK after its last word: text/cut-off judges the form a reader sees too.
 */
export function displayTerms(
  vocabulary: Vocabulary,
  lexicon: Lexicon,
  sequences: TokenSequences,
  surfaces: Int32Array,
  shown: Int32Array = new Int32Array(vocabulary.size * 3),
): string[] {
  const wordSurfaces = lexicon.displaySurfaces();
  const terms = new Array<string>(vocabulary.size);
  shown.fill(BREAK);
  for (let c = 0; c < vocabulary.size; c++) {
    const parts: string[] = [];
    for (let k = 0; k < vocabulary.termLength[c]; k++) {
      const surface = wordSurfaces[vocabulary.termTokens[c * 3 + k]];
      shown[c * 3 + k] = surface;
      parts.push(surface === BREAK ? "" : lexicon.surfaces[surface]);
    }
    terms[c] = parts.join(" ");
  }
  if (vocabulary.ngramRange[1] < 2) return terms;

  const { tokens, starts } = sequences;
  const { bigramIds, bigramColumn, trigramColumn } = vocabulary;
  const pairIds = new PairIds();
  const pairCounts: number[] = [];
  const pairColumns: number[] = [];
  const tripleIds = new PairIds();
  const tripleCounts: number[] = [];
  const tripleColumns: number[] = [];
  const documents = starts.length - 1;
  for (let d = 0; d < documents; d++) {
    const end = starts[d + 1];
    for (let p = starts[d]; p + 1 < end; p++) {
      const a = tokens[p];
      const b = tokens[p + 1];
      if (a === BREAK || b === BREAK) continue;
      const bigram = bigramIds.get(a, b);
      if (bigram < 0) continue;
      const pair = pairIds.add(surfaces[p], surfaces[p + 1]);
      if (pair === pairCounts.length) {
        pairCounts.push(0);
        pairColumns.push(bigramColumn[bigram]);
      }
      pairCounts[pair]++;
      if (p + 2 >= end || tokens[p + 2] === BREAK) continue;
      const trigram = trigramColumn.get(bigram * SHIFT + tokens[p + 2]);
      if (trigram === undefined) continue;
      const triple = tripleIds.add(pair, surfaces[p + 2]);
      if (triple === tripleCounts.length) {
        tripleCounts.push(0);
        tripleColumns.push(trigram);
      }
      tripleCounts[triple]++;
    }
  }

  const bestCount = new Float64Array(vocabulary.size);
  for (let pair = 0; pair < pairCounts.length; pair++) {
    const column = pairColumns[pair];
    if (column < 0 || pairCounts[pair] <= bestCount[column]) continue;
    bestCount[column] = pairCounts[pair];
    shown[column * 3] = pairIds.first(pair);
    shown[column * 3 + 1] = pairIds.second(pair);
    terms[column] = `${lexicon.surfaces[pairIds.first(pair)]} ${lexicon.surfaces[pairIds.second(pair)]}`;
  }
  for (let triple = 0; triple < tripleCounts.length; triple++) {
    const column = tripleColumns[triple];
    if (tripleCounts[triple] <= bestCount[column]) continue;
    bestCount[column] = tripleCounts[triple];
    const pair = tripleIds.first(triple);
    const ids = [pairIds.first(pair), pairIds.second(pair), tripleIds.second(triple)];
    shown.set(ids, column * 3);
    terms[column] = ids.map((s) => lexicon.surfaces[s]).join(" ");
  }
  return terms;
}
