// Test helpers for the HTTP API: stores built from fixture corpora, the real app on a loopback port, raw requests
// (paths the fetch API would normalise), and a checker of responses against the served OpenAPI document.

import { request as httpRequest } from "node:http";

import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

import { createApp } from "../../server/app.js";
import type { AppConfig } from "../../server/config.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import type { TopicGraph } from "../../server/graph/types.js";
import { buildTopicGraph, type PipelineOptions } from "../../server/pipeline.js";
import { createStore, type TopicStore } from "../../server/query/index.js";
import { startServer, type ServerHandle } from "../../server/serve.js";
import { classifyWord, isPunctuation, splitWords } from "../../server/text/tokenize.js";
import { temporaryFile } from "../corpus/fixtures.js";

export const SEED = "data/papers.jsonl";
export const HOSTILE = "test/fixtures/api/hostile.jsonl";
/** The corpora the API's answers are checked on, by name. */
export const FIXTURE_CORPORA = [
  ["seed", SEED],
  ["hostile corpus", HOSTILE],
] as const;
export const BUILT_AT = new Date("2026-01-02T03:04:05.000Z");

const graphs = new WeakMap<TopicStore, TopicGraph>();

/**
 * The seed with categories, authors and venues, written to a temporary file: each facet filter keeps some papers of
 * each list and not others.
 */
export async function facetedSeed(): Promise<string> {
  const records = (await readCorpus(SEED)).papers.map((paper, i) => ({
    ...paper,
    categories: [["cs.CL", "cs.LG", "stat.ML"][i % 3], ...(i % 2 === 0 ? ["cs.AI"] : [])],
    authors: [`Author ${i % 4}`],
    venue: i % 5 === 0 ? "NeurIPS" : undefined,
  }));
  return temporaryFile("faceted.jsonl", records.map((r) => JSON.stringify(r)).join("\n"));
}

export async function buildStore(path: string, options: Partial<PipelineOptions> = {}): Promise<TopicStore> {
  const corpus = await readCorpus(path);
  const build = await buildTopicGraph(corpus.papers, options);
  const store = createStore(build, { papers: corpus.papers, builtAt: BUILT_AT, buildMs: 12.5 });
  graphs.set(store, build.graph);
  return store;
}

const paperLists = new WeakMap<TopicStore, Paper[]>();

/** A store's papers, decoded from its paper table, by row. */
export function papersOf(store: TopicStore): Paper[] {
  let papers = paperLists.get(store);
  if (papers === undefined) {
    papers = Array.from({ length: store.papers.length }, (_, row) => store.papers.paper(row));
    paperLists.set(store, papers);
  }
  return papers;
}

/** The graphology graph a store of buildStore was made from (the store keeps columns only). */
export function graphOf(store: TopicStore): TopicGraph {
  const graph = graphs.get(store);
  if (graph === undefined) throw new Error("test/api: not a store of buildStore");
  return graph;
}

export interface TestServer extends ServerHandle {
  /** Errors the app logged (server errors); a test that expects none checks it is empty. */
  logged: unknown[];
}

export async function serveStore(
  store: TopicStore | (() => TopicStore),
  config: Partial<AppConfig> = {},
): Promise<TestServer> {
  const logged: unknown[] = [];
  const app = createApp({
    store,
    config: { clientDir: "test/fixtures/api/no-client", logError: (error) => logged.push(error), ...config },
  });
  const handle = await startServer(app, { host: "127.0.0.1", port: 0 });
  return Object.assign(handle, { logged });
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function fetchJson<T = any>(base: string, path: string, init?: RequestInit): Promise<JsonResponse<T>> {
  const response = await fetch(new URL(path, base), init);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent (not decoded), and as UTF-8 text. */
  body: Buffer;
  text: string;
}

/** A request with the path sent exactly as given (no URL normalisation), over node:http. */
export function rawRequest(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? "GET",
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString("utf8") });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export const paperPath = (id: string, suffix = "") => `/api/papers/${encodeURIComponent(id)}${suffix}`;

/** Checks bodies against the response schemas of an OpenAPI 3.1 document. */
export class OpenApiChecker {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: any) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
  }

  /** Throws with ajv's errors when `body` does not match the documented response. */
  check(method: string, template: string, status: number, body: unknown, type = "application/json"): void {
    const key = `${method} ${template} ${status} ${type}`;
    let validate = this.validators.get(key);
    if (validate === undefined) {
      const operation = this.document.paths?.[template]?.[method.toLowerCase()];
      if (!operation) throw new Error(`OpenAPI: no operation ${method} ${template}`);
      const response = operation.responses?.[String(status)];
      if (!response) throw new Error(`OpenAPI: ${method} ${template} documents no ${status} response`);
      const schema = response.content?.[type]?.schema;
      if (!schema) throw new Error(`OpenAPI: ${method} ${template} ${status} has no ${type} schema`);
      validate = this.ajv.compile({ ...schema, components: this.document.components });
      this.validators.set(key, validate);
    }
    if (!validate(body)) {
      throw new Error(`OpenAPI: ${key} mismatch: ${this.ajv.errorsText(validate.errors, { separator: "\n" })}`);
    }
  }
}

/**
 * Whether a paper's title or abstract contains `term` as the TF-IDF reads it: its words by stem, contiguous, with no
 * stopword or punctuation between (the tokenizer only: no vocabulary, no index).
 */
export function containsTerm(paper: Paper, term: string): boolean {
  const key = (raw: string) => (isPunctuation(raw) ? null : (classifyWord(raw)?.key ?? null));
  const wanted = splitWords(term).map(key);
  if (wanted.includes(null)) return false;
  return [paper.title, paper.abstract].some((text) => {
    const have = splitWords(text).map(key);
    for (let at = 0; at + wanted.length <= have.length; at++) {
      if (wanted.every((k, j) => have[at + j] === k)) return true;
    }
    return false;
  });
}
