#!/usr/bin/env node
// The topicgraph command line: `build` writes a graph to files, `serve` serves one over HTTP. Bad arguments or an
// unreadable corpus exit with code 2 and one line on stderr; nothing prints a stack trace.

import {
  corpusFormatFrom,
  gexfVersionFrom,
  maxRecordBytesFrom,
  parseCommandLine,
  pipelineOptionsFrom,
  positiveInteger,
  UsageError,
} from "./cli/args.js";
import { runBuild } from "./cli/build-command.js";
import { DomainError } from "./errors.js";

export const USAGE = `Usage:
  topicgraph build <corpus> --out <dir> [options]   build the topic graph, write <dir>/graph.json and graph.gexf
  topicgraph serve <corpus> [--port N] [--host H]   build (or load from cache) and serve the API and explorer
  topicgraph serve --db <library> [--fill-from <corpus>] [--token-file F]
                                                    serve a library (created when missing, filled from the corpus)
  topicgraph import <corpus> --db <library>         add a corpus's papers to a library (created when missing)
  topicgraph export --db <library> --out <file.jsonl>  write a library's papers as JSON Lines
  topicgraph --help

Corpus formats (by extension, optionally .gz, or --format): jsonl, json, csv, daily (.txt), bib, ris

Options:
  --out, -o <dir>           output directory (build)
  --format <f>              jsonl | json | csv | daily | bib | ris
  --k <n>                   links per paper (default: 10, fewer below 400 papers)
  --min-similarity <x>      drop links below this similarity, 0..1 (default 0.1)
  --resolution <x>          Louvain resolution (default 1)
  --seed <n>                random seed for clustering and layout (default 42)
  --min-cluster-size <n>    merge smaller clusters into their neighbours (default 3)
  --min-df <n>, --max-df <x>  vocabulary document-frequency bounds (defaults 2, 0.5)
  --ngrams <a-b>            n-gram range, within 1-3 (default 1-2)
  --lsa-dimensions <n>      LSA dimensions, 0 for TF-IDF only (default 48)
  --gexf-version <v>        1.3 (default) or 1.2 (the draft networkx 2.x reads)
  --graphml                 also write <dir>/graph.graphml (build)
  --port <n>, --host <h>    where to serve (defaults 3000, 127.0.0.1; PORT and HOST also work)
  --allowed-hosts <a,b>     Host names answered besides loopback's and the bound address's (others get 421)
  --headers-timeout <s>     seconds a client may take to send a request's headers (default 10)
  --request-timeout <s>     seconds a client may take to send a whole request (default 30)
  --answer-memory <MiB>     answers kept to be sent again without being made again, per map (default 32; 0: none)
  --no-cache                rebuild even when a cached build matches (serve)
  --max-record-mb <n>       skip (and report) a record larger than this (default 1)
  --stats-json <file>       also write phase timings and peak memory as JSON (build; for benchmarks)
  --db <file>               the library (an SQLite file) to serve, import into or export
  --fill-from <corpus>      serve --db: the corpus a new library is filled from
  --token-file <file>       serve: the token writes need (else TOPICGRAPH_TOKEN; with neither, read-only)
  --batch-size <n>          import, serve --fill-from: papers per transaction (default 10000)
  --rebuild-after <n|p%>    serve --db: rebuild the map once this many papers (or share of them) changed (default 5%)
`;

export async function main(argv: string[]): Promise<number> {
  try {
    const { positionals, values } = parseCommandLine(argv);
    const [command, corpus, ...rest] = positionals;
    if (values.help || command === "help" || command === undefined) {
      process.stdout.write(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (command === "build") {
      if (corpus === undefined)
        throw new UsageError("build needs a corpus file: topicgraph build <corpus> --out <dir>");
      if (typeof values.out !== "string") throw new UsageError("build needs --out <dir>");
      await runBuild(
        {
          corpus,
          out: values.out,
          format: corpusFormatFrom(values),
          maxRecordBytes: maxRecordBytesFrom(values),
          gexfVersion: gexfVersionFrom(values),
          graphml: values.graphml === true,
          pipeline: pipelineOptionsFrom(values),
          statsPath: typeof values["stats-json"] === "string" ? values["stats-json"] : undefined,
        },
        (line) => process.stdout.write(`${line}\n`),
      );
      return 0;
    }
    if (command === "serve") {
      if (corpus !== undefined && values.db !== undefined) {
        throw new UsageError("serve takes a corpus file or --db <library>, not both (--fill-from fills a new library)");
      }
      if (corpus === undefined && values.db === undefined) {
        throw new UsageError("serve needs a corpus file or a library: topicgraph serve <corpus> | --db <library>");
      }
      const { runServe } = await import("./cli/serve-command.js");
      return await runServe({ corpus, values });
    }
    if (command === "import") {
      if (corpus === undefined)
        throw new UsageError("import needs a corpus file: topicgraph import <corpus> --db <library>");
      if (typeof values.db !== "string") throw new UsageError("import needs --db <library>");
      const { runImport } = await import("./cli/library-commands.js");
      await runImport(
        { corpus, db: values.db, format: corpusFormatFrom(values), batchSize: positiveInteger(values, "batch-size") },
        (line) => process.stdout.write(`${line}\n`),
        (line) => process.stderr.write(`${line}\n`),
      );
      return 0;
    }
    if (command === "export") {
      if (corpus !== undefined) throw new UsageError(`unexpected argument "${corpus}"`);
      if (typeof values.db !== "string") throw new UsageError("export needs --db <library>");
      if (typeof values.out !== "string") throw new UsageError("export needs --out <file.jsonl>");
      const { runExport } = await import("./cli/library-commands.js");
      await runExport({ db: values.db, out: values.out }, (line) => process.stdout.write(`${line}\n`));
      return 0;
    }
    throw new UsageError(`unknown command "${command}" (expected build, serve, import or export; see --help)`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DomainError) {
      process.stderr.write(`topicgraph: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`topicgraph: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

// A reader that stops early (`topicgraph build ... | head`) closes the pipe; that is not an error worth a trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
