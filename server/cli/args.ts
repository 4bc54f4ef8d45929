// Command-line options of topicgraph: parsed with node:util, validated into pipeline options with a one-line error.

import { parseArgs } from "node:util";

import { CORPUS_FORMATS, type CorpusFormat } from "../corpus/types.js";
import type { GexfVersion } from "../graph/export-gexf.js";
import { resolvePipelineOptions, type PipelineOptions } from "../pipeline.js";

/** Bad command-line input: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const BUILD_OPTIONS = {
  out: { type: "string", short: "o" },
  format: { type: "string" },
  k: { type: "string" },
  "min-similarity": { type: "string" },
  resolution: { type: "string" },
  seed: { type: "string" },
  "min-cluster-size": { type: "string" },
  "min-df": { type: "string" },
  "max-df": { type: "string" },
  ngrams: { type: "string" },
  "lsa-dimensions": { type: "string" },
  "gexf-version": { type: "string" },
  graphml: { type: "boolean" },
  port: { type: "string" },
  host: { type: "string" },
  "no-cache": { type: "boolean" },
  "stats-json": { type: "string" },
  db: { type: "string" },
  "fill-from": { type: "string" },
  "token-file": { type: "string" },
  "batch-size": { type: "string" },
  "rebuild-after": { type: "string" },
  "max-record-mb": { type: "string" },
  "allowed-hosts": { type: "string" },
  "headers-timeout": { type: "string" },
  "request-timeout": { type: "string" },
  "answer-memory": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type ParsedValues = Partial<Record<keyof typeof BUILD_OPTIONS, string | boolean>>;

export function parseCommandLine(argv: string[]): { positionals: string[]; values: ParsedValues } {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: BUILD_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as ParsedValues };
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}

function number(values: ParsedValues, name: keyof typeof BUILD_OPTIONS, integer: boolean): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (
    typeof raw !== "string" ||
    raw.trim() === "" ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value))
  ) {
    throw new UsageError(`--${name} must be ${integer ? "an integer" : "a number"}, got "${String(raw)}"`);
  }
  return value;
}

const FLAG_OF_OPTION: Record<string, string> = {
  minSimilarity: "--min-similarity",
  minClusterSize: "--min-cluster-size",
  minDf: "--min-df",
  maxDf: "--max-df",
  ngramRange: "--ngrams",
  lsaDimensions: "--lsa-dimensions",
  resolution: "--resolution",
  seed: "--seed",
};

/** Pipeline options from the command line; unknown or out-of-range values become a UsageError. */
export function pipelineOptionsFrom(values: ParsedValues): PipelineOptions {
  const options: Partial<PipelineOptions> = {};
  const set = <K extends keyof PipelineOptions>(key: K, value: PipelineOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  const k = number(values, "k", true);
  // NOTE: the pipeline reads k = 0 as "automatic"; on the command line automatic is leaving --k out, and --k 0 asks
  // for a graph without links, which is a mistake worth saying so.
  if (k !== undefined && (k < 1 || k > 100))
    throw new UsageError(`--k must be an integer in [1, 100], got "${String(values.k)}"`);
  set("k", k);
  set("minSimilarity", number(values, "min-similarity", false));
  set("resolution", number(values, "resolution", false));
  set("seed", number(values, "seed", true));
  set("minClusterSize", number(values, "min-cluster-size", true));
  set("minDf", number(values, "min-df", true));
  set("maxDf", number(values, "max-df", false));
  set("lsaDimensions", number(values, "lsa-dimensions", true));
  if (values.ngrams !== undefined) {
    const match = /^(\d)(?:[-,:](\d))?$/.exec(String(values.ngrams));
    if (!match) throw new UsageError(`--ngrams must look like 1-2, got "${String(values.ngrams)}"`);
    options.ngramRange = [Number(match[1]), Number(match[2] ?? match[1])];
  }
  try {
    return resolvePipelineOptions(options);
  } catch (error) {
    // Say it in the command line's words: "--min-similarity must be ...", not "minSimilarity must be ...".
    let message = (error as Error).message.replace(/^[a-z/-]+: /, "");
    for (const [option, flag] of Object.entries(FLAG_OF_OPTION))
      message = message.replace(new RegExp(`\\b${option}\\b`), flag);
    throw new UsageError(message);
  }
}

export function corpusFormatFrom(values: ParsedValues): CorpusFormat | undefined {
  if (values.format === undefined) return undefined;
  const format = String(values.format) as CorpusFormat;
  if (!CORPUS_FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${CORPUS_FORMATS.join(", ")}, got "${format}"`);
  }
  return format;
}

export function gexfVersionFrom(values: ParsedValues): GexfVersion {
  const version = String(values["gexf-version"] ?? "1.3");
  if (version !== "1.3" && version !== "1.2")
    throw new UsageError(`--gexf-version must be 1.3 or 1.2, got "${version}"`);
  return version;
}

/** A positive integer option, or undefined when absent. */
export function positiveInteger(values: ParsedValues, name: keyof typeof BUILD_OPTIONS): number | undefined {
  const value = number(values, name, true);
  if (value !== undefined && value < 1)
    throw new UsageError(`--${name} must be a positive integer, got "${String(values[name])}"`);
  return value;
}

/** --max-record-mb as bytes (corpus/corpus-source's limit of a record), or undefined for the default. */
export function maxRecordBytesFrom(values: ParsedValues): number | undefined {
  const megabytes = number(values, "max-record-mb", false);
  if (megabytes === undefined) return undefined;
  if (!(megabytes > 0) || megabytes > 1024) {
    throw new UsageError(`--max-record-mb must be a number in (0, 1024], got "${String(values["max-record-mb"])}"`);
  }
  return Math.max(1, Math.round(megabytes * 2 ** 20));
}
