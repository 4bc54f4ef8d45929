// The URL follows the selection (?paper=ID&cluster=N&q=text) so that reloading or sharing a link restores the
// view. Parsing and formatting are pure; `bindUrl` writes history entries and listens for back/forward.

import type { State, Store } from "./state.js";

export interface UrlSelection {
  paper: string | null;
  cluster: number | null;
  query: string;
}

export const EMPTY_URL_SELECTION: UrlSelection = { paper: null, cluster: null, query: "" };

/** Reads a selection from a query string; values that cannot be ours are dropped, not thrown on. */
export function parseUrlSelection(search: string): UrlSelection {
  const params = new URLSearchParams(search);
  const paper = params.get("paper");
  const cluster = params.get("cluster");
  const clusterId = cluster !== null && /^\d+$/.test(cluster) ? Number(cluster) : null;
  return { paper: paper ? paper : null, cluster: clusterId, query: (params.get("q") ?? "").trim() };
}

/** The query string for a selection (empty selection: ""); parameters of others in `search` are kept. */
export function formatUrlSelection(selection: UrlSelection, search = ""): string {
  const params = new URLSearchParams(search);
  setOrDelete(params, "paper", selection.paper);
  setOrDelete(params, "cluster", selection.cluster === null ? null : String(selection.cluster));
  setOrDelete(params, "q", selection.query.trim() || null);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function urlSelectionOf(state: State): UrlSelection {
  return { paper: state.selectedPaper, cluster: state.selectedCluster, query: state.query };
}

export function sameUrlSelection(a: UrlSelection, b: UrlSelection): boolean {
  return a.paper === b.paper && a.cluster === b.cluster && a.query.trim() === b.query.trim();
}

function setOrDelete(params: URLSearchParams, name: string, value: string | null): void {
  if (value === null) params.delete(name);
  else params.set(name, value);
}

/**
 * Keeps the address bar in step with the store: a new history entry when the paper or cluster changes (so Back
 * goes back to the previous view), the current entry rewritten while typing a search. `restore` is called with
 * the selection of the entry the user navigates to.
 */
export function bindUrl(store: Store, restore: (selection: UrlSelection) => void): () => void {
  let restoring = false;
  const unsubscribe = store.subscribe((state, previous) => {
    if (restoring) return;
    const next = urlSelectionOf(state);
    const current = parseUrlSelection(location.search);
    if (sameUrlSelection(next, current)) return;
    const url = `${location.pathname}${formatUrlSelection(next, location.search)}${location.hash}`;
    const navigation =
      state.selectedPaper !== previous.selectedPaper || state.selectedCluster !== previous.selectedCluster;
    if (navigation) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  });
  const onPopState = () => {
    restoring = true;
    try {
      restore(parseUrlSelection(location.search));
    } finally {
      restoring = false;
    }
  };
  window.addEventListener("popstate", onPopState);
  return () => {
    unsubscribe();
    window.removeEventListener("popstate", onPopState);
  };
}
