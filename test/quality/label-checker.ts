// An independent checker of topic labels (issue 12, rule 1): it shares no code with server/graph's topic rules (its
// own word forms, no stemmer, no vocabulary) and reads the corpus as raw text. It reports every pair of topics that
// name one thing and every cut-off phrase:
//   within a label: two topics differing by case, hyphen, spacing or inflection (Latin and Greek plurals too), or an
//     acronym beside its expansion or its end or start ("LLMs" beside "large language models" or "language models");
//   across clusters (or sibling subclusters): the same label, or leading topics that name one thing;
//   a cut-off phrase: in the corpus, one same word follows it (or precedes it) in CUT_OFF_SHARE of its occurrences.

/** Share of a phrase's occurrences continued by one same word for it to count as cut off. */
export const CUT_OFF_SHARE = 0.9;
/** Phrases seen fewer times than this are not judged cut off. */
const MIN_OCCURRENCES = 5;

export interface LabelProblem {
  kind: "same topic in a label" | "acronym beside its expansion" | "same label" | "same leading topic" | "cut off";
  detail: string;
}

/** Plural endings and what they replace in the singular, Latin and Greek ones too. */
const PLURALS: [string, string][] = [
  ["ies", "y"],
  ["ices", "ex"],
  ["ices", "ix"],
  ["ses", "sis"],
  ["xes", "x"],
  ["ches", "ch"],
  ["shes", "sh"],
  ["es", "e"],
  ["es", ""],
  ["s", ""],
  ["a", "um"],
  ["a", "on"],
  ["ae", "a"],
  ["i", "us"],
];

const SUFFIXES: [string, string][] = [...PLURALS, ["ing", ""], ["ing", "e"], ["ed", ""], ["ed", "e"]];

function formsBy(word: string, endings: [string, string][]): Set<string> {
  const lower = word.toLowerCase().replace(/['’]s$/, "");
  const forms = new Set([lower]);
  for (const [ending, base] of endings) {
    if (lower.length > ending.length + 2 && lower.endsWith(ending)) forms.add(lower.slice(0, -ending.length) + base);
  }
  return forms;
}

/** Every form a word might be an inflection of (itself included), lower case: two words are one when these meet. */
export const baseForms = (word: string): Set<string> => formsBy(word, SUFFIXES);

/** Every form a word might be the plural of (itself included), lower case: one noun in both numbers when these meet. */
export const nounForms = (word: string): Set<string> => formsBy(word, PLURALS);

function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

const splitWords = (phrase: string) => phrase.split(/[\s\-–]+/).filter(Boolean);

/** Two topics differing only by case, hyphens, spacing or inflection. */
export function sameSpelling(a: string, b: string): boolean {
  const wa = splitWords(a);
  const wb = splitWords(b);
  if (wa.length === wb.length && wa.every((w, k) => intersects(baseForms(w), baseForms(wb[k])))) return true;
  // Spacing: the words run together, the last one inflected.
  const joined = (words: string[]) => baseForms(words.join(""));
  return intersects(joined(wa), joined(wb));
}

/** Whether `acronym` (one word with two or more capitals) is written from the initials of `phrase` or of its end. */
export function acronymOf(acronym: string, phrase: string): boolean {
  if (/[\s-]/.test(acronym)) return false;
  const capitals = (acronym.match(/[A-Z]/g) ?? []).join("").toLowerCase();
  const parts = splitWords(phrase);
  if (capitals.length < 2 || parts.length < 2) return false;
  const first = parts.map((p) => p[0].toLowerCase()).join("");
  // "CoT" spells "chain-of-thought" with its lower-case letter too.
  const letters = acronym.replace(/s$/, "").toLowerCase();
  return [capitals, letters].some((spelt) => spelt.endsWith(first) || spelt.startsWith(first));
}

function sameThing(a: string, b: string): boolean {
  return sameSpelling(a, b) || acronymOf(a, b) || acronymOf(b, a);
}

/** Problems within one label ("a, b, c"). */
export function labelProblems(label: string): LabelProblem[] {
  const parts = label.split(", ");
  const problems: LabelProblem[] = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      if (sameSpelling(parts[i], parts[j])) {
        problems.push({ kind: "same topic in a label", detail: `"${parts[i]}" and "${parts[j]}" in "${label}"` });
      } else if (acronymOf(parts[i], parts[j]) || acronymOf(parts[j], parts[i])) {
        problems.push({
          kind: "acronym beside its expansion",
          detail: `"${parts[i]}" and "${parts[j]}" in "${label}"`,
        });
      }
    }
  }
  return problems;
}

