// Nothing lost, with real processes (the compiled CLI), real files and a real port: kill -9 during an import, during
// POSTs, while a new library is filled and around a build's save, then a restart; two servers on one library; files
// that are not a library refused with one line and exit 2.

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";

import { Library, SCHEMA_VERSION } from "../../server/library/index.js";
import { runCli, writeCorpus, type CliProcess } from "./processes.js";

const SEED = new URL("../../data/papers.jsonl", import.meta.url).pathname;
const TOKEN = "nothing-lost-test-token";

const running: CliProcess[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) await run.kill9();
});

function directory(): string {
  return mkdtempSync(join(tmpdir(), "topicgraph-nothing-lost-"));
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const run = runCli(args, { env });
  running.push(run);
  return run;
}

/** Starts `serve --db` and resolves with its URL once it serves. */
async function serve(db: string, dir: string, extra: string[] = [], token: string | null = TOKEN) {
  const run = cli(["serve", "--db", db, "--port", "0", ...extra], {
    TOPICGRAPH_CACHE_DIR: join(dir, "cache"),
    TOPICGRAPH_TOKEN: token ?? "",
  });
  const line = await run.line(/serving \d+ papers .* at http:\/\/\S+\//);
  return { run, url: /(http:\/\/\S+\/)/.exec(line)![1] };
}

function post(url: string, papers: object[]) {
  return fetch(new URL("/api/papers", url), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(papers),
  });
}

function idsOf(db: string): Set<string> {
  const library = Library.open(db);
  try {
    return new Set([...library.papers()].map((paper) => paper.id));
  } finally {
    library.close();
  }
}

describe("kill -9, then a restart", () => {
  test("during an import: every committed batch is there, the file is whole, and the import can be run again", async () => {
    const dir = directory();
    const corpus = join(dir, "big.jsonl");
    const db = join(dir, "library.db");
    writeCorpus(corpus, 60_000);
    const run = cli(["import", corpus, "--db", db, "--batch-size", "2000"]);
    await run.line(/^committed 6000 records/);
    await run.kill9();
    const committed = run.lines.filter((line) => line.startsWith("committed")).at(-1)!;
    const acknowledged = Number(/holds (\d+) papers/.exec(committed)![1]);
    expect(acknowledged).toBeGreaterThanOrEqual(6000);

    // Opening runs SQLite's quick_check: a torn write would be refused here.
    const ids = idsOf(db);
    expect(ids.size).toBeGreaterThanOrEqual(acknowledged);
    expect(ids.size).toBeLessThan(60_000);
    expect(ids.size % 2000).toBe(0);
    for (let i = 0; i < acknowledged; i++) expect(ids.has(`p${i}`)).toBe(true);

    const again = cli(["import", corpus, "--db", db]);
    const summary = await again.line(/records: \d+ added/);
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect(summary).toContain(
      `60000 records: ${60_000 - ids.size} added, 0 updated, 0 skipped, ${ids.size} duplicates`,
    );
    expect(idsOf(db).size).toBe(60_000);
  });

  test("during POSTs: every acknowledged paper is there after the restart, and served", async () => {
    const dir = directory();
    const db = join(dir, "library.db");
    const first = await serve(db, dir, ["--fill-from", SEED]);
    const acknowledged: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const papers = Array.from({ length: 50 }, (_, i) => ({
        id: `q${batch}-${i}`,
        title: `Acknowledged paper ${batch} ${i}`,
        abstract: `Paper ${i} of batch ${batch}, about graphs and language models.`,
      }));
      const answer = await post(first.url, papers);
      expect(answer.status).toBe(201);
      acknowledged.push(...papers.map((paper) => paper.id));
    }
    // One more in flight when the server is killed: acknowledged only if its answer arrived.
    const inFlight = Array.from({ length: 500 }, (_, i) => ({
      id: `r${i}`,
      title: `In flight ${i}`,
      abstract: "Text.",
    }));
    const pending = post(first.url, inFlight).then(
      (answer) => answer.status,
      () => null,
    );
    setTimeout(() => first.run.child.kill("SIGKILL"), 5);
    const status = await pending;
    await first.run.exited;
    if (status === 201) acknowledged.push(...inFlight.map((paper) => paper.id));

    const ids = idsOf(db);
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    // A transaction is whole or absent: the in-flight batch entirely or not at all.
    const landed = inFlight.filter((paper) => ids.has(paper.id)).length;
    expect([0, inFlight.length]).toContain(landed);

    const second = await serve(db, dir);
    const health = await (await fetch(new URL("/api/health", second.url))).json();
    expect(health.library.papers).toBe(ids.size);
    expect(health.papers).toBe(ids.size);
    for (const id of ["q0-0", "q4-49"]) {
      expect((await fetch(new URL(`/api/papers/${id}`, second.url))).status).toBe(200);
    }
  });

  test("while a new library is filled on first start: no half-filled library is left, the next start fills it", async () => {
    const dir = directory();
    const corpus = join(dir, "fill.jsonl");
    const db = join(dir, "library.db");
    writeCorpus(corpus, 3000);
    const first = cli(["serve", "--db", db, "--fill-from", corpus, "--batch-size", "500", "--port", "0"], {
      TOPICGRAPH_CACHE_DIR: join(dir, "cache"),
    });
    await first.line(/creating .*: 500 records/);
    await first.kill9();
    expect(existsSync(db)).toBe(false);

    const second = await serve(db, dir, ["--fill-from", corpus], null);
    expect(second.run.lines.join("\n")).toContain(`created ${db} with 3000 papers`);
    expect(idsOf(db).size).toBe(3000);
    // The killed creation's temporary files are gone.
    expect(readdirSync(dir).filter((name) => name.includes(".new"))).toEqual([]);
  });

  test("around a build's save to the cache: the restart serves the same papers, never a half-written entry", async () => {
    const dir = directory();
    const db = join(dir, "library.db");
    const expected = 74;
    for (const delayMs of [0, 30, 120, 400]) {
      const run = (await serve(db, dir, ["--fill-from", SEED])).run;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await run.kill9();
      const again = await serve(db, dir);
      const health = await (await fetch(new URL("/api/health", again.url))).json();
      expect(health.papers).toBe(expected);
      expect(health.library.papers).toBe(expected);
      await again.run.kill9();
    }
  });
});

