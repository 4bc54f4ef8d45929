// The compiled command line (`node dist/server/cli.js`, built by `npm test`'s pretest) run as a child process:
// `build` writes both files and prints the summary; bad input exits 2 with one line on stderr; writes are atomic.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { beforeAll, describe, expect, it } from "vitest";

import { canRun, hasPythonModule, PYTHON } from "../ci.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "dist/server/cli.js");
const THREE_TOPICS = join(ROOT, "test/fixtures/core/three-topics.jsonl");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the repository root (so that `data/papers.jsonl` resolves) and collects its output. */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, TOPICGRAPH_THREADS: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const temporaryDirectory = () => mkdtempSync(join(tmpdir(), "topicgraph-cli-"));

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectUsageError(result: Run, message: string | RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.split("\n");
  expect(lines, result.stderr).toHaveLength(2); // one line and its line break
  expect(lines[1]).toBe("");
  expect(lines[0]).toMatch(/^topicgraph: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does it in pretest)`);
});

describe("topicgraph build on the seed", () => {
  let out: string;
  let result: Run;

  beforeAll(async () => {
    out = temporaryDirectory();
    result = await run(["build", "data/papers.jsonl", "--out", out]);
  });

  it("exits 0, prints nothing on stderr, and writes graph.json and graph.gexf", () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(readdirSync(out).sort()).toEqual(["graph.gexf", "graph.json"]);
    const graph = JSON.parse(readFileSync(join(out, "graph.json"), "utf8"));
    expect(graph.nodes).toHaveLength(74);
    const gexf = readFileSync(join(out, "graph.gexf"), "utf8");
    expect(gexf).toContain('xmlns="http://gexf.net/1.3"');
    expect(gexf.match(/<node /g)).toHaveLength(74);
  });

  it("prints a summary that agrees with the files: papers, skipped, vocabulary, links, clusters, modularity", () => {
    const graph = JSON.parse(readFileSync(join(out, "graph.json"), "utf8"));
    const lines = result.stdout.split("\n");
    expect(lines).toContain("data/papers.jsonl: 74 papers read, 0 skipped, 0 duplicates resolved");
    const totals = lines.find((line) => line.startsWith("vocabulary "));
    const match = /^vocabulary (\d+) terms, (\d+) links, (\d+) clusters, modularity (-?\d\.\d{3})$/.exec(totals ?? "");
    expect(match, totals).not.toBeNull();
    const [, vocabulary, links, clusters, modularity] = match!;
    expect(Number(vocabulary)).toBeGreaterThan(0);
    expect(Number(links)).toBe(graph.edges.length);
    expect(Number(clusters)).toBe(graph.attributes.clusters.length);
    expect(Number(modularity)).toBeCloseTo(graph.attributes.modularity, 3);
  });

  it("prints one line per cluster with its size and label", () => {
    const graph = JSON.parse(readFileSync(join(out, "graph.json"), "utf8"));
    for (const cluster of graph.attributes.clusters) {
      expect(result.stdout).toContain(`  cluster ${cluster.id} (${cluster.size} papers): ${cluster.label}\n`);
    }
    expect(result.stdout).toMatch(/cluster \d+ \(\d+ papers\): [^\n]*quantization/);
  });

  it("prints the time of each phase, and where it wrote", () => {
    const time = result.stdout.split("\n").find((line) => line.startsWith("time "));
    expect(time).toBeDefined();
    for (const phase of ["read", "tfidf", "lsa", "neighbours", "link", "cluster", "label", "layout", "export"]) {
      expect(time).toMatch(new RegExp(`\\b${phase} \\d+(\\.\\d)? s\\b`));
    }
    expect(result.stdout).toContain(`wrote ${join(out, "graph.json")} and ${join(out, "graph.gexf")} (GEXF 1.3)`);
  });

  it("writes the same files on a second run", async () => {
    const again = temporaryDirectory();
    expect((await run(["build", "data/papers.jsonl", "--out", again])).code).toBe(0);
    for (const file of ["graph.json", "graph.gexf"]) {
      expect(readFileSync(join(again, file), "utf8")).toBe(readFileSync(join(out, file), "utf8"));
    }
  });
});

describe("topicgraph build options", () => {
  const canRunNetworkx = canRun(
    "reading the CLI's GraphML with networkx",
    hasPythonModule("networkx"),
    "/usr/bin/python3 cannot import networkx (apt-get install python3-networkx)",
  );

  it.runIf(canRunNetworkx)(
    "writes graph.graphml with --graphml: the same nodes and links, read by networkx",
    async () => {
      const out = temporaryDirectory();
      const result = await run(["build", THREE_TOPICS, "-o", out, "--graphml"]);
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual(["graph.gexf", "graph.graphml", "graph.json"]);
      expect(result.stdout).toContain(`and ${join(out, "graph.graphml")}`);
      const graph = JSON.parse(readFileSync(join(out, "graph.json"), "utf8"));
      const script = [
        "import json, sys, networkx as nx",
        "g = nx.read_graphml(sys.argv[1])",
        "print(json.dumps({'nodes': sorted(g.nodes()), 'edges': g.number_of_edges()}))",
      ].join("\n");
      const read = JSON.parse(execFileSync(PYTHON, ["-c", script, join(out, "graph.graphml")], { encoding: "utf8" }));
      expect(read.nodes).toEqual(graph.nodes.map((node: { key: string }) => node.key).sort());
      expect(read.edges).toBe(graph.edges.length);
    },
  );

  it("writes the GEXF 1.2 draft namespace with --gexf-version 1.2", async () => {
    const out = temporaryDirectory();
    const result = await run(["build", THREE_TOPICS, "-o", out, "--gexf-version", "1.2"]);
    expect(result.code, result.stderr).toBe(0);
    const gexf = readFileSync(join(out, "graph.gexf"), "utf8");
    expect(gexf).toContain('xmlns="http://www.gexf.net/1.2draft"');
    expect(gexf).toContain('version="1.2"');
    expect(gexf).not.toContain("http://gexf.net/1.3");
    expect(result.stdout).toContain("(GEXF 1.2)");
  });

  it("passes the pipeline options through to the build", async () => {
    const out = temporaryDirectory();
    const args = [
      "build",
      THREE_TOPICS,
      "--out",
      out,
      "--k",
      "2",
      "--min-similarity",
      "0.2",
      "--seed",
      "7",
      "--ngrams",
      "1-1",
    ];
    const result = await run([
      ...args,
      "--min-df",
      "3",
      "--max-df",
      "0.4",
      "--lsa-dimensions",
      "0",
      "--min-cluster-size",
      "2",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const { options } = JSON.parse(readFileSync(join(out, "graph.json"), "utf8")).attributes;
    expect(options).toMatchObject({
      k: 2,
      minSimilarity: 0.2,
      seed: 7,
      ngramRange: [1, 1],
      minDf: 3,
      maxDf: 0.4,
      lsaDimensions: 0,
      minClusterSize: 2,
    });
  });

  it("reads the format from --format whatever the extension", async () => {
    const dir = temporaryDirectory();
    const corpus = join(dir, "papers.data");
    writeFileSync(corpus, readFileSync(THREE_TOPICS));
    const result = await run(["build", corpus, "--format", "jsonl", "--out", join(dir, "out")]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${corpus}: 30 papers read`);
  });

  it("prints the usage and exits 0 with --help", async () => {
    for (const args of [["--help"], ["-h"], ["build", "--help"]]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage:\n  topicgraph build <corpus> --out <dir>/);
      expect(result.stderr).toBe("");
    }
  });
});

