// The map being served while the library changes: the current store version (query/changes over the served build),
// moved on by each library write (apply) and replaced whole when a rebuild ends (replace), one change at a time.
// Papers are folded in a slice at a time, yielding to the event loop between slices so that reads go on; reads see
// the previous version until the change is done, then the new one at once (the app answers from `current`: server/app).

import { setImmediate as nextTurn } from "node:timers/promises";

import type { Paper } from "../corpus/types.js";
import { StoreDraft } from "../query/changes.js";
import type { TopicStore } from "../query/index.js";

/** A change of the library as the map takes it: the papers added or changed (as they are now), the ids deleted. */
export interface LibraryDelta {
  /** The library's version after the change (-1: unversioned, as in tests and files). */
  version: number;
  upserted: readonly Paper[];
  deleted: readonly string[];
}

export interface LiveMapOptions {
  /** Milliseconds of folding papers in before yielding to other requests. */
  sliceMs: number;
}

export const LIVE_MAP_DEFAULTS: Readonly<LiveMapOptions> = { sliceMs: 20 };

export class LiveMap {
  private version: TopicStore;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly options: LiveMapOptions;
  /** The library version the current store holds (-1: not known). */
  private libraryVersion: number;

  constructor(initial: TopicStore, libraryVersion = -1, options: Partial<LiveMapOptions> = {}) {
    this.version = initial;
    this.libraryVersion = libraryVersion;
    this.options = { ...LIVE_MAP_DEFAULTS, ...options };
  }

  /** The version being served. */
  get current(): TopicStore {
    return this.version;
  }

  /** The library version the map holds, as far as it was told. */
  get heldVersion(): number {
    return this.libraryVersion;
  }

  /** Folds a change in; resolves once it is served. Changes apply in the order they were given. */
  apply(delta: LibraryDelta): Promise<void> {
    return this.enqueue(async () => {
      // A change a replacement already folded in (the library read after it) is not folded again.
      if (delta.version >= 0 && delta.version <= this.libraryVersion) return;
      this.version = await this.fold(this.version, delta);
      if (delta.version >= 0) this.libraryVersion = delta.version;
    });
  }

  /**
   * Serves `next` (a new build's store, holding the library at `builtVersion`) once the changes given before are
   * served, with `since` (the library's changes after that version) folded in first, so that no write is lost.
   */
  replace(next: TopicStore, builtVersion: number, since: () => LibraryDelta): Promise<void> {
    return this.enqueue(async () => {
      const delta = since();
      this.version = await this.fold(next, delta);
      this.libraryVersion = delta.version >= 0 ? delta.version : builtVersion;
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const done = this.queue.then(work);
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async fold(store: TopicStore, delta: LibraryDelta): Promise<TopicStore> {
    if (delta.upserted.length === 0 && delta.deleted.length === 0) return store;
    const draft = new StoreDraft(store);
    for (const id of delta.deleted) draft.delete(id);
    let slice = performance.now();
    for (const paper of delta.upserted) {
      draft.add(paper);
      if (performance.now() - slice > this.options.sliceMs) {
        await nextTurn();
        slice = performance.now();
      }
    }
    return draft.finish();
  }
}
