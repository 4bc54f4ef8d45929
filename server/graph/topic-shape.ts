// Whether a phrase of the vocabulary is a topic at all or a fragment that crosses a phrase boundary ("agents govern",
// "instability near", "raise success", "produces overly"): n-grams are counted between stopwords and punctuation, so
// a subject and its verb, or a noun and the preposition after it, make bigrams too. A topic is a noun phrase; each
// word's most frequent part of speech, from natural's English lexicon for its Brill tagger (Brill 1992), tells the
// words no noun phrase holds: verbs in a finite form, adverbs, prepositions and the like. Words the lexicon lacks
// (most technical terms) are taken for nouns.

import { createRequire } from "node:module";

/** Tags of the lexicon that no noun phrase holds as a word's most frequent part of speech. */
const NOT_IN_NOUN_PHRASES = new Set([
  "VB",
  "VBP",
  "VBZ",
  "MD",
  "RB",
  "RBR",
  "RBS",
  "IN",
  "DT",
  "CC",
  "PRP",
  "PRP$",
  "TO",
  "WDT",
  "WP",
  "WRB",
  "UH",
  "RP",
  "EX",
  "PDT",
  "POS",
]);

let lexicon: Readonly<Record<string, readonly string[]>> | null = null;

function tagsOf(word: string): readonly string[] | undefined {
  // NOTE: a large JSON lexicon, read on first use (by the build's labels or the server's first explanation).
  lexicon ??= createRequire(import.meta.url)(
    "natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json",
  );
  const tags = lexicon![word.toLowerCase()];
  return Array.isArray(tags) ? tags : undefined;
}

/** A word that cannot stand in a noun phrase: its most frequent tag is a verb form, an adverb, a preposition... */
function breaksNounPhrase(word: string): boolean {
  const tags = tagsOf(word);
  if (tags === undefined) return word.length > 4 && word.endsWith("ly");
  const first = tags[0];
  if (first === "VBD") return !tags.includes("VBN") && !tags.includes("JJ");
  return NOT_IN_NOUN_PHRASES.has(first);
}

const isOnlyPlural = (word: string) => {
  const tags = tagsOf(word);
  return tags !== undefined && tags.every((tag) => tag === "NNS");
};

/**
 * Whether a display form of two or more words is a fragment rather than a noun phrase: a word of it is a finite verb,
 * an adverb, a preposition..., or a plain plural noun is followed by a verb ("parameters exhibit") or an adjective
 * ("models robust"). One word is never a fragment. Hyphenated compounds count as one word.
 */
export function isFragment(term: string): boolean {
  const words = term.split(" ");
  if (words.length < 2) return false;
  const last = words.length - 1;
  const plural = isOnlyPlural(words[last - 1]);
  // NOTE: a base verb heads a noun phrase after a modifier ("test-time compute"), not after a plural ("agents govern").
  const verbAfterModifier = (word: string, k: number) =>
    k === last && !plural && /^VBP?$/.test(tagsOf(word)?.[0] ?? "");
  if (words.some((word, k) => !word.includes("-") && breaksNounPhrase(word) && !verbAfterModifier(word, k)))
    return true;
  const tags = tagsOf(words[last]);
  return plural && tags !== undefined && (tags.includes("VBP") || tags[0].startsWith("JJ"));
}
