// A rebuilt map as a store: its cache entry loaded (the binary files read on libuv's threads) and the store made from
// it, with a turn of the event loop between the steps that run on this thread, so that requests go on meanwhile.

import { setImmediate as nextTurn } from "node:timers/promises";

import { loadServedBuild } from "../cache/build-cache.js";
import { createStore, type TopicStore } from "../query/index.js";
import type { RebuildResult } from "./rebuild.js";

export async function loadRebuilt(cacheDir: string, result: RebuildResult): Promise<TopicStore> {
  const start = performance.now();
  const cached = await loadServedBuild(cacheDir, result.key);
  if (cached === null || cached.papers === null || cached.searchIndex === null) {
    throw new Error(`the rebuilt map's cache entry ${result.key} is missing or incomplete`);
  }
  await nextTurn();
  return createStore(
    { ...cached.build, exports: { graph: cached.graph, directory: () => cached.entry } },
    { papers: cached.papers, builtAt: new Date(), buildMs: performance.now() - start, searchIndex: cached.searchIndex },
  );
}
