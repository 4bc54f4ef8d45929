// The client's only door to the server: one typed function per endpoint of the HTTP API (shapes from the contract,
// server/contract, as types only), errors turned into ApiError with a message a person can act on.

import type {
  BuildStatusDto,
  ClusterGraphDto,
  ClusterPapersDto,
  ErrorDto,
  FacetFiltersDto,
  FacetsDto,
  GraphDto,
  HealthDto,
  OverviewDto,
  PaperListDto,
  PaperRelatedDto,
  PaperResponseDto,
  SearchDto,
  TextRelatedDto,
  TopicPapersDto,
  TopicsDto,
} from "../server/contract/index.js";
import type { PaperDownloadFormat } from "../server/contract/index.js";
import { MAX_TEXT_CHARS, REQUEST_LIMITS } from "../server/contract/limits.js";

export type ApiErrorCode = "unreachable" | "bad_response" | string;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    /** HTTP status, 0 when the server could not be reached. */
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Bytes received so far and the total when the server announced it. */
export type ProgressListener = (loaded: number, total: number | null) => void;

export interface RequestOptions {
  signal?: AbortSignal;
}

const API = "/api";

/** A list of papers the server can give as a file (GET <list>/papers.csv|.bib|.ris), with the list's facet filters. */
export type PaperList =
  | { kind: "cluster"; id: number; subcluster?: number; filters?: FacetFiltersDto }
  | { kind: "topic"; term: string; filters?: FacetFiltersDto }
  | { kind: "search"; q: string; filters?: FacetFiltersDto }
  | { kind: "related"; q: string; k: number };

export type PaperFormat = PaperDownloadFormat;

/** The URL of every paper of a list as a file. */
export function paperDownloadUrl(list: PaperList, format: PaperFormat): string {
  switch (list.kind) {
    case "cluster":
      return `${API}/clusters/${list.id}/papers.${format}${query({ subcluster: list.subcluster, ...list.filters })}`;
    case "topic":
      return `${API}/topics/${encodeURIComponent(list.term)}/papers.${format}${query({ ...list.filters })}`;
    case "search":
      return `${API}/search/papers.${format}${query({ q: list.q, ...list.filters })}`;
    case "related":
      return `${API}/related/papers.${format}${query({ q: list.q, k: list.k })}`;
  }
}

/**
 * The papers related to a text as a file, asked by an HTML form's POST (`action`, `fields`): a text does not always
 * fit in a URL. The text is cut where the server stops reading it, so that the form stays within its size limit.
 */
export function relatedDownloadForm(
  text: string,
  k: number,
  format: PaperFormat,
): { action: string; fields: Record<string, string> } {
  return {
    action: `${API}/related/papers.${format}`,
    fields: { q: text.trim().slice(0, MAX_TEXT_CHARS), k: String(k) },
  };
}

/**
 * What a graph export selects (GET /api/export.gexf|.graphml): the whole map, or only its papers the facet filters keep;
 * a cluster's (or subcluster's), a search's or a topic's papers, filtered as their lists are; the papers related to a
 * text.
 */
export type GraphSelection =
  | { kind: "map"; filters?: FacetFiltersDto }
  | { kind: "cluster"; cluster: number; subcluster?: number; filters?: FacetFiltersDto }
  | { kind: "search"; q: string; filters?: FacetFiltersDto }
  | { kind: "topic"; term: string; filters?: FacetFiltersDto }
  | { kind: "related"; text: string; k: number };

export type GraphFormat = "gexf" | "graphml";

/** The export's query fields of a selection (a related text cut where the server stops reading it). */
function graphFields(selection: GraphSelection): Record<string, string | number | undefined> {
  switch (selection.kind) {
    case "map":
      return { ...selection.filters };
    case "cluster":
      return { cluster: selection.cluster, subcluster: selection.subcluster, ...selection.filters };
    case "search":
      return { search: selection.q, ...selection.filters };
    case "topic":
      return { topic: selection.term, ...selection.filters };
    case "related":
      return { related: selection.text.trim().slice(0, MAX_TEXT_CHARS), k: selection.k };
  }
}

/** The URL of the graph as GEXF or GraphML: the whole map, or the subgraph of the selection's papers. */
export function graphExportUrl(format: GraphFormat, selection: GraphSelection = { kind: "map" }): string {
  return `${API}/export.${format}${query(graphFields(selection))}`;
}

/** The subgraph of the papers related to a text, asked by an HTML form's POST: a text does not always fit in a URL. */
export function graphExportForm(
  format: GraphFormat,
  selection: Extract<GraphSelection, { kind: "related" }>,
): { action: string; fields: Record<string, string> } {
  const fields = Object.entries(graphFields(selection)).map(([name, value]) => [name, String(value)]);
  return { action: `${API}/export.${format}`, fields: Object.fromEntries(fields) };
}

/** How many papers related to a text the API lists when not told (the POST the explorer sends). */
export const TEXT_RELATED_K = REQUEST_LIMITS.k.default;

export async function fetchHealth(options: RequestOptions = {}): Promise<HealthDto> {
  return parse(await send(`${API}/health`, options));
}

export async function fetchGraph(onProgress?: ProgressListener, options: RequestOptions = {}): Promise<GraphDto> {
  return parseWithProgress<GraphDto>(await send(`${API}/graph`, { signal: options.signal }), onProgress);
}

export async function fetchOverview(options: RequestOptions = {}): Promise<OverviewDto> {
  return parse(await send(`${API}/overview`, options));
}

/** One cluster's papers and the links among them (drilling into a large map). */
export async function fetchClusterGraph(
  id: number,
  onProgress?: ProgressListener,
  options: RequestOptions = {},
): Promise<ClusterGraphDto> {
  return parseWithProgress<ClusterGraphDto>(await send(`${API}/clusters/${id}/graph`, options), onProgress);
}

