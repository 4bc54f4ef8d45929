// A TopicGraphBuild as plain parts and back: JSON for the small things and the strings, typed arrays for the rest
// (server/cache/array-file). Decoding gives a build that answers exactly as the one encoded.

import Graph from "graphology";

import type { ClusterLabel } from "../graph/label.js";
import type { LinkEdgeAttributes, PaperNodeAttributes, TopicGraph, TopicGraphAttributes } from "../graph/types.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { Lexicon } from "../text/lexicon.js";
import type { StoredArray } from "./array-file.js";

/** Node attributes kept as columns; the rest of a node's attributes (optional fields) go to JSON. */
const NUMERIC_NODE_FIELDS = ["cluster", "x", "y", "size", "confidence", "subcluster"] as const;

export interface EncodedBuild {
  meta: Record<string, unknown>;
  arrays: Record<string, StoredArray>;
}

export function encodeBuild(build: TopicGraphBuild): EncodedBuild {
  const { graph, model, lsa, index, related, expandedEmbeddings } = build;
  const arrays: Record<string, StoredArray> = {};
  const ids: string[] = [];
  const position = new Map<string, number>();
  const numeric = Object.fromEntries(NUMERIC_NODE_FIELDS.map((field) => [field, new Float64Array(graph.order)]));
  const text: { label: string; clusterLabel: string; topics: string[]; color: string; rest: Record<string, unknown> }[] = [];
  graph.forEachNode((id, attributes) => {
    position.set(id, ids.length);
    for (const field of NUMERIC_NODE_FIELDS) numeric[field][ids.length] = attributes[field];
    const { label, clusterLabel, topics, color, cluster: _c, x: _x, y: _y, size: _s, confidence: _f, subcluster: _u, ...rest } =
      attributes;
    text.push({ label, clusterLabel, topics, color, rest });
    ids.push(id);
  });
  for (const field of NUMERIC_NODE_FIELDS) arrays[`node.${field}`] = numeric[field];
  const edgeSource = new Int32Array(graph.size);
  const edgeTarget = new Int32Array(graph.size);
  const edgeWeight = new Float64Array(graph.size);
  const edgeKeys: string[] = [];
  const sharedTopics: string[] = [];
  graph.forEachEdge((key, attributes, source, target) => {
    const e = edgeKeys.length;
    edgeSource[e] = position.get(source)!;
    edgeTarget[e] = position.get(target)!;
    edgeWeight[e] = attributes.weight;
    edgeKeys.push(key);
    sharedTopics.push(attributes.sharedTopics);
  });
  Object.assign(arrays, { "edge.source": edgeSource, "edge.target": edgeTarget, "edge.weight": edgeWeight });

  const { lexicon, vocabulary, matrix } = model;
  Object.assign(arrays, {
    "lexicon.surfaceToken": Int32Array.from(lexicon.surfaceToken),
    "lexicon.surfaceCount": Int32Array.from(lexicon.surfaceCount),
    "vocabulary.unigramColumn": vocabulary.unigramColumn,
    "vocabulary.bigramKeys": Float64Array.from(vocabulary.bigramIds.keys()),
    "vocabulary.bigramIds": Int32Array.from(vocabulary.bigramIds.values()),
    "vocabulary.bigramColumn": vocabulary.bigramColumn,
    "vocabulary.trigramKeys": Float64Array.from(vocabulary.trigramColumn.keys()),
    "vocabulary.trigramColumns": Int32Array.from(vocabulary.trigramColumn.values()),
    "vocabulary.termTokens": vocabulary.termTokens,
    "vocabulary.termLength": vocabulary.termLength,
    "vocabulary.df": vocabulary.df,
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
  });
  if (lsa !== null) {
    Object.assign(arrays, {
      "lsa.embeddings": lsa.embeddings,
      "lsa.termSketch": lsa.termSketch,
      "lsa.fold": lsa.fold,
      "lsa.singularValues": lsa.singularValues,
    });
  }
  if (expandedEmbeddings !== null) arrays.expandedEmbeddings = expandedEmbeddings;

  const meta = {
    graph: { attributes: graph.getAttributes(), ids, text, edgeKeys, sharedTopics },
    model: {
      options: model.options,
      terms: model.terms,
      surfaces: lexicon.surfaces,
      tokenKeys: lexicon.tokenKeys,
      vocabulary: { size: vocabulary.size, ngramRange: vocabulary.ngramRange },
      matrix: { rows: matrix.rows, cols: matrix.cols },
    },
    lsa: lsa === null ? null : { dimensions: lsa.dimensions, width: lsa.width },
    related: { k: related.k },
    labels: build.labels,
    options: build.options,
    timings: build.timings,
  };
  return { meta, arrays };
}

