// `topicgraph serve <corpus>`: the process entry of the server. Validates the configuration, obtains the build
// (read + build, or the build cache), creates the store and the app, listens, logs one line when ready (with what
// each step took), and shuts down gracefully on SIGINT/SIGTERM.

import type { AddressInfo } from "node:net";

import { createApp } from "../app.js";
import { loadServeConfig, type ServeConfig } from "../config.js";
import { loadBuild, type LoadedBuild } from "../load-build.js";
import { createStore, type TopicStore } from "../query/index.js";
import { isLoopbackAddress, namesOfHost, startServer } from "../serve.js";
import { corpusFormatFrom, maxRecordBytesFrom, pipelineOptionsFrom, type ParsedValues } from "./args.js";
import { corpusIssueLines } from "./corpus-issues.js";
import { formatSeconds } from "./progress.js";

export interface ServeCommandOptions {
  corpus: string;
  values: ParsedValues;
  log?: (line: string) => void;
  /** Where warnings go (a cache entry built again, binding beyond loopback); by default stderr. */
  warn?: (line: string) => void;
  /** Resolves when the server should stop; by default on the first SIGINT or SIGTERM. */
  stopSignal?: Promise<string>;
}

export async function runServe(options: ServeCommandOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const config = loadServeConfig({
    corpus: options.corpus,
    format: corpusFormatFrom(options.values),
    maxRecordBytes: maxRecordBytesFrom(options.values),
    pipeline: pipelineOptionsFrom(options.values),
    port: optionalString(options.values.port),
    host: optionalString(options.values.host),
    noCache: options.values["no-cache"] === true,
    allowedHosts: optionalString(options.values["allowed-hosts"]),
    headersTimeout: optionalString(options.values["headers-timeout"]),
    requestTimeout: optionalString(options.values["request-timeout"]),
  });
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { store, summary, persist, release } = await openStore(config, warn);
  const allowedHosts = [...config.allowedHosts, ...(await namesOfHost(config.host))];
  const handle = await startServer(createApp({ store, config: { ...config, allowedHosts } }), {
    host: config.host,
    port: config.port,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
  });
  const bound = handle.server.address() as AddressInfo;
  if (!isLoopbackAddress(bound.address)) {
    warn(
      `topicgraph: listening on ${config.host}:${bound.port}, which other machines can reach: the API has no ` +
        `authentication (only this machine's names are answered as Host; --allowed-hosts adds others)`,
    );
  }
  log(
    `topicgraph: serving ${store.info.papers} papers in ${store.clusterIndex.clusters.length} clusters at ${handle.url} ` +
      `(${summary})`,
  );
  // Saved once serving, so that the first start is not made longer by it; a failure costs only the next restart.
  const saved = persist().catch((error: unknown) => {
    warn(`topicgraph: could not cache the build: ${(error as Error)?.message ?? String(error)}`);
  });
  const signal = await (options.stopSignal ?? signalled());
  log(`topicgraph: ${signal}, shutting down`);
  await handle.close();
  // NOTE: a save in progress is finished, not left as a temporary folder for the next start to remove.
  await saved;
  await release();
  return 0;
}

/**
 * The store of the configured corpus, how it was obtained, and the cache's save. NOTE: a function of its own, so
 * that the corpus's Paper objects (the store keeps a packed table) are not held by runServe's frame while it serves.
 */
async function openStore(
  config: ServeConfig,
  warn: (line: string) => void,
): Promise<{ store: TopicStore; summary: string; persist: () => Promise<void>; release: () => Promise<void> }> {
  let loaded = await loadBuild({ ...config, warn });
  const storeOf = (loaded: LoadedBuild) =>
    createStore(loaded.build, {
      papers: loaded.papers,
      builtAt: loaded.builtAt,
      buildMs: loaded.readMs + loaded.buildMs,
      searchIndex: loaded.searchIndex,
      skipped: loaded.corpus.skipped,
    });
  let storeStart = performance.now();
  let store: TopicStore;
  try {
    store = storeOf(loaded);
  } catch (error) {
    // A cached build that passed every check and still cannot be served: built again, never a failed start.
    if (!loaded.cached) throw error;
    warn(`topicgraph: cannot serve the cached build in ${loaded.entry}: ${(error as Error)?.message}; building again`);
    await loaded.release();
    loaded = await loadBuild({ ...config, warn, avoidEntry: loaded.entry ?? undefined });
    storeStart = performance.now();
    store = storeOf(loaded);
  }
  const storeMs = performance.now() - storeStart;
  // As `build` prints them (to stderr here: the ready line is the first line of stdout).
  for (const line of corpusIssueLines(loaded.corpus)) warn(line);
  const skipped = loaded.corpus.skipped.length;
  const steps = Object.entries(loaded.steps)
    .map(([step, ms]) => `${step} ${formatSeconds(ms / 1000)}`)
    .join(", ");
  const summary =
    `${loaded.cached ? "loaded from cache" : "built"} in ${formatSeconds((loaded.readMs + loaded.buildMs + storeMs) / 1000)}: ` +
    `${loaded.corpusRead ? "read" : "corpus file unchanged"} ${formatSeconds(loaded.readMs / 1000)}, graph ${formatSeconds(loaded.buildMs / 1000)} (${steps}), ` +
    `store ${formatSeconds(storeMs / 1000)}${skipped > 0 ? `; ${skipped} records skipped` : ""}`;
  return { store, summary, persist: loaded.persist, release: loaded.release };
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
