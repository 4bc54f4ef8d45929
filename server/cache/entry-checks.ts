// What a saved build must hold before the store is built from it: every array of the length its meta.json implies,
// every index within what it indexes (a row, a cluster, a column, a token), every offset list rising from 0 to the
// end of what it delimits. The checksums (cache/entry-manifest) find a damaged file; these find an entry that was
// written wrong, before a wrong value becomes a crash in createStore or a wrong answer.

import type { StoredArray } from "./array-file.js";
import type { BuildMeta, GraphText } from "./build-codec.js";

/** An array of a saved build that is not what its build would hold. */
export class EntryRangeError extends RangeError {
  constructor(
    readonly array: string,
    message: string,
  ) {
    super(`${array} ${message}`);
  }
}

interface ArrayRule {
  length: number;
  /** Values in [min, max) (integer arrays). */
  min?: number;
  max?: number;
  /** An offset list: rises from 0 to `end`. */
  offsetsTo?: number;
  /** Every value is a finite number (float arrays that answers show). */
  finite?: boolean;
}

/** Checks the arrays of a saved build against its meta; EntryRangeError naming the first array that is wrong. */
export function checkBuildArrays(meta: BuildMeta, arrays: Record<string, StoredArray>): void {
  const { graph, model, lsa, related } = meta;
  const count = (value: unknown, name: string) => {
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new EntryRangeError(name, `is ${String(value)}, not a count`);
    }
    return value as number;
  };
  const n = count(graph.ids?.length, "meta.graph.ids");
  const clusters = count(graph.attributes?.clusters?.length, "meta.graph.attributes.clusters");
  const width = count(graph.topicWidth, "meta.graph.topicWidth");
  const terms = count(graph.topicTerms?.length, "meta.graph.topicTerms");
  const columns = count(model.vocabulary?.size, "meta.model.vocabulary.size");
  const tokens = count(model.tokenKeys?.length, "meta.model.tokenKeys");
  const surfaces = count(model.surfaces?.length, "meta.model.surfaces");
  const rows = count(model.matrix?.rows, "meta.model.matrix.rows");
  const cols = count(model.matrix?.cols, "meta.model.matrix.cols");
  const k = count(related?.k, "meta.related.k");
  if (rows !== n) throw new EntryRangeError("meta.model.matrix.rows", `is ${rows}, not the ${n} papers`);
  if (cols !== columns) throw new EntryRangeError("meta.model.matrix.cols", `is ${cols}, not the ${columns} terms`);
  const termCount = count(model.terms?.length, "meta.model.terms");
  if (termCount !== columns) throw new EntryRangeError("meta.model.terms", `holds ${termCount} terms, not ${columns}`);
  const edges = lengthOf(arrays, "edge.source");
  const bigrams = lengthOf(arrays, "vocabulary.bigramFirst");
  const trigrams = lengthOf(arrays, "vocabulary.trigramKeys");
  const nonZeros = lengthOf(arrays, "matrix.indices");
  const postings = lengthOf(arrays, "index.rows");

  const rules: Record<string, ArrayRule> = {
    "node.cluster": { length: n, min: 0, max: clusters },
    "node.x": { length: n, finite: true },
    "node.y": { length: n, finite: true },
    "node.size": { length: n, finite: true },
    "node.confidence": { length: n, finite: true },
    "node.subcluster": { length: n, min: -1, max: Math.max(0, ...subclusterCounts(meta)) },
    "node.topics": { length: n * width, min: -1, max: terms },
    "edge.source": { length: edges, min: 0, max: n },
    "edge.target": { length: edges, min: 0, max: n },
    "edge.weight": { length: edges, finite: true },
    membership: { length: n, min: 0, max: clusters },
    "lexicon.surfaceToken": { length: surfaces, min: -1, max: tokens },
    "lexicon.surfaceCount": { length: surfaces, min: 0 },
    "vocabulary.unigramColumn": { length: tokens, min: -1, max: columns },
    "vocabulary.bigramFirst": { length: bigrams, min: 0, max: tokens },
    "vocabulary.bigramSecond": { length: bigrams, min: 0, max: tokens },
    "vocabulary.bigramColumn": { length: bigrams, min: -1, max: columns },
    "vocabulary.trigramKeys": { length: trigrams },
    "vocabulary.trigramColumns": { length: trigrams, min: 0, max: columns },
    "vocabulary.termTokens": { length: columns * 3, min: -1, max: tokens },
    "vocabulary.termLength": { length: columns, min: 1, max: 4 },
    "vocabulary.df": { length: columns, min: 0 },
    "model.idf": { length: columns, finite: true },
    "matrix.indptr": { length: rows + 1, offsetsTo: nonZeros },
    "matrix.indices": { length: nonZeros, min: 0, max: cols },
    "matrix.values": { length: nonZeros },
    "index.colptr": { length: cols + 1, offsetsTo: postings },
    "index.rows": { length: postings, min: 0, max: rows },
    "index.weights": { length: postings },
    "related.indices": { length: n * k, min: -1, max: n },
    "related.scores": { length: n * k, finite: true },
  };
  if (arrays["paperTopics.columns"] !== undefined) {
    rules["paperTopics.columns"] = { length: n * width, min: -1, max: columns };
    rules["paperTopics.weights"] = { length: n * width, finite: true };
  }
  if (lsa !== null) {
    const d = count(lsa.dimensions, "meta.lsa.dimensions");
    const sketch = count(lsa.width, "meta.lsa.width");
    rules["lsa.embeddings"] = { length: n * d };
    rules["lsa.termSketch"] = { length: columns * sketch };
    rules["lsa.fold"] = { length: sketch * d };
    rules["lsa.singularValues"] = { length: d };
    if (arrays.expandedEmbeddings !== undefined) rules.expandedEmbeddings = { length: n * d };
  }
  for (const [name, rule] of Object.entries(rules)) checkArray(name, arrays[name], rule);
  // A paper's subcluster is one of its own cluster's.
  const subclusters = subclusterCounts(meta);
  const [cluster, subcluster] = [arrays["node.cluster"], arrays["node.subcluster"]];
  for (let row = 0; row < n; row++) {
    if (subcluster[row] >= subclusters[cluster[row]]) {
      throw new EntryRangeError(
        "node.subcluster",
        `[${row}] = ${subcluster[row]}, not a subcluster of cluster ${cluster[row]}`,
      );
    }
  }
}

