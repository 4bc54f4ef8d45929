// How the API answers: the one JSON serialiser (JSON.stringify, with `<`, `>` and `&` as \u escapes), validators
// (every GET answer carries its build's ETag; 304 when the client holds it), compression (gzip in one call, from
// compressFrom bytes on, for a client that accepts it), and answers kept per store: the few whole-map bodies (the map,
// the cluster list, the OpenAPI document) always, every other GET answer by its query within a budget of bytes; each
// serialised once, its gzip made once.

import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";

import type { Request, RequestHandler, Response } from "express";

import type { TopicStore } from "../query/index.js";

const JSON_TYPE = "application/json; charset=utf-8";
const MARKUP = /[<>&]/g;
const HAS_MARKUP = /[<>&]/;
const MARKUP_ESCAPES: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026" };
const gzipAsync = promisify(gzip);
const GZIP_LEVEL = 6;
/**
 * Bodies up to this size are compressed on the event loop, where a small body's gzip costs less than handing it over.
 * NOTE: a gzip call on the thread pool cost many times the CPU of the same call inline (a fresh compressor's memory per
 * call on each thread).
 */
const GZIP_INLINE_UP_TO = 128 * 1024;

/**
 * A value's JSON as the API sends it. NOTE: `<`, `>` and `&` as \u escapes: corpus text stays inert even if a body
 * is sniffed as HTML.
 */
export function jsonBytes(value: unknown): Buffer {
  const json = JSON.stringify(value);
  // NOTE: tested first: most answers have no markup, and a test is cheaper than a replace that finds nothing.
  return Buffer.from(HAS_MARKUP.test(json) ? json.replace(MARKUP, (c) => MARKUP_ESCAPES[c]) : json, "utf8");
}

/** Whether the client takes gzip (the one test of it for every body the API sends). */
export function acceptsGzip(req: Request): boolean {
  return req.acceptsEncodings("gzip", "identity") === "gzip";
}

/** Sends `value` as JSON with `status`, never compressed: small answers (errors, the health check, a build's state). */
export function sendJson(res: Response, value: unknown, status = 200): void {
  res.status(status).type(JSON_TYPE).send(jsonBytes(value));
}

/**
 * The answers of a store: each GET answer carries the store's tag as its ETag (304 when the client holds it); bodies
 * sent many times are kept. NOTE: an answer is a function of its URL and the store, and a store is made once per
 * loaded build and once per change of a served library (query/changes), so a tag of its own per store changes whenever
 * an answer could (a restart, a rebuild, an added or deleted paper). Given a function, the responder answers from the
 * store it returns at the time (live/live-map), with that store's tag and kept bodies.
 */
export class Responder {
  private readonly current: () => TopicStore;
  private served: Served | undefined;

  constructor(
    store: TopicStore | (() => TopicStore),
    /** Smallest body sent compressed (the app's compression middleware of the explorer's files has the same). */
    private readonly compressFrom: number,
    /**
     * Most bytes of answers kept by their query per store, the least recently sent dropped first: a client asking
     * something new on each request makes the server compute, not grow.
     */
    private readonly answerMemory: number,
  ) {
    this.current = typeof store === "function" ? store : () => store;
  }

  /** The store answers come from now. */
  get store(): TopicStore {
    return this.state().store;
  }

  /** The current store's ETag. */
  get tag(): string {
    return this.state().tag;
  }

  private state(): Served {
    const store = this.current();
    if (this.served?.store !== store) {
      const tag = `W/"${randomBytes(18).toString("base64url")}"`;
      this.served = { store, tag, kept: new Map(), answers: new KeptAnswers(this.answerMemory) };
    }
    return this.served;
  }

  /**
   * Sets the validator headers of an answer and answers 304 when the client holds it: true when nothing is left to
   * send. NOTE: a weak ETag, since the gzip and identity bytes differ but carry the same content.
   */
  notModified(req: Request, res: Response): boolean {
    res.set({ ETag: this.tag, Vary: "Accept-Encoding", "Cache-Control": "no-cache" });
    if (!req.fresh) return false;
    res.status(304).end();
    return true;
  }

  /**
   * The GET handler of an answer that only its query and the store decide: `parse` checks the request (RequestError
   * 400), `answer` computes it (a domain error for an unknown resource: nothing kept), then 304 when the client holds
   * it, else its JSON. NOTE: the answer is kept under `name` and the parsed query: a store never changes, so neither
   * does an answer made from it, and a paper, a search or a page asked again is sent without being made again.
   */
  get<I>(name: string, parse: (req: Request) => I, answer: (input: I) => unknown): RequestHandler {
    return async (req, res) => {
      const input = parse(req);
      const { answers } = this.state();
      const key = `${name}?${JSON.stringify(input)}`;
      const body = answers.get(key) ?? answers.set(key, new KeptBody(jsonBytes(answer(input))));
      await this.send(req, res, body, JSON_TYPE);
    };
  }

