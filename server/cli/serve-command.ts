// `topicgraph serve <corpus>`: the process entry of the server. Validates the configuration, obtains the build
// (read + build, or the build cache), creates the store and the app, listens, logs one line when ready (with what
// each step took), and shuts down gracefully on SIGINT/SIGTERM.

import type { AddressInfo } from "node:net";

import { createApp } from "../app.js";
import { loadServeConfig, type ServeConfig } from "../config.js";
import { openOrCreateLibrary, type Library, type LibraryChangedHook } from "../library/index.js";
import { LiveMap } from "../live/live-map.js";
import { loadBuild, type LoadedBuild } from "../load-build.js";
import { createStore, previousClustersOf, type TopicStore } from "../query/index.js";
import { loadRebuilt } from "../rebuild/load-rebuilt.js";
import { Rebuilds } from "../rebuild/rebuilds.js";
import { isLoopbackAddress, namesOfHost, startServer } from "../serve.js";
import {
  corpusFormatFrom,
  maxRecordBytesFrom,
  pipelineOptionsFrom,
  positiveInteger,
  type ParsedValues,
} from "./args.js";
import { corpusIssueLines } from "./corpus-issues.js";
import { formatSeconds } from "./progress.js";

export interface ServeCommandOptions {
  /** The corpus file to serve; absent with --db. */
  corpus?: string;
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
    corpus: options.corpus ?? optionalString(options.values["fill-from"]),
    db: optionalString(options.values.db),
    tokenFile: optionalString(options.values["token-file"]),
    rebuildAfter: optionalString(options.values["rebuild-after"]),
    batchSize: positiveInteger(options.values, "batch-size"),
    format: corpusFormatFrom(options.values),
    maxRecordBytes: maxRecordBytesFrom(options.values),
    pipeline: pipelineOptionsFrom(options.values),
    port: optionalString(options.values.port),
    host: optionalString(options.values.host),
    noCache: options.values["no-cache"] === true,
    allowedHosts: optionalString(options.values["allowed-hosts"]),
    headersTimeout: optionalString(options.values["headers-timeout"]),
    requestTimeout: optionalString(options.values["request-timeout"]),
    answerMemory: optionalString(options.values["answer-memory"]),
  });
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const library = config.library === null ? undefined : await openLibrary(config, log);
  try {
    return await serve(config, library, options, log, warn);
  } finally {
    library?.close();
  }
}

