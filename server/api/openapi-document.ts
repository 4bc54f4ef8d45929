// The OpenAPI 3.1 description of every endpoint: parameters from the request limits, response schemas from
// api/response-schemas (JSON Schema 2020-12 by zod), errors as the one Error shape.

import { z } from "zod";

import { REQUEST_LIMITS } from "../config.js";
import { MAX_TEXT_CHARS } from "../query/text-related.js";
import { responseSchemas } from "./response-schemas.js";

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ "application/json": { schema } });

function ok(name: string, description: string): Json {
  return { "200": { description, content: json(ref(name)) } };
}

const ERRORS: Record<string, string> = {
  "400": "Invalid parameter or body",
  "404": "Unknown paper, cluster, subcluster, topic or route",
  "405": "Method not allowed",
  "413": "Request body too large",
  "415": "Request body is not JSON",
};

function errors(...statuses: string[]): Json {
  return Object.fromEntries(statuses.map((s) => [s, { description: ERRORS[s], content: json(ref("Error")) }]));
}

function integer(
  name: string,
  where: "query" | "path",
  bounds: { min: number; max: number; default?: number },
  description: string,
): Json {
  const schema: Json = { type: "integer", minimum: bounds.min, maximum: bounds.max };
  if (bounds.default !== undefined) schema.default = bounds.default;
  return { name, in: where, required: where === "path", description, schema };
}

function text(name: string, description: string, maxLength?: number): Json {
  const schema: Json = { type: "string", minLength: 1 };
  if (maxLength !== undefined) schema.maxLength = maxLength;
  return { name, in: "query", required: true, description, schema };
}

const { k, searchLimit, clusterLimit, topicsLimit } = REQUEST_LIMITS;
const kParam = integer("k", "query", k, "How many related papers.");
const clusterId = integer("id", "path", { min: 0, max: 1_000_000_000 }, "Cluster id.");
const offsetParam = integer("offset", "query", { min: 0, max: 1_000_000_000, default: 0 }, "Papers to skip.");
const paperId: Json = {
  name: "id",
  in: "path",
  required: true,
  description: "Paper id, percent-encoded (ids may hold spaces, slashes and non-ASCII characters).",
  schema: { type: "string", minLength: 1, maxLength: REQUEST_LIMITS.idChars },
};
const etagged: Json = {
  ETag: {
    description: "Weak validator of the body; send it back as If-None-Match for a 304.",
    schema: { type: "string" },
  },
};
const download = (type: string, schema: Json, description: string): Json => ({
  "200": {
    description,
    headers: {
      ...etagged,
      "Content-Disposition": {
        description: "attachment; filename=topicgraph-<corpus hash>.<ext>",
        schema: { type: "string" },
      },
      "Access-Control-Allow-Origin": {
        description: "*: readable from any origin (Gephi Lite)",
        schema: { type: "string" },
      },
    },
    content: { [type]: { schema } },
  },
  "304": { description: "Not modified (If-None-Match matched the ETag)" },
});

/** An answer from the build: ETag, and 304 when If-None-Match holds it. */
function validated(name: string, description: string): Json {
  return {
    "200": { description, headers: etagged, content: json(ref(name)) },
    "304": { description: "Not modified (If-None-Match matched the ETag)" },
  };
}

function get(summary: string, responses: Json, parameters: Json[] = []): Json {
  return {
    get: { summary, ...(parameters.length > 0 ? { parameters } : {}), responses: { ...responses, ...errors("405") } },
  };
}

function components(): Json {
  const { schemas } = z.toJSONSchema(responseSchemas, { uri: (id) => `#/components/schemas/${id}` });
  const cleaned: Json = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as Json;
    cleaned[name] = rest;
  }
  return cleaned;
}

let cached: Json | undefined;

