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
 * requests wait (a 25 ms pause plus 53 ms of marking steps, the biggest 24 ms). On a first start the build cache is
 * written after listening, and its garbage is collected as usual. NOTE: V8's only way to ask for a collection is
 * `gc`, which --expose-gc installs (on the command line, or for the contexts made while the flag is set: it is set
 * for one and cleared, so no later context gets `gc`).
 */
export function collectLoadGarbage(): number {
  const started = performance.now();
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) exposed();
  else {
    setFlagsFromString("--expose-gc");
    try {
      (runInNewContext("gc") as () => void)();
    } finally {
      setFlagsFromString("--no-expose-gc");
    }
  }
  return performance.now() - started;
}
