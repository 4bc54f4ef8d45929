// The build cache shared by real processes: `topicgraph serve` started on a damaged entry says which file and builds
// again; an entry a running server serves from is never pruned by other processes' builds (its lease), and is once
// the server stopped; a killed server's lease keeps nothing; writers that died mid-write leave nothing after the next
// start.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toGexf } from "../../server/graph/export-gexf.js";
import { toGraphJson } from "../../server/graph/export-json.js";
import type { TopicGraph } from "../../server/graph/types.js";
import { loadBuild } from "../../server/load-build.js";
import { rawRequest } from "../api/helpers.js";
import { runCli } from "../cli-process.js";
import { answerPaths, answers, damage } from "./entry-faults.js";

/** 30 papers in three topics: builds small enough to make many. */
const CORPUS = "test/fixtures/core/three-topics.jsonl";
const FLAGS = ["--port", "0", "--host", "127.0.0.1", "--lsa-dimensions", "4"];
/** One thread: a small build is quicker without the worker threads' start. */
const ENV = { TOPICGRAPH_THREADS: "1" };
/** Each test starts `topicgraph serve` or builds several times: minutes on a loaded machine. */
const SLOW = 240_000;
const KEY = /^[0-9a-f]{32}$/;

let directory = "";
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "topicgraph-processes-test-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const entries = (cache: string) => readdirSync(cache).filter((name) => KEY.test(name));

/** The entries that appeared in `cache` since `before` (a server saves its build once serving). */
async function newEntry(cache: string, before: string[]): Promise<string> {
  for (let wait = 0; wait < 200; wait++) {
    const added = entries(cache).filter((name) => !before.includes(name));
    if (added.length > 0 && existsSync(join(cache, added[0], "manifest.json"))) return added[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`test: no new entry in ${cache}`);
}

/** Builds the seed with another seed option and saves it, as another process's start would (and prunes). */
async function buildOther(cache: string, seed: number): Promise<void> {
  const loaded = await loadBuild({ corpus: CORPUS, pipeline: { lsaDimensions: 4, seed }, cacheDir: cache });
  await loaded.persist();
  await loaded.release();
}

describe("topicgraph serve on a damaged entry (a real process)", () => {
  it(
    "with a cluster id of 999 in arrays.bin: one line naming the file, a rebuild, the fresh build's answers",
    async () => {
      const cache = join(directory, "damaged");
      const first = runCli(["serve", CORPUS, ...FLAGS], { ...ENV, TOPICGRAPH_CACHE_DIR: cache });
      const url = await first.ready();
      const paths = await answerPaths(url);
      const fresh = await answers(url, paths);
      expect(await first.stop()).toBe(0);
      const [key] = entries(cache);
      damage(join(cache, key), "arrays.bin", "out-of-range");

      const second = runCli(["serve", CORPUS, ...FLAGS], { ...ENV, TOPICGRAPH_CACHE_DIR: cache });
      const again = await second.ready();
      expect(second.stdout()[0]).toMatch(/\(built in /);
      expect(second.stderr().trim().split("\n")).toEqual([
        `topicgraph: cannot serve the cached build: ${join(cache, key, "arrays.bin")}: node.cluster [0] = 999, out of [0, ${
          (await (await fetch(new URL("/api/clusters", again))).json()).clusters.length
        }); building again`,
      ]);
      expect(await answers(again, paths)).toEqual(fresh);
      expect(await second.stop()).toBe(0);
    },
    SLOW,
  );
});

describe("an entry a running server serves from", () => {
  let graph: TopicGraph;
  beforeAll(async () => {
    const fresh = await loadBuild({ corpus: CORPUS, pipeline: { lsaDimensions: 4 }, cacheDir: null });
    graph = (await fresh.build.exports.graph()) as TopicGraph;
  }, SLOW);

  it(
    "is not pruned by five other builds, its exports answer, and once it stopped the next build prunes it",
    async () => {
      const cache = join(directory, "pruning");
      const server = runCli(["serve", CORPUS, ...FLAGS], { ...ENV, TOPICGRAPH_CACHE_DIR: cache });
      const url = await server.ready();
      const served = await newEntry(cache, []);
      for (let seed = 1; seed <= 5; seed++) await buildOther(cache, seed);
      // Four least recently used are kept, and the served one.
      expect(entries(cache)).toHaveLength(5);
      expect(entries(cache)).toContain(served);
      const json = await rawRequest(url, "/api/export.json");
      expect(json.status).toBe(200);
      expect(json.text).toBe(toGraphJson(graph));
      const gexf = await rawRequest(url, "/api/export.gexf");
      expect(gexf.status).toBe(200);
      expect(gexf.text).toBe(toGexf(graph, { version: "1.3" }));
      expect(await server.stop()).toBe(0);

      // Once no longer served, it goes when it is the least recently used (writing its exports made it recent).
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(join(cache, served), hourAgo, hourAgo);
      await buildOther(cache, 6);
      expect(entries(cache)).toHaveLength(4);
      expect(entries(cache)).not.toContain(served);
      expect(readdirSync(join(cache, "leases"))).toEqual([]);
    },
    SLOW,
  );

  it(
    "is pruned once its server was killed: a dead process's lease keeps nothing",
    async () => {
      const cache = join(directory, "killed");
      const server = runCli(["serve", CORPUS, ...FLAGS, "--seed", "7"], { ...ENV, TOPICGRAPH_CACHE_DIR: cache });
      await server.ready();
      const served = await newEntry(cache, []);
      server.child.kill("SIGKILL");
      expect(await server.exited).toBe("SIGKILL");
      expect(readdirSync(join(cache, "leases"))).toHaveLength(1);
      for (let seed = 1; seed <= 4; seed++) await buildOther(cache, seed);
      expect(entries(cache)).toHaveLength(4);
      expect(entries(cache)).not.toContain(served);
      expect(readdirSync(join(cache, "leases"))).toEqual([]);
    },
    SLOW,
  );
});

describe("the next start", () => {
  it(
    "removes the temporary folders and files of writers that died, and keeps a running writer's",
    async () => {
      const cache = join(directory, "temporaries");
      await buildOther(cache, 42);
      const [key] = entries(cache);
      const dead = await deadPid();
      const sleeper = spawn("sleep", ["60"], { stdio: "ignore" });
      try {
        const files = {
          deadEntry: join(cache, `.${key}.${dead}.0badc0de.tmp`),
          deadExport: join(cache, key, `.export-json.gz.${dead}.12345678.tmp`),
          deadPointer: join(cache, `.source-${"0".repeat(32)}.${dead}.abcdef012345.tmp`),
          running: join(cache, `.${key}.${sleeper.pid}.0badc0de.tmp`),
        };
        mkdirSync(files.deadEntry);
        writeFileSync(join(files.deadEntry, "arrays.bin"), Buffer.alloc(1 << 20));
        writeFileSync(files.deadExport, "partial");
        writeFileSync(files.deadPointer, "partial");
        mkdirSync(files.running);
        const loaded = await loadBuild({ corpus: CORPUS, pipeline: { lsaDimensions: 4, seed: 42 }, cacheDir: cache });
        expect(loaded.cached).toBe(true);
        await loaded.release();
        expect(existsSync(files.deadEntry)).toBe(false);
        expect(existsSync(files.deadExport)).toBe(false);
        expect(existsSync(files.deadPointer)).toBe(false);
        expect(existsSync(files.running)).toBe(true);
      } finally {
        sleeper.kill();
      }
    },
    SLOW,
  );
});

/** The pid of a process that ran and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}