describe("two servers on one library", () => {
  test("the second serves it read-only and says so; once the first is killed, the next one writes", async () => {
    const dir = directory();
    const db = join(dir, "library.db");
    const first = await serve(db, dir, ["--fill-from", SEED]);
    const second = await serve(db, dir);
    expect(second.run.lines.join("\n")).toContain(
      `${db}: another topicgraph process is writing to this library; serving it read-only`,
    );
    const health = await (await fetch(new URL("/api/health", second.url))).json();
    expect(health.library).toMatchObject({ papers: 74, writable: false });
    const refused = await post(second.url, [{ title: "Refused", abstract: "No." }]);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/read-only: another topicgraph process is writing/);
    expect((await post(first.url, [{ title: "Accepted", abstract: "Yes." }])).status).toBe(201);

    await first.run.kill9();
    const third = await serve(db, dir);
    expect((await post(third.url, [{ title: "Now writable", abstract: "Yes." }])).status).toBe(201);
    expect(idsOf(db).has("now-writable")).toBe(true);
  });
});

describe("a file that is not a library", () => {
  function files(dir: string): [string, string, RegExp][] {
    const text = join(dir, "notes.db");
    writeFileSync(text, "not a database at all\n".repeat(20));
    const foreign = join(dir, "foreign.db");
    const other = new Database(foreign);
    other.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    other.close();
    const newer = join(dir, "newer.db");
    Library.open(newer, { create: true, write: true }).close();
    const bump = new Database(newer);
    bump.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    bump.close();
    const damaged = join(dir, "damaged.db");
    const library = Library.open(damaged, { create: true, write: true });
    library.add(Array.from({ length: 400 }, (_, i) => ({ id: `d${i}`, title: `T ${i}`, abstract: "y".repeat(500) })));
    library.close();
    const raw = new Database(damaged);
    const pageSize = raw.pragma("page_size", { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(damaged);
    for (let i = pageSize * 4; i < pageSize * 8; i++) bytes[i] = (i * 13) & 0xff;
    writeFileSync(damaged, bytes);
    return [
      ["a text file", text, /not a topicgraph library \(not an SQLite database\)$/],
      [
        "another application's database",
        foreign,
        /not a topicgraph library \(an SQLite database of another application\)$/,
      ],
      ["a newer library", newer, /written by a newer topicgraph/],
      ["a damaged library", damaged, /a damaged topicgraph library/],
    ];
  }

  test("serve, import and export exit 2 with one line naming the file, and leave it as it was", async () => {
    const dir = directory();
    for (const [, path, message] of files(dir)) {
      const before = readFileSync(path);
      for (const args of [
        ["serve", "--db", path, "--port", "0"],
        ["import", SEED, "--db", path],
        ["export", "--db", path, "--out", join(dir, "out.jsonl")],
      ]) {
        const run = cli(args, { TOPICGRAPH_CACHE_DIR: join(dir, "cache"), TOPICGRAPH_TOKEN: TOKEN });
        expect(await run.exited).toEqual({ code: 2, signal: null });
        const stderr = run.stderr();
        expect(stderr.endsWith("\n") && stderr.indexOf("\n") === stderr.length - 1).toBe(true);
        expect(stderr.startsWith(`topicgraph: ${path}: `)).toBe(true);
        expect(stderr.trim()).toMatch(message);
      }
      expect(readFileSync(path).equals(before), `${path} changed`).toBe(true);
    }
  });
});
