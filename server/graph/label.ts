// Cluster labels by class-based TF-IDF: each cluster's mean TF-IDF vector (its class vector), weighted by how much
// more often the cluster's papers carry a term than the corpus does:
//   score(t, c) = mean_{d in c} w(d, t) * ln(1 + share(t, c) / share(t, corpus)),  share = papers with t / papers
// then the best terms without nested duplicates: "floating point" makes "floating" and "point" redundant.
// NOTE: plain c-TF-IDF (Grootendorst 2022, document counts times ln(1 + A / df)) labelled the seed's quantization
// cluster "cost, reduce, precision" and its theorem-proving one "solving, formal, problem"; the lift weight gives
// "quantization, precision, floating-point" and "conjecture, theorem proving, formal".

import type { TfidfModel } from "../text/tfidf.js";
import { isNestedTerm, type Vocabulary } from "../text/vocabulary.js";
import {
  acronymLetters,
  cutOffColumns,
  initials,
  sameTopic,
  sameTopicKey,
  spells,
  spellsExactly,
} from "./topic-alias.js";
import { isFragment } from "./topic-shape.js";
import { TopKHeap } from "./top-k.js";

export { sameTopicKey };

/** Terms ranked per cluster before nested duplicates are removed: far more than any label keeps. */
const CANDIDATE_TOPICS = 200;

export interface LabelOptions {
  /** Topics kept per cluster. */
  topics: number;
  /** Topics joined into the label. */
  labelTopics: number;
}

export const LABEL_DEFAULTS: Readonly<LabelOptions> = { topics: 5, labelTopics: 3 };

export interface ClusterTopic {
  column: number;
  term: string;
  score: number;
  /** Share of the cluster's papers that carry the term. */
  share: number;
}

export interface ClusterLabel {
  label: string;
  topics: ClusterTopic[];
}

export function labelClusters(
  model: TfidfModel,
  membership: Int32Array,
  clusterCount: number,
  options: Partial<LabelOptions> = {},
): ClusterLabel[] {
  const members: number[][] = Array.from({ length: clusterCount }, () => []);
  membership.forEach((c, i) => members[c].push(i));
  return labelGroups(model, members, null, options);
}

/**
 * Labels groups of papers (rows of the model). The lift is against `background`, each term's share of papers in
 * the population the groups come from (a parent cluster for subclusters), or against the whole corpus when null.
 */
export function labelGroups(
  model: TfidfModel,
  groups: readonly (readonly number[])[],
  background: Float64Array | null,
  options: Partial<LabelOptions> = {},
): ClusterLabel[] {
  const { topics, labelTopics } = { ...LABEL_DEFAULTS, ...options };
  const { matrix, vocabulary } = model;
  const counts = new Float64Array(vocabulary.size);
  const sums = new Float64Array(vocabulary.size);
  const touched: number[] = [];
  const documents = matrix.rows;
  const heap = new TopKHeap(CANDIDATE_TOPICS);
  const chosen = groups.map((rows) => {
    for (const r of rows) {
      for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) {
        const column = matrix.indices[p];
        if (counts[column] === 0) touched.push(column);
        counts[column]++;
        sums[column] += matrix.values[p];
      }
    }
    // NOTE: only the best few hundred terms can make the label: a heap selects them without sorting every term a
    // cluster touches, which dominated the labelling of large corpora.
    heap.clear();
    for (const column of touched) {
      const share = counts[column] / rows.length;
      const base = background === null ? vocabulary.df[column] / documents : background[column];
      heap.offer(column, (sums[column] / rows.length) * Math.log(1 + share / Math.max(base, share / 1e6)));
    }
    const best = new Int32Array(heap.size);
    const bestScores = new Float32Array(heap.size);
    heap.drainInto(best, bestScores, 0);
    const scored = Array.from(best, (column, k) => ({
      column,
      term: model.terms[column],
      score: bestScores[k],
      share: counts[column] / rows.length,
    }));
    for (const column of touched) {
      counts[column] = 0;
      sums[column] = 0;
    }
    touched.length = 0;
    promotePhrases(vocabulary, scored);
    dropPartsOfCutOff(vocabulary, scored);
    scored.sort((a, b) => b.score - a.score || longerFirst(vocabulary, a.column, b.column));
    return pickWithoutNesting(vocabulary, model.terms, scored, topics, (t) => t.column);
  });
  return distinctLeads(chosen).map((topics) => ({
    label: topics
      .slice(0, labelTopics)
      .map((t) => t.term)
      .join(", "),
    topics,
  }));
}

/**
 * Each group led by a topic no earlier group leads with (nor another spelling of it): a group whose first topic is
 * taken is led by its best topic that is not, so that two clusters never share a label or a leading topic. Groups
 * come largest first, which keep their own lead.
 */
