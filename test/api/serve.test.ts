// The process side: startServer listens and closes cleanly (idle keep-alive connections included), runServe logs
// one ready line and stops on its signal, and the CLI serves a corpus and exits 0 on SIGTERM.

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

import { describe, expect, it } from "vitest";

import { createApp } from "../../server/app.js";
import { runServe } from "../../server/cli/serve-command.js";
import { startServer } from "../../server/serve.js";
import { buildStore, fetchJson, SEED } from "./helpers.js";

describe("startServer", () => {
  it("binds the asked address, reports the real port, and close() ends idle keep-alive connections", async () => {
    const store = await buildStore(SEED);
    const handle = await startServer(createApp({ store }), { host: "127.0.0.1", port: 0 });
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // fetch keeps its connection alive; close() must not wait for the keep-alive timeout.
    expect((await fetchJson(handle.url, "/api/health")).status).toBe(200);
    await handle.close();
    expect(handle.server.listening).toBe(false);
    await expect(fetch(new URL("/api/health", handle.url))).rejects.toThrow();
  });

  it("refuses an address in use with a ListenError", async () => {
    const store = await buildStore(SEED);
    const first = await startServer(createApp({ store }), { host: "127.0.0.1", port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(startServer(createApp({ store }), { host: "127.0.0.1", port })).rejects.toThrow(
      /cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/,
    );
    await first.close();
  });
});

describe("runServe", () => {
  it("logs one ready line with the URL and the build time, serves, and stops on its signal", async () => {
    const lines: string[] = [];
    let stop!: (signal: string) => void;
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    let ready!: (line: string) => void;
    const readyLine = new Promise<string>((resolve) => (ready = resolve));
    const exit = runServe({
      corpus: SEED,
      values: { port: "0", host: "127.0.0.1", k: "5", "no-cache": true },
      stopSignal,
      log: (line) => {
        lines.push(line);
        if (lines.length === 1) ready(line);
      },
    });
    const line = await readyLine;
    expect(line).toMatch(
      /^topicgraph: serving 74 papers in \d+ clusters at http:\/\/127\.0\.0\.1:\d+\/ \(built in [\d.]+ s: read/,
    );
    const url = /(http:\/\/\S+\/)/.exec(line)![1];
    const health = await fetchJson(url, "/api/health");
    expect(health.body.build.k).toBe(5);
    stop("SIGTERM");
    expect(await exit).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("topicgraph: SIGTERM, shutting down");
  });
});

describe("topicgraph serve (the CLI)", () => {
  function start(args: string[]) {
    const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", "serve", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PORT: "", HOST: "" },
    });
    const stdout = createInterface({ input: child.stdout });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const firstLine = new Promise<string>((resolve) => stdout.once("line", resolve));
    return { child, stdout, exited, firstLine, stderr: () => stderr };
  }

  it("serves a corpus on the given port and exits 0 on SIGTERM", async () => {
    const run = start([SEED, "--port", "0", "--no-cache"]);
    const line = await Promise.race([run.firstLine, run.exited.then((code) => `exited ${code}: ${run.stderr()}`)]);
    expect(line).toMatch(/serving 74 papers .* at http:\/\/127\.0\.0\.1:\d+\//);
    const url = /(http:\/\/\S+\/)/.exec(line)![1];
    expect((await fetchJson(url, "/api/health")).body.status).toBe("ok");
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it.each([
    [["--port", "70000"], /--port must be in 0\.\.65535/],
    [["--k", "abc"], /--k must be an integer/],
  ])("refuses %j with exit code 2 and one line", async (flags, message) => {
    const run = start([SEED, "--no-cache", ...flags]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr().trim().split("\n")).toHaveLength(1);
  });

  it("a missing corpus exits 2 with one line", async () => {
    const run = start(["does/not/exist.jsonl", "--port", "0", "--no-cache"]);
    expect(await run.exited).toBe(2);
    // One line: nothing before it, a single line break at its end.
    expect(run.stderr()).toMatch(
      /^topicgraph: corpus: cannot read "[^"\n]*does\/not\/exist\.jsonl": no such file \(ENOENT\)\n$/,
    );
  });
});