/** The search index (query/search-index): each offset list spans what it delimits, each posting a paper. */
export function checkSearchArrays(
  keys: number,
  groups: number,
  rows: number,
  arrays: Record<string, StoredArray>,
): void {
  const postings = lengthOf(arrays, "postingRows");
  const positions = lengthOf(arrays, "positions");
  checkArray("groupptr", arrays.groupptr, { length: groups + 1, offsetsTo: keys });
  checkArray("keyptr", arrays.keyptr, { length: keys + 1, offsetsTo: postings });
  checkArray("postingRows", arrays.postingRows, { length: postings, min: 0, max: rows });
  checkArray("posptr", arrays.posptr, { length: postings + 1, offsetsTo: positions });
  checkArray("titleLength", arrays.titleLength, { length: rows });
  checkArray("abstractLength", arrays.abstractLength, { length: rows });
}

/** The paper table's offsets: each column's offsets rise from 0 to the end of its bytes (query/paper-table). */
export function checkPaperArrays(n: number, arrays: Record<string, StoredArray>): void {
  for (const column of ["title", "abstract", "extra"]) {
    const bytes = arrays[`papers.${column}s`];
    if (bytes === undefined) throw new EntryRangeError(`papers.${column}s`, "is missing");
    checkArray(`papers.${column}Offsets`, arrays[`papers.${column}Offsets`], {
      length: n + 1,
      offsetsTo: bytes.length,
    });
  }
  checkArray("papers.years", arrays["papers.years"], { length: n });
}

function subclusterCounts(meta: BuildMeta): number[] {
  return meta.graph.attributes.clusters.map((cluster) => cluster.subclusters?.length ?? 0);
}