async function serve(
  config: ServeConfig,
  library: Library | undefined,
  options: ServeCommandOptions,
  log: (line: string) => void,
  warn: (line: string) => void,
): Promise<number> {
  const { store, summary, persist, release, libraryVersion } = await openStore(config, library, warn);
  const allowedHosts = [...config.allowedHosts, ...(await namesOfHost(config.host))];
  const live = library === undefined ? null : followLibrary(config, library, store, libraryVersion, release, warn);
  const caughtUp = await live?.catchUp();
  if (caughtUp) log(`topicgraph: ${caughtUp} papers added, changed or deleted since the served build, folded in`);
  const app = createApp({
    store: live === null ? store : () => live.map.current,
    rebuilds: live?.rebuilds ?? undefined,
    config: { ...config, allowedHosts },
    library: library === undefined ? undefined : { library, token: config.token, changed: live!.changed },
  });
  const handle = await startServer(app, {
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
  // NOTE: the lexicon's lookups are made once serving, off the ready time and before a first text query needs them.
  setImmediate(() => store.build.model.lexicon.prepareLookups());
  // Saved once serving, so that the first start is not made longer by it; a failure costs only the next restart.
  const saved = persist().catch((error: unknown) => {
    warn(`topicgraph: could not cache the build: ${(error as Error)?.message ?? String(error)}`);
  });
  const signal = await (options.stopSignal ?? signalled());
  log(`topicgraph: ${signal}, shutting down`);
  await handle.close();
  // NOTE: a save in progress is finished, not left as a temporary folder for the next start to remove.
  await saved;
  // The lease of the build served, which a rebuild may have replaced (rebuild/rebuilds).
  await (live?.rebuilds?.close() ?? release());
  return 0;
}

/**
 * The store of the configured corpus, how it was obtained, and the cache's save. NOTE: a function of its own, so
 * that the corpus's Paper objects (the store keeps a packed table) are not held by runServe's frame while it serves.
 */
async function openStore(
  config: ServeConfig,
  library: Library | undefined,
  warn: (line: string) => void,
): Promise<{
  store: TopicStore;
  summary: string;
  persist: () => Promise<void>;
  release: () => Promise<void>;
  libraryVersion: number;
}> {
  let loaded = await loadBuild({ ...config, library, warn });
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
    loaded = await loadBuild({ ...config, library, warn, avoidEntry: loaded.entry ?? undefined });
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
    `${sourceRead(loaded, library)} ${formatSeconds(loaded.readMs / 1000)}, graph ${formatSeconds(loaded.buildMs / 1000)} (${steps}), ` +
    `store ${formatSeconds(storeMs / 1000)}${skipped > 0 ? `; ${skipped} records skipped` : ""}`;
  return {
    store,
    summary,
    persist: loaded.persist,
    release: loaded.release,
    libraryVersion: loaded.libraryVersion ?? -1,
  };
}

/**
 * What the ready line says of the papers served: a corpus file read, or found unchanged by its fingerprint; a library
 * read at its version, or its build found for that version or for an earlier one (the changes since are folded in).
 */
function sourceRead(loaded: LoadedBuild, library: Library | undefined): string {
  if (library === undefined) return loaded.corpusRead ? "read" : "corpus file unchanged";
  const version = library.version();
  const name = `library ${library.path} version ${version}`;
  if (loaded.corpusRead) return `${name} read`;
  return loaded.libraryVersion === version
    ? `${name} unchanged since its build`
    : `${name}, the build of version ${loaded.libraryVersion} found`;
}

/**
 * The served map following a library: each write folded in at once (live/live-map), and rebuilt in a process of its
 * own when it has changed enough or is asked to (rebuild/rebuilds; not without a build cache, where it would be saved).
 */
function followLibrary(
  config: ServeConfig,
  library: Library,
  store: TopicStore,
  libraryVersion: number,
  release: () => Promise<void>,
  warn: (line: string) => void,
): { map: LiveMap; rebuilds: Rebuilds | null; changed: LibraryChangedHook; catchUp: () => Promise<number> } {
  const map = new LiveMap(store, libraryVersion);
  const { cacheDir } = config;
  const rebuilds =
    cacheDir === null
      ? null
      : new Rebuilds({
          live: map,
          job: () => ({
            source: { kind: "library", path: library.path },
            cacheDir,
            pipeline: config.pipeline,
            origin: library.path,
            previous: previousClustersOf(map.current),
          }),
          since: (version) => library.changesSince(version),
          load: (result) => loadRebuilt(cacheDir, result, warn),
          rebuildAfter: config.library!.rebuildAfter,
          release,
          log: warn,
        });
  const changed: LibraryChangedHook = async (change) => {
    await map.apply({
      version: change.version,
      upserted: [...change.added, ...change.updated],
      deleted: change.deleted,
    });
    rebuilds?.checkChanges();
  };
  /** The library's changes since the served build (loaded from the cache at an earlier version), folded in. */
  const catchUp = async () => {
    if (libraryVersion < 0 || libraryVersion === library.version()) return 0;
    const since = library.changesSince(libraryVersion);
    await map.apply(since);
    rebuilds?.checkChanges();
    return since.upserted.length + since.deleted.length;
  };
  return { map, rebuilds, changed, catchUp };
}

/**
 * The library of `config`, created (and filled) when missing. It writes only with a token configured, and then only
 * when no other process writes to it: otherwise it is served read-only, which the log says.
 */
async function openLibrary(config: ServeConfig, log: (line: string) => void): Promise<Library> {
  const { path, fillFrom, batchSize } = config.library!;
  const { library, created } = await openOrCreateLibrary(path, {
    fillFrom,
    write: config.token === null ? false : "if-free",
    batchSize,
    onCommit: ({ records }) => log(`topicgraph: creating ${path}: ${records} records of ${fillFrom} read`),
  });
  if (created !== null) {
    log(
      `topicgraph: created ${path}` +
        (fillFrom === null ? "" : ` with ${created.added} papers from ${fillFrom} (${created.skipped.length} skipped)`),
    );
  }
  if (library.readOnlyReason !== null) log(`topicgraph: ${path}: ${library.readOnlyReason}; serving it read-only`);
  return library;
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
