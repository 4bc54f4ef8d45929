// startServer: listens on host:port and returns a handle whose close() stops accepting, lets requests in flight
// finish, closes idle keep-alive connections, and after `graceMs` ends the rest. A client slower than the headers or
// request timeout is answered 408 and cut off.

import { createServer, type RequestListener, type Server } from "node:http";
import { lookup } from "node:dns/promises";
import type { AddressInfo } from "node:net";
import { hostname, networkInterfaces } from "node:os";

import { SERVE_DEFAULTS } from "./config.js";
import { ListenError } from "./errors.js";

export interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** How long close() waits for requests in flight before ending their connections. */
  graceMs?: number;
  /** How long a client may take to send a request's headers, and the whole request (config SERVE_DEFAULTS). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/**
 * How often Node looks for connections past their timeouts. NOTE: its default, 30 s, let a 10 s headers timeout act
 * after 10 to 40 s; checked every second, a timeout acts within a second of its value.
 */
const TIMEOUT_CHECK_MS = 1000;

export interface ServerHandle {
  server: Server;
  /** http://host:port/ as bound (the real port when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

export async function startServer(app: RequestListener, options: ServerOptions): Promise<ServerHandle> {
  // NOTE: a slow or stuck client cannot hold a connection forever.
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? SERVE_DEFAULTS.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? SERVE_DEFAULTS.requestTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    app,
  );
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      reject(
        new ListenError(`cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}`, {
          cause: error,
        }),
      );
    };
    server.once("error", fail);
    server.listen(options.port, options.host, () => {
      server.off("error", fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${address.port}/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 5000);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** True for an address of loopback (127.0.0.0/8, ::1, and 127.x as an IPv4-mapped IPv6 address). */
export function isLoopbackAddress(address: string): boolean {
  return /^(127\.|::ffff:127\.)/.test(address) || address === "::1";
}

/**
 * The names a server bound to `host` is reached by, for its Host allow-list: `host` and its addresses; for a wildcard
 * address (0.0.0.0, ::), the machine's name and the addresses of its interfaces too.
 */
export async function namesOfHost(host: string): Promise<string[]> {
  const names = [host];
  if (host === "0.0.0.0" || host === "::") {
    names.push(hostname());
    for (const addresses of Object.values(networkInterfaces()))
      for (const { address } of addresses ?? []) names.push(address);
  } else {
    const found = await lookup(host, { all: true }).catch(() => []);
    for (const { address } of found) names.push(address);
  }
  return names;
}
