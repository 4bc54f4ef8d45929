// "Updating the map… 40%": while the server rebuilds the map (GET /api/builds/current: queued or running), a line
// over the map says how far it is; when the rebuild is done the new map is loaded (the selection is kept: it is in
// the address), and when it fails the current map stays and a notice says why.

import type { BuildStatusDto } from "../../server/contract/index.js";
import { formatShare } from "../dom.js";

export interface MapUpdateHandlers {
  fetchBuild(): Promise<BuildStatusDto>;
  /** A rebuild is done: load the new map. */
  onRebuilt(build: BuildStatusDto): void;
  notice(message: string): void;
}

/**
 * Milliseconds between two looks at the current build while one runs, and otherwise. NOTE: polled rather than pushed
 * (server-sent events): over HTTP/1.1 each open EventSource holds one of the browser's six connections per origin,
 * shared by all its tabs, so a seventh explorer tab would wait forever for its requests.
 */
export const POLL_MS = { running: 1000, idle: 5000 } as const;

export function watchMapUpdates(banner: HTMLElement, handlers: MapUpdateHandlers): { check(): void; stop(): void } {
  let last: BuildStatusDto | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const show = (build: BuildStatusDto) => {
    const active = build.state === "queued" || build.state === "running";
    banner.hidden = !active;
    if (active) banner.textContent = `Updating the map… ${formatShare(build.progress)}`;
  };

  const look = async () => {
    clearTimeout(timer);
    let build: BuildStatusDto | null = null;
    try {
      build = await handlers.fetchBuild();
    } catch {
      // The server may be restarting: look again later.
    }
    if (stopped) return;
    if (build !== null) {
      show(build);
      const ended = build.state === "done" || build.state === "failed";
      const followed = last !== null && (last.id !== build.id || last.state !== build.state);
      if (ended && followed) {
        if (build.state === "done") handlers.onRebuilt(build);
        else handlers.notice(`The map could not be rebuilt: ${build.error ?? "unknown error"}. The current map stays.`);
      }
      last = build;
    }
    const running = build !== null && (build.state === "queued" || build.state === "running");
    timer = setTimeout(() => void look(), running ? POLL_MS.running : POLL_MS.idle);
  };

  void look();
  return {
    /** Looks now (after asking for a rebuild, or adding papers that may start one). */
    check: () => void look(),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
