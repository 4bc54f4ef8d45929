// GraphML serialisation of the topic graph, with the GEXF export's attributes (graph/export-xml): a deterministic
// XML writer that yields one chunk per element.

import { describeGraph, escapeXml, NODE_ATTRIBUTES, nodeAttributeValues, parseHexColor } from "./export-xml.js";
import type { AttributeKind } from "./export-xml.js";
import type { LinkEdgeAttributes, PaperNodeAttributes, TopicGraph } from "./types.js";

const GRAPHML_TYPES: Record<AttributeKind, string> = {
  integer: "int",
  float: "double",
  string: "string",
  list: "string",
};

/**
 * Keys beyond the GEXF's declared attributes: what GEXF writes as `viz:` elements and the label, under the names
 * Gephi's GraphML import reads (`label`, `x`, `y`, `size`, `r`, `g`, `b`).
 */
const DRAWING_KEYS = [
  { id: "label", type: "string" },
  { id: "x", type: "double" },
  { id: "y", type: "double" },
  { id: "size", type: "double" },
  { id: "r", type: "int" },
  { id: "g", type: "int" },
  { id: "b", type: "int" },
] as const;

/** The graph as a GraphML string; see `graphmlChunks`. */
export function toGraphml(graph: TopicGraph): string {
  let output = "";
  for (const chunk of graphmlChunks(graph)) output += chunk;
  return output;
}

/**
 * The graph as GraphML (graphml.graphdrawing.org), one chunk per node or edge. Lists (topics, authors, categories)
 * are strings holding a JSON array, as in the GEXF; the graph's description is the graph's `description` data. Same
 * graph, byte-identical output; text escaped as in the GEXF; a value of the wrong type is left out.
 */
export function* graphmlChunks(graph: TopicGraph): Generator<string, void, undefined> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n`;
  yield `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n`;
  yield `  <key id="description" for="graph" attr.name="description" attr.type="string"/>\n`;
  for (const { id, type } of DRAWING_KEYS) yield key(id, "node", type);
  for (const { id, kind } of NODE_ATTRIBUTES) yield key(id, "node", GRAPHML_TYPES[kind]);
  yield key("weight", "edge", "double");
  yield key("sharedTopics", "edge", "string");
  yield `  <graph id="topicgraph" edgedefault="undirected">\n`;
  yield `    <data key="description">${escapeXml(describeGraph(graph))}</data>\n`;
  for (const { node, attributes } of graph.nodeEntries()) yield writeNode(node, attributes);
  // NOTE: edge ids are positions in graph order, as in the GEXF (graphology's generated keys differ per process).
  let index = 0;
  for (const { attributes, source, target, undirected } of graph.edgeEntries()) {
    yield writeEdge(index++, source, target, undirected, attributes);
  }
  yield `  </graph>\n</graphml>\n`;
}

function key(id: string, kind: "node" | "edge", type: string): string {
  return `  <key id="${id}" for="${kind}" attr.name="${id}" attr.type="${type}"/>\n`;
}

function writeNode(node: string, attributes: PaperNodeAttributes): string {
  let text = `    <node id="${escapeXml(node)}">\n`;
  if (typeof attributes.label === "string") text += data("label", attributes.label);
  if (Number.isFinite(attributes.x) && Number.isFinite(attributes.y)) {
    text += data("x", String(attributes.x)) + data("y", String(attributes.y));
  }
  if (Number.isFinite(attributes.size) && attributes.size >= 0) text += data("size", String(attributes.size));
  const rgb = parseHexColor(attributes.color);
  if (rgb) text += data("r", String(rgb[0])) + data("g", String(rgb[1])) + data("b", String(rgb[2]));
  for (const [id, value] of nodeAttributeValues(attributes)) text += data(id, value);
  return `${text}    </node>\n`;
}

function writeEdge(
  index: number,
  source: string,
  target: string,
  undirected: boolean,
  attributes: LinkEdgeAttributes,
): string {
  // NOTE: GraphML's edge `directed` attribute overrides the graph's default for a directed edge of a mixed graph.
  let text = `    <edge id="e${index}" source="${escapeXml(source)}" target="${escapeXml(target)}"`;
  if (!undirected) text += ` directed="true"`;
  text += ">\n";
  if (Number.isFinite(attributes.weight)) text += data("weight", String(attributes.weight));
  if (typeof attributes.sharedTopics === "string") text += data("sharedTopics", attributes.sharedTopics);
  return `${text}    </edge>\n`;
}

function data(keyId: string, value: string): string {
  return `      <data key="${keyId}">${escapeXml(value)}</data>\n`;
}
