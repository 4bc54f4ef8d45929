// A TopicGraphBuild as plain parts and back: JSON for the small things and the strings, typed arrays for the rest
// (server/cache/array-file). Three parts, so that serving reads only what it answers from:
//   meta    options, model strings, ids, topic terms, graph attributes      (meta.json)
//   arrays  node and link columns, the papers' topic columns and weights, the model's and the lists' arrays
//                                                                            (arrays.bin)
//   graph   titles, optional fields, link keys and explanations: what only the graphology graph (the exports) holds
//           beyond the columns                                               (graph.json)
// decodeServedBuild gives what the store answers from, without building the graphology graph (seconds, and millions
// of long-lived objects, at 96k papers); decodeGraph builds the graph when an export needs it; decodeBuild does both
// and answers exactly as the build encoded.

import Graph from "graphology";

import { sharedTopics } from "../graph/explain.js";
import type { ClusterLabel } from "../graph/label.js";
import type { LinkEdgeAttributes, PaperNodeAttributes, TopicGraph, TopicGraphAttributes } from "../graph/types.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { graphColumns, type GraphColumns } from "../query/graph-columns.js";
import { buildPaperTopicTable } from "../query/paper-detail.js";
import type { PaperTable } from "../query/paper-table.js";
import type { ServedBuild } from "../query/served-build.js";
import { Lexicon } from "../text/lexicon.js";
import { PairIds } from "../text/pair-ids.js";
import type { Vocabulary } from "../text/vocabulary.js";
import { paperDateFields } from "../time/paper-date.js";
import type { StoredArray } from "./array-file.js";

/** Optional node fields, kept in graph.json (the store reads them from the corpus). */
type NodeRest = Pick<
  PaperNodeAttributes,
  "authors" | "year" | "url" | "categories" | "doi" | "venue" | "date" | "dateSource"
>;

export interface GraphText {
  nodes: { label: string; clusterLabel: string; color: string; rest: NodeRest }[];
  edgeKeys: string[];
  sharedTopics: string[];
}

export interface BuildMeta {
  graph: { attributes: TopicGraphAttributes; ids: string[]; topicTerms: string[]; topicWidth: number };
  model: {
    options: TopicGraphBuild["model"]["options"];
    terms: string[];
    surfaces: string[];
    tokenKeys: string[];
    vocabulary: { size: number; ngramRange: [number, number] };
    matrix: { rows: number; cols: number };
  };
  lsa: { dimensions: number; width: number } | null;
  related: { k: number };
  labels: ClusterLabel[];
  options: TopicGraphBuild["options"];
  timings: TopicGraphBuild["timings"];
}

export interface EncodedBuild {
  meta: BuildMeta;
  arrays: Record<string, StoredArray>;
  graph: GraphText;
}

