// Worker thread entry: runs the task it is sent (see tasks.ts) and posts back the output.

import { parentPort } from "node:worker_threads";

import { runTask, type TaskKind } from "./tasks.js";

parentPort!.on("message", (task: { kind: TaskKind; input: never }) => {
  try {
    const output = runTask(task.kind, task.input);
    parentPort!.postMessage({ ok: true, output });
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: (error as Error)?.message ?? String(error) });
  }
});
