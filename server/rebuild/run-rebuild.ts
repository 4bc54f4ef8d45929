// Runs a rebuild in a process of its own (rebuild/rebuild-process): the pipeline computes much on its main thread, and
// in the serving process that would hold up requests for seconds at a time. The child reports its progress here and
// its result (a cache entry) when done.

import { fork, type ChildProcess } from "node:child_process";

import type { RebuildMessage } from "./rebuild-process.js";
import type { RebuildJob, RebuildProgress, RebuildResult } from "./rebuild.js";

// NOTE: under vitest (and tsx) this module runs from its .ts source, so the child must too, with tsx as loader.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const ENTRY = new URL(FROM_SOURCE ? "./rebuild-process.ts" : "./rebuild-process.js", import.meta.url);

export interface RunningRebuild {
  /** The child's process id. */
  pid: number;
  /** Resolves with the result; rejects with why the rebuild failed (the child's message, or how it ended). */
  result: Promise<RebuildResult>;
  /** Ends the child (the result then rejects). */
  stop(): void;
}

export function runRebuild(job: RebuildJob, onProgress: (progress: RebuildProgress) => void): RunningRebuild {
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv: FROM_SOURCE ? ["--import", "tsx"] : [],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    // The end of what it printed, for the failure's message.
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const result = new Promise<RebuildResult>((resolve, reject) => {
    let settled: RebuildResult | Error | null = null;
    child.on("message", (message: RebuildMessage) => {
      if (message.type === "progress") onProgress({ phase: message.phase, progress: message.progress });
      else if (message.type === "done")
        settled = { key: message.key, version: message.version, papers: message.papers };
      else settled = new Error(message.message);
    });
    child.on("error", (error) => reject(error));
    child.on("exit", (code, signal) => {
      if (settled !== null && !(settled instanceof Error)) resolve(settled);
      else if (settled instanceof Error) reject(settled);
      else {
        const how = signal === null ? `exited with code ${code}` : `was ended by ${signal}`;
        const last = stderr.trim().split("\n").at(-1);
        reject(new Error(`the rebuild process ${how}${last ? `: ${last}` : ""}`));
      }
    });
  });
  child.send(job);
  return {
    pid: child.pid ?? -1,
    result,
    stop: () => {
      child.kill("SIGKILL");
    },
  };
}
