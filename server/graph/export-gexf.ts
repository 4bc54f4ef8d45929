// GEXF 1.3 / 1.2draft serialisation of the topic graph: a deterministic XML writer that yields one chunk per element.

import {
  describeGraph,
  escapeXml,
  NODE_ATTRIBUTES,
  nodeAttributeValues,
  parseHexColor,
  type AttributeKind,
} from "./export-xml.js";
import type { LinkEdgeAttributes, PaperNodeAttributes, TopicGraph } from "./types.js";

export type GexfVersion = "1.3" | "1.2";

export interface GexfExportOptions {
  /** "1.3" (gexf.net/1.3, validates against the 1.3 RELAX NG grammar) or "1.2" (the 1.2 draft networkx reads). */
  version?: GexfVersion;
}

export const GEXF_EXPORT_DEFAULTS: Required<GexfExportOptions> = { version: "1.3" };

const NAMESPACES: Record<GexfVersion, { gexf: string; viz: string }> = {
  "1.3": { gexf: "http://gexf.net/1.3", viz: "http://gexf.net/1.3/viz" },
  "1.2": { gexf: "http://www.gexf.net/1.2draft", viz: "http://www.gexf.net/1.2draft/viz" },
};

/** GEXF's names of the attribute kinds (graph/export-xml declares the attributes, shared with the GraphML). */
const GEXF_TYPES: Record<AttributeKind, string> = {
  integer: "integer",
  float: "float",
  string: "string",
  list: "liststring",
};
const GEXF_NODE_ATTRIBUTES = NODE_ATTRIBUTES.map(({ id, kind }) => ({ id, type: GEXF_TYPES[kind] }));

const EDGE_ATTRIBUTES = [{ id: "sharedTopics", type: "string" }] as const;

/** The graph as a GEXF string; see `gexfChunks`. */
export function toGexf(graph: TopicGraph, options?: GexfExportOptions): string {
  // NOTE: our own writer rather than graphology-gexf's, which on large graphs took several times the time and memory
  // (docs/performance.md) and whose output still needed fixing (xsi:schemaLocation, hex rather than r,g,b colours, a
  // 1.2 viz namespace networkx ignores, unquoted list items that split on commas, per-process edge keys as ids).
  let output = "";
  for (const chunk of gexfChunks(graph, options)) output += chunk;
  return output;
}

/**
 * The graph as GEXF, one chunk per node or edge (pipe it to a file with `Readable.from`). Nodes and edges come in
 * graph order, attributes in a fixed order, numbers in their shortest round-trip form, and there is no timestamp:
 * the same graph gives byte-identical output. Text is escaped for XML, with tab, LF and CR kept as character
 * references; characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE, U+FFFF) are
 * removed. Attributes outside the TopicGraph types are not written; a value of the wrong type (a non-integer cluster,
 * a non-finite position, a colour other than #rgb/#rrggbb) is left out rather than written invalid.
 */
export function* gexfChunks(graph: TopicGraph, options?: GexfExportOptions): Generator<string, void, undefined> {
  const { version } = { ...GEXF_EXPORT_DEFAULTS, ...options };
  if (version !== "1.3" && version !== "1.2") {
    throw new RangeError(`graph/export-gexf: version must be "1.3" or "1.2", got ${JSON.stringify(version)}`);
  }
  const namespaces = NAMESPACES[version];

  yield `<?xml version="1.0" encoding="UTF-8"?>\n`;
  yield `<gexf xmlns="${namespaces.gexf}" xmlns:viz="${namespaces.viz}" version="${version}">\n`;
  yield `  <meta>\n    <creator>topicgraph</creator>\n`;
  yield `    <description>${escapeXml(describeGraph(graph))}</description>\n  </meta>\n`;
  yield `  <graph defaultedgetype="undirected">\n`;
  yield declareAttributes("node", GEXF_NODE_ATTRIBUTES);
  yield declareAttributes("edge", EDGE_ATTRIBUTES);

  yield `    <nodes count="${graph.order}">\n`;
  for (const { node, attributes } of graph.nodeEntries()) yield writeNode(node, attributes);
  yield `    </nodes>\n    <edges count="${graph.size}">\n`;
  // NOTE: edge ids are positions in graph order, not graphology keys: addEdge's generated keys ("geid_<n>_<i>") start
  // from a random byte per process, so writing them would make two builds of the same corpus differ.
  let index = 0;
  for (const { attributes, source, target, undirected } of graph.edgeEntries()) {
    yield writeEdge(index++, source, target, undirected, attributes);
  }
  yield `    </edges>\n  </graph>\n</gexf>\n`;
}

function declareAttributes(kind: "node" | "edge", declared: ReadonlyArray<{ id: string; type: string }>): string {
  let text = `    <attributes class="${kind}">\n`;
  for (const { id, type } of declared) text += `      <attribute id="${id}" title="${id}" type="${type}"/>\n`;
  return `${text}    </attributes>\n`;
}

function writeNode(key: string, attributes: PaperNodeAttributes): string {
  // NOTE: ids lose forbidden characters like any text, so keys differing only in those would collide; paper ids don't.
  let text = `      <node id="${escapeXml(key)}"`;
  if (typeof attributes.label === "string") text += ` label="${escapeXml(attributes.label)}"`;
  text += ">\n        <attvalues>\n";
  for (const [id, value] of nodeAttributeValues(attributes)) text += attvalue(id, value);
  text += "        </attvalues>\n";

  const rgb = parseHexColor(attributes.color);
  if (rgb) text += `        <viz:color r="${rgb[0]}" g="${rgb[1]}" b="${rgb[2]}"/>\n`;
  if (Number.isFinite(attributes.x) && Number.isFinite(attributes.y)) {
    text += `        <viz:position x="${attributes.x}" y="${attributes.y}" z="0"/>\n`;
  }
  if (Number.isFinite(attributes.size) && attributes.size >= 0) {
    text += `        <viz:size value="${attributes.size}"/>\n`;
  }
  return `${text}      </node>\n`;
}

function writeEdge(
  index: number,
  source: string,
  target: string,
  undirected: boolean,
  attributes: LinkEdgeAttributes,
): string {
  let text = `      <edge id="${index}" source="${escapeXml(source)}" target="${escapeXml(target)}"`;
  if (!undirected) text += ` type="directed"`;
  if (Number.isFinite(attributes.weight)) text += ` weight="${attributes.weight}"`;
  if (typeof attributes.sharedTopics !== "string") return `${text}/>\n`;
  text += `>\n        <attvalues>\n${attvalue("sharedTopics", attributes.sharedTopics)}`;
  return `${text}        </attvalues>\n      </edge>\n`;
}

function attvalue(id: string, value: string): string {
  return `          <attvalue for="${id}" value="${escapeXml(value)}"/>\n`;
}