export function encodeBuild(build: TopicGraphBuild): EncodedBuild {
  const { graph, model, lsa, index, related, expandedEmbeddings } = build;
  const columns = graphColumns(graph, build.options.paperTopics);
  const paperTopics = buildPaperTopicTable(model, columns);
  const bigrams = model.vocabulary.bigramIds.pairs();
  const nodes: GraphText["nodes"] = [];
  graph.forEachNode((_id, attributes) => {
    const { label, clusterLabel, color, authors, year, url, categories, doi, venue, date, dateSource } = attributes;
    nodes.push({ label, clusterLabel, color, rest: { authors, year, url, categories, doi, venue, date, dateSource } });
  });
  const edgeKeys: string[] = [];
  const sharedTopics: string[] = [];
  graph.forEachEdge((key, attributes) => {
    edgeKeys.push(key);
    sharedTopics.push(attributes.sharedTopics);
  });
  const { lexicon, vocabulary, matrix } = model;
  const arrays: Record<string, StoredArray> = {
    "node.cluster": columns.cluster,
    "node.x": columns.x,
    "node.y": columns.y,
    "node.size": columns.size,
    "node.confidence": columns.confidence,
    "node.subcluster": columns.subcluster,
    "node.topics": columns.topics,
    "paperTopics.columns": paperTopics.columns,
    "paperTopics.weights": paperTopics.weights,
    "edge.source": columns.source,
    "edge.target": columns.target,
    "edge.weight": columns.weight,
    "lexicon.surfaceToken": Int32Array.from(lexicon.surfaceToken),
    "lexicon.surfaceCount": Int32Array.from(lexicon.surfaceCount),
    "vocabulary.unigramColumn": vocabulary.unigramColumn,
    "vocabulary.bigramFirst": bigrams.firsts,
    "vocabulary.bigramSecond": bigrams.seconds,
    "vocabulary.bigramColumn": vocabulary.bigramColumn,
    "vocabulary.trigramKeys": Float64Array.from(vocabulary.trigramColumn.keys()),
    "vocabulary.trigramColumns": Int32Array.from(vocabulary.trigramColumn.values()),
    "vocabulary.termTokens": vocabulary.termTokens,
    "vocabulary.termLength": vocabulary.termLength,
    "vocabulary.df": vocabulary.df,
    "vocabulary.cutOff": vocabulary.cutOff ?? new Uint8Array(vocabulary.size),
    "model.idf": model.idf,
    "matrix.indptr": matrix.indptr,
    "matrix.indices": matrix.indices,
    "matrix.values": matrix.values,
    "index.colptr": index.colptr,
    "index.rows": index.rows,
    "index.weights": index.weights,
    "related.indices": related.indices,
    "related.scores": related.scores,
    membership: build.membership,
  };
  if (lsa !== null) {
    Object.assign(arrays, {
      "lsa.embeddings": lsa.embeddings,
      "lsa.termSketch": lsa.termSketch,
      "lsa.fold": lsa.fold,
      "lsa.singularValues": lsa.singularValues,
    });
  }
  if (expandedEmbeddings !== null) arrays.expandedEmbeddings = expandedEmbeddings;

  const meta: BuildMeta = {
    graph: {
      attributes: graph.getAttributes(),
      ids: [...columns.ids],
      topicTerms: [...columns.topicTerms],
      topicWidth: columns.topicWidth,
    },
    model: {
      options: model.options,
      terms: model.terms,
      surfaces: lexicon.surfaces,
      tokenKeys: lexicon.tokenKeys,
      vocabulary: { size: vocabulary.size, ngramRange: [vocabulary.ngramRange[0], vocabulary.ngramRange[1]] },
      matrix: { rows: matrix.rows, cols: matrix.cols },
    },
    lsa: lsa === null ? null : { dimensions: lsa.dimensions, width: lsa.width },
    related: { k: related.k },
    labels: build.labels,
    options: build.options,
    timings: build.timings,
  };
  return { meta, arrays, graph: { nodes, edgeKeys, sharedTopics } };
}

/** Typed views of the stored arrays by name. */
function arrayReader(arrays: Record<string, StoredArray>) {
  const get = (name: string) => {
    const array = arrays[name];
    if (array === undefined) throw new RangeError(`cache/build-codec: the entry has no array ${name}`);
    return array;
  };
  return {
    int: (name: string) => get(name) as Int32Array,
    float: (name: string) => get(name) as Float32Array,
    double: (name: string) => get(name) as Float64Array,
    bytes: (name: string) => get(name) as Uint8Array,
    has: (name: string) => arrays[name] !== undefined,
  };
}

/** The graph as the store's columns. */
function decodeColumns(meta: BuildMeta, arrays: Record<string, StoredArray>): GraphColumns {
  const { int, double } = arrayReader(arrays);
  return {
    ids: meta.graph.ids,
    cluster: int("node.cluster"),
    x: double("node.x"),
    y: double("node.y"),
    size: double("node.size"),
    confidence: double("node.confidence"),
    subcluster: int("node.subcluster"),
    topicWidth: meta.graph.topicWidth,
    topics: int("node.topics"),
    topicTerms: meta.graph.topicTerms,
    source: int("edge.source"),
    target: int("edge.target"),
    weight: double("edge.weight"),
    clusters: meta.graph.attributes.clusters,
    corpusHash: meta.graph.attributes.corpusHash,
  };
}

