// Starts the real topicgraph server (the API engineer's loadBuild -> createStore -> createApp -> startServer) on a
// free loopback port, serving the built client from dist/client. For browser tests and the client benchmarks.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { createApp } from "../../server/app.js";
import { loadBuild } from "../../server/load-build.js";
import type { PipelineOptions } from "../../server/pipeline.js";
import { createStore } from "../../server/query/index.js";
import { startServer, type ServerHandle } from "../../server/serve.js";

export const CLIENT_DIR = fileURLToPath(new URL("../../dist/client", import.meta.url));
export const SEED_CORPUS = fileURLToPath(new URL("../../data/papers.jsonl", import.meta.url));

export interface TestServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  papers: number;
  buildMs: number;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Papers from which /api/health tells the explorer to start on the overview (a small number forces it). */
  largeMapFrom?: number;
  /** Pipeline options of the build (defaults otherwise). */
  pipeline?: Partial<PipelineOptions>;
}

export async function startTestServer(
  corpus: string = SEED_CORPUS,
  options: TestServerOptions = {},
): Promise<TestServer> {
  if (!existsSync(`${CLIENT_DIR}/index.html`)) {
    throw new Error(`test/e2e: no built client in ${CLIENT_DIR}; run npm run build first`);
  }
  const { pipeline = {}, ...config } = options;
  const loaded = await loadBuild({ corpus, pipeline });
  const store = createStore(loaded.build, {
    papers: loaded.papers,
    builtAt: loaded.builtAt,
    buildMs: loaded.readMs + loaded.buildMs,
  });
  const handle: ServerHandle = await startServer(createApp({ store, config: { clientDir: CLIENT_DIR, ...config } }), {
    host: "127.0.0.1",
    port: 0,
    graceMs: 1000,
  });
  return {
    url: handle.url.replace(/\/$/, ""),
    papers: store.info.papers,
    buildMs: loaded.readMs + loaded.buildMs,
    close: () => handle.close(),
  };
}
