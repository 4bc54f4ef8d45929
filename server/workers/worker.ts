// Worker thread entry: imports the modules it is told to (registering their tasks, see tasks.ts), runs the tasks it
// is sent and posts back each output, in the order the tasks came.

import { parentPort } from "node:worker_threads";

import { runRegisteredTask } from "./tasks.js";

/** A task to run, or modules to import ahead of the first task (no answer). */
export type WorkerMessage = { name: string; module: string; input: unknown } | { load: string[] };

// NOTE: a task may wait for its module's import: chained, the answers keep the order of the messages.
let previous: Promise<void> = Promise.resolve();

parentPort!.on("message", (message: WorkerMessage) => {
  previous = previous.then(() => handle(message));
});

async function handle(message: WorkerMessage): Promise<void> {
  if ("load" in message) {
    // A module that fails to load fails the first task that needs it, with the error.
    await Promise.all(message.load.map((module) => import(module).catch(() => undefined)));
    return;
  }
  try {
    const output = await runRegisteredTask(message.name, message.module, message.input);
    parentPort!.postMessage({ ok: true, output });
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: (error as Error)?.message ?? String(error) });
  }
}
