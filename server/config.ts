// Server configuration: command-line values and the environment (PORT, HOST), validated once at start-up, with the
// defaults in one place. Request limits live here too, so that the app, its tests and the OpenAPI document agree.

import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import type { CorpusFormat } from "./corpus/types.js";
import { ConfigError } from "./errors.js";
import type { PipelineOptions } from "./pipeline.js";

export interface AppConfig {
  /** The built browser client (index.html and assets); a short HTML page stands in when it is absent. */
  clientDir: string;
  /** Largest request body accepted, in bytes (larger: 413). */
  bodyLimit: number;
  /** Where server errors (5xx) are reported; never into a response. */
  logError: (error: unknown) => void;
  /** Papers from which /api/health tells the client to start from /api/overview rather than the whole map. */
  largeMapFrom: number;
  /** Host names and addresses the server answers to (api/allowed-hosts); any other Host header gets 421. */
  allowedHosts: readonly string[];
  /** Smallest answer compressed, in bytes, for a client that accepts gzip, deflate or br. */
  compressFrom: number;
  /** Most bytes of answers kept by their query per served map (api/respond); 0 keeps none (--answer-memory). */
  answerMemory: number;
}

export interface ServeConfig extends AppConfig {
  /** The corpus file served, when no library is. */
  corpus: string;
  /**
   * The library served (--db), or null to serve the corpus file; `rebuildAfter`: the changes (a share of the served
   * build's papers, or a count) from which the map is rebuilt in the background (--rebuild-after).
   */
  library: { path: string; fillFrom: string | null; batchSize?: number; rebuildAfter: RebuildAfter } | null;
  /** The token that writes need (TOPICGRAPH_TOKEN or --token-file); null: the server is read-only. */
  token: string | null;
  format?: CorpusFormat;
  /** Records larger than this many bytes are skipped (corpus/corpus-source's default otherwise). */
  maxRecordBytes?: number;
  pipeline: Partial<PipelineOptions>;
  port: number;
  host: string;
  /** How long a client may take to send a request's headers, and the whole request (then 408 and closed). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Where built graphs are cached (server/cache), or null to build every time. */
  cacheDir: string | null;
}

/** Repository root: the parent of `server/` when run from source, of `dist/server/` when compiled. */
const SERVER_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = basename(dirname(SERVER_DIR)) === "dist" ? dirname(dirname(SERVER_DIR)) : dirname(SERVER_DIR);

/** The names of loopback, which every server answers to (api/allowed-hosts). */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "::1"];

export const APP_DEFAULTS: Readonly<AppConfig> = {
  clientDir: join(ROOT, "dist", "client"),
  bodyLimit: 64 * 1024,
  logError: (error) =>
    process.stderr.write(`topicgraph: request failed: ${(error as Error)?.stack ?? String(error)}\n`),
  // NOTE: /api/graph grows with every paper; the client draws 17.6k papers whole with software WebGL and starts on the
  // overview from 40k (client/map-choice; sizes and times in docs/performance.md).
  largeMapFrom: 40_000,
  allowedHosts: LOOPBACK_HOSTS,
  compressFrom: 4096,
  answerMemory: 32 * 1024 * 1024,
};

export const SERVE_DEFAULTS = {
  port: 3000,
  host: "127.0.0.1",
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
} as const;

/** The cache of built graphs, in the project directory (TOPICGRAPH_CACHE_DIR moves it). */
export const DEFAULT_CACHE_DIR = join(ROOT, ".topicgraph-cache");

const PORT = z.coerce
  .number({ error: "must be a number" })
  .int({ error: "must be an integer" })
  .min(0, { error: "must be in 0..65535" })
  .max(65535, { error: "must be in 0..65535" });
const HOST = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(255)
  .regex(/^[A-Za-z0-9.:_\-[\]%]+$/, {
    error: "must be a host name or an IP address",
  });

const MEBIBYTES = z.coerce
  .number({ error: "must be a number of MiB" })
  .min(0, { error: "must be at least 0 MiB" })
  .max(64 * 1024, { error: "must be at most 65536 MiB" });

const SECONDS = z.coerce
  .number({ error: "must be a number of seconds" })
  .gt(0, { error: "must be more than 0 seconds" })
  .max(3600, { error: "must be at most 3600 seconds" });

export interface ServeInput {
  /** The corpus file, or with `db` the corpus that fills a new library. */
  corpus?: string;
  /** --db: the library to serve, created when missing. */
  db?: string;
  /** --token-file: a file holding the write token (wins over TOPICGRAPH_TOKEN). */
  tokenFile?: string;
  /** --batch-size: papers per transaction while filling a new library. */
  batchSize?: number;
  /** --rebuild-after: a share ("5%", "0.05") or a count ("500") of changed papers. */
  rebuildAfter?: string;
  format?: CorpusFormat;
  maxRecordBytes?: number;
  pipeline: Partial<PipelineOptions>;
  /** --port and --host, which win over PORT and HOST. */
  port?: string;
  host?: string;
  /** --no-cache: build every time. */
  noCache?: boolean;
  /** --allowed-hosts: names or addresses, comma-separated, answered besides loopback's and the bound address's. */
  allowedHosts?: string;
  /** --headers-timeout and --request-timeout, in seconds. */
  headersTimeout?: string;
  requestTimeout?: string;
  /** --answer-memory, in MiB. */
  answerMemory?: string;
  env?: NodeJS.ProcessEnv;
}

