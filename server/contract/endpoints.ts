// Every endpoint of the API as data: its path and method, the request schemas it parses, the response it answers
// with and its errors. The OpenAPI document is generated from this table (contract/openapi).

import type { z } from "zod";

import { REQUEST_LIMITS } from "./limits.js";
import * as request from "./requests.js";
import * as response from "./responses.js";

export type ErrorStatus = "400" | "401" | "403" | "404" | "405" | "413" | "415";

/**
 * What a successful answer carries: a JSON response schema (a component of responses.ts), a file of another type,
 * or nothing (204); with the status when it is not 200.
 */
export type Answer = { description: string; status?: "201" | "202" | "204" } & (
  | { json: z.ZodType }
  | { download: { type: string; schema: Record<string, unknown> } }
  | { document: true }
  | { empty: true }
);

export interface Endpoint {
  /** The OpenAPI path template (`{id}` where Express has `:id`). */
  path: string;
  method: "get" | "post" | "delete";
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The media type `body` is sent as, when not application/json (an HTML form's, say). */
  bodyType?: string;
  /** Bodies of other media types than JSON, each with what it holds. */
  textBodies?: Record<string, string>;
  /** What the request body may hold at most (its description). */
  bodyLimits?: string;
  /** A write: Authorization: Bearer <token> (api/write-access). */
  write?: true;
  answer: Answer;
  /** Sent with an ETag, and 304 when If-None-Match holds it. */
  etag: boolean;
  /** Errors besides 405 (every route answers 405 to other methods). */
  errors: ErrorStatus[];
}

/**
 * The paper lists' download formats: each one's media type as sent (Content-Type) and its name. The writers are
 * corpus/write-csv, write-bibtex and write-ris.
 */
export const PAPER_DOWNLOADS = {
  csv: { type: "text/csv; charset=utf-8; header=present", name: "CSV (RFC 4180, a header row)" },
  bib: { type: "application/x-bibtex; charset=utf-8", name: "BibTeX" },
  ris: { type: "application/x-research-info-systems; charset=utf-8", name: "RIS" },
} as const;
export type PaperDownloadFormat = keyof typeof PAPER_DOWNLOADS;

/** GET `<list>.csv`, `.bib` and `.ris`: every paper of a list as a file, for a reference manager or a spreadsheet. */
function paperDownloads(
  list: string,
  what: string,
  inputs: Pick<Endpoint, "params" | "query">,
  errors: ErrorStatus[],
): Endpoint[] {
  return Object.entries(PAPER_DOWNLOADS).map(([extension, { type, name }]) => ({
    path: `${list}.${extension}`,
    method: "get",
    summary: `${what} as ${name}, all of them, as an attachment`,
    ...inputs,
    answer: { description: `${name} file`, download: { type: type.split(";")[0], schema: { type: "string" } } },
    etag: true,
    errors,
  }));
}

const SUBGRAPHS =
  "the whole map, or the subgraph of a selection (a cluster or subcluster, a search's results, a topic's papers, " +
  "each among the papers the facet filters keep; the facet filters alone; the papers related to a text)";

/**
 * GET /api/export.gexf and .graphml, or the same fields POSTed as an HTML form (a related text too long for a URL):
 * the graph, or the selection's papers and the links among them, with the same attributes.
 */
function graphExports(method: "get" | "post"): Endpoint[] {
  const formats = [
    ["/api/export.gexf", "GEXF", "Gephi, Gephi Lite by URL", request.exportQuery, "application/gexf+xml"],
    ["/api/export.graphml", "GraphML", "with the GEXF's attributes", request.graphmlQuery, "application/graphml+xml"],
  ] as const;
  return formats.map(([path, name, note, fields, type]) => ({
    path,
    method,
    summary:
      method === "get"
        ? `The graph as a ${name} file (${note}): ${SUBGRAPHS}`
        : `The graph as a ${name} file, its query sent as an HTML form: a long related text does not fit in a URL`,
    ...(method === "get"
      ? { query: fields }
      : {
          body: fields,
          bodyType: "application/x-www-form-urlencoded",
          bodyLimits: `At most ${REQUEST_LIMITS.textFormBytes} bytes (larger: 413).`,
        }),
    answer: { description: `${name} document`, download: { type, schema: { type: "string" } } },
    etag: method === "get",
    errors: method === "get" ? ["400", "404"] : ["400", "404", "413", "415"],
  }));
}

export const ENDPOINTS: readonly Endpoint[] = [
  {
    path: "/api/health",
    method: "get",
    summary: "Server status and build",
    answer: { description: "Up", json: response.Health },
    etag: false,
    errors: [],
  },
  {
    path: "/api/graph",
    method: "get",
    summary: "Every node and link for the map (compact; gzip when accepted; ETag)",
    answer: { description: "The map", json: response.Graph },
    etag: true,
    errors: [],
  },
  {
    path: "/api/overview",
    method: "get",
    summary: "The map at cluster level: one disc per cluster, links between clusters (gzip when accepted; ETag)",
    answer: { description: "Overview", json: response.Overview },
    etag: true,
    errors: [],
  },
  {
    path: "/api/clusters",
    method: "get",
    summary: "The clusters (gzip when accepted; ETag)",
    answer: { description: "Every cluster", json: response.Clusters },
    etag: true,
    errors: [],
  },
  {
    path: "/api/clusters/{id}",
    method: "get",
    summary: "A cluster and its papers (or one subcluster's), most central first",
    params: request.clusterParams,
    query: request.clusterQuery,
    answer: { description: "One page", json: response.ClusterPapers },
    etag: true,
    errors: ["400", "404"],
  },
  {
    path: "/api/clusters/{id}/graph",
    method: "get",
    summary: "A cluster's papers with their positions and the links among them (gzip when accepted; ETag)",
    params: request.clusterParams,
    answer: { description: "The cluster's graph", json: response.ClusterGraph },
    etag: true,
    errors: ["400", "404"],
  },
  {
    path: "/api/papers",
    method: "get",
    summary: "A page of the papers the facet filters keep (category, author, venue), in corpus order",
    query: request.papersQuery,
    answer: { description: "One page", json: response.PaperList },
    etag: true,
    errors: ["400"],
  },
  {
    path: "/api/papers/{id}",
    method: "get",
    summary: "One paper: abstract, cluster, top topics",
    params: request.paperParams,
    answer: { description: "The paper", json: response.PaperResponse },
    etag: true,
    errors: ["400", "404"],
  },
  {
    path: "/api/papers",
    method: "post",
    summary:
      "Add papers to the library (a write): one paper, an array or {papers: [...]} as JSON, or JSON Lines, or CSV " +
      "with a header row. Bad records are reported by their place in the body (from 0) with why, the good ones kept; " +
      "the papers are on disk and on the map before the answer.",
    body: request.papersBody,
    textBodies: {
      "application/x-ndjson": "One paper object per line.",
      "text/csv": "A header row naming title and abstract (and any other field), then one paper a row.",
    },
    bodyLimits: `At most ${REQUEST_LIMITS.postPapers} papers and ${REQUEST_LIMITS.postBytes} bytes.`,
    write: true,
    answer: { description: "Written", status: "201", json: response.PapersAdded },
    etag: false,
    errors: ["400", "401", "403", "413", "415"],
  },
  {
    path: "/api/papers/{id}",
    method: "delete",
    summary: "Delete a paper from the library (a write); it leaves the map and every answer at once",
    params: request.paperParams,
    write: true,
    answer: { description: "Deleted (on disk before the answer)", status: "204", empty: true },
    etag: false,
    errors: ["400", "401", "403", "404"],
  },
  {
    path: "/api/papers/{id}/related",
    method: "get",
    summary: "A paper's related papers, best first, each with its score and shared topics",
    params: request.paperParams,
    query: request.paperRelatedQuery,
    answer: { description: "Related papers", json: response.PaperRelated },
    etag: true,
    errors: ["400", "404"],
  },
  {
    path: "/api/related",
    method: "get",
    summary: "Papers related to a free text, and its most likely cluster",
    query: request.textRelatedQuery,
    answer: { description: "Related papers", json: response.TextRelated },
    etag: true,
    errors: ["400"],
  },
  {
    path: "/api/related",
    method: "post",
    summary: "Papers related to a free text (in a JSON body), and its most likely cluster",
    body: request.textRelatedBody,
    answer: { description: "Related papers", json: response.TextRelated },
    etag: false,
    errors: ["400", "413", "415"],
  },
  {
    path: "/api/search",
    method: "get",
    summary:
      "One page of the papers whose title or abstract hold every word, ranked (phrases first, then BM25F with a title boost), with the total; and matching topics",
    query: request.searchQuery,
    answer: { description: "Results", json: response.Search },
    etag: true,
    errors: ["400"],
  },
  {
    path: "/api/topics",
    method: "get",
    summary: "Main topics (the papers' top topics, most common first), each with how many papers contain it",
    query: request.topicsQuery,
    answer: { description: "Topics", json: response.Topics },
    etag: true,
    errors: ["400"],
  },
  {
    path: "/api/topics/{term}/papers",
    method: "get",
    summary: "Every paper whose title or abstract contains a topic (by stem, as the TF-IDF reads it), heaviest first",
    params: request.topicParams,
    query: request.topicPapersQuery,
    answer: { description: "One page", json: response.TopicPapers },
    etag: true,
    errors: ["400", "404"],
  },
  {
    path: "/api/trends",
    method: "get",
    summary:
      "Emerging and fading clusters and main topics: growth is a share of the recent papers (the last quarter of the timeline) over a share of the earlier ones",
    query: request.trendsQuery,
    answer: { description: "Rankings", json: response.Trends },
    etag: true,
    errors: ["400"],
  },
  {
    path: "/api/facets",
    method: "get",
    summary: "The papers' categories, authors and venues, most common first, with their counts (among the kept papers)",
    query: request.facetsQuery,
    answer: { description: "Facets", json: response.Facets },
    etag: true,
    errors: ["400"],
  },
  ...graphExports("get"),
  ...graphExports("post"),
  ...paperDownloads(
    "/api/clusters/{id}/papers",
    "A cluster's papers (or one subcluster's), most central first,",
    { params: request.clusterParams, query: request.clusterDownloadQuery },
    ["400", "404"],
  ),
  ...paperDownloads(
    "/api/topics/{term}/papers",
    "The papers on a topic, heaviest first,",
    { params: request.topicParams, query: request.topicDownloadQuery },
    ["400", "404"],
  ),
  ...paperDownloads(
    "/api/search/papers",
    "Every paper matching a search, best first,",
    { query: request.searchDownloadQuery },
    ["400"],
  ),
  ...paperDownloads(
    "/api/related/papers",
    "The k papers related to a free text, best first,",
    { query: request.textRelatedQuery },
    ["400"],
  ),
  ...Object.entries(PAPER_DOWNLOADS).map(([extension, { type, name }]): Endpoint => ({
    path: `/api/related/papers.${extension}`,
    method: "post",
    summary:
      `The k papers related to a free text as ${name}, sent as an HTML form (q, k): a long text does not fit ` +
      "in a URL",
    body: request.textRelatedQuery,
    bodyType: "application/x-www-form-urlencoded",
    bodyLimits: `At most ${REQUEST_LIMITS.textFormBytes} bytes (larger: 413).`,
    answer: { description: `${name} file`, download: { type: type.split(";")[0], schema: { type: "string" } } },
    etag: false,
    errors: ["400", "413", "415"],
  })),
  {
    path: "/api/export.json",
    method: "get",
    summary: "The graph in graphology's JSON format",
    answer: {
      description: "Graphology JSON",
      download: { type: "application/json", schema: { type: "object", required: ["attributes", "nodes", "edges"] } },
    },
    etag: true,
    errors: [],
  },
  {
    path: "/api/rebuild",
    method: "post",
    summary:
      "Rebuild the map now (a write), in a process of its own: the current map serves until the new one replaces it; " +
      "follow it at its Location (/api/builds/{id}). Asking while one waits gives the one waiting.",
    write: true,
    answer: { description: "Asked for", status: "202", json: response.BuildStatus },
    etag: false,
    errors: ["401", "403", "405"],
  },
  {
    path: "/api/builds/current",
    method: "get",
    summary: "The latest build of the map: the one waiting or running, else the last that ended (never cached)",
    answer: { description: "Its state", json: response.BuildStatus },
    etag: false,
    errors: [],
  },
  {
    path: "/api/builds/{id}",
    method: "get",
    summary: "A build of the map: state, phase and progress (never cached)",
    params: request.buildParams,
    answer: { description: "Its state", json: response.BuildStatus },
    etag: false,
    errors: ["400", "404"],
  },
  {
    path: "/api/openapi.json",
    method: "get",
    summary: "This document",
    answer: { description: "OpenAPI 3.1", document: true },
    etag: true,
    errors: [],
  },
];
