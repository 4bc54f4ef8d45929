// The answers of the API's dynamic JSON GET endpoints, each from its path parameters and query string, validated at
// the edge (server/contract), as JSON bytes.

import type { RequestHandler } from "express";

import {
  clusterParams,
  clusterQuery,
  paperParams,
  paperRelatedQuery,
  searchQuery,
  textRelatedQuery,
  topicPapersQuery,
  topicParams,
  topicsQuery,
} from "../contract/index.js";
import {
  clusterPapers,
  paper,
  paperRelated,
  search,
  textRelated,
  topicPapers,
  topics,
  type TopicStore,
} from "../query/index.js";
import { parseRequest } from "./validate.js";

/** Path parameters or query values as Express gives them (decoded strings). */
export type RouteInput = Record<string, unknown>;

/**
 * An endpoint's answer as JSON bytes, escaped as Express's "json escape" writes them (server/app); throws RequestError
 * (400) for bad input, a domain error (404) for an unknown resource.
 */
export type JsonAnswer = (params: RouteInput, query: RouteInput) => Buffer;

export interface JsonAnswers {
  /** GET /api/papers/:id */
  paper: JsonAnswer;
  /** GET /api/papers/:id/related?k= */
  paperRelated: JsonAnswer;
  /** GET /api/clusters/:id?limit=&offset=&subcluster= */
  cluster: JsonAnswer;
  /** GET /api/related?q=&k= */
  textRelated: JsonAnswer;
  /** GET /api/search?q=&limit= */
  search: JsonAnswer;
  /** GET /api/topics?limit= */
  topics: JsonAnswer;
  /** GET /api/topics/:term/papers?limit=&offset= */
  topicPapers: JsonAnswer;
}

export function jsonAnswers(store: TopicStore): JsonAnswers {
  return {
    paper: (params) => json(paper(store, parseRequest(paperParams, params, "path").id)),
    paperRelated: (params, query) => {
      const { id } = parseRequest(paperParams, params, "path");
      const { k } = parseRequest(paperRelatedQuery, query, "query");
      return json(paperRelated(store, id, k));
    },
    cluster: (params, query) => {
      const { id } = parseRequest(clusterParams, params, "path");
      const { limit, offset, subcluster } = parseRequest(clusterQuery, query, "query");
      return json(clusterPapers(store, id, limit, offset, subcluster));
    },
    textRelated: (_params, query) => {
      const { q, k } = parseRequest(textRelatedQuery, query, "query");
      return json(textRelated(store, q, k));
    },
    search: (_params, query) => {
      const { q, limit } = parseRequest(searchQuery, query, "query");
      return json(search(store, q, limit));
    },
    topics: (_params, query) => json(topics(store, parseRequest(topicsQuery, query, "query").limit)),
    topicPapers: (params, query) => {
      const { term } = parseRequest(topicParams, params, "path");
      const { limit, offset } = parseRequest(topicPapersQuery, query, "query");
      return json(topicPapers(store, term, limit, offset));
    },
  };
}

/** `<`, `>` and `&` as \u escapes, as Express's "json escape" writes them. */
export function escapeJson(json: string): string {
  return json.replace(/[<>&]/g, (c) => (c === "<" ? "\\u003c" : c === ">" ? "\\u003e" : "\\u0026"));
}

/** A value's JSON bytes, as res.json writes them with the app's "json escape" (and no "json spaces"). */
function json(value: unknown): Buffer {
  return Buffer.from(escapeJson(JSON.stringify(value)), "utf8");
}

/** The Express handler that sends an answer as JSON (errors go to the error handler). */
export function sendAnswer(answer: JsonAnswer): RequestHandler {
  return (req, res) => {
    res.type("application/json; charset=utf-8").send(answer(req.params, req.query as RouteInput));
  };
}