  /** Sends `value` as JSON with `status` and no validators (the answer of a POST). */
  json(req: Request, res: Response, value: unknown, status = 200): Promise<void> {
    res.status(status).type(JSON_TYPE);
    return this.sendBytes(req, res, jsonBytes(value));
  }

  /** The GET handler of a JSON body kept under `key(input)`, made by `make(input)` on first use. */
  getKept<I>(parse: (req: Request) => I, key: (input: I) => string, make: (input: I) => unknown): RequestHandler {
    return async (req, res) => {
      const input = parse(req);
      const body = await this.body(key(input), () => jsonBytes(make(input)));
      await this.send(req, res, body, JSON_TYPE);
    };
  }

  /** The body kept under `key`, made by `make` on first use. */
  body(key: string, make: () => Buffer | Promise<Buffer>): Promise<KeptBody> {
    const { kept } = this.state();
    let body = kept.get(key);
    if (body === undefined) {
      body = Promise.resolve()
        .then(make)
        .then((bytes) => new KeptBody(bytes));
      // A failure is not kept: the next request tries again.
      body.catch(() => kept.delete(key));
      kept.set(key, body);
    }
    return body;
  }

  /** Sends an answer's body as `type` with the store's validators (304 when the client holds it). */
  async send(req: Request, res: Response, body: Buffer | KeptBody, type: string): Promise<void> {
    res.type(type);
    if (this.notModified(req, res)) return;
    await this.sendBytes(req, res, body);
  }

  /**
   * Sends a body, gzip to a client that accepts it when the body has at least compressFrom bytes. NOTE: one gzip call
   * per body, sent with its length: the compression middleware's stream per answer (br for a browser) cost the server
   * more than the answer itself (docs/performance.md, compression).
   */
  private async sendBytes(req: Request, res: Response, body: Buffer | KeptBody): Promise<void> {
    res.vary("Accept-Encoding");
    const bytes = body instanceof KeptBody ? body.bytes : body;
    if (bytes.length < this.compressFrom || !acceptsGzip(req)) {
      res.send(bytes);
      return;
    }
    let zipped: Buffer;
    if (body instanceof KeptBody) zipped = await body.gzip();
    else if (bytes.length <= GZIP_INLINE_UP_TO) zipped = gzipSync(bytes, { level: GZIP_LEVEL });
    else zipped = await gzipAsync(bytes, { level: GZIP_LEVEL });
    res.set("Content-Encoding", "gzip").send(zipped);
  }
}

interface Served {
  store: TopicStore;
  tag: string;
  /** Bodies by name (the map, the cluster list, a cluster's graph): a few per build, kept while it is served. */
  kept: Map<string, Promise<KeptBody>>;
  answers: KeptAnswers;
}

/** Answers kept by their query, least recently sent first, the oldest dropped beyond a budget of bytes. */
export class KeptAnswers {
  private readonly bodies = new Map<string, KeptBody>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  get(key: string): KeptBody | undefined {
    const body = this.bodies.get(key);
    if (body !== undefined) {
      // A Map keeps insertion order: taking the entry out and in again makes it the most recently sent.
      this.bodies.delete(key);
      this.bodies.set(key, body);
    }
    return body;
  }

  /** Keeps `body` under `key` (unless it alone is over the budget) and returns it. */
  set(key: string, body: KeptBody): KeptBody {
    const size = KeptAnswers.size(key, body);
    if (size > this.budget) return body;
    this.bodies.set(key, body);
    this.bytes += size;
    for (const [oldest, old] of this.bodies) {
      if (this.bytes <= this.budget) break;
      this.bodies.delete(oldest);
      this.bytes -= KeptAnswers.size(oldest, old);
    }
    return body;
  }

  /** What an answer costs the budget: its bytes and its key's (a text's related papers are kept under the text); not its gzip, a fraction of its bytes. */
  private static size(key: string, body: KeptBody): number {
    return body.bytes.length + key.length;
  }
}

/** A body sent many times: its bytes, and their gzip made on first use, off the event loop, and kept. */
export class KeptBody {
  private gzipped: Promise<Buffer> | undefined;

  constructor(readonly bytes: Buffer) {}

  gzip(): Promise<Buffer> {
    this.gzipped ??= gzipAsync(this.bytes, { level: GZIP_LEVEL });
    return this.gzipped;
  }
}