export function distinctLeads(groups: readonly ClusterTopic[][]): ClusterTopic[][] {
  const leads: string[] = [];
  return groups.map((topics) => {
    const free = topics.findIndex((t) => !leads.some((lead) => sameTopic(lead, t.term)));
    if (free < 0) return topics;
    leads.push(topics[free].term);
    return [topics[free], ...topics.slice(0, free), ...topics.slice(free + 1)];
  });
}

/**
 * A phrase that carries most of a shorter term's uses in a group stands for it: it takes the term's score when that
 * is higher, so that the label says "theorem proving" rather than "theorem", "large language models" rather than
 * "large language" (the nesting rule then drops the shorter term).
 */
export const PHRASE_COVERAGE = 0.6;

function promotePhrases(vocabulary: Vocabulary, scored: { column: number; score: number; share: number }[]): void {
  const words = scored.filter((t) => vocabulary.termLength[t.column] < 3);
  const phrases = scored.filter((t) => vocabulary.termLength[t.column] > 1);
  for (const word of words) {
    let best: (typeof scored)[number] | null = null;
    for (const phrase of phrases) {
      if (phrase.share < PHRASE_COVERAGE * word.share || !isNestedTerm(vocabulary, word.column, phrase.column))
        continue;
      if (best === null || phrase.share > best.share || (phrase.share === best.share && phrase.score > best.score))
        best = phrase;
    }
    if (best !== null && word.score > best.score) best.score = word.score;
  }
}

/**
 * A term whose uses in a group lie mostly in a cut-off phrase ("large" in "large language", "primordial" in
 * "primordial black") is that phrase's fragment there: it leaves the group's candidates, as the phrase does.
 */
function dropPartsOfCutOff(vocabulary: Vocabulary, scored: { column: number; score: number; share: number }[]): void {
  const cutOff = cutOffColumns(vocabulary);
  const phrases = scored.filter((t) => cutOff[t.column] === 1 && vocabulary.termLength[t.column] > 1);
  if (phrases.length === 0) return;
  const parts = scored.filter((t) =>
    phrases.some(
      (phrase) => phrase.share >= PHRASE_COVERAGE * t.share && isNestedTerm(vocabulary, t.column, phrase.column),
    ),
  );
  for (const part of parts) scored.splice(scored.indexOf(part), 1);
}

/** Share of papers carrying each term within `rows` (a dense vector over the vocabulary). */
export function termShares(model: TfidfModel, rows: readonly number[]): Float64Array {
  const { matrix } = model;
  const shares = new Float64Array(model.vocabulary.size);
  for (const r of rows) for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) shares[matrix.indices[p]]++;
  for (let c = 0; c < shares.length; c++) shares[c] /= Math.max(rows.length, 1);
  return shares;
}

/** For each group's topics, the share of papers of another group (its nearest, say) that carry them. */
export function sharesIn(model: TfidfModel, topics: readonly ClusterTopic[], rows: readonly number[]): number[] {
  const { matrix } = model;
  const wanted = new Map(topics.map((t, k) => [t.column, k]));
  const counts = new Array<number>(topics.length).fill(0);
  for (const r of rows) {
    for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) {
      const k = wanted.get(matrix.indices[p]);
      if (k !== undefined) counts[k]++;
    }
  }
  return counts.map((count) => (rows.length > 0 ? count / rows.length : 0));
}

/**
 * The first `limit` items of a ranked list such that no item's term is nested in another's: a phrase ranked below
 * one of its parts replaces that part; a part ranked below its phrase is skipped.
 */
export function pickWithoutNesting<T>(
  vocabulary: Vocabulary,
  terms: readonly string[],
  ranked: readonly T[],
  limit: number,
  column: (item: T) => number,
): T[] {
  const columns = ranked.map(column);
  const out = new Int32Array(Math.max(limit, 0));
  const n = pickPositions(vocabulary, terms, columns, columns.length, limit, out);
  return Array.from(out.subarray(0, n), (position) => ranked[position]);
}

/** Forms of the chosen topics, and columns skipped as another spelling of one: scratch of pickPositions. */
const written: string[] = [];
const aliases: number[] = [];

/**
 * pickWithoutNesting on columns: the positions in `columns[0..count)` of the chosen terms, in its order, written to
 * `out` (which must hold `limit` numbers); returns how many. Allocates nothing once each column's key is cached.
 */
