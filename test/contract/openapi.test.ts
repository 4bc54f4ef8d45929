// The OpenAPI document generated from the contract says what the request schemas accept: every integer parameter's
// bounds and default, every required parameter, and the POST body, checked by running values through both the zod
// schema the routes parse with and the documented JSON Schema (ajv).

import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { ENDPOINTS } from "../../server/contract/endpoints.js";
import { REQUEST_LIMITS } from "../../server/contract/limits.js";
import { openApiDocument } from "../../server/contract/openapi.js";
import { textRelatedBody } from "../../server/contract/requests.js";

const document = openApiDocument() as any;
const ajv = new Ajv2020({ strict: false });

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: { type: string; minimum?: number; maximum?: number; default?: unknown };
}

const operations = ENDPOINTS.map((endpoint) => ({
  endpoint,
  documented: document.paths[endpoint.path][endpoint.method],
}));

describe("the generated OpenAPI document", () => {
  it("has one operation per endpoint of the contract, and every path the routes serve", () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(ENDPOINTS.map(({ method, path }) => `${method} ${path}`).sort());
  });

  it("documents each parameter the endpoint's schemas parse, in path then query order", () => {
    for (const { endpoint, documented } of operations) {
      const names = [...Object.keys(endpoint.params?.shape ?? {}), ...Object.keys(endpoint.query?.shape ?? {})];
      expect(
        (documented.parameters ?? []).map((p: Parameter) => p.name),
        endpoint.path,
      ).toEqual(names);
    }
  });

  it("gives every integer parameter the bounds and default the schema enforces", () => {
    let checked = 0;
    for (const { endpoint, documented } of operations) {
      for (const parameter of (documented.parameters ?? []) as Parameter[]) {
        if (parameter.schema.type !== "integer") continue;
        const schema = (parameter.in === "path" ? endpoint.params : endpoint.query)!.shape[parameter.name] as z.ZodType;
        const { minimum, maximum } = parameter.schema;
        const accepts = ajv.compile(parameter.schema);
        for (const value of [minimum!, maximum!, minimum! - 1, maximum! + 1]) {
          const parsed = schema.safeParse(String(value));
          expect(parsed.success, `${endpoint.path} ${parameter.name}=${value}`).toBe(accepts(value));
          if (parsed.success) expect(parsed.data).toBe(value);
        }
        const absent = schema.safeParse(undefined);
        expect(absent.success, `${endpoint.path} ${parameter.name} absent`).toBe(!parameter.required);
        if (absent.success) expect(absent.data).toBe(parameter.schema.default);
        checked++;
      }
    }
    // k (2 endpoints, and the related text's 3 downloads), limit (7), offset (4), subcluster (and the cluster's 3
    // downloads), cluster id (2, and the cluster's 3 downloads), minPapers, the GEXF's and GraphML's cluster,
    // subcluster and k (6).
    expect(checked).toBe(32);
  });

  it("states the request limits: k, the page sizes and the lengths of ids, terms and search queries", () => {
    const parameter = (path: string, name: string) =>
      document.paths[path].get.parameters.find((p: Parameter) => p.name === name).schema;
    expect(parameter("/api/papers/{id}/related", "k")).toMatchObject({
      minimum: REQUEST_LIMITS.k.min,
      maximum: REQUEST_LIMITS.k.max,
      default: REQUEST_LIMITS.k.default,
    });
    expect(parameter("/api/papers/{id}", "id")).toMatchObject({ maxLength: REQUEST_LIMITS.idChars });
    expect(parameter("/api/topics/{term}/papers", "term")).toMatchObject({ maxLength: REQUEST_LIMITS.termChars });
    expect(parameter("/api/search", "q")).toMatchObject({ minLength: 1, maxLength: REQUEST_LIMITS.searchChars });
    for (const path of ["/api/search", "/api/trends", "/api/facets", "/api/papers", "/api/clusters/{id}"]) {
      expect(parameter(path, "author")).toMatchObject({ minLength: 1, maxLength: REQUEST_LIMITS.facetChars });
    }
    expect(parameter("/api/export.gexf", "version")).toEqual({ type: "string", enum: ["1.3", "1.2"], default: "1.3" });
  });

  it("documents the POST body as the body schema accepts it", () => {
    const body = document.paths["/api/related"].post.requestBody;
    expect(body.required).toBe(true);
    const accepts = ajv.compile(body.content["application/json"].schema);
    const { k } = REQUEST_LIMITS;
    for (const value of [
      { text: "graph neural networks" },
      { text: "graph", k: k.max },
      { text: "graph", k: k.min - 1 },
      { text: "graph", k: 2.5 },
      { text: "" },
      { k: 3 },
      "graph",
    ]) {
      expect(textRelatedBody.safeParse(value).success, JSON.stringify(value)).toBe(accepts(value));
    }
  });
});
