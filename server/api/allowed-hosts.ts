// The Host allow-list: a request whose Host header names a host this server is not is answered 421, as JSON. A web
// page that rebinds its own name to a loopback address (DNS rebinding) reaches the server under that name, so that
// name is refused. Loopback names by default; `serve` adds the address it binds and its names, and --allowed-hosts.

import type { RequestHandler } from "express";

import { RequestError } from "./validate.js";

/** The host of a Host header: lower case, without its port, brackets or a trailing dot; null when malformed. */
export function hostOf(header: string): string | null {
  let host = header.trim().toLowerCase();
  let rest: string;
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    if (end === -1) return null;
    rest = host.slice(end + 1);
    host = host.slice(1, end);
  } else {
    const colon = host.indexOf(":");
    rest = colon === -1 ? "" : host.slice(colon);
    host = colon === -1 ? host : host.slice(0, colon);
  }
  if (rest !== "" && !/^:\d{1,5}$/.test(rest)) return null;
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host === "" ? null : host;
}

/** Answers 421 to a request whose Host is not one of `names` (compared as hostOf gives them). */
export function allowedHosts(names: readonly string[]): RequestHandler {
  const allowed = new Set<string>();
  for (const name of names) {
    // An IPv6 address is named without brackets, as --host takes it.
    const host = hostOf(name.includes(":") && !name.startsWith("[") ? `[${name}]` : name);
    if (host !== null) allowed.add(host);
  }
  return (req, _res, next) => {
    const header = req.headers.host;
    // NOTE: an HTTP/1.0 request may come without Host; a browser never sends one so.
    const host = header === undefined ? null : hostOf(header);
    if (header === undefined || (host !== null && allowed.has(host))) {
      next();
      return;
    }
    const shown = header.length > 100 ? `${header.slice(0, 100)}…` : header;
    next(
      new RequestError(
        421,
        "MISDIRECTED_REQUEST",
        `host ${JSON.stringify(shown)} is not served here (--allowed-hosts adds one)`,
      ),
    );
  };
}
