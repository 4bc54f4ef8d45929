// What a request may send, defined once: zod schemas of every input (path parameters, query strings, bodies), which
// the routes parse at the edge (keeping the parsed value) and the OpenAPI document describes (contract/openapi).
// Query and path values arrive as strings (or arrays of strings when repeated, which are refused); integers are
// parsed here and kept as numbers, so a parameter's OpenAPI schema is its parsed value's (zod's output side).

import { z } from "zod";

import { MAX_TEXT_CHARS, REQUEST_LIMITS } from "./limits.js";

interface IntegerBounds {
  min: number;
  max: number;
  default?: number;
}

/** A query or path integer in [min, max], as a number; `default` when absent (required when there is none). */
export function integerParam(name: string, bounds: IntegerBounds, description: string) {
  const error = `${name} must be an integer from ${bounds.min} to ${bounds.max}`;
  const integer = z.number({ error }).int({ error }).min(bounds.min, { error }).max(bounds.max, { error });
  const parsed = z
    .string({ error })
    .trim()
    .regex(/^\d{1,10}$/, { error })
    .transform(Number)
    .pipe(integer);
  return (bounds.default === undefined ? parsed : parsed.default(bounds.default)).describe(description);
}

function text(name: string, description: string, max?: number) {
  const schema = z
    .string({ error: `${name} must be a text` })
    .trim()
    .min(1, { error: `${name} must not be empty` });
  return (
    max === undefined ? schema : schema.max(max, { error: `${name} must be at most ${max} characters` })
  ).describe(description);
}

const { k, searchLimit, clusterLimit, topicsLimit } = REQUEST_LIMITS;

const ID_MAX = 1_000_000_000;
const kParam = () => integerParam("k", k, "How many related papers.");
const offset = integerParam("offset", { min: 0, max: ID_MAX, default: 0 }, "Papers to skip.");

const facetValue = (name: string, description: string) =>
  z
    .string({ error: `${name} must be a text` })
    .trim()
    .min(1, { error: `${name} must not be empty` })
    .max(REQUEST_LIMITS.facetChars, { error: `${name} must be at most ${REQUEST_LIMITS.facetChars} characters` })
    .optional()
    .describe(description);

/** The facet filters (GET /api/facets names the values): a paper passes when it carries every value given. */
export const facetFilters = {
  category: facetValue("category", "Only papers with this category (as GET /api/facets lists it)."),
  author: facetValue("author", "Only papers with this author, written as GET /api/facets lists it."),
  venue: facetValue("venue", "Only papers from this venue, written as GET /api/facets lists it."),
};

export const paperParams = z.object({
  id: z
    .string()
    .min(1, { error: "id must not be empty" })
    .max(REQUEST_LIMITS.idChars, { error: `id must be at most ${REQUEST_LIMITS.idChars} characters` })
    .describe("Paper id, percent-encoded (ids may hold spaces, slashes and non-ASCII characters)."),
});

export const clusterParams = z.object({ id: integerParam("id", { min: 0, max: ID_MAX }, "Cluster id.") });

export const clusterQuery = z.object({
  limit: integerParam("limit", clusterLimit, "Papers per page."),
  offset,
  subcluster: integerParam(
    "subcluster",
    { min: 0, max: ID_MAX },
    "Only this subcluster's papers (404 if the cluster has none such).",
  ).optional(),
  ...facetFilters,
});

export const paperRelatedQuery = z.object({ k: kParam() });

const TEXT = `The text (only its first ${MAX_TEXT_CHARS} characters are read).`;

export const textRelatedQuery = z.object({ q: text("q", TEXT), k: kParam() });

const kError = `k must be an integer from ${k.min} to ${k.max}`;

export const textRelatedBody = z.object(
  {
    text: text("text", `Only the first ${MAX_TEXT_CHARS} characters are read.`),
    k: z
      .number({ error: kError })
      .int({ error: kError })
      .min(k.min, { error: kError })
      .max(k.max, { error: kError })
      .default(k.default),
  },
  { error: 'the body must be a JSON object {"text": "...", "k": 10}' },
);
export type TextRelatedBody = z.input<typeof textRelatedBody>;

export const searchQuery = z.object({
  q: text(
    "q",
    'Words to find, whole, by stem ("models" finds "model"); a word written with two or more capitals ("RAG") only as written.',
    REQUEST_LIMITS.searchChars,
  ),
  limit: integerParam("limit", searchLimit, "Results per page."),
  offset: integerParam("offset", { min: 0, max: ID_MAX, default: 0 }, "Results to skip."),
  ...facetFilters,
});

export const topicsQuery = z.object({ limit: integerParam("limit", topicsLimit, "Most topics.") });

/** A topic as /api/topics names it (percent-encoded in the path; Express decodes it). */
export const topicParams = z.object({
  term: z
    .string()
    .min(1, { error: "term must not be empty" })
    .max(REQUEST_LIMITS.termChars, { error: `term must be at most ${REQUEST_LIMITS.termChars} characters` })
    .describe("A topic as /api/topics names it, percent-encoded."),
});

export const trendsQuery = z.object({
  limit: integerParam("limit", REQUEST_LIMITS.trendsLimit, "Most clusters and most topics in each list."),
  minPapers: integerParam(
    "minPapers",
    REQUEST_LIMITS.trendsMinPapers,
    "Only clusters and topics with at least this many papers on the timeline (among those the filters keep).",
  ),
  ...facetFilters,
});

export const facetsQuery = z.object({
  limit: integerParam("limit", REQUEST_LIMITS.facetsLimit, "Most values per facet."),
  ...facetFilters,
});

