// A damaged build cache entry is never served: each file of an entry in turn corrupted in place, truncated, emptied,
// deleted, or holding a value out of range (its checksum made to match), then `topicgraph serve` (runServe: the real
// command, on a real port, with real files) started on it. It says in one line which file and why, builds again (or,
// for graph.json and the exports, writes the file again), and every answer equals a fresh build's.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { previousClusters } from "../../server/cache/build-cache.js";
import { runServe } from "../../server/cli/serve-command.js";
import { answerPaths, answers, appliesTo, breakStore, damage, type Fault } from "./entry-faults.js";

/** 30 papers in three topics: a build small enough to make dozens of times. */
const CORPUS = "test/fixtures/core/three-topics.jsonl";
const VALUES = { port: "0", host: "127.0.0.1", "lsa-dimensions": "4" };
/** The files of an entry whose damage makes a start build again. */
const REBUILT = [
  "manifest.json",
  "meta.json",
  "arrays.bin",
  "lists.bin",
  "search.json",
  "search.bin",
  "papers.json",
  "papers.bin",
];
const EXPORTS = ["export-json.gz", "export-gexf-1.3.gz", "export-gexf-1.2.gz"];
const FAULTS: Fault[] = ["corrupt", "truncate", "empty", "missing", "out-of-range"];

let directory = "";
let entry = "";
let pristine = "";
let paths: string[] = [];
let fresh: Map<string, string>;
const environment = { cache: process.env.TOPICGRAPH_CACHE_DIR, threads: process.env.TOPICGRAPH_THREADS };

interface Served<T> {
  result: T;
  ready: string;
  warnings: string[];
}

/** Runs `topicgraph serve` on CORPUS, `work` against it, then stops it (its save of the build finished). */
async function serve<T>(work: (url: string) => Promise<T>): Promise<Served<T>> {
  const warnings: string[] = [];
  let stop!: (signal: string) => void;
  const stopSignal = new Promise<string>((resolve) => (stop = resolve));
  let ready!: (line: string) => void;
  const readyLine = new Promise<string>((resolve) => (ready = resolve));
  const exit = runServe({
    corpus: CORPUS,
    values: VALUES,
    stopSignal,
    log: (line) => ready(line),
    warn: (line) => warnings.push(line),
  });
  const line = await Promise.race([readyLine, exit.then((code) => `exited ${code}`)]);
  const url = /(http:\/\/\S+\/)/.exec(line)?.[1];
  if (url === undefined) throw new Error(`test: serve did not start: ${line} ${warnings.join("\n")}`);
  try {
    return { result: await work(url), ready: line, warnings };
  } finally {
    stop("SIGTERM");
    expect(await exit).toBe(0);
  }
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "topicgraph-damage-test-"));
  process.env.TOPICGRAPH_CACHE_DIR = directory;
  // NOTE: one thread: a build of 74 papers is quicker without the worker threads' start, and this file builds often.
  process.env.TOPICGRAPH_THREADS = "1";
  const first = await serve(async (url) => {
    paths = await answerPaths(url);
    return answers(url, paths);
  });
  expect(first.ready).toMatch(/built in/);
  fresh = first.result;
  // A second start loads the entry and writes the exports into it.
  const second = await serve((url) => answers(url, paths));
  expect(second.ready).toMatch(/loaded from cache/);
  expect(second.result).toEqual(fresh);
  const key = readdirSync(directory).find((name) => /^[0-9a-f]{32}$/.test(name))!;
  entry = join(directory, key);
  pristine = join(mkdtempSync(join(tmpdir(), "topicgraph-pristine-")), key);
  cpSync(entry, pristine, { recursive: true });
  expect(readdirSync(entry)).toEqual(expect.arrayContaining([...EXPORTS, "graph.json", "clusters.json"]));
});

