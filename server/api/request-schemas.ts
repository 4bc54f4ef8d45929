// zod schemas of every request input (path parameters, query strings, bodies). Query values arrive as strings (or
// arrays of strings when repeated, which are refused); integers are parsed here and kept as numbers.

import { z } from "zod";

import { REQUEST_LIMITS } from "../config.js";

interface IntegerBounds {
  min: number;
  max: number;
  default?: number;
}

/** A query or path integer in [min, max], as a number; `default` when absent (required when there is none). */
export function integerParam(name: string, bounds: IntegerBounds) {
  const message = `${name} must be an integer from ${bounds.min} to ${bounds.max}`;
  const parsed = z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,10}$/, { error: message })
    .transform(Number)
    .refine((n) => n >= bounds.min && n <= bounds.max, { error: message });
  const fallback = bounds.default;
  return fallback === undefined ? parsed : parsed.optional().transform((n) => n ?? fallback);
}

function text(name: string, max?: number) {
  const schema = z
    .string({ error: `${name} must be a text` })
    .trim()
    .min(1, { error: `${name} must not be empty` });
  return max === undefined ? schema : schema.max(max, { error: `${name} must be at most ${max} characters` });
}

const { k, searchLimit, clusterLimit, topicsLimit } = REQUEST_LIMITS;

export const paperParams = z.object({
  id: z
    .string()
    .min(1, { error: "id must not be empty" })
    .max(REQUEST_LIMITS.idChars, { error: `id must be at most ${REQUEST_LIMITS.idChars} characters` }),
});

export const clusterParams = z.object({ id: integerParam("id", { min: 0, max: 1_000_000_000 }) });

const offset = integerParam("offset", { min: 0, max: 1_000_000_000, default: 0 });

export const clusterQuery = z.object({
  limit: integerParam("limit", clusterLimit),
  offset,
  subcluster: integerParam("subcluster", { min: 0, max: 1_000_000_000 }).optional(),
});

export const paperRelatedQuery = z.object({ k: integerParam("k", k) });

export const textRelatedQuery = z.object({ q: text("q"), k: integerParam("k", k) });

export const textRelatedBody = z.object(
  {
    text: text("text"),
    k: z
      .number({ error: `k must be an integer from ${k.min} to ${k.max}` })
      .int({ error: `k must be an integer from ${k.min} to ${k.max}` })
      .min(k.min, { error: `k must be an integer from ${k.min} to ${k.max}` })
      .max(k.max, { error: `k must be an integer from ${k.min} to ${k.max}` })
      .default(k.default),
  },
  { error: 'the body must be a JSON object {"text": "...", "k": 10}' },
);

export const searchQuery = z.object({
  q: text("q", REQUEST_LIMITS.searchChars),
  limit: integerParam("limit", searchLimit),
  offset,
});

export const topicsQuery = z.object({ limit: integerParam("limit", topicsLimit) });

/** A topic as /api/topics names it (percent-encoded in the path; Express decodes it). */
export const topicParams = z.object({
  term: z
    .string()
    .min(1, { error: "term must not be empty" })
    .max(REQUEST_LIMITS.termChars, { error: `term must be at most ${REQUEST_LIMITS.termChars} characters` }),
});

export const topicPapersQuery = z.object({ limit: integerParam("limit", clusterLimit), offset });

/** A selection of the map in an export's query: a cluster, or one of its subclusters; the whole map without. */
const selectionQuery = z
  .object({
    cluster: integerParam("cluster", { min: 0, max: 1_000_000_000 }).optional(),
    subcluster: integerParam("subcluster", { min: 0, max: 1_000_000_000 }).optional(),
  })
  .refine(({ cluster, subcluster }) => subcluster === undefined || cluster !== undefined, {
    error: "subcluster needs cluster",
    path: ["subcluster"],
  });

export const exportQuery = z
  .object({
    version: z.enum(["1.3", "1.2"], { error: "version must be 1.3 or 1.2" }).default("1.3"),
  })
  .and(selectionQuery);

export const graphmlQuery = selectionQuery;

/** A cluster's papers as a file: all of them, or one subcluster's. */
export const clusterDownloadQuery = z.object({
  subcluster: integerParam("subcluster", { min: 0, max: 1_000_000_000 }).optional(),
});

/** A search's results as a file: every paper that matches. */
export const searchDownloadQuery = z.object({ q: text("q", REQUEST_LIMITS.searchChars) });
