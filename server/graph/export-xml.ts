// What the two XML exports of the graph (GEXF, GraphML) share: the node attributes they declare and how each value
// is written, the graph's description, colours, and the one XML escaper.

import { stableStringify } from "./export-json.js";
import type { PaperNodeAttributes, TopicGraph, TopicGraphAttributes } from "./types.js";

/** How a declared attribute's values are written: GEXF and GraphML each name these types their own way. */
export type AttributeKind = "integer" | "float" | "string" | "list";

/**
 * Declared node attributes, in the order they are written. Lists are written with every item double-quoted in
 * brackets, which is both GEXF 1.3's list syntax and a JSON array of strings (`["a, b", "say \"hi\""]`): a string
 * joined with ", " would not round-trip.
 */
export const NODE_ATTRIBUTES: ReadonlyArray<{ id: keyof PaperNodeAttributes; kind: AttributeKind }> = [
  { id: "cluster", kind: "integer" },
  { id: "clusterLabel", kind: "string" },
  { id: "topics", kind: "list" },
  { id: "year", kind: "integer" },
  { id: "url", kind: "string" },
  { id: "authors", kind: "list" },
  { id: "categories", kind: "list" },
  { id: "confidence", kind: "float" },
  { id: "subcluster", kind: "integer" },
  { id: "doi", kind: "string" },
  { id: "venue", kind: "string" },
  // NOTE: GEXF 1.3 has no date type for attribute values (only for spells), so a date is an ISO 8601 string.
  { id: "date", kind: "string" },
  { id: "dateSource", kind: "string" },
];

/**
 * A node's declared attributes as [id, text] pairs, in declaration order, unescaped; an absent value, or one of the
 * wrong type (a non-integer cluster, a non-finite number), is left out rather than written invalid.
 */
export function nodeAttributeValues(attributes: PaperNodeAttributes): [string, string][] {
  const values: [string, string][] = [];
  for (const { id, kind } of NODE_ATTRIBUTES) {
    const value: unknown = attributes[id];
    if (kind === "integer" ? Number.isInteger(value) : kind === "float" ? Number.isFinite(value) : false) {
      values.push([id, String(value)]);
    } else if (kind === "string" && typeof value === "string") {
      values.push([id, value]);
    } else if (kind === "list" && Array.isArray(value)) {
      values.push([id, formatList(value)]);
    }
  }
  return values;
}

/** "topic graph "name"; N papers, M links; K clusters; modularity Q; corpus H; options {...}". */
export function describeGraph(graph: TopicGraph): string {
  const attributes: Partial<TopicGraphAttributes> = graph.getAttributes();
  const parts = [`topic graph${attributes.name ? ` "${attributes.name}"` : ""}`];
  parts.push(`${graph.order} papers, ${graph.size} links`);
  if (attributes.clusters) parts.push(`${attributes.clusters.length} clusters`);
  if (typeof attributes.modularity === "number") parts.push(`modularity ${attributes.modularity}`);
  if (attributes.corpusHash) parts.push(`corpus ${attributes.corpusHash}`);
  parts.push(`options ${stableStringify(attributes.options ?? {})}`);
  return parts.join("; ");
}

/** Items double-quoted in brackets, which is exactly JSON for strings without C0 controls. */
function formatList(items: readonly unknown[]): string {
  return `[${items.map((item) => JSON.stringify(stripForbidden(String(item)))).join(", ")}]`;
}

const HEX_COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** [r, g, b] of "#rgb" or "#rrggbb"; undefined for anything else. */
export function parseHexColor(color: unknown): [number, number, number] | undefined {
  if (typeof color !== "string") return undefined;
  const match = HEX_COLOR.exec(color);
  if (!match) return undefined;
  const digits = match[1].length === 3 ? match[1].replace(/./g, "$&$&") : match[1];
  return [0, 2, 4].map((offset) => parseInt(digits.slice(offset, offset + 2), 16)) as [number, number, number];
}

// C0 controls (tab, LF and CR are escaped, the rest removed), markup characters, the two non-characters, and (with
// the u flag, which keeps surrogate pairs whole) lone surrogates.
const XML_SPECIAL = /[\u0000-\u001f&<>"'\ufffe\uffff]|[\ud800-\udfff]/u;
const XML_SPECIAL_ALL = new RegExp(XML_SPECIAL.source, "gu");
const XML_FORBIDDEN_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;
const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Escapes text for an XML attribute or element, dropping the characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (char) => XML_ESCAPES[char] ?? "") : text;
}

function stripForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN_ALL, "");
}
