// A generated corpus that crowds the map: many topics of different sizes, each with its own made-up vocabulary, and
// papers that borrow words from the next topic, so that clusters sit close together and their labels compete for
// room. Deterministic (seeded); written as JSON Lines for the real server.

import { writeFileSync } from "node:fs";

import { createRng } from "../../server/random.js";

export interface CrowdedCorpusOptions {
  topics: number;
  /** Papers of the smallest topic; each next topic has `step` more. */
  smallest: number;
  step: number;
  seed: number;
}

export const CROWDED_DEFAULTS: Readonly<CrowdedCorpusOptions> = { topics: 24, smallest: 110, step: 10, seed: 11 };

const CONSONANTS = "bdfgklmnprstvz";
const VOWELS = "aeiou";
const ENDINGS = "kmptxz";
const WORDS_PER_TOPIC = 10;

/** Made-up words, all different: consonant-vowel twice, then a consonant the stemmer leaves alone ("bakot"). */
function vocabulary(count: number, rng: () => number): string[] {
  const words = new Set<string>();
  const letter = (set: string) => set[Math.floor(rng() * set.length)];
  while (words.size < count) {
    words.add(letter(CONSONANTS) + letter(VOWELS) + letter(CONSONANTS) + letter(VOWELS) + letter(ENDINGS));
  }
  return [...words];
}

export function crowdedPapers(
  options: Partial<CrowdedCorpusOptions> = {},
): { id: string; title: string; abstract: string }[] {
  const { topics, smallest, step, seed } = { ...CROWDED_DEFAULTS, ...options };
  const rng = createRng(seed);
  const words = vocabulary(topics * WORDS_PER_TOPIC, rng);
  const topicWords = (t: number) => words.slice(t * WORDS_PER_TOPIC, (t + 1) * WORDS_PER_TOPIC);
  const papers: { id: string; title: string; abstract: string }[] = [];
  for (let t = 0; t < topics; t++) {
    const own = topicWords(t);
    const next = topicWords((t + 1) % topics);
    // Mostly the topic's own words, a fifth from the next topic's.
    const pick = () => {
      const from = rng() < 0.8 ? own : next;
      return from[Math.floor(rng() * from.length)];
    };
    for (let i = 0; i < smallest + t * step; i++) {
      const title = `${pick()} ${pick()} and ${pick()} ${pick()}`;
      const abstract = Array.from({ length: 6 }, () => `${pick()} ${pick()} with ${pick()} ${pick()}.`).join(" ");
      papers.push({ id: `t${t}-${i}`, title, abstract });
    }
  }
  return papers;
}

export function writeCrowdedCorpus(path: string, options: Partial<CrowdedCorpusOptions> = {}): number {
  const papers = crowdedPapers(options);
  writeFileSync(path, papers.map((paper) => JSON.stringify(paper)).join("\n") + "\n");
  return papers.length;
}