describe("topicgraph build on bad input", () => {
  /** Stands for a fresh output directory, which a failed run must not create. */
  const OUT = "<out>";

  it.each([
    [
      "a missing corpus",
      ["build", "data/no-such-file.jsonl", "--out", OUT],
      /cannot read "data\/no-such-file\.jsonl": no such file/,
    ],
    ["a directory as corpus", ["build", "data", "--format", "jsonl", "--out", OUT], /is a directory/],
    [
      "/dev/zero as corpus",
      ["build", "/dev/zero", "--format", "jsonl", "--out", OUT],
      /^topicgraph: corpus: "\/dev\/zero" is a character device, not a regular file \(or a gzip of one\)$/,
    ],
    [
      "a corpus without a valid record",
      ["build", "test/fixtures/corpus/no-valid-record.jsonl", "--out", OUT],
      /no valid record in "test\/fixtures\/corpus\/no-valid-record\.jsonl" \(2 skipped, the first at line 1: /,
    ],
    [
      "--max-record-mb 0",
      ["build", "data/papers.jsonl", "--max-record-mb", "0", "--out", OUT],
      /--max-record-mb must be a number in \(0, 1024\], got "0"/,
    ],
    [
      "an unknown extension",
      ["build", "data/README.md", "--out", OUT],
      /unknown format from the extension of "data\/README\.md"/,
    ],
    [
      "an unknown --format",
      ["build", "data/papers.jsonl", "--format", "xml", "--out", OUT],
      /--format must be one of jsonl, json, csv, daily, bib, ris, got "xml"/,
    ],
    ["--k abc", ["build", "data/papers.jsonl", "--k", "abc", "--out", OUT], /--k must be an integer, got "abc"/],
    [
      "--k 0",
      ["build", "data/papers.jsonl", "--k", "0", "--out", OUT],
      /--k must be an integer in \[1, 100\], got "0"/,
    ],
    ["--k 2.5", ["build", "data/papers.jsonl", "--k", "2.5", "--out", OUT], /--k must be an integer, got "2\.5"/],
    [
      "--k 101",
      ["build", "data/papers.jsonl", "--k", "101", "--out", OUT],
      /--k must be an integer in \[1, 100\], got "101"/,
    ],
    [
      "--k=-3",
      ["build", "data/papers.jsonl", "--k=-3", "--out", OUT],
      /--k must be an integer in \[1, 100\], got "-3"/,
    ],
    [
      "--min-similarity 2",
      ["build", "data/papers.jsonl", "--min-similarity", "2", "--out", OUT],
      /--min-similarity must be in \[0, 1\], got 2/,
    ],
    [
      "--resolution 0",
      ["build", "data/papers.jsonl", "--resolution", "0", "--out", OUT],
      /resolution must be > 0, got 0/,
    ],
    [
      "--min-df 0",
      ["build", "data/papers.jsonl", "--min-df", "0", "--out", OUT],
      /--min-df must be an integer >= 1, got 0/,
    ],
    [
      "--ngrams 1-4",
      ["build", "data/papers.jsonl", "--ngrams", "1-4", "--out", OUT],
      /--ngrams must be \[min, max\] with 1 <= min <= max <= 3/,
    ],
    [
      "--ngrams x",
      ["build", "data/papers.jsonl", "--ngrams", "x", "--out", OUT],
      /--ngrams must look like 1-2, got "x"/,
    ],
    [
      "--lsa-dimensions=-1",
      ["build", "data/papers.jsonl", "--lsa-dimensions=-1", "--out", OUT],
      /--lsa-dimensions must be an integer >= 0, got -1/,
    ],
    [
      "--gexf-version 2",
      ["build", "data/papers.jsonl", "--gexf-version", "2", "--out", OUT],
      /--gexf-version must be 1\.3 or 1\.2, got "2"/,
    ],
    ["an unknown option", ["build", "data/papers.jsonl", "--bogus", "--out", OUT], /Unknown option '--bogus'/],
    ["a missing --out", ["build", "data/papers.jsonl"], /build needs --out <dir>/],
    ["a missing corpus argument", ["build"], /build needs a corpus file/],
    ["an extra argument", ["build", "data/papers.jsonl", "extra", "--out", OUT], /unexpected argument "extra"/],
    ["an unknown command", ["frobnicate", "data/papers.jsonl"], /unknown command "frobnicate"/],
  ])("exits 2 with one line on stderr for %s", async (_case, args, message) => {
    const target = join(temporaryDirectory(), "out");
    const result = await run(args.map((arg) => (arg === OUT ? target : arg)));
    expectUsageError(result, message);
    expect(existsSync(target)).toBe(false);
  });

  it("reports each bad line as file:line: reason and builds from the good records", async () => {
    const dir = temporaryDirectory();
    const corpus = join(dir, "with-bad-lines.jsonl");
    const good = readFileSync(THREE_TOPICS, "utf8").trimEnd().split("\n");
    // Lines 3, 8 and 12 are bad; 30 good records around them.
    const lines = [
      ...good.slice(0, 2),
      "this is not JSON",
      ...good.slice(2, 6),
      '["an", "array"]',
      ...good.slice(6, 9),
      '{"title": "A title without an abstract"}',
      ...good.slice(9),
    ];
    writeFileSync(corpus, lines.join("\n") + "\n");
    const result = await run(["build", corpus, "--out", join(dir, "out")]);
    expect(result.code, result.stderr).toBe(0);
    const report = result.stdout + result.stderr;
    expect(report).toMatch(new RegExp(`^${corpus}:3: .+`, "m"));
    expect(report).toMatch(new RegExp(`^${corpus}:8: not a JSON object \\(an array\\)`, "m"));
    expect(report).toMatch(new RegExp(`^${corpus}:12: no abstract`, "m"));
    expect(result.stdout).toContain(`${corpus}: 30 papers read, 3 skipped`);
    const graph = JSON.parse(readFileSync(join(dir, "out", "graph.json"), "utf8"));
    expect(graph.nodes).toHaveLength(30);
  });
});

describe("topicgraph build on inputs that used to hang or exhaust memory", () => {
  it("refuses a FIFO at once with one line (it used to wait for a writer for ever)", async () => {
    const dir = temporaryDirectory();
    const fifo = join(dir, "papers.jsonl");
    execFileSync("mkfifo", [fifo]);
    const result = await run(["build", fifo, "--out", join(dir, "out")]);
    expectUsageError(result, `corpus: "${fifo}" is a FIFO, not a regular file (or a gzip of one)`);
  });

  it("skips a record over --max-record-mb, reports it at file:line with its size, and builds the rest", async () => {
    const dir = temporaryDirectory();
    const corpus = join(dir, "with-a-big-record.jsonl");
    const good = readFileSync(THREE_TOPICS, "utf8").trimEnd().split("\n");
    const big = JSON.stringify({ title: "Big", abstract: "word ".repeat(300_000) });
    writeFileSync(corpus, [...good.slice(0, 4), big, ...good.slice(4)].join("\n") + "\n");
    const result = await run(["build", corpus, "--out", join(dir, "out"), "--max-record-mb", "0.5"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${corpus}:5: record of 1.4 MB over the limit of 0.5 MB\n`);
    expect(result.stdout).toContain(`${corpus}: 30 papers read, 1 skipped`);
  });
});

describe("topicgraph build writes atomically", () => {
  it("leaves existing output untouched when the run fails before writing", async () => {
    const out = temporaryDirectory();
    writeFileSync(join(out, "graph.json"), "previous");
    const result = await run(["build", "data/no-such-file.jsonl", "--out", out]);
    expect(result.code).toBe(2);
    expect(readdirSync(out)).toEqual(["graph.json"]);
    expect(readFileSync(join(out, "graph.json"), "utf8")).toBe("previous");
  });

  it("leaves no partial or temporary file when a write fails", async () => {
    // graph.gexf is a directory: graph.json is written, the rename onto graph.gexf fails.
    const out = temporaryDirectory();
    mkdirSync(join(out, "graph.gexf"));
    const result = await run(["build", "data/papers.jsonl", "--out", out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toMatch(/^topicgraph: .*graph\.gexf/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out).sort()).toEqual(["graph.gexf", "graph.json"]);
    expect(readdirSync(join(out, "graph.gexf"))).toEqual([]);
    // What was written is whole.
    expect(JSON.parse(readFileSync(join(out, "graph.json"), "utf8")).nodes).toHaveLength(74);
  });

  it("leaves no temporary file when the first write fails", async () => {
    const out = temporaryDirectory();
    mkdirSync(join(out, "graph.json"));
    const result = await run(["build", "data/papers.jsonl", "--out", out]);
    expect(result.code).not.toBe(0);
    expect(readdirSync(out)).toEqual(["graph.json"]);
  });
});
