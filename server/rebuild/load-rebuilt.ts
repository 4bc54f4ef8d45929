// A rebuilt map as a store: its cache entry leased (cache/entry-leases: no other process prunes it while it serves)
// and loaded (the binary files read on libuv's threads), and the store made from it, with a turn of the event loop
// between the steps that run on this thread, so that requests go on meanwhile.

import { setImmediate as nextTurn } from "node:timers/promises";

import { acquireLease } from "../cache/entry-leases.js";
import { loadServedBuild } from "../cache/read-entry.js";
import { createStore, type TopicStore } from "../query/index.js";
import type { RebuildResult } from "./rebuild.js";

export interface LoadedRebuild {
  store: TopicStore;
  /** Releases the lease on the entry; call when the store no longer serves. */
  release: () => Promise<void>;
}

export async function loadRebuilt(
  cacheDir: string,
  result: RebuildResult,
  warn?: (line: string) => void,
): Promise<LoadedRebuild> {
  const start = performance.now();
  const lease = await acquireLease(cacheDir, result.key);
  try {
    const cached = await loadServedBuild(cacheDir, result.key, { warn });
    if (cached === null || cached.papers === null || cached.searchIndex === null || cached.corpus === null) {
      throw new Error(`the rebuilt map's cache entry ${result.key} is missing or incomplete`);
    }
    await nextTurn();
    const store = createStore(
      { ...cached.build, exports: { graph: (rows) => cached.graph({ rows }), directory: () => cached.entry, warn } },
      {
        papers: cached.papers,
        builtAt: new Date(),
        buildMs: performance.now() - start,
        searchIndex: cached.searchIndex,
        skipped: cached.corpus.skipped,
      },
    );
    return { store, release: () => lease.release() };
  } catch (error) {
    await lease.release();
    throw error;
  }
}
