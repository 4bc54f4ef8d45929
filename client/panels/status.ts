// The loading and error states over the map: a visible progress while the graph loads, a clear message (with a
// retry) when the API cannot be reached or fails, and short notices for failures of later requests.

import { append, h, replaceChildren } from "../dom.js";

export type StatusState = "loading" | "ready" | "error";

export interface StatusView {
  loading(message: string, progress?: { loaded: number; total: number | null }): void;
  error(title: string, detail: string, retry?: () => void): void;
  ready(): void;
  /** A short message that goes away by itself (a failed search, say). */
  notice(message: string): void;
}

const NOTICE_MS = 6000;

export function createStatus(root: HTMLElement, notices: HTMLElement): StatusView {
  const set = (state: StatusState) => {
    root.dataset.state = state;
    document.body.dataset.state = state;
    root.hidden = state === "ready";
  };
  return {
    loading(message, progress) {
      set("loading");
      root.setAttribute("role", "status");
      const bar = h("progress", { className: "status-progress", attrs: { "aria-label": message } });
      if (progress?.total) {
        bar.max = progress.total;
        bar.value = progress.loaded;
      }
      const amount = progress
        ? ` ${formatBytes(progress.loaded)}${progress.total ? ` of ${formatBytes(progress.total)}` : ""}`
        : "";
      replaceChildren(root, h("div", { className: "status-box" }, h("p", {}, `${message}${amount}`), bar));
    },
    error(title, detail, retry) {
      set("error");
      root.setAttribute("role", "alert");
      const box = h("div", { className: "status-box status-error" }, h("h2", {}, title), h("p", {}, detail));
      if (retry) append(box, h("button", { attrs: { type: "button" }, on: { click: retry } }, "Try again"));
      replaceChildren(root, box);
    },
    ready() {
      set("ready");
      replaceChildren(root);
    },
    notice(message) {
      const item = h("p", { className: "notice", attrs: { role: "alert" } }, message);
      notices.appendChild(item);
      setTimeout(() => item.remove(), NOTICE_MS);
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