/** What the store answers from: the model, the lists and the graph as columns, with no graphology graph. */
/**
 * The arrays that only queries read (the TF-IDF rows, the inverted index, the related lists, LSA): stored apart
 * (lists.bin), so that a restart decodes the rest while they are still being read.
 */
export function isQueryList(name: string): boolean {
  return /^(matrix|index|related|lsa)\.|^expandedEmbeddings$/.test(name);
}

/** The lexicon and the vocabulary with their maps: the costly part of decoding, from the arrays not in lists.bin. */
export interface DecodedModelMaps {
  lexicon: Lexicon;
  vocabulary: Vocabulary;
}

export function decodeModelMaps(meta: BuildMeta, arrays: Record<string, StoredArray>): DecodedModelMaps {
  const { int, double, bytes } = arrayReader(arrays);
  const lexicon = new Lexicon({
    surfaces: meta.model.surfaces,
    surfaceToken: int("lexicon.surfaceToken"),
    surfaceCount: int("lexicon.surfaceCount"),
    tokenKeys: meta.model.tokenKeys,
  });
  const pairs = (keys: Float64Array, values: Int32Array) =>
    new Map(Array.from(keys, (key, i) => [key, values[i]] as [number, number]));
  const vocabulary = {
    size: meta.model.vocabulary.size,
    ngramRange: meta.model.vocabulary.ngramRange,
    unigramColumn: int("vocabulary.unigramColumn"),
    bigramIds: PairIds.fromPairs(int("vocabulary.bigramFirst"), int("vocabulary.bigramSecond")),
    bigramColumn: int("vocabulary.bigramColumn"),
    trigramColumn: pairs(double("vocabulary.trigramKeys"), int("vocabulary.trigramColumns")),
    termTokens: int("vocabulary.termTokens"),
    termLength: bytes("vocabulary.termLength"),
    df: int("vocabulary.df"),
    cutOff: bytes("vocabulary.cutOff"),
  };
  return { lexicon, vocabulary };
}

/** The build as the store reads it; `maps`, when given, are decodeModelMaps of the same entry. */
export function decodeServedBuild(
  meta: BuildMeta,
  arrays: Record<string, StoredArray>,
  maps: DecodedModelMaps = decodeModelMaps(meta, arrays),
): ServedBuild {
  const { int, float, double, has } = arrayReader(arrays);
  const { lexicon, vocabulary } = maps;
  const matrix = {
    ...meta.model.matrix,
    indptr: int("matrix.indptr"),
    indices: int("matrix.indices"),
    values: float("matrix.values"),
  };
  const model = {
    options: meta.model.options,
    lexicon,
    vocabulary,
    idf: float("model.idf"),
    terms: meta.model.terms,
    matrix,
  };
  const lsa =
    meta.lsa === null
      ? null
      : {
          ...meta.lsa,
          embeddings: float("lsa.embeddings"),
          termSketch: float("lsa.termSketch"),
          fold: double("lsa.fold"),
          singularValues: double("lsa.singularValues"),
        };
  return {
    model,
    lsa,
    index: { colptr: int("index.colptr"), rows: int("index.rows"), weights: float("index.weights") },
    related: { k: meta.related.k, indices: int("related.indices"), scores: float("related.scores") },
    expandedEmbeddings: has("expandedEmbeddings") ? float("expandedEmbeddings") : null,
    membership: int("membership"),
    options: meta.options,
    columns: decodeColumns(meta, arrays),
    // NOTE: absent from the first entries of format 4; the store computes the table then.
    paperTopics: has("paperTopics.columns")
      ? { width: meta.graph.topicWidth, columns: int("paperTopics.columns"), weights: float("paperTopics.weights") }
      : undefined,
  };
}

