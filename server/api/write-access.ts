// Who may write: with a token configured, a request carrying `Authorization: Bearer <token>` (compared in constant
// time); with none, nobody (the server is read-only); a server of a corpus file never writes. Checked before a write's
// body is read.

import { createHash, timingSafeEqual } from "node:crypto";

import type { RequestHandler } from "express";

import { ReadOnlyError } from "../errors.js";
import type { Library } from "../library/index.js";
import { RequestError } from "./validate.js";

export const READ_ONLY_MESSAGE =
  "this server is read-only: start it with TOPICGRAPH_TOKEN set (or --token-file FILE) to accept writes, " +
  "then send Authorization: Bearer <token>";

/**
 * 403 when no token is configured (or `readOnly` says why the server cannot write), 401 without the token or with a
 * wrong one; otherwise on to the route.
 */
export function requireWriteToken(token: string | null, readOnly: () => string | null): RequestHandler {
  const expected = token === null ? null : digest(token);
  return (req, res, next) => {
    if (expected === null) throw new RequestError(403, "READ_ONLY", READ_ONLY_MESSAGE);
    const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? "")?.[1];
    // NOTE: both sides hashed to 32 bytes first, so that the comparison takes the same time whatever the length given.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.set("WWW-Authenticate", 'Bearer realm="topicgraph"');
      throw new RequestError(
        401,
        "UNAUTHORIZED",
        given === undefined ? "writes need Authorization: Bearer <token>" : "wrong token",
      );
    }
    const reason = readOnly();
    if (reason !== null) throw new RequestError(403, "READ_ONLY", reason);
    next();
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

const NO_LIBRARY =
  "this server serves a corpus file, which it never writes nor rebuilds: serve a library (topicgraph serve --db PATH)";

/** The guard of a server's writes: its library's token and writer lock, or none at all for a corpus file. */
export function writeGuard(access: { library: Library; token: string | null } | undefined): RequestHandler {
  if (access === undefined) {
    return () => {
      throw new ReadOnlyError(NO_LIBRARY);
    };
  }
  const { library } = access;
  return requireWriteToken(access.token, () =>
    library.writable
      ? null
      : `this server serves ${library.path} read-only: ${library.readOnlyReason ?? "it was opened without writing"}`,
  );
}
