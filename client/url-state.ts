// The URL follows what the user is looking at, so that reloading, sharing a link, Back and Forward restore it:
// ?paper=ID, ?cluster=N (&sub=S for a subtopic), ?q=WORDS (the search box's words, their results listed),
// ?text=TEXT (papers related to the user's text, unless too long for an address), ?topic=TERM (the topic filter), the date filter
// &from=2025-03&to=2025-09, and on a large corpus ?map=N (the cluster whose papers the map shows). Parsing and
// formatting are pure; `bindUrl` writes history entries and listens for back/forward.

import type { DateRange, State } from "./state.js";
import type { Store } from "./store.js";

export interface UrlSelection {
  paper: string | null;
  cluster: number | null;
  /** A subtopic of `cluster`. */
  subcluster: number | null;
  /** Large corpora: the cluster whose papers the map shows (null: the overview). */
  map: number | null;
  search: string | null;
  text: string | null;
  topic: string | null;
  /** The date filter, as timeline labels. */
  dates: DateRange | null;
}

export const EMPTY_URL_SELECTION: UrlSelection = {
  paper: null,
  cluster: null,
  subcluster: null,
  map: null,
  search: null,
  text: null,
  topic: null,
  dates: null,
};

/** The parameters this module owns; others in the address are kept as they are. */
const OWN = ["paper", "map", "cluster", "sub", "q", "text", "topic", "from", "to"];

/** Reads a selection from a query string; values that cannot be ours are dropped, not thrown on. */
export function parseUrlSelection(search: string): UrlSelection {
  const params = new URLSearchParams(search);
  const cluster = id(params.get("cluster"));
  return {
    paper: params.get("paper") || null,
    cluster,
    subcluster: cluster === null ? null : id(params.get("sub")),
    map: id(params.get("map")),
    search: words(params.get("q")),
    text: words(params.get("text")),
    topic: words(params.get("topic")),
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

function words(value: string | null): string | null {
  return value?.trim() || null;
}

/**
 * Longest text kept in the address, percent-encoded, in bytes. A longer one (a pasted paragraph in Greek or Chinese
 * takes six to nine bytes a character) would take the address past what servers and proxies read (Node answers 431
 * past 16 KiB of headers), and a reload or a shared link would fail: it is left out, and the link opens the map.
 */
export const URL_TEXT_MAX_BYTES = 6000;

function fitsUrl(text: string | null): string | null {
  return text !== null && new URLSearchParams({ text }).toString().length - "text=".length <= URL_TEXT_MAX_BYTES
    ? text
    : null;
}

/** The query string for a selection (empty selection: ""); parameters of others in `search` are kept. */
export function formatUrlSelection(selection: UrlSelection, search = ""): string {
  const params = new URLSearchParams(search);
  for (const name of OWN) params.delete(name);
  const set = (name: string, value: string | number | null) => {
    if (value !== null) params.set(name, String(value));
  };
  set("paper", selection.paper);
  set("map", selection.map);
  set("cluster", selection.cluster);
  if (selection.cluster !== null) set("sub", selection.subcluster);
  set("q", words(selection.search));
  set("text", fitsUrl(words(selection.text)));
  set("topic", words(selection.topic));
  set("from", selection.dates?.from ?? null);
  set("to", selection.dates?.to ?? null);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function urlSelectionOf(state: State): UrlSelection {
  return {
    paper: state.selectedPaper,
    cluster: state.selectedCluster,
    subcluster: state.selectedSubcluster,
    map: state.mapCluster,
    search: state.search,
    text: state.text,
    topic: state.topic,
    dates: state.dateRange,
  };
}

export function sameUrlSelection(a: UrlSelection, b: UrlSelection): boolean {
  return (
    a.paper === b.paper &&
    a.cluster === b.cluster &&
    a.subcluster === b.subcluster &&
    a.map === b.map &&
    words(a.search) === words(b.search) &&
    words(a.text) === words(b.text) &&
    words(a.topic) === words(b.topic) &&
    a.dates?.from === b.dates?.from &&
    a.dates?.to === b.dates?.to
  );
}

export interface UrlBinding {
  /** Restores a selection (a link, Back or Forward) without writing history; the address then says what was restored. */
  restore(selection: UrlSelection): Promise<void>;
  cleanup(): void;
}

/**
 * Keeps the address bar in step with the store: a new history entry for each view (a paper, cluster, subtopic,
 * search, text, topic or map; the date filter rewrites the current one), so that Back goes back to the previous one. `restore` is called with the selection of
 * the entry the user navigates to; it may load things first (another map), and writes no history meanwhile.
 */
export function bindUrl(store: Store, restore: (selection: UrlSelection) => void | Promise<void>): UrlBinding {
  let restoring = 0;
  const write = (state: State, push: boolean) => {
    const next = urlSelectionOf(state);
    const search = formatUrlSelection(next, location.search);
    if (search === location.search) return;
    const url = `${location.pathname}${search}${location.hash}`;
    // NOTE: the same view written another way (spaces around the words) is rewritten in place, not a new entry.
    if (push && !sameUrlSelection(next, parseUrlSelection(location.search))) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (restoring > 0) return;
    // NOTE: moving the date filter rewrites the current entry (one per drag, not one per step).
    write(state, state.dateRange === previous.dateRange);
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