export const papersQuery = z.object({
  limit: integerParam("limit", clusterLimit, "Papers per page."),
  offset,
  ...facetFilters,
});

export const topicPapersQuery = z.object({
  limit: integerParam("limit", clusterLimit, "Papers per page."),
  offset,
  ...facetFilters,
});

/**
 * A selection of the map in an export's query, as its list has it: a cluster (or one of its subclusters), a search's
 * results, the papers on a topic, each among the papers the facet filters keep; the papers related to a text; or,
 * with none of these, the whole map (only the papers the facet filters keep, when given: GET /api/papers's list).
 */
const selectionShape = {
  cluster: integerParam(
    "cluster",
    { min: 0, max: ID_MAX },
    "Only this cluster's papers and the links among them (404 for an unknown cluster).",
  ).optional(),
  subcluster: integerParam(
    "subcluster",
    { min: 0, max: ID_MAX },
    "Only this subcluster of `cluster` (400 without `cluster`; 404 if the cluster has none such).",
  ).optional(),
  search: text(
    "search",
    "Only the papers matching these words, every one that GET /api/search?q= finds.",
    REQUEST_LIMITS.searchChars,
  ).optional(),
  topic: topicParams.shape.term
    .optional()
    .describe("Only the papers on this topic, as GET /api/topics/{term}/papers lists them (404 for an unknown topic)."),
  related: text(
    "related",
    `Only the k papers related to this text, as GET /api/related?q= finds them (its first ${MAX_TEXT_CHARS} characters are read).`,
  ).optional(),
  k: integerParam(
    "k",
    { min: k.min, max: k.max },
    `With related: how many related papers (${k.default} if absent).`,
  ).optional(),
  ...facetFilters,
};

type SelectionInput = {
  cluster?: number;
  subcluster?: number;
  search?: string;
  topic?: string;
  related?: string;
  k?: number;
} & Partial<Record<keyof typeof facetFilters, string>>;

const SELECTION_KINDS = ["cluster", "search", "topic", "related"] as const;

/** One selection at most; subcluster only with its cluster; k only with related, which takes no facet filter. */
function refineSelection<T extends z.ZodType<SelectionInput>>(schema: T) {
  return schema
    .refine((input) => SELECTION_KINDS.filter((kind) => input[kind] !== undefined).length <= 1, {
      error: "cluster, search, topic and related each select papers: give one of them at most",
    })
    .refine(({ cluster, subcluster }) => subcluster === undefined || cluster !== undefined, {
      error: "subcluster needs cluster",
      path: ["subcluster"],
    })
    .refine(({ related, k }) => k === undefined || related !== undefined, { error: "k needs related", path: ["k"] })
    .refine(({ related, category, author, venue }) => related === undefined || (!category && !author && !venue), {
      error: "related takes no facet filter (category, author, venue), as the related list takes none",
      path: ["related"],
    });
}

export const exportQuery = refineSelection(
  z.object({
    version: z.enum(["1.3", "1.2"], { error: "version must be 1.3 or 1.2" }).default("1.3"),
    ...selectionShape,
  }),
);

export const graphmlQuery = refineSelection(z.object(selectionShape));

/** The query of a list's download: the list's own (the same filters), less its paging; every paper is in the file. */
const allOf = <T extends z.ZodObject<{ limit: z.ZodType; offset: z.ZodType }>>(list: T) =>
  list.omit({ limit: true, offset: true });

/** A cluster's papers as a file: all of them, or one subcluster's, among those the facet filters keep. */
export const clusterDownloadQuery = allOf(clusterQuery);

/** A search's results as a file: every paper that matches (and the facet filters keep). */
export const searchDownloadQuery = allOf(searchQuery);

/** The papers on a topic as a file: all of them that the facet filters keep. */
export const topicDownloadQuery = allOf(topicPapersQuery);

const textOrList = z.union([z.array(z.string()), z.string()]);

/**
 * A paper as POST /api/papers takes it. NOTE: the route reads each record as the corpus readers read one
 * (corpus/normalize-record), so that a bad record is skipped with its place and reason while the good ones are kept;
 * this schema is what the OpenAPI document states of a record.
 */
export const paperInput = z
  .looseObject({
    id: z.string().optional().describe("Made from the title when absent; a new paper whose id is taken gets id-2."),
    title: z.string(),
    abstract: z.string(),
    authors: textOrList.optional().describe("Names, or one text of names separated by commas."),
    year: z.union([z.number().int(), z.string()]).optional(),
    url: z.string().optional().describe("http(s) only."),
    doi: z.string().optional().describe("Its doi.org URL stands for the url when none is given."),
    venue: z.string().optional(),
    categories: textOrList.optional(),
  })
  .describe(
    "A paper: title and abstract required. One the library holds (same id, arXiv id, DOI or title) is updated " +
      "with the fields given.",
  );

/** The JSON body of POST /api/papers: one paper, an array of them, or {"papers": [...]}. */
export const papersBody = z.union([
  paperInput,
  z.array(paperInput).max(REQUEST_LIMITS.postPapers),
  z.object({ papers: z.array(paperInput).max(REQUEST_LIMITS.postPapers) }),
]);

/** A build of the map, by id ("1", "2", ...), or "current". */
export const buildParams = z.object({
  id: z
    .string()
    .min(1, { error: "id must not be empty" })
    .max(100, { error: "id must be at most 100 characters" })
    .describe('A build\'s id, or "current" for the latest.'),
});
