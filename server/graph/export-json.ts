// Graphology JSON serialisation of the topic graph (the `graph.export()` format), deterministic key order.

import type { LinkEdgeAttributes, PaperNodeAttributes, TopicGraph } from "./types.js";

/**
 * JSON.stringify with the keys of every object sorted (UTF-16 code unit order), so that two objects holding the
 * same data serialise identically whatever order their keys were set in. Arrays keep their order; bigints are
 * written as decimal strings; everything else follows JSON.stringify (undefined dropped, NaN/Infinity as null).
 */
export function stableStringify(value: unknown): string | undefined {
  return JSON.stringify(value, sortedKeysReplacer);
}

function sortedKeysReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}

/**
 * The graph in graphology's serialised format, as `JSON.stringify(graph.export())` would give it but byte-stable:
 * the top level, nodes and edges keep graphology's field order (options, attributes, nodes, edges; key, source,
 * target, attributes, undirected), nodes and edges stay in graph order, and every attribute object has its keys
 * sorted. `Graph.from(JSON.parse(json))` rebuilds the graph.
 */
export function toGraphJson(graph: TopicGraph): string {
  // NOTE: walks the graph directly rather than calling graph.export(), which copies every attribute object first.
  const options = { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops };
  const markUndirected = graph.type === "mixed";

  const nodes: string[] = [];
  graph.forEachNode((key: string, attributes: PaperNodeAttributes) => {
    const body = isEmpty(attributes) ? "" : `,"attributes":${stableStringify(attributes)}`;
    nodes.push(`{"key":${JSON.stringify(key)}${body}}`);
  });

  const edges: string[] = [];
  graph.forEachEdge((key: string, attributes: LinkEdgeAttributes, source: string, target: string) => {
    let text = `{"key":${JSON.stringify(key)},"source":${JSON.stringify(source)},"target":${JSON.stringify(target)}`;
    if (!isEmpty(attributes)) text += `,"attributes":${stableStringify(attributes)}`;
    if (markUndirected && graph.isUndirected(key)) text += `,"undirected":true`;
    edges.push(`${text}}`);
  });

  const head = `{"options":${JSON.stringify(options)},"attributes":${stableStringify(graph.getAttributes())}`;
  return `${head},"nodes":[${nodes.join(",")}],"edges":[${edges.join(",")}]}`;
}

function isEmpty(record: object): boolean {
  for (const _key in record) return false;
  return true;
}
