// The loading and error states over the map: a visible progress while the graph loads, a clear message (with a
// retry) when the API cannot be reached or fails, and short notices for failures of later requests.

import { append, h, replaceChildren } from "../dom.js";

export type StatusState = "loading" | "ready" | "error";

export interface StatusView {
  loading(message: string, progress?: { loaded: number; total: number | null }): void;
  error(title: string, detail: string, retry?: () => void): void;
  ready(): void;
  /**
   * A short message that goes away by itself (a failed search, say); a `lasting` one stays until closed (what a link
   * asked for and could not be shown: it may be said while the map is still loading).
   */
  notice(message: string, lasting?: boolean): void;
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
    notice(message, lasting = false) {
      const item = h("p", { className: "notice", attrs: { role: "alert" } }, message);
      if (lasting) {
        const close = { type: "button", "aria-label": "Close this message", title: "Close" };
        append(item, h("button", { className: "close", attrs: close, on: { click: () => item.remove() } }, "×"));
      } else setTimeout(() => item.remove(), NOTICE_MS);
      notices.appendChild(item);
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