async function parseWithProgress<T>(response: Response, onProgress?: ProgressListener): Promise<T> {
  if (!onProgress || !response.body) return parse<T>(response);
  const announced = Number(response.headers.get("content-length"));
  // NOTE: with compression the announced length is the compressed one; the count of decoded bytes would pass it.
  const total = announced > 0 && !response.headers.get("content-encoding") ? announced : null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    text += decoder.decode(value, { stream: true });
    onProgress(loaded, total);
  }
  text += decoder.decode();
  return parseText<T>(text, response.url);
}

/** A page of a cluster's papers, most central first; with `subcluster`, of that subtopic only; facet filters kept. */
export async function fetchClusterPapers(
  id: number,
  page: { limit?: number; offset?: number; subcluster?: number } & FacetFiltersDto = {},
  options: RequestOptions = {},
): Promise<ClusterPapersDto> {
  return parse(await send(`${API}/clusters/${id}${query(page)}`, options));
}

export async function fetchPaper(id: string, options: RequestOptions = {}): Promise<PaperResponseDto> {
  return parse(await send(`${API}/papers/${encodeURIComponent(id)}`, options));
}

export async function fetchPaperRelated(id: string, options: RequestOptions = {}): Promise<PaperRelatedDto> {
  return parse(await send(`${API}/papers/${encodeURIComponent(id)}/related`, options));
}

export async function search(
  q: string,
  page: { limit?: number; offset?: number } & FacetFiltersDto = {},
  options: RequestOptions = {},
): Promise<SearchDto> {
  return parse(await send(`${API}/search${query({ q, ...page })}`, options));
}

export async function fetchTopics(limit: number, options: RequestOptions = {}): Promise<TopicsDto> {
  return parse(await send(`${API}/topics${query({ limit })}`, options));
}

/** The API's largest page of a topic's papers. */
export const TOPIC_PAPERS_MAX_LIMIT = REQUEST_LIMITS.clusterLimit.max;

/** A page of the papers on a topic, heaviest first, among those the facet filters keep. */
export async function fetchTopicPapers(
  term: string,
  page: { limit?: number; offset?: number } & FacetFiltersDto = {},
  options: RequestOptions = {},
): Promise<TopicPapersDto> {
  return parse(await send(`${API}/topics/${encodeURIComponent(term)}/papers${query(page)}`, options));
}

/**
 * Every paper on a topic that the facet filters keep (page after page), up to `max`: `papers` holds them, `total`
 * says how many there are in all.
 */
export async function fetchAllTopicPapers(
  term: string,
  max: number,
  options: RequestOptions = {},
  filters: FacetFiltersDto = {},
): Promise<{ term: string; filters: FacetFiltersDto; total: number; papers: TopicPapersDto["papers"] }> {
  const papers: TopicPapersDto["papers"] = [];
  let total = Infinity;
  while (papers.length < Math.min(total, max)) {
    const limit = Math.min(TOPIC_PAPERS_MAX_LIMIT, max - papers.length);
    const page = await fetchTopicPapers(term, { limit, offset: papers.length, ...filters }, options);
    total = page.total;
    papers.push(...page.papers);
    if (page.papers.length === 0) break;
  }
  return { term, filters, total: Number.isFinite(total) ? total : papers.length, papers };
}

/** The papers' categories, authors and venues, most common first (at most `limit` of each). */
export async function fetchFacets(limit: number, options: RequestOptions = {}): Promise<FacetsDto> {
  return parse(await send(`${API}/facets${query({ limit })}`, options));
}

/** A page of the papers the facet filters keep, in corpus order. */
export async function fetchPaperList(
  filters: FacetFiltersDto,
  page: { limit?: number; offset?: number } = {},
  options: RequestOptions = {},
): Promise<PaperListDto> {
  return parse(await send(`${API}/papers${query({ ...filters, ...page })}`, options));
}

export async function fetchTextRelated(text: string, options: RequestOptions = {}): Promise<TextRelatedDto> {
  return parse(
    await send(`${API}/related`, {
      ...options,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
    }),
  );
}

/** Adds papers to the served library (a write: the token), as JSON, JSON Lines or CSV. */
export async function addPapers<T>(
  body: string,
  type: string,
  token: string,
  options: RequestOptions = {},
): Promise<T> {
  return parse(
    await send(`${API}/papers`, {
      ...options,
      method: "POST",
      headers: { "content-type": type, authorization: `Bearer ${token}` },
      body,
    }),
  );
}

/** The map's latest build (a rebuild waiting or running, else the last that ended). */
export async function fetchCurrentBuild(options: RequestOptions = {}): Promise<BuildStatusDto> {
  return parse(await send(`${API}/builds/current`, { ...options, cache: "no-store" }));
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(`Cannot reach the topicgraph server (${url}). Is it running?`, "unreachable", 0);
  }
  if (!response.ok) throw await errorFrom(response, url);
  return response;
}

async function errorFrom(response: Response, url: string): Promise<ApiError> {
  const fallback = `The server answered ${response.status} ${response.statusText} for ${url.split("?")[0]}`;
  try {
    const body = (await response.json()) as Partial<ErrorDto>;
    if (body.error?.message) return new ApiError(body.error.message, body.error.code ?? "error", response.status);
  } catch {
    // Not JSON (a proxy's error page, say): the status line says enough.
  }
  return new ApiError(fallback, "http_error", response.status);
}

async function parse<T>(response: Response): Promise<T> {
  return parseText<T>(await response.text(), response.url);
}

function parseText<T>(text: string, url: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(`The server sent something that is not JSON (${url})`, "bad_response", 200);
  }
}
