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
  if (vocabulary.ngramRange[1] < 2) return terms;

  const { tokens, starts } = sequences;
  const { bigramIds, bigramColumn, trigramColumn } = vocabulary;
  // Each phrase column's spellings in first-seen order, four numbers each: the three surface ids (-1 for a bigram's
  // third) and the count. Most phrases are written one to three ways, so a scan of the list beats a hash map.
  // NOTE: hash maps keyed by pairs and triples of surface ids took 7.1 s at 96k papers (millions of keys).
  const spellings: (number[] | undefined)[] = new Array(vocabulary.size);
  const count = (column: number, a: number, b: number, c: number) => {
    let list = spellings[column];
    if (list === undefined) spellings[column] = list = [];
    for (let at = 0; at < list.length; at += 4) {
      if (list[at] === a && list[at + 1] === b && list[at + 2] === c) {
        list[at + 3]++;
        return;
      }
    }
    list.push(a, b, c, 1);
  };
  const documents = starts.length - 1;
  for (let d = 0; d < documents; d++) {
    const end = starts[d + 1];
    for (let p = starts[d]; p + 1 < end; p++) {
      const a = tokens[p];
      const b = tokens[p + 1];
      if (a === BREAK || b === BREAK) continue;
      const bigram = bigramIds.get(a * SHIFT + b);
      if (bigram === undefined) continue;
      if (bigramColumn[bigram] >= 0) count(bigramColumn[bigram], surfaces[p], surfaces[p + 1], -1);
      if (p + 2 >= end || tokens[p + 2] === BREAK) continue;
      const trigram = trigramColumn.get(bigram * SHIFT + tokens[p + 2]);
      if (trigram !== undefined) count(trigram, surfaces[p], surfaces[p + 1], surfaces[p + 2]);
    }
  }

  // The commonest spelling of each phrase; ties go to the one seen first.
  spellings.forEach((list, column) => {
    if (list === undefined) return;
    let best = 0;
    for (let at = 4; at < list.length; at += 4) if (list[at + 3] > list[best + 3]) best = at;
    const words = list[best + 2] < 0 ? [list[best], list[best + 1]] : [list[best], list[best + 1], list[best + 2]];
    terms[column] = words.map((surface) => lexicon.surfaces[surface]).join(" ");
  });
  return terms;
}
