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

const SUFFIXES: [string, string][] = [
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
  ["ing", ""],
  ["ing", "e"],
  ["ed", ""],
  ["ed", "e"],
];

/** Every form a word might be an inflection of (itself included), lower case. */
function baseForms(word: string): Set<string> {
  const lower = word.toLowerCase().replace(/['’]s$/, "");
  const forms = new Set([lower]);
  for (const [ending, base] of SUFFIXES) {
    if (lower.length > ending.length + 2 && lower.endsWith(ending)) forms.add(lower.slice(0, -ending.length) + base);
  }
  return forms;
}

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

/**
 * The corpus as lower-case words per text, punctuation kept as "." (a phrase does not continue across it), for
 * counting what follows and precedes a phrase.
 */
export function corpusWords(texts: readonly string[]): string[][] {
  return texts.map((text) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? []);
}

/** Per first word, the texts' word arrays and positions where it occurs: a phrase's occurrences found fast. */
export function wordPositions(texts: readonly string[][]): Map<string, [number, number][]> {
  const at = new Map<string, [number, number][]>();
  texts.forEach((words, t) =>
    words.forEach((word, p) => {
      let list = at.get(word);
      if (list === undefined) at.set(word, (list = []));
      list.push([t, p]);
    }),
  );
  return at;
}

/**
 * Whether a topic is cut off in the corpus: among its occurrences (as written, any case; hyphens and spaces alike),
 * one same word follows it, or precedes it, in at least CUT_OFF_SHARE of them.
 */
export function cutOff(topic: string, texts: readonly string[][], positions: Map<string, [number, number][]>): boolean {
  const wanted = topic.toLowerCase().split(/\s+/);
  const next = new Map<string, number>();
  const previous = new Map<string, number>();
  let occurrences = 0;
  // A hyphenated topic word is one token; a topic of several words, several tokens.
  for (const [t, p] of positions.get(wanted[0]) ?? []) {
    const words = texts[t];
    if (!wanted.every((w, k) => words[p + k] === w)) continue;
    occurrences++;
    // One word in singular or plural ("model" and "models" continue "large language" alike).
    const after = (words[p + wanted.length] ?? ".").replace(/(?<=..)e?s$/, "");
    const before = (words[p - 1] ?? ".").replace(/(?<=..)e?s$/, "");
    next.set(after, (next.get(after) ?? 0) + 1);
    previous.set(before, (previous.get(before) ?? 0) + 1);
  }
  if (occurrences < MIN_OCCURRENCES) return false;
  const isWord = (w: string) => /\p{L}/u.test(w);
  const top = (counts: Map<string, number>) =>
    Math.max(0, ...[...counts.entries()].filter(([w]) => isWord(w) && !FUNCTION.has(w)).map(([, n]) => n));
  return top(next) >= CUT_OFF_SHARE * occurrences || top(previous) >= CUT_OFF_SHARE * occurrences;
}

/** Words that do not complete a phrase ("models of", "the models"). */
const FUNCTION = new Set(
  `a an the of in on for to and or with by from at as is are was were be been that this these those which we our
  it its their via using based into over under between than such can may also both each other`.split(/\s+/),
);
