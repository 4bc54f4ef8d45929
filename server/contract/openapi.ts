// The OpenAPI 3.1 document of the API, generated from the contract: paths from the endpoint table, parameters and
// request bodies from the request schemas, responses and components from the response schemas (JSON Schema 2020-12
// by zod), errors as the one Error shape.

import { z } from "zod";

import { ENDPOINTS, type Answer, type Endpoint, type ErrorStatus } from "./endpoints.js";
import { responseSchemas } from "./responses.js";

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ "application/json": { schema } });

const ERRORS: Record<ErrorStatus, string> = {
  "400": "Invalid parameter or body",
  "401": "A write without the token, or with a wrong one (Authorization: Bearer <token>)",
  "403": "The server does not write: no token configured, another process writes to its library, or it serves a file",
  "404": "Unknown paper, cluster, subcluster, topic or route",
  "405": "Method not allowed",
  "413": "Request body too large",
  "415": "Request body is not of a type the endpoint reads",
};

const NOT_MODIFIED: Json = { "304": { description: "Not modified (If-None-Match matched the ETag)" } };

const ETAG: Json = {
  ETag: {
    description: "Weak validator of the body; send it back as If-None-Match for a 304.",
    schema: { type: "string" },
  },
};

const DOWNLOAD_HEADERS: Json = {
  "Content-Disposition": {
    description: "attachment; filename=topicgraph-<corpus hash>.<ext>",
    schema: { type: "string" },
  },
  "Access-Control-Allow-Origin": {
    description: "*: readable from any origin (Gephi Lite)",
    schema: { type: "string" },
  },
};

const LOCATION: Json = {
  Location: { description: "Where to follow what was asked for (/api/builds/{id})", schema: { type: "string" } },
};

/** A schema as JSON Schema, without the keys a schema embedded in the document does not carry. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io }) as Json;
  return rest;
}

/**
 * The parameters of `schema`'s fields, in order: each described by its parsed value (query strings are parsed into
 * numbers), required when absence does not parse, and its description lifted from the schema.
 */
function parameters(schema: z.ZodObject | undefined, where: "path" | "query"): Json[] {
  if (schema === undefined) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = jsonSchema(field as z.ZodType, "output");
    const required = where === "path" || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(description === undefined ? {} : { description }), schema: fieldSchema };
  });
}

function answer(answer: Answer, etag: boolean): Json {
  const headers = {
    ...(etag ? ETAG : {}),
    ...("download" in answer ? DOWNLOAD_HEADERS : {}),
    ...(answer.status === "202" ? LOCATION : {}),
  };
  let content: Json;
  if ("json" in answer) {
    const id = responseSchemas.get(answer.json)?.id;
    if (id === undefined) throw new Error(`contract/openapi: the answer "${answer.description}" is not a component`);
    content = json(ref(id));
  } else if ("download" in answer) {
    content = { [answer.download.type]: { schema: answer.download.schema } };
  } else if ("document" in answer) {
    content = json({ type: "object" });
  } else {
    return { [answer.status ?? "200"]: { description: answer.description } };
  }
  const ok = { description: answer.description, ...(Object.keys(headers).length > 0 ? { headers } : {}), content };
  return { [answer.status ?? "200"]: ok, ...(etag ? NOT_MODIFIED : {}) };
}

function errors(statuses: readonly ErrorStatus[]): Json {
  return Object.fromEntries(statuses.map((s) => [s, { description: ERRORS[s], content: json(ref("Error")) }]));
}

function operation(endpoint: Endpoint): Json {
  const params = [...parameters(endpoint.params, "path"), ...parameters(endpoint.query, "query")];
  return {
    summary: endpoint.summary,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(endpoint.write ? { security: [{ bearer: [] }] } : {}),
    ...(endpoint.body === undefined ? {} : { requestBody: requestBody(endpoint, endpoint.body) }),
    // NOTE: every route answers 405 to other methods; the POST operation of a path that also has a GET leaves it to
    // the GET, as the routes do.
    responses: {
      ...answer(endpoint.answer, endpoint.etag),
      ...errors(endpoint.method === "get" ? [...endpoint.errors, "405"] : endpoint.errors),
    },
  };
}

function requestBody(endpoint: Endpoint, body: z.ZodType): Json {
  const texts = Object.entries(endpoint.textBodies ?? {}).map(([type, description]) => [
    type,
    { schema: { type: "string", description } },
  ]);
  return {
    required: true,
    ...(endpoint.bodyLimits === undefined ? {} : { description: endpoint.bodyLimits }),
    content: {
      [endpoint.bodyType ?? "application/json"]: { schema: jsonSchema(body, "input") },
      ...Object.fromEntries(texts),
    },
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

export function openApiDocument(endpoints: readonly Endpoint[] = ENDPOINTS): Json {
  const paths: Record<string, Json> = {};
  for (const endpoint of endpoints)
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method]: operation(endpoint) };
  return {
    openapi: "3.1.0",
    info: {
      title: "topicgraph API",
      version: "1.0.0",
      description:
        "A corpus of research papers as a topic graph: clusters, related papers, free-text similarity, search and " +
        "exports. Every response that depends on the build carries it as `build`. Errors are {error: {code, message}}.",
    },
    paths,
    components: {
      schemas: components(),
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "The server's write token." } },
    },
  };
}
