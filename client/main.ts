// Entry of the explorer: asks the server how large the corpus is, loads the first map (every paper, or for a large
// corpus the overview of its clusters) with a visible progress, shows a clear message when that fails, then hands
// over to the explorer. Leaves performance marks for the benchmark (topicgraph:graph-loaded, graph-built,
// explorer-started, first-frame, interactive) and exposes `window.__topicgraph = { sigma, graph }` once the map is
// drawn (a hook for tests; sigma and graph are those on screen, after any switch of maps).

import * as api from "./api.js";
import { byId } from "./dom.js";
import { startExplorer, type Explorer, type ExplorerStart } from "./explorer.js";
import { mapDataFromDto, overviewDataFromDto, type MapGraph, type MapSigma } from "./graph-data.js";
import { chooseStartMap, OVERVIEW_FROM_PAPERS } from "./map-choice.js";
import { createAddPapers, type AddedSummary } from "./panels/add-papers.js";
import { watchMapUpdates } from "./panels/map-update.js";
import { createStatus } from "./panels/status.js";
import { parseUrlSelection } from "./url-state.js";

declare global {
  interface Window {
    __topicgraph?: { readonly sigma: MapSigma; readonly graph: MapGraph };
  }
}

const status = createStatus(byId("status"), byId("notices"));
let explorer: Explorer | null = null;
// Papers added, and the map rebuilt, while the page is open: the map is loaded again, keeping the selection (it is
// in the address).
const mapUpdates = watchMapUpdates(byId("map-update"), {
  fetchBuild: () => api.fetchCurrentBuild(),
  onRebuilt: () => void boot(),
  notice: status.notice,
});
const addPapers = createAddPapers(
  {
    section: byId("add-papers"),
    form: byId<HTMLFormElement>("add-papers-form"),
    text: byId<HTMLTextAreaElement>("add-papers-text"),
    file: byId<HTMLInputElement>("add-papers-file"),
    tokenRow: byId("add-papers-token-row"),
    token: byId<HTMLInputElement>("add-papers-token"),
    message: byId("add-papers-message"),
  },
  {
    add: (body, type, token) => api.addPapers<AddedSummary>(body, type, token),
    onAdded: () => {
      mapUpdates.check();
      void boot();
    },
  },
);

async function boot(): Promise<void> {
  explorer?.cleanup();
  explorer = null;
  status.loading("Loading the map…");
  let start: ExplorerStart;
  try {
    start = await loadStart();
  } catch (error) {
    const unreachable = error instanceof api.ApiError && error.code === "unreachable";
    status.error(
      unreachable ? "The topicgraph server cannot be reached" : "The map could not be loaded",
      (error as Error).message,
      () => void boot(),
    );
    return;
  }
  if (start.data.graph.order === 0) {
    status.error("This map is empty", "The corpus the server was started with has no papers.");
    return;
  }
  try {
    const started = startExplorer(start, elements(), status, { initial: parseUrlSelection(location.search) });
    explorer = started;
    performance.mark("topicgraph:explorer-started");
    // NOTE: sigma draws its first frame inside its constructor; it is on screen once the browser has painted.
    afterPaint(() => {
      performance.mark("topicgraph:first-frame");
      window.__topicgraph = {
        get sigma() {
          return started.view.sigma;
        },
        get graph() {
          return started.data.graph;
        },
      };
      status.ready();
      whenIdle(() => performance.mark("topicgraph:interactive"));
    });
  } catch (error) {
    status.error(
      "The map cannot be drawn",
      `${(error as Error).message} (the explorer needs WebGL).`,
      () => void boot(),
    );
  }
}

/** The first map: every paper, or for a large corpus the overview (see map-choice.ts). */
async function loadStart(): Promise<ExplorerStart> {
  const health = await api.fetchHealth();
  addPapers.show(health.library?.writable === true);
  // NOTE: a server that predates `largeMapFrom` leaves the threshold to the client.
  const threshold = health.largeMapFrom ?? OVERVIEW_FROM_PAPERS;
  if (chooseStartMap(health.papers, location.search, threshold) === "overview") {
    const overview = await api.fetchOverview();
    performance.mark("topicgraph:graph-loaded");
    const data = overviewDataFromDto(overview);
    performance.mark("topicgraph:graph-built");
    return { data, clusters: overview.clusters, papers: overview.papers, timeline: overview.timeline };
  }
  const dto = await api.fetchGraph((loaded, total) => status.loading("Loading the map…", { loaded, total }));
  performance.mark("topicgraph:graph-loaded");
  status.loading(`Drawing ${dto.nodes.length} papers…`);
  await nextFrame();
  const data = mapDataFromDto(dto);
  performance.mark("topicgraph:graph-built");
  return { data, clusters: dto.clusters, papers: dto.nodes.length, timeline: dto.timeline };
}

function elements() {
  return {
    map: byId("map"),
    mapNav: byId("map-nav"),
    legend: byId("legend"),
    legendSort: byId<HTMLSelectElement>("legend-sort"),
    list: byId("list-panel"),
    details: byId("details-panel"),
    introSummary: byId("intro-summary"),
    mapExport: byId("map-export"),
    searchInput: byId<HTMLInputElement>("search-input"),
    searchList: byId("search-suggestions"),
    relatedForm: byId<HTMLFormElement>("related-form"),
    filters: {
      slider: byId<HTMLInputElement>("similarity"),
      sliderValue: byId("similarity-value"),
      topicInput: byId<HTMLInputElement>("topic-filter"),
      topicOptions: byId<HTMLDataListElement>("topic-options"),
      topicClear: byId<HTMLButtonElement>("topic-clear"),
      topicStatus: byId("topic-status"),
      uncertainToggle: byId<HTMLInputElement>("show-uncertain"),
      uncertainStatus: byId("uncertain-status"),
    },
    dateFilter: {
      section: byId("date-filter"),
      from: byId<HTMLSelectElement>("date-from"),
      to: byId<HTMLSelectElement>("date-to"),
      clear: byId<HTMLButtonElement>("date-clear"),
      status: byId("date-status"),
    },
    facetFilter: {
      section: byId("facet-filter"),
      name: byId<HTMLSelectElement>("facet-name"),
      value: byId<HTMLInputElement>("facet-value"),
      options: byId<HTMLDataListElement>("facet-options"),
      clear: byId<HTMLButtonElement>("facet-clear"),
      status: byId("facet-status"),
    },
  };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Runs after the frame being prepared has been painted (two animation frames later). */
function afterPaint(callback: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}

/** Runs when the main thread is first idle (it can answer input without delay). */
function whenIdle(callback: () => void): void {
  if ("requestIdleCallback" in window) requestIdleCallback(callback, { timeout: 10_000 });
  else setTimeout(callback, 0);
}

void boot();
