// V8 heap settings for a serving process, and its one requested garbage collection.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A young generation of fixed size: V8 otherwise shrinks and regrows it, and on machines where a first touch of
 * memory is slow (here 0.76 s to fill a fresh 200 MB buffer, 17 ms to copy into a touched one) the regrowth lands
 * in the requests' tail. `related` at 17.6k papers, 50 connections: 2,986-3,433 req/s and p99 36-140 ms without
 * it, 4,370-4,707 req/s and p99 24-37 ms with it. Called before the server allocates (`topicgraph serve`,
 * bench:api).
 */
export function tuneHeapForServing(): void {
  setFlagsFromString("--min-semi-space-size=16");
}

/**
 * A full garbage collection, once the store is made and before the server listens: loading a build leaves its
 * decoding's garbage (at 96,499 papers, 324 MB of heap of which 125 MB live), which V8 would otherwise collect while
 * requests wait (a 25 ms pause plus 53 ms of marking steps, the biggest 24 ms). NOTE: V8 offers no other way to ask
 * for a collection than `gc`, which its --expose-gc flag installs in contexts made after the flag is set.
 */
export function collectLoadGarbage(): number {
  const started = performance.now();
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return performance.now() - started;
}
