// `topicgraph serve` (a real process) on inputs that used to hang it, exhaust its memory or serve an empty map: a
// FIFO, /dev/zero and a corpus without a valid record exit 2 with one line; skipped records are printed as `build`
// prints them and reported by /api/health.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

import { describe, expect, it, vi } from "vitest";

import { runCli } from "../cli-process.js";

// NOTE: each test starts `topicgraph serve` processes: tens of seconds when the machine is loaded.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const THREE_TOPICS = "test/fixtures/core/three-topics.jsonl";
const directory = () => mkdtempSync(join(tmpdir(), "topicgraph-serve-inputs-"));

describe("topicgraph serve refuses, with exit code 2 and one line", () => {
  const fifo = join(directory(), "papers.jsonl");
  execFileSync("mkfifo", [fifo]);

  it.each([
    ["a FIFO", [fifo], `topicgraph: corpus: "${fifo}" is a FIFO, not a regular file (or a gzip of one)`],
    [
      "/dev/zero",
      ["/dev/zero", "--format", "jsonl"],
      'topicgraph: corpus: "/dev/zero" is a character device, not a regular file (or a gzip of one)',
    ],
    [
      "a corpus without a valid record",
      ["test/fixtures/corpus/no-valid-record.jsonl"],
      expect.stringMatching(
        /^topicgraph: corpus: no valid record in ".*no-valid-record\.jsonl" \(2 skipped, the first/,
      ),
    ],
  ])("%s", async (_case, args, line) => {
    const run = runCli(["serve", ...(args as string[]), "--port", "0", "--no-cache"]);
    expect(await run.exited).toBe(2);
    expect(run.stdout()).toEqual([]);
    expect(run.stderr().split("\n")).toEqual([line, ""]);
  });
});

describe("topicgraph serve on a corpus with skipped records", () => {
  it("prints them as build does and /api/health reports their count and the first ones", async () => {
    const corpus = join(directory(), "with-skipped.jsonl");
    const good = readFileSync(THREE_TOPICS, "utf8").trimEnd().split("\n");
    const big = JSON.stringify({ title: "Big", abstract: "word ".repeat(300_000) });
    writeFileSync(corpus, [...good.slice(0, 4), big, "not json", ...good.slice(4)].join("\n") + "\n");
    const run = runCli(["serve", corpus, "--port", "0", "--no-cache", "--max-record-mb", "0.5"]);
    const url = await run.ready();
    expect(run.stderr().split("\n")).toEqual([
      `${corpus}:5: record of 1.4 MB over the limit of 0.5 MB`,
      expect.stringMatching(new RegExp(`^${corpus}:6: invalid JSON`)),
      "",
    ]);
    expect(run.stdout()[0]).toMatch(/serving 30 papers .*; 2 records skipped\)$/);
    const health = await (await fetch(new URL("/api/health", url))).json();
    expect(health.skipped).toEqual({
      count: 2,
      sample: [
        { file: basename(corpus), line: 5, reason: "record of 1.4 MB over the limit of 0.5 MB" },
        { file: basename(corpus), line: 6, reason: expect.stringMatching(/^invalid JSON/) },
      ],
    });
    expect(await run.stop()).toBe(0);
  });
});
