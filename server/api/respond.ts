// How the API answers: the one JSON serialiser (JSON.stringify, with `<`, `>` and `&` as \u escapes), validators
// (every GET answer carries its build's ETag; 304 when the client holds it), and bodies sent many times (the map, the
// cluster list, the OpenAPI document) serialised once per build with their gzip made once.

import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

import type { Request, RequestHandler, Response } from "express";

import type { TopicStore } from "../query/index.js";

const JSON_TYPE = "application/json; charset=utf-8";
const MARKUP = /[<>&]/g;
const MARKUP_ESCAPES: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026" };
const gzipAsync = promisify(gzip);

/**
 * A value's JSON as the API sends it. NOTE: `<`, `>` and `&` as \u escapes: corpus text stays inert even if a body
 * is sniffed as HTML.
 */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(
    JSON.stringify(value).replace(MARKUP, (c) => MARKUP_ESCAPES[c]),
    "utf8",
  );
}

/** Sends `value` as JSON with `status` (errors, and answers that are not kept: a POST, the health check). */
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
  private served: { store: TopicStore; tag: string; kept: Map<string, Promise<KeptBody>> } | undefined;

  constructor(
    store: TopicStore | (() => TopicStore),
    /** Smallest kept body sent compressed (the app's compression middleware has the same threshold). */
    private readonly compressFrom: number,
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

  private state(): { store: TopicStore; tag: string; kept: Map<string, Promise<KeptBody>> } {
    const store = this.current();
    if (this.served?.store !== store) {
      this.served = { store, tag: `W/"${randomBytes(18).toString("base64url")}"`, kept: new Map() };
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
   * The GET handler of an answer computed per request: `parse` checks the request (RequestError 400), `answer`
   * computes it (a domain error for an unknown resource), then 304 when the client holds it, else its JSON (compressed
   * by the app's middleware when large enough).
   */
  get<I>(parse: (req: Request) => I, answer: (input: I) => unknown): RequestHandler {
    return (req, res) => {
      const value = answer(parse(req));
      if (this.notModified(req, res)) return;
      res.type(JSON_TYPE).send(jsonBytes(value));
    };
  }

  /** The GET handler of a JSON body kept under `key(input)`, made by `make(input)` on first use. */
  getKept<I>(parse: (req: Request) => I, key: (input: I) => string, make: (input: I) => unknown): RequestHandler {
    return async (req, res) => {
      const input = parse(req);
      const body = await this.body(key(input), () => jsonBytes(make(input)));
      await this.sendKept(req, res, body, JSON_TYPE);
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

  /** Sends a kept body as `type` (304 when the client holds it), gzip to a client that accepts it. */
  async sendKept(req: Request, res: Response, body: KeptBody, type: string): Promise<void> {
    res.type(type);
    if (this.notModified(req, res)) return;
    if (body.bytes.length >= this.compressFrom && req.acceptsEncodings("gzip", "identity") === "gzip") {
      const bytes = await body.gzip();
      res.set("Content-Encoding", "gzip").send(bytes);
      return;
    }
    res.send(body.bytes);
  }
}

/** A body sent many times: its bytes, and their gzip made on first use, off the event loop, and kept. */
export class KeptBody {
  private gzipped: Promise<Buffer> | undefined;

  constructor(readonly bytes: Buffer) {}

  gzip(): Promise<Buffer> {
    this.gzipped ??= gzipAsync(this.bytes, { level: 6 });
    return this.gzipped;
  }
}