/**
 * The graphology graph from the store's columns, the graph's attributes and graph.json; node attributes in the
 * pipeline's order, so that the exports are the same bytes as the build's. Given `rows`, only those papers and the
 * links among them: an export of a selection then makes a graph of its size, not of the whole map.
 */
export function decodeGraph(
  columns: GraphColumns,
  attributes: TopicGraphAttributes,
  text: GraphText,
  rows?: ArrayLike<number>,
): TopicGraph {
  const { ids, topicWidth, topics, topicTerms } = columns;
  let kept: Uint8Array | null = null;
  if (rows !== undefined) {
    kept = new Uint8Array(ids.length);
    for (let r = 0; r < rows.length; r++) if (rows[r] < ids.length) kept[rows[r]] = 1;
  }
  const graph: TopicGraph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  ids.forEach((id, row) => {
    if (kept !== null && kept[row] === 0) return;
    const node = text.nodes[row];
    const terms: string[] = [];
    for (let t = row * topicWidth; t < (row + 1) * topicWidth && topics[t] >= 0; t++) terms.push(topicTerms[topics[t]]);
    const paper: PaperNodeAttributes = {
      label: node.label,
      cluster: columns.cluster[row],
      clusterLabel: node.clusterLabel,
      topics: terms,
      x: columns.x[row],
      y: columns.y[row],
      size: columns.size[row],
      color: node.color,
      confidence: columns.confidence[row],
      subcluster: columns.subcluster[row],
    };
    const { authors, year, url, categories, doi, venue, date, dateSource } = node.rest;
    if (authors !== undefined) paper.authors = authors;
    if (year !== undefined) paper.year = year;
    if (url !== undefined) paper.url = url;
    if (categories !== undefined) paper.categories = categories;
    if (doi !== undefined) paper.doi = doi;
    if (venue !== undefined) paper.venue = venue;
    if (date !== undefined) paper.date = date;
    if (dateSource !== undefined) paper.dateSource = dateSource;
    graph.addNode(id, paper);
  });
  text.edgeKeys.forEach((key, e) => {
    if (kept !== null && (kept[columns.source[e]] === 0 || kept[columns.target[e]] === 0)) return;
    const edge: LinkEdgeAttributes = { weight: columns.weight[e], sharedTopics: text.sharedTopics[e] };
    graph.addEdgeWithKey(key, ids[columns.source[e]], ids[columns.target[e]], edge);
  });
  graph.replaceAttributes(attributes);
  return graph;
}

/**
 * graph.json's text from what the store keeps (the build as served and its papers), equal to what encodeBuild wrote:
 * for an entry whose graph.json is damaged or gone. The links' explanations are computed again (graph/explain).
 */
export function graphTextOf(build: ServedBuild, papers: PaperTable): GraphText {
  const { columns, model, options } = build;
  const nodes = columns.ids.map((_id, row): GraphText["nodes"][number] => {
    const paper = papers.paper(row);
    const { title, authors, year, url, categories, doi, venue } = paper;
    const { label, color } = columns.clusters[columns.cluster[row]];
    const rest = { authors, year, url, categories, doi, venue, ...paperDateFields(paper) };
    return { label: title, clusterLabel: label, color, rest };
  });
  const edgeKeys = Array.from(columns.source, (_source, e) => `e${e}`);
  const explanations = Array.from(columns.source, (source, e) =>
    sharedTopics(model, source, columns.target[e], options.edgeTopics),
  );
  return { nodes, edgeKeys, sharedTopics: explanations };
}

export function decodeBuild(encoded: EncodedBuild): TopicGraphBuild {
  const { meta, arrays } = encoded;
  const { columns, paperTopics: _table, ...served } = decodeServedBuild(meta, arrays);
  return {
    ...served,
    graph: decodeGraph(columns, meta.graph.attributes, encoded.graph),
    labels: meta.labels,
    timings: meta.timings,
  };
}