export function openApiDocument(): Json {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "topicgraph API",
      version: "1.0.0",
      description:
        "A corpus of research papers as a topic graph: clusters, related papers, free-text similarity, search and " +
        "exports. Every response that depends on the build carries it as `build`. Errors are {error: {code, message}}.",
    },
    paths: {
      "/api/health": get("Server status and build", ok("Health", "Up")),
      "/api/graph": get(
        "Every node and link for the map (compact; gzip when accepted; ETag)",
        validated("Graph", "The map"),
      ),
      "/api/overview": get(
        "The map at cluster level: one disc per cluster, links between clusters (gzip when accepted; ETag)",
        validated("Overview", "Overview"),
      ),
      "/api/clusters": get("The clusters (gzip when accepted; ETag)", validated("Clusters", "Every cluster")),
      "/api/clusters/{id}": get(
        "A cluster and its papers (or one subcluster's), most central first",
        { ...validated("ClusterPapers", "One page"), ...errors("400", "404") },
        [
          clusterId,
          integer("limit", "query", clusterLimit, "Papers per page."),
          offsetParam,
          {
            ...integer(
              "subcluster",
              "query",
              { min: 0, max: 1_000_000_000 },
              "Only this subcluster's papers (404 if the cluster has none such).",
            ),
            required: false,
          },
        ],
      ),
      "/api/clusters/{id}/graph": get(
        "A cluster's papers with their positions and the links among them (gzip when accepted; ETag)",
        { ...validated("ClusterGraph", "The cluster's graph"), ...errors("400", "404") },
        [clusterId],
      ),
      "/api/papers/{id}": get(
        "One paper: abstract, cluster, top topics",
        { ...validated("PaperResponse", "The paper"), ...errors("400", "404") },
        [paperId],
      ),
      "/api/papers/{id}/related": get(
        "A paper's related papers, best first, each with its score and shared topics",
        { ...validated("PaperRelated", "Related papers"), ...errors("400", "404") },
        [paperId, kParam],
      ),
      "/api/related": {
        ...get(
          "Papers related to a free text, and its most likely cluster",
          { ...validated("TextRelated", "Related papers"), ...errors("400") },
          [text("q", `The text (only its first ${MAX_TEXT_CHARS} characters are read).`), kParam],
        ),
        post: {
          summary: "Papers related to a free text (in a JSON body), and its most likely cluster",
          requestBody: {
            required: true,
            content: json({
              type: "object",
              required: ["text"],
              properties: {
                text: {
                  type: "string",
                  minLength: 1,
                  description: `Only the first ${MAX_TEXT_CHARS} characters are read.`,
                },
                k: { type: "integer", minimum: k.min, maximum: k.max, default: k.default },
              },
            }),
          },
          responses: { ...ok("TextRelated", "Related papers"), ...errors("400", "413", "415") },
        },
      },
      "/api/search": get(
        "One page of the papers whose title or abstract hold every word, ranked (phrases first, then BM25F with a title boost), with the total; and matching topics",
        { ...validated("Search", "Results"), ...errors("400") },
        [
          text(
            "q",
            'Words to find, whole, by stem ("models" finds "model"); a word written with two or more capitals ("RAG") only as written.',
            REQUEST_LIMITS.searchChars,
          ),
          integer("limit", "query", searchLimit, "Results per page."),
          offsetParam,
        ],
      ),
      "/api/topics": get(
        "Main topics (the papers' top topics, most common first), each with how many papers contain it",
        { ...validated("Topics", "Topics"), ...errors("400") },
        [integer("limit", "query", topicsLimit, "Most topics.")],
      ),
      "/api/topics/{term}/papers": get(
        "Every paper whose title or abstract contains a topic (by stem, as the TF-IDF reads it), heaviest first",
        { ...validated("TopicPapers", "One page"), ...errors("400", "404") },
        [
          {
            name: "term",
            in: "path",
            required: true,
            description: "A topic as /api/topics names it, percent-encoded.",
            schema: { type: "string", minLength: 1, maxLength: REQUEST_LIMITS.termChars },
          },
          integer("limit", "query", clusterLimit, "Papers per page."),
          offsetParam,
        ],
      ),
      "/api/export.gexf": get(
        "The graph as a GEXF file (Gephi, Gephi Lite by URL)",
        { ...download("application/gexf+xml", { type: "string" }, "GEXF document"), ...errors("400") },
        [
          {
            name: "version",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["1.3", "1.2"], default: "1.3" },
          },
        ],
      ),
      "/api/export.json": get(
        "The graph in graphology's JSON format",
        download("application/json", { type: "object", required: ["attributes", "nodes", "edges"] }, "Graphology JSON"),
      ),
      "/api/openapi.json": get("This document", {
        "200": { description: "OpenAPI 3.1", headers: etagged, content: json({ type: "object" }) },
        "304": { description: "Not modified (If-None-Match matched the ETag)" },
      }),
    },
    components: { schemas: components() },
  };
  return cached;
}
