// `topicgraph serve <corpus>`: the process entry of the server. Validates the configuration, obtains the build
// (read + build, or the build cache), creates the store and the app, listens, logs one line when ready (with what
// each step took), and shuts down gracefully on SIGINT/SIGTERM.

import { createApp } from "../app.js";
import { loadServeConfig, type ServeConfig } from "../config.js";
import { loadBuild } from "../load-build.js";
import { createStore, type TopicStore } from "../query/index.js";
import { startServer } from "../serve.js";
import { corpusFormatFrom, pipelineOptionsFrom, type ParsedValues } from "./args.js";
import { formatSeconds } from "./progress.js";

export interface ServeCommandOptions {
  corpus: string;
  values: ParsedValues;
  log?: (line: string) => void;
  /** Resolves when the server should stop; by default on the first SIGINT or SIGTERM. */
  stopSignal?: Promise<string>;
}

export async function runServe(options: ServeCommandOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const config = loadServeConfig({
    corpus: options.corpus,
    format: corpusFormatFrom(options.values),
    pipeline: pipelineOptionsFrom(options.values),
    port: optionalString(options.values.port),
    host: optionalString(options.values.host),
    noCache: options.values["no-cache"] === true,
  });
  const { store, summary, persist } = await openStore(config);
  const handle = await startServer(createApp({ store, config }), { host: config.host, port: config.port });
  log(
    `topicgraph: serving ${store.info.papers} papers in ${store.clusterIndex.clusters.length} clusters at ${handle.url} ` +
      `(${summary})`,
  );
  // Saved once serving, so that the first start is not made longer by it; a failure costs only the next restart.
  persist().catch((error: unknown) => {
    process.stderr.write(`topicgraph: could not cache the build: ${(error as Error)?.message ?? String(error)}\n`);
  });
  const signal = await (options.stopSignal ?? signalled());
  log(`topicgraph: ${signal}, shutting down`);
  await handle.close();
  return 0;
}

/**
 * The store of the configured corpus, how it was obtained, and the cache's save. NOTE: a function of its own, so
 * that the corpus's Paper objects (the store keeps a packed table) are not held by runServe's frame while it serves.
 */
async function openStore(
  config: ServeConfig,
): Promise<{ store: TopicStore; summary: string; persist: () => Promise<void> }> {
  const loaded = await loadBuild(config);
  const storeStart = performance.now();
  const store = createStore(loaded.build, {
    papers: loaded.papers,
    builtAt: loaded.builtAt,
    buildMs: loaded.readMs + loaded.buildMs,
    searchIndex: loaded.searchIndex,
  });
  const storeMs = performance.now() - storeStart;
  const skipped = loaded.corpus.skipped.length;
  const steps = Object.entries(loaded.steps)
    .map(([step, ms]) => `${step} ${formatSeconds(ms / 1000)}`)
    .join(", ");
  const summary =
    `${loaded.cached ? "loaded from cache" : "built"} in ${formatSeconds((loaded.readMs + loaded.buildMs + storeMs) / 1000)}: ` +
    `${loaded.corpusRead ? "read" : "corpus file unchanged"} ${formatSeconds(loaded.readMs / 1000)}, graph ${formatSeconds(loaded.buildMs / 1000)} (${steps}), ` +
    `store ${formatSeconds(storeMs / 1000)}${skipped > 0 ? `; ${skipped} records skipped` : ""}`;
  return { store, summary, persist: loaded.persist };
}

function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

function optionalString(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