/** The serve configuration; ConfigError naming the setting when a value is invalid. */
export function loadServeConfig(input: ServeInput): ServeConfig {
  const env = input.env ?? process.env;
  const port = setting(
    PORT,
    input.port ?? emptyToUndefined(env.PORT),
    SERVE_DEFAULTS.port,
    input.port ? "--port" : "PORT",
  );
  const host = setting(
    HOST,
    input.host ?? emptyToUndefined(env.HOST),
    SERVE_DEFAULTS.host,
    input.host ? "--host" : "HOST",
  );
  const cacheDir = input.noCache ? null : resolve(emptyToUndefined(env.TOPICGRAPH_CACHE_DIR) ?? DEFAULT_CACHE_DIR);
  if (input.db === undefined && input.corpus === undefined)
    throw new ConfigError("no corpus file and no --db library to serve");
  const headersTimeoutMs =
    setting(SECONDS, input.headersTimeout, SERVE_DEFAULTS.headersTimeoutMs / 1000, "--headers-timeout") * 1000;
  const requestTimeoutMs =
    setting(SECONDS, input.requestTimeout, SERVE_DEFAULTS.requestTimeoutMs / 1000, "--request-timeout") * 1000;
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `--headers-timeout (${headersTimeoutMs / 1000} s) must not exceed --request-timeout (${requestTimeoutMs / 1000} s)`,
    );
  }
  const answerMemory = Math.round(
    setting(MEBIBYTES, input.answerMemory, APP_DEFAULTS.answerMemory / 2 ** 20, "--answer-memory") * 2 ** 20,
  );
  const extraHosts = (input.allowedHosts ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .map((name) => setting(HOST, name, name, "--allowed-hosts"));
  return {
    ...APP_DEFAULTS,
    corpus: resolve(input.corpus ?? ""),
    library:
      input.db === undefined
        ? null
        : {
            path: resolve(input.db),
            fillFrom: input.corpus === undefined ? null : resolve(input.corpus),
            batchSize: input.batchSize,
            rebuildAfter: rebuildAfterOf(input.rebuildAfter),
          },
    token: loadToken(input.tokenFile, env),
    format: input.format,
    maxRecordBytes: input.maxRecordBytes,
    pipeline: input.pipeline,
    port,
    host,
    headersTimeoutMs,
    requestTimeoutMs,
    answerMemory,
    allowedHosts: [...APP_DEFAULTS.allowedHosts, host, ...extraHosts],
    cacheDir,
  };
}

/** Changes from which a library's map is rebuilt: a share of its papers (default 5%) or a count. */
export type RebuildAfter = { share: number } | { count: number };

export const REBUILD_AFTER_DEFAULT: RebuildAfter = { share: 0.05 };

/** --rebuild-after: "5%" or "0.05" (a share in (0, 1]), or a whole count of papers ("500"). */
export function rebuildAfterOf(raw: string | undefined): RebuildAfter {
  if (raw === undefined) return REBUILD_AFTER_DEFAULT;
  const text = raw.trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = Number(percent ? percent[1] : text);
  if (text !== "" && Number.isFinite(value)) {
    const share = percent ? value / 100 : value;
    if ((percent || !Number.isInteger(value)) && share > 0 && share <= 1) return { share };
    if (!percent && Number.isInteger(value) && value >= 1) return { count: value };
  }
  throw new ConfigError(
    `--rebuild-after must be a share of the papers ("5%", "0.05") or a count of papers ("500"), got ${JSON.stringify(raw)}`,
  );
}

/** The write token: --token-file's content, else TOPICGRAPH_TOKEN, trimmed; null when neither is given. */
export function loadToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(tokenFile, "utf8");
    } catch (error) {
      throw new ConfigError(`--token-file ${tokenFile}: cannot read it (${(error as NodeJS.ErrnoException).code})`);
    }
    const token = text.trim();
    if (token === "" || /\s/.test(token))
      throw new ConfigError(`--token-file ${tokenFile}: expected one token, without spaces`);
    return token;
  }
  const token = emptyToUndefined(env.TOPICGRAPH_TOKEN)?.trim();
  if (token !== undefined && /\s/.test(token)) throw new ConfigError("TOPICGRAPH_TOKEN must not hold spaces");
  return token ?? null;
}

function setting<T>(schema: z.ZodType<T>, raw: string | undefined, fallback: T, name: string): T {
  if (raw === undefined) return fallback;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${name} ${parsed.error.issues[0].message}, got ${JSON.stringify(raw)}`);
  return parsed.data;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