type Meta = ReturnType<typeof encodeBuild>["meta"] & {
  graph: {
    attributes: TopicGraphAttributes;
    ids: string[];
    text: { label: string; clusterLabel: string; topics: string[]; color: string; rest: Record<string, unknown> }[];
    edgeKeys: string[];
    sharedTopics: string[];
  };
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
};

export function decodeBuild(encoded: EncodedBuild): TopicGraphBuild {
  const meta = encoded.meta as Meta;
  const a = encoded.arrays as Record<string, never>;
  const int = (name: string) => a[name] as unknown as Int32Array;
  const float = (name: string) => a[name] as unknown as Float32Array;
  const double = (name: string) => a[name] as unknown as Float64Array;

  const graph: TopicGraph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  const { ids, text, edgeKeys, sharedTopics } = meta.graph;
  ids.forEach((id, i) => {
    const attributes = { ...text[i].rest, label: text[i].label, clusterLabel: text[i].clusterLabel, topics: text[i].topics, color: text[i].color } as PaperNodeAttributes;
    for (const field of NUMERIC_NODE_FIELDS) attributes[field] = double(`node.${field}`)[i];
    graph.addNode(id, attributes);
  });
  const source = int("edge.source");
  const target = int("edge.target");
  const weight = double("edge.weight");
  edgeKeys.forEach((key, e) => {
    const attributes: LinkEdgeAttributes = { weight: weight[e], sharedTopics: sharedTopics[e] };
    graph.addEdgeWithKey(key, ids[source[e]], ids[target[e]], attributes);
  });
  graph.replaceAttributes(meta.graph.attributes);

  const lexicon = Lexicon.restore({
    surfaces: meta.model.surfaces,
    surfaceToken: int("lexicon.surfaceToken"),
    surfaceCount: int("lexicon.surfaceCount"),
    tokenKeys: meta.model.tokenKeys,
  });
  const bigramKeys = double("vocabulary.bigramKeys");
  const bigramIdValues = int("vocabulary.bigramIds");
  const trigramKeys = double("vocabulary.trigramKeys");
  const trigramColumns = int("vocabulary.trigramColumns");
  const vocabulary = {
    size: meta.model.vocabulary.size,
    ngramRange: meta.model.vocabulary.ngramRange,
    unigramColumn: int("vocabulary.unigramColumn"),
    bigramIds: new Map(Array.from(bigramKeys, (key, i) => [key, bigramIdValues[i]] as [number, number])),
    bigramColumn: int("vocabulary.bigramColumn"),
    trigramColumn: new Map(Array.from(trigramKeys, (key, i) => [key, trigramColumns[i]] as [number, number])),
    termTokens: int("vocabulary.termTokens"),
    termLength: a["vocabulary.termLength"] as unknown as Uint8Array,
    df: int("vocabulary.df"),
  };
  const matrix = { ...meta.model.matrix, indptr: int("matrix.indptr"), indices: int("matrix.indices"), values: float("matrix.values") };
  const model = { options: meta.model.options, lexicon, vocabulary, idf: float("model.idf"), terms: meta.model.terms, matrix };
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
    graph,
    model,
    lsa,
    index: { colptr: int("index.colptr"), rows: int("index.rows"), weights: float("index.weights") },
    related: { k: meta.related.k, indices: int("related.indices"), scores: float("related.scores") },
    expandedEmbeddings: a.expandedEmbeddings === undefined ? null : float("expandedEmbeddings"),
    membership: int("membership"),
    labels: meta.labels,
    options: meta.options,
    timings: meta.timings,
  };
}