afterAll(() => {
  if (environment.cache === undefined) delete process.env.TOPICGRAPH_CACHE_DIR;
  else process.env.TOPICGRAPH_CACHE_DIR = environment.cache;
  if (environment.threads === undefined) delete process.env.TOPICGRAPH_THREADS;
  else process.env.TOPICGRAPH_THREADS = environment.threads;
  rmSync(directory, { recursive: true, force: true });
  if (pristine !== "") rmSync(join(pristine, ".."), { recursive: true, force: true });
});

function restore(): void {
  rmSync(entry, { recursive: true, force: true });
  cpSync(pristine, entry, { recursive: true });
}

const cases = (files: string[]) =>
  files.flatMap((file) => FAULTS.filter((fault) => appliesTo(fault, file)).map((fault) => [file, fault] as const));

describe("an entry with a damaged file", () => {
  it.each(cases(REBUILT))("%s (%s): one line naming it, a rebuild, the fresh build's answers", async (file, fault) => {
    restore();
    damage(entry, file, fault);
    const served = await serve((url) => answers(url, paths));
    expect(served.ready).toMatch(/\(built in /);
    expect(served.warnings).toHaveLength(1);
    expect(served.warnings[0]).toContain(join(entry, file));
    expect(served.warnings[0]).toMatch(/^topicgraph: cannot serve the cached build: .*; building again$/);
    expect(served.result).toEqual(fresh);
  });

  it("meta.json whose checks pass but the store cannot be made from: one line, a rebuild, the fresh build's answers", async () => {
    restore();
    breakStore(entry);
    const served = await serve((url) => answers(url, paths));
    expect(served.ready).toMatch(/\(built in /);
    expect(served.warnings).toEqual([
      expect.stringMatching(/^topicgraph: cannot serve the cached build in .*; building again$/),
    ]);
    expect(served.warnings[0]).toContain(entry);
    expect(served.result).toEqual(fresh);
  });

  it.each(cases(EXPORTS))("%s (%s): written again when asked, never sent damaged", async (file, fault) => {
    restore();
    damage(entry, file, fault);
    const served = await serve((url) => answers(url, paths));
    expect(served.ready).toMatch(/loaded from cache/);
    expect(served.result).toEqual(fresh);
    if (fault !== "missing") {
      expect(served.warnings).toEqual([expect.stringContaining(`${join(entry, file)} `)]);
      expect(served.warnings[0]).toMatch(/: written again$/);
    }
    expect(readFileSync(join(entry, file))).toEqual(readFileSync(join(pristine, file)));
  });

  it.each(cases(["graph.json"]))("%s (%s): made again from the build when an export needs it", async (_file, fault) => {
    restore();
    for (const name of EXPORTS) {
      rmSync(join(entry, name));
      rmSync(join(entry, `${name}.sum`));
    }
    damage(entry, "graph.json", fault);
    const served = await serve((url) => answers(url, paths));
    expect(served.ready).toMatch(/loaded from cache/);
    expect(served.result).toEqual(fresh);
    expect(served.warnings).toHaveLength(1);
    expect(served.warnings[0]).toContain(join(entry, "graph.json"));
    if (fault === "out-of-range") {
      // The manifest was made to match the damaged file: what is made again differs from it and is not written.
      expect(served.warnings[0]).toMatch(/made again from the build$/);
    } else {
      expect(served.warnings[0]).toMatch(/written again from the build$/);
      expect(readFileSync(join(entry, "graph.json"))).toEqual(readFileSync(join(pristine, "graph.json")));
    }
  });

  it.each(cases(["clusters.json"]))(
    "%s (%s): the entry is still served; its clusters are not aligned to",
    async (_file, fault) => {
      restore();
      expect(await previousClusters(directory, join(process.cwd(), CORPUS))).not.toBeNull();
      damage(entry, "clusters.json", fault);
      expect(await previousClusters(directory, join(process.cwd(), CORPUS))).toBeNull();
      const served = await serve((url) => answers(url, paths));
      expect(served.ready).toMatch(/loaded from cache/);
      expect(served.warnings).toEqual([]);
      expect(served.result).toEqual(fresh);
    },
  );
});
