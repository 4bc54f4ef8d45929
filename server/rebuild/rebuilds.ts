// The map's rebuilds: asked for (POST /api/rebuild) or started when the library has changed by `rebuildAfter` since
// the served build, each run in a process of its own (rebuild/run-rebuild) while the current map keeps serving, then
// loaded and swapped in whole (live/live-map replace, with the changes made meanwhile folded in). One runs at a time;
// one more waits while it runs (asking again gives the waiting one). A failed rebuild leaves the map as it was and
// says why in its state.

import type { BuildStatusDto } from "../contract/index.js";
import { REBUILD_AFTER_DEFAULT, type RebuildAfter } from "../config.js";
import type { LibraryDelta, LiveMap } from "../live/live-map.js";
import { changedPapers } from "../query/changes.js";
import type { LoadedRebuild } from "./load-rebuilt.js";
import type { RebuildJob, RebuildResult } from "./rebuild.js";
import { runRebuild, type RunningRebuild } from "./run-rebuild.js";

/** Changes (papers added, changed or deleted since the served build) from which a rebuild starts by itself. */
export const REBUILD_DEFAULTS: { rebuildAfter: RebuildAfter } = { rebuildAfter: REBUILD_AFTER_DEFAULT };

export interface RebuildsOptions {
  live: LiveMap;
  /** A rebuild's job, made when it starts (the served clusters then). */
  job: () => RebuildJob;
  /** The library's changes after a version, folded into a new build before it serves. */
  since: (version: number) => LibraryDelta;
  /** A rebuilt cache entry as a store, with the release of its lease. */
  load: (result: RebuildResult) => Promise<LoadedRebuild>;
  /** Releases the lease of the build the map was started with (called once another replaces it, or at close). */
  release?: () => Promise<void>;
  rebuildAfter?: RebuildAfter;
  /** Where a failure is reported besides the build's state. */
  log?: (line: string) => void;
  /** Runs a rebuild (a process of its own by default). */
  run?: (job: RebuildJob, onProgress: Parameters<typeof runRebuild>[1]) => RunningRebuild;
}

type Reason = BuildStatusDto["reason"];

/** The state of the build a server was started with. */
function startBuild(papers: number): BuildStatusDto {
  const now = new Date().toISOString();
  return {
    id: "1",
    state: "done",
    reason: "start",
    phase: null,
    progress: 1,
    papers,
    error: null,
    queuedAt: now,
    startedAt: now,
    endedAt: now,
  };
}

/** The builds of a map that is never rebuilt (a corpus file): the one it was started with. */
export function startOnly(papers: number): Pick<Rebuilds, "current" | "status" | "request"> {
  const build = startBuild(papers);
  return {
    current: () => build,
    status: (id) => (id === build.id ? build : undefined),
    request: () => {
      throw new Error("rebuilds: this map is never rebuilt");
    },
  };
}

export class Rebuilds {
  private readonly builds: BuildStatusDto[];
  private readonly options: Required<Omit<RebuildsOptions, "log" | "release">> & Pick<RebuildsOptions, "log">;
  /** Releases the lease of the build being served. */
  private release: () => Promise<void>;
  private running: RunningRebuild | null = null;
  private waiting: BuildStatusDto | null = null;
  /** Changes counted when an automatic rebuild last failed: the next waits for as many more. */
  private failedAt = -1;
  private closed = false;

  constructor(options: RebuildsOptions) {
    const { release = async () => {}, ...rest } = options;
    this.options = { rebuildAfter: REBUILD_DEFAULTS.rebuildAfter, run: runRebuild, ...rest };
    this.release = release;
    this.builds = [startBuild(options.live.current.info.papers)];
  }

  /** A build's state by id, or undefined. */
  status(id: string): BuildStatusDto | undefined {
    return this.builds.find((build) => build.id === id);
  }

  /** The latest build: the one waiting or running, else the last that ended. */
  current(): BuildStatusDto {
    return this.builds[this.builds.length - 1];
  }

  /** Asks for a rebuild: the one waiting if there is one, else a new one (started at once when none runs). */
  request(reason: Reason = "requested"): BuildStatusDto {
    if (this.waiting !== null) return this.waiting;
    const build: BuildStatusDto = {
      id: String(Number(this.current().id) + 1),
      state: "queued",
      reason,
      phase: null,
      progress: 0,
      papers: null,
      error: null,
      queuedAt: new Date().toISOString(),
      startedAt: null,
      endedAt: null,
    };
    this.builds.push(build);
    this.waiting = build;
    if (this.running === null) void this.startNext();
    return build;
  }

  /** Starts a rebuild when the map has changed by `rebuildAfter` since its build (call after each change). */
  checkChanges(): void {
    if (this.waiting !== null || this.running !== null || this.closed) return;
    const store = this.options.live.current;
    const changed = changedPapers(store);
    const { rebuildAfter } = this.options;
    const base = store.info.papers;
    const due = "count" in rebuildAfter ? rebuildAfter.count : Math.max(1, Math.ceil(rebuildAfter.share * base));
    if (changed >= due && (this.failedAt < 0 || changed >= this.failedAt + due)) this.request("changes");
  }

  /** Stops a running rebuild, starts no other and releases the served build's lease (the server is shutting down). */
  async close(): Promise<void> {
    this.closed = true;
    this.running?.stop();
    await this.release();
  }

  private async startNext(): Promise<void> {
    const build = this.waiting;
    if (build === null || this.closed) return;
    this.waiting = null;
    build.state = "running";
    build.startedAt = new Date().toISOString();
    const changedAtStart = changedPapers(this.options.live.current);
    try {
      const running = this.options.run(this.options.job(), ({ phase, progress }) => {
        build.phase = phase;
        build.progress = progress;
      });
      this.running = running;
      const result = await running.result;
      build.phase = "load";
      const loaded = await this.options.load(result);
      try {
        await this.options.live.replace(loaded.store, result.version, () => this.options.since(result.version));
      } catch (error) {
        await loaded.release();
        throw error;
      }
      const served = this.release;
      this.release = loaded.release;
      await served();
      build.state = "done";
      build.progress = 1;
      build.papers = result.papers;
      this.failedAt = -1;
    } catch (error) {
      build.state = "failed";
      build.error = (error as Error)?.message ?? String(error);
      if (build.reason === "changes") this.failedAt = changedAtStart;
      this.options.log?.(`topicgraph: rebuild ${build.id} failed: ${build.error}`);
    } finally {
      build.endedAt = new Date().toISOString();
      this.running = null;
    }
    if (this.waiting !== null) await this.startNext();
    else this.checkChanges();
  }
}
