// The compiled CLI (dist/server/cli.js) in a process of its own, for the tests that kill it: lines awaited as they are
// printed, exit awaited, kill -9.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/server/cli.js", import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the first line of stdout or stderr matching `pattern` (rejects if the process ends first). */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Every line printed so far, stdout and stderr, in order. */
  lines: string[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliProcess {
  if (!existsSync(CLI)) throw new Error(`test/library: no ${CLI}; run npm run build first`);
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: "", HOST: "", TOPICGRAPH_TOKEN: "", ...options.env },
  });
  const lines: string[] = [];
  let stderr = "";
  const waiting = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  const onLine = (line: string) => {
    lines.push(line);
    for (const waiter of waiting) {
      if (waiter.pattern.test(line)) {
        waiting.delete(waiter);
        waiter.resolve(line);
      }
    }
  };
  createInterface({ input: child.stdout! }).on("line", onLine);
  createInterface({ input: child.stderr! }).on("line", onLine);
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    line(pattern, timeoutMs = 120_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const waiter = { pattern, resolve };
        waiting.add(waiter);
        const timer = setTimeout(
          () => reject(new Error(`no line ${pattern} in ${timeoutMs} ms: ${lines.join("\n")}`)),
          timeoutMs,
        );
        void exited.then(({ code, signal }) => {
          if (!waiting.has(waiter)) return;
          clearTimeout(timer);
          reject(new Error(`exited (${code ?? signal}) before a line ${pattern}: ${lines.join("\n")}`));
        });
        const done = waiter.resolve;
        waiter.resolve = (line) => {
          clearTimeout(timer);
          done(line);
        };
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Writes `count` distinct papers as JSON Lines (ids p0, p1, ...; titles and abstracts made of their number). */
export function writeCorpus(path: string, count: number, prefix = "p"): void {
  const words = ["graph", "neural", "quantum", "protein", "galaxy", "language", "robot", "market", "climate", "sensor"];
  let text = "";
  for (let i = 0; i < count; i++) {
    const a = words[i % 10];
    const b = words[Math.floor(i / 10) % 10];
    const title = `${prefix} ${i}: ${a} ${b} study number ${i}`;
    const abstract = `We study ${a} and ${b} methods. This is paper ${i} of the ${prefix} set, with ${a} ${b} results.`;
    text += `${JSON.stringify({ id: `${prefix}${i}`, title, abstract })}\n`;
  }
  writeFileSync(path, text);
}