function lengthOf(arrays: Record<string, StoredArray>, name: string): number {
  const array = arrays[name];
  if (array === undefined) throw new EntryRangeError(name, "is missing");
  return array.length;
}

function checkArray(name: string, array: StoredArray | undefined, rule: ArrayRule): void {
  if (array === undefined) throw new EntryRangeError(name, "is missing");
  if (array.length !== rule.length) throw new EntryRangeError(name, `holds ${array.length} values, not ${rule.length}`);
  const { min = -Infinity, max = Infinity, offsetsTo, finite } = rule;
  if (offsetsTo !== undefined) {
    if (array[0] !== 0 || array[array.length - 1] !== offsetsTo) {
      throw new EntryRangeError(
        name,
        `runs from ${array[0]} to ${array[array.length - 1]}, not from 0 to ${offsetsTo}`,
      );
    }
    for (let i = 1; i < array.length; i++) {
      // NOTE: `!(a <= b)` also catches NaN in float offsets.
      if (!(array[i - 1] <= array[i]) || !Number.isInteger(array[i])) {
        throw new EntryRangeError(name, `falls from ${array[i - 1]} to ${array[i]} at ${i}`);
      }
    }
    return;
  }
  if (finite) {
    const at = firstNotFinite(array as Float32Array | Float64Array);
    if (at !== -1) throw new EntryRangeError(name, `[${at}] = ${array[at]}, not a finite number`);
  }
  if (min === -Infinity && max === Infinity) return;
  // NOTE: the bounds of the whole array first, in a loop of one array type (tens of millions of values at 96k
  // papers); the offending value is looked for only when they are out.
  const [low, high] = array instanceof Int32Array ? boundsOfInts(array) : boundsOf(array);
  if (low >= min && high < max) return;
  for (let i = 0; i < array.length; i++) {
    if (!(array[i] >= min && array[i] < max)) {
      throw new EntryRangeError(name, `[${i}] = ${array[i]}, out of [${min}, ${max})`);
    }
  }
}

function boundsOfInts(array: Int32Array): [number, number] {
  let low = 0;
  let high = -1;
  if (array.length > 0) low = high = array[0];
  for (let i = 1; i < array.length; i++) {
    const value = array[i];
    if (value < low) low = value;
    else if (value > high) high = value;
  }
  return [low, high];
}

function boundsOf(array: StoredArray): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < array.length; i++) {
    const value = array[i];
    if (!(value >= low)) low = value;
    if (!(value <= high)) high = value;
  }
  return array.length === 0 ? [0, -1] : [low, high];
}

/** graph.json's text: a node per paper and an explanation per link, strings where the graph holds strings. */
export function checkGraphText(text: GraphText, papers: number, links: number): void {
  const list = (name: keyof GraphText, length: number) => {
    const value = text?.[name];
    if (!Array.isArray(value) || value.length !== length) {
      throw new EntryRangeError(
        name,
        `is not a list of ${length} (got ${Array.isArray(value) ? value.length : typeof value})`,
      );
    }
  };
  list("nodes", papers);
  list("edgeKeys", links);
  list("sharedTopics", links);
  text.nodes.forEach((node, row) => {
    const ok =
      typeof node === "object" &&
      node !== null &&
      typeof node.label === "string" &&
      typeof node.clusterLabel === "string" &&
      typeof node.color === "string" &&
      typeof node.rest === "object" &&
      node.rest !== null;
    if (!ok) throw new EntryRangeError("nodes", `[${row}] is not a node's text`);
  });
  for (let e = 0; e < links; e++) {
    if (typeof text.edgeKeys[e] !== "string" || typeof text.sharedTopics[e] !== "string") {
      throw new EntryRangeError("edgeKeys", `[${e}] or its explanation is not a string`);
    }
  }
}

/** The index of the first NaN or infinite value, or -1. */
function firstNotFinite(array: Float32Array | Float64Array): number {
  for (let i = 0; i < array.length; i++) {
    const value = array[i];
    // NOTE: value - value is NaN for NaN and ±Infinity, 0 otherwise.
    if (value - value !== 0) return i;
  }
  return -1;
}
