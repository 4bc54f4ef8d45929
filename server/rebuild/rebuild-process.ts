// The entry of a rebuild process (forked by rebuild/run-rebuild): takes its job from the first message, runs it at the
// lowest priority (so that the server it was forked from keeps its cores for requests), reports its progress, and
// ends with its result or why it failed. It stops when its parent goes (the parent's restart serves the last complete
// build, and starts another rebuild if one is still due).

import { setPriority } from "node:os";

import { rebuild, type RebuildJob, type RebuildProgress, type RebuildResult } from "./rebuild.js";

export type RebuildMessage =
  ({ type: "progress" } & RebuildProgress) | ({ type: "done" } & RebuildResult) | { type: "failed"; message: string };

const send = (message: RebuildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.connected) resolve();
    else process.send!(message, () => resolve());
  });

// NOTE: niceness is per thread on Linux; the worker threads the build starts inherit this thread's.
try {
  setPriority(19);
} catch {
  // Not allowed here: the rebuild runs at normal priority.
}
process.on("disconnect", () => process.exit(1));
process.once("message", (job: RebuildJob) => {
  rebuild(job, (progress) => void send({ type: "progress", ...progress }))
    .then((result) => send({ type: "done", ...result }))
    .then(() => process.exit(0))
    .catch(async (error: unknown) => {
      await send({ type: "failed", message: (error as Error)?.message ?? String(error) });
      process.exit(1);
    });
});
