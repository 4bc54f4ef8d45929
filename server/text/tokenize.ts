// Splits cleaned text into words and phrase breaks, and decides what a word is: its key (stem), its display form,
// whether it is a stopword. Tokenizing and stemming are natural's (RegexpTokenizer; Porter 1980). Hyphenated
// compounds (test-time, post-training) and alphanumerics (fp4, GPT-4) stay single tokens.

import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import { RegexpTokenizer } from "natural/lib/natural/tokenizers/regexp_tokenizer.js";

import { cleanText } from "./clean-text.js";
import { BOILERPLATE_WORDS, FUNCTION_WORDS, TASK_NOUNS } from "./stopwords.js";

/** A word or a hyphenated compound; any other single character (punctuation) ends the current phrase. */
const TOKEN = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const HAS_LETTER = /\p{L}/u;
/** Numbers written with a letter that are still numbers: 1e5, 2.5e-3, 0x1f. */
const NUMBER_WITH_LETTER = /^(?:\d+(?:[.,]\d+)?e[+-]?\d+|0x[0-9a-f]+)$/;
const tokenizer = new RegexpTokenizer({ pattern: TOKEN, gaps: false });

/** The raw words and punctuation of a text, URLs and LaTeX removed. */
export function splitWords(text: string): string[] {
  return tokenizer.tokenize(cleanText(text)) ?? [];
}

export function isPunctuation(raw: string): boolean {
  return raw.length === 1 && !HAS_LETTER.test(raw) && !/\p{N}/u.test(raw);
}

const BOILERPLATE_STEMS: ReadonlySet<string> = new Set(BOILERPLATE_WORDS.map((word) => PorterStemmer.stem(word)));

/** What a raw word is as a token: its key and display form, or null for a stopword. */
export interface WordInfo {
  key: string;
  surface: string;
}

/**
 * Classifies one raw word (as matched, any case). The key is the Porter stem, or for a compound the stems of its
 * parts ("post-training" -> "post-train"); the display form lower-cases a capitalised word but keeps an acronym
 * (LLMs, FP4, GPT-4). Returns null for a stopword, a boilerplate word, a one-letter word or a number.
 */
export function classifyWord(raw: string): WordInfo | null {
  let word = raw.replace(/’/g, "'");
  if (word.endsWith("'s")) word = word.slice(0, -2);
  const lower = word.toLowerCase();
  if (lower.length < 2 || FUNCTION_WORDS.has(lower) || !HAS_LETTER.test(lower) || NUMBER_WITH_LETTER.test(lower))
    return null;
  const key = lower.indexOf("-") < 0 ? PorterStemmer.stem(lower) : lower.split("-").map(stemPart).join("-");
  if (BOILERPLATE_STEMS.has(key) && !TASK_NOUNS.has(lower)) return null;
  const rest = word.slice(1);
  return { key, surface: rest === rest.toLowerCase() ? lower : word };
}

function stemPart(part: string): string {
  return PorterStemmer.stem(part);
}
