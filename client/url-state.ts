// The URL follows the selection (?paper=ID&cluster=N&sub=S&q=text, the date filter &from=2025-03&to=2025-09, and on
// a large corpus ?map=N, the cluster whose papers the map shows) so that reloading or sharing a link restores the view. Parsing and formatting are pure;
// `bindUrl` writes history entries and listens for back/forward.

import type { DateRange, State } from "./state.js";
import type { Store } from "./store.js";

export interface UrlSelection {
  paper: string | null;
  cluster: number | null;
  /** A subtopic of `cluster`. */
  subcluster: number | null;
  /** Large corpora: the cluster whose papers the map shows (null: the overview). */
  map: number | null;
  query: string;
  /** The date filter, as timeline labels. */
  dates: DateRange | null;
}

export const EMPTY_URL_SELECTION: UrlSelection = {
  paper: null,
  cluster: null,
  subcluster: null,
  map: null,
  query: "",
  dates: null,
};

/** Reads a selection from a query string; values that cannot be ours are dropped, not thrown on. */
export function parseUrlSelection(search: string): UrlSelection {
  const params = new URLSearchParams(search);
  const paper = params.get("paper");
  const cluster = id(params.get("cluster"));
  return {
    paper: paper ? paper : null,
    cluster,
    subcluster: cluster === null ? null : id(params.get("sub")),
    map: id(params.get("map")),
    query: (params.get("q") ?? "").trim(),
    dates: dateRange(params.get("from"), params.get("to")),
  };
}

/** A timeline label is a year or a year and month. */
const LABEL = /^\d{4}(?:-\d{2})?$/;

function dateRange(from: string | null, to: string | null): DateRange | null {
  return from !== null && to !== null && LABEL.test(from) && LABEL.test(to) ? { from, to } : null;
}

function id(value: string | null): number | null {
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

/** The query string for a selection (empty selection: ""); parameters of others in `search` are kept. */
export function formatUrlSelection(selection: UrlSelection, search = ""): string {
  const params = new URLSearchParams(search);
  setOrDelete(params, "paper", selection.paper);
  setOrDelete(params, "map", selection.map === null ? null : String(selection.map));
  setOrDelete(params, "cluster", selection.cluster === null ? null : String(selection.cluster));
  setOrDelete(
    params,
    "sub",
    selection.cluster === null || selection.subcluster === null ? null : String(selection.subcluster),
  );
  setOrDelete(params, "q", selection.query.trim() || null);
  setOrDelete(params, "from", selection.dates?.from ?? null);
  setOrDelete(params, "to", selection.dates?.to ?? null);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function urlSelectionOf(state: State): UrlSelection {
  return {
    paper: state.selectedPaper,
    cluster: state.selectedCluster,
    subcluster: state.selectedSubcluster,
    map: state.mapCluster,
    query: state.query,
    dates: state.dateRange,
  };
}

export function sameUrlSelection(a: UrlSelection, b: UrlSelection): boolean {
  return (
    a.paper === b.paper &&
    a.cluster === b.cluster &&
    a.subcluster === b.subcluster &&
    a.map === b.map &&
    a.query.trim() === b.query.trim() &&
    a.dates?.from === b.dates?.from &&
    a.dates?.to === b.dates?.to
  );
}

function setOrDelete(params: URLSearchParams, name: string, value: string | null): void {
  if (value === null) params.delete(name);
  else params.set(name, value);
}

export interface UrlBinding {
  /** Restores a selection (a link, Back or Forward) without writing history; the address then says what was restored. */
  restore(selection: UrlSelection): Promise<void>;
  cleanup(): void;
}

/**
 * Keeps the address bar in step with the store: a new history entry when the paper, cluster, subtopic or map changes
 * (so Back goes back to the previous view), the current entry rewritten while typing a search. `restore` is called
 * with the selection of the entry the user navigates to; it may load things first (another map), and writes no
 * history meanwhile.
 */
export function bindUrl(store: Store, restore: (selection: UrlSelection) => void | Promise<void>): UrlBinding {
  let restoring = 0;
  const write = (state: State, push: boolean) => {
    const next = urlSelectionOf(state);
    if (sameUrlSelection(next, parseUrlSelection(location.search))) return;
    const url = `${location.pathname}${formatUrlSelection(next, location.search)}${location.hash}`;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (restoring > 0) return;
    const navigation =
      state.selectedPaper !== previous.selectedPaper ||
      state.selectedCluster !== previous.selectedCluster ||
      state.selectedSubcluster !== previous.selectedSubcluster ||
      state.mapCluster !== previous.mapCluster;
    write(state, navigation);
  });
  const guarded = async (selection: UrlSelection) => {
    restoring++;
    try {
      await restore(selection);
    } finally {
      restoring--;
    }
    if (restoring === 0) write(store.state, false);
  };
  const onPopState = () => void guarded(parseUrlSelection(location.search));
  window.addEventListener("popstate", onPopState);
  return {
    restore: guarded,
    cleanup() {
      unsubscribe();
      window.removeEventListener("popstate", onPopState);
    },
  };
}
