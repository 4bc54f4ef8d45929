// startServer: listens on host:port and returns a handle whose close() stops accepting, lets requests in flight
// finish, closes idle keep-alive connections, and after `graceMs` ends the rest.

import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { ListenError } from "./errors.js";

export interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** How long close() waits for requests in flight before ending their connections. */
  graceMs?: number;
}

export interface ServerHandle {
  server: Server;
  /** http://host:port/ as bound (the real port when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

export async function startServer(app: RequestListener, options: ServerOptions): Promise<ServerHandle> {
  const server = createServer(app);
  // NOTE: a slow or stuck client cannot hold a connection forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
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
