// `topicgraph` run as a real process from its source (node with tsx): its output lines, its exit code, and for
// `serve` the URL of its ready line.

import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name when killed). */
  exited: Promise<number | string>;
  stdout: () => string[];
  stderr: () => string;
  /** The URL of `serve`'s ready line; rejects with the process's output when it exits first. */
  ready: () => Promise<string>;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | string>;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: "", HOST: "", ...env },
  });
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const readyLine = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (/^topicgraph: serving /.test(line)) resolve(line);
    });
  });
  const ready = async () => {
    const line = await Promise.race([readyLine, exited.then((code) => `exited ${code}`)]);
    const url = /(http:\/\/\S+\/)/.exec(line)?.[1];
    if (url === undefined) throw new Error(`test: serve is not ready: ${line}\n${lines.join("\n")}\n${stderr}`);
    return url;
  };
  const stop = () => {
    child.kill("SIGTERM");
    return exited;
  };
  return { child, exited, stdout: () => lines, stderr: () => stderr, ready, stop };
}