export function pickPositions(
  vocabulary: Vocabulary,
  terms: readonly string[],
  columns: ArrayLike<number>,
  count: number,
  limit: number,
  out: Int32Array,
): number {
  const { keys, letters, firsts, fragments } = topicKeys(terms);
  const cutOff = cutOffColumns(vocabulary);
  let chosen = 0;
  written.length = 0;
  aliases.length = 0;
  for (let i = 0; i < count && chosen < limit; i++) {
    const c = columns[i];
    // A phrase the corpus nearly always continues ("large language"): its completion stands for it, or nothing. A
    // fragment across a phrase boundary ("agents govern") is no topic.
    if (cutOff[c] === 1 || (fragments[c] ??= isFragment(terms[c]))) continue;
    // "gravitational-wave" and "gravitational wave", "LLM" and "LLMs": one topic written two ways.
    const form = (keys[c] ??= sameTopicKey(terms[c]));
    // "RL" and "reinforcement learning": the phrase takes the acronym's place; an acronym of a chosen phrase, and a
    // part of a chosen acronym's expansion ("language models" beside "LLMs"), are dropped.
    const acronym = letters[c] === undefined ? (letters[c] = acronymLetters(terms[c])) : letters[c];
    const phrase = firsts[c] === undefined ? (firsts[c] = initials(terms[c])) : firsts[c];
    let expands = -1;
    let abbreviates = false;
    for (let j = 0; j < chosen && expands < 0 && !abbreviates; j++) {
      const other = columns[out[j]];
      if (phrase !== null && letters[other] !== null && spells(letters[other]!, phrase)) {
        if (spellsExactly(letters[other]!, phrase)) expands = j;
        else abbreviates = true;
      }
      if (acronym !== null && firsts[other] !== null && spells(acronym, firsts[other]!)) abbreviates = true;
    }
    if (abbreviates) {
      aliases.push(c);
      continue;
    }
    if (expands >= 0) {
      let nested = false;
      for (let j = 0; j < chosen && !nested; j++) nested = isNestedTerm(vocabulary, c, columns[out[j]]);
      for (let j = 0; j < aliases.length && !nested; j++) nested = isNestedTerm(vocabulary, c, aliases[j]);
      if (nested) continue;
      aliases.push(columns[out[expands]]);
      written.push(form);
      out[expands] = i;
      chosen = dropNestedIn(vocabulary, columns, out, 0, chosen, c, expands);
      continue;
    }
    if (written.includes(form)) {
      // NOTE: "gravitational waves" beside a chosen "gravitational-wave" also makes "gravitational" and "waves"
      // redundant, though neither is nested in the single token "gravitational-wave".
      aliases.push(c);
      chosen = dropNestedIn(vocabulary, columns, out, 0, chosen, c);
      continue;
    }
    let redundant = false;
    for (let j = 0; j < chosen && !redundant; j++) redundant = isNestedTerm(vocabulary, c, columns[out[j]]);
    for (let j = 0; j < aliases.length && !redundant; j++) redundant = isNestedTerm(vocabulary, c, aliases[j]);
    if (redundant) continue;
    written.push(form);
    // Chosen terms nested in this one: the first is replaced by it, the others dropped.
    let first = -1;
    for (let j = 0; j < chosen && first < 0; j++) if (isNestedTerm(vocabulary, columns[out[j]], c)) first = j;
    if (first < 0) {
      out[chosen++] = i;
      continue;
    }
    out[first] = i;
    chosen = dropNestedIn(vocabulary, columns, out, first + 1, chosen, c);
  }
  return chosen;
}

/**
 * Removes from `out[from..to)` the positions whose terms are nested in column `c` (but the one at `keep`), in order;
 * returns the new end.
 */
function dropNestedIn(
  vocabulary: Vocabulary,
  columns: ArrayLike<number>,
  out: Int32Array,
  from: number,
  to: number,
  c: number,
  keep = -1,
): number {
  let kept = from;
  for (let j = from; j < to; j++) {
    if (j === keep || !isNestedTerm(vocabulary, columns[out[j]], c)) out[kept++] = out[j];
  }
  return kept;
}

/**
 * Order of two equally scored columns: the longer term first, then the lower column. A phrase whose words never occur
 * apart scores exactly as each of them; ranked first, it makes them redundant instead of filling the topics with them.
 */
export function longerFirst(vocabulary: Vocabulary, a: number, b: number): number {
  return vocabulary.termLength[b] - vocabulary.termLength[a] || a - b;
}

/**
 * The sameTopicKey of each of `terms`, filled in as columns are met, one array per term list.
 * NOTE: the regular expressions were a third of explaining the 133k links of 17.6k papers when run for every pick.
 */
function topicKeys(terms: readonly string[]): TopicKeys {
  let keys = TOPIC_KEYS.get(terms);
  if (keys === undefined) {
    const length = terms.length;
    keys = {
      keys: new Array(length),
      letters: new Array(length),
      firsts: new Array(length),
      fragments: new Array(length),
    };
    TOPIC_KEYS.set(terms, keys);
  }
  return keys;
}

/** Per column, filled in as columns are met: sameTopicKey, acronymLetters and initials of its display form. */
interface TopicKeys {
  keys: (string | undefined)[];
  letters: (string | null | undefined)[];
  firsts: (string | null | undefined)[];
  /** topic-shape isFragment. */
  fragments: (boolean | undefined)[];
}

const TOPIC_KEYS = new WeakMap<readonly string[], TopicKeys>();