/** Problems between the labels of sibling groups (the clusters of a map, or the subclusters of one cluster). */
export function siblingProblems(labels: readonly string[]): LabelProblem[] {
  const problems: LabelProblem[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (labels[i] === labels[j]) {
        problems.push({ kind: "same label", detail: `"${labels[i]}" twice` });
        continue;
      }
      const [a, b] = [labels[i].split(", ")[0], labels[j].split(", ")[0]];
      if (sameThing(a, b)) problems.push({ kind: "same leading topic", detail: `"${labels[i]}" and "${labels[j]}"` });
    }
  }
  return problems;
}

/** A text as lower-case words, punctuation kept as its own token (a phrase does not continue across it). */
export function textWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

interface Continuations {
  words: string[];
  occurrences: number;
  next: Map<string, number>;
  previous: Map<string, number>;
}

/**
 * The topics cut off in the corpus: among a topic's occurrences (as written, any case), one same word follows it, or
 * precedes it, in at least CUT_OFF_SHARE of them. One pass over the texts, each tokenized once and dropped, stopping
 * only where a topic's first word occurs.
 */
export function cutOffTopics(topics: readonly string[], texts: Iterable<string>): string[] {
  const byFirst = new Map<string, Continuations[]>();
  const counts = topics.map((topic) => {
    const entry: Continuations = {
      words: topic.toLowerCase().split(/\s+/),
      occurrences: 0,
      next: new Map(),
      previous: new Map(),
    };
    const list = byFirst.get(entry.words[0]);
    if (list === undefined) byFirst.set(entry.words[0], [entry]);
    else list.push(entry);
    return entry;
  });
  for (const text of texts) {
    const words = textWords(text);
    for (let p = 0; p < words.length; p++) {
      // A hyphenated topic word is one token; a topic of several words, several tokens.
      for (const entry of byFirst.get(words[p]) ?? []) {
        const wanted = entry.words;
        if (!wanted.every((w, k) => words[p + k] === w)) continue;
        entry.occurrences++;
        // One word in singular or plural ("model" and "models" continue "large language" alike).
        const after = (words[p + wanted.length] ?? ".").replace(/(?<=..)e?s$/, "");
        const before = (words[p - 1] ?? ".").replace(/(?<=..)e?s$/, "");
        entry.next.set(after, (entry.next.get(after) ?? 0) + 1);
        entry.previous.set(before, (entry.previous.get(before) ?? 0) + 1);
      }
    }
  }
  const isWord = (w: string) => /\p{L}/u.test(w);
  const top = (seen: Map<string, number>) =>
    Math.max(0, ...[...seen.entries()].filter(([w]) => isWord(w) && !FUNCTION.has(w)).map(([, n]) => n));
  return topics.filter((_, k) => {
    const { occurrences, next, previous } = counts[k];
    if (occurrences < MIN_OCCURRENCES) return false;
    return top(next) >= CUT_OFF_SHARE * occurrences || top(previous) >= CUT_OFF_SHARE * occurrences;
  });
}

/** Words that do not complete a phrase ("models of", "the models"). */
const FUNCTION = new Set(
  `a an the of in on for to and or with by from at as is are was were be been that this these those which we our
  it its their via using based into over under between than such can may also both each other`.split(/\s+/),
);
