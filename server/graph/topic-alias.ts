// When two topics name one thing, and when a topic is cut off. Two display forms are one topic when they differ only
// by case, hyphens, spacing or inflection ("gravitational-wave" and "Gravitational Waves", "spectra" and "spectrum",
// "pre-training" and "pretraining"), or when one is an acronym of the other ("RL" and "reinforcement learning", "LLMs"
// and "large language models", and "language models", part of what "LLMs" stands for). Which terms are cut off
// ("large language") is the vocabulary's (text/cut-off).

import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";

import { singular } from "../text/inflection.js";
import type { Vocabulary } from "../text/vocabulary.js";

/** A display form reduced to what its spellings share: per word, the Porter stem of its singular; no separators. */
export function sameTopicKey(term: string): string {
  let key = KEYS.get(term);
  if (key === undefined) {
    key = joinPrefixes(words(term))
      .map((word) => PorterStemmer.stem(singular(word).toLowerCase()))
      .join("");
    if (KEYS.size < 1_000_000) KEYS.set(term, key);
  }
  return key;
}

const KEYS = new Map<string, string>();

/** Prefixes written joined, hyphenated or apart ("multimodal", "multi-modal", "multi modal"). */
const PREFIXES: ReadonlySet<string> = new Set(
  [
    "anti",
    "auto",
    "bi",
    "co",
    "cross",
    "inter",
    "intra",
    "macro",
    "meta",
    "micro",
    "multi",
    "non",
    "over",
    "post",
  ].concat(["pre", "re", "self", "semi", "sub", "super", "ultra", "un", "under"]),
);

/**
 * A prefix joined to the word after it: Porter stems "multimodal" as "multimod" but "modal" as "modal", so the parts
 * of "multi-modal" stemmed apart would make another key.
 */
function joinPrefixes(parts: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < parts.length; k++) {
    out.push(k + 1 < parts.length && PREFIXES.has(parts[k].toLowerCase()) ? parts[k] + parts[++k] : parts[k]);
  }
  return out;
}

function words(term: string): string[] {
  return term.split(/[\s\-–]+/).filter(Boolean);
}

/**
 * The letters an acronym spells, its capitals ("LoRA" -> "lra", "LLMs" -> "llm", "3DGS" -> "dgs") and, for a short
 * one written in mixed case, all its letters too ("CoT" -> "ct|cot"); or null for another term.
 */
export function acronymLetters(term: string): string | null {
  if (/[\s-]/.test(term)) return null;
  const capitals = term.match(/\p{Lu}/gu);
  if (capitals === null || capitals.length < 2) return null;
  const letters = capitals.join("").toLowerCase();
  const all = term.replace(/(?<=\p{Lu})s$/u, "").toLowerCase();
  return all !== letters && /^\p{L}{3,4}$/u.test(all) ? `${letters}|${all}` : letters;
}

/** The first letters of a phrase's words and word parts ("Low-Rank adaptation" -> "lra"), or null for one word. */
export function initials(term: string): string | null {
  const parts = words(term);
  return parts.length < 2 ? null : parts.map((part) => part[0].toLowerCase()).join("");
}

/**
 * Whether `acronym` stands for `phrase` or for a phrase ending or starting with it: "LLMs" for "large language
 * models" and for "language models"; "RL" for "reinforcement learning"; "PBHs" for "primordial black".
 */
export function standsFor(acronym: string, phrase: string): boolean {
  const letters = acronymLetters(acronym);
  const first = initials(phrase);
  return letters !== null && first !== null && spells(letters, first);
}

/** Whether an acronym's letters (acronymLetters) spell these initials, or begin or end with them. */
export function spells(letters: string, first: string): boolean {
  return letters.split("|").some((spelt) => spelt.endsWith(first) || spelt.startsWith(first));
}

/** Whether an acronym's letters (acronymLetters) spell exactly these initials. */
export function spellsExactly(letters: string, first: string): boolean {
  return letters.split("|").includes(first);
}

/** Whether two display forms name one topic (see the module header). */
export function sameTopic(a: string, b: string): boolean {
  return sameTopicKey(a) === sameTopicKey(b) || standsFor(a, b) || standsFor(b, a);
}

const NONE = new Uint8Array(0);

/** Per column, 1 when the term is cut off (text/cut-off, computed with the display forms); all 0 when unknown. */
export function cutOffColumns(vocabulary: Vocabulary): Uint8Array {
  return vocabulary.cutOff ?? NONE;
}
