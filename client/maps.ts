// Which map is on screen, and switching maps on a large corpus: the overview (one disc per cluster) or one cluster's
// papers (GET /api/clusters/:id/graph, as the server laid them out). A switch loads the cluster's map (the last few
// are kept), replaces the sigma view, puts the new map's index in the store and runs the transition that goes with
// it in the same change. On a small corpus there is one map, the whole one, and nothing to switch.

import type { ClusterDto } from "../server/contract/index.js";
import * as api from "./api.js";
import { graphIndex, mapDataFromDto, type MapData } from "./graph-data.js";
import type { MapNavView } from "./panels/map-nav.js";
import { formatBytes } from "./panels/status.js";
import { createMapView, type MapView, type MapViewHandlers } from "./renderer.js";
import { LatestRequests } from "./requests.js";
import { enterMap, sequence, type Transition } from "./state.js";
import type { Store } from "./store.js";

/** Cluster maps kept for going back and forth without loading them again. */
const KEPT_CLUSTER_MAPS = 3;

export interface MapsOptions {
  container: HTMLElement;
  store: Store;
  /** The whole map, or a large corpus's overview. */
  start: MapData;
  /** Every cluster of the corpus. */
  clusters: ReadonlyMap<number, ClusterDto>;
  /** Papers in the corpus. */
  papers: number;
  nav: MapNavView;
  handlers: MapViewHandlers;
  /** After each switch, with the map now on screen. */
  onSwitch(data: MapData): void;
  onError(error: unknown): void;
}

export interface Maps {
  /** Whether the corpus is explored through an overview (and maps of one cluster each). */
  readonly large: boolean;
  readonly data: MapData;
  readonly view: MapView;
  /**
   * Shows the overview (null) or a cluster's papers, then runs `then`; on a whole map only runs `then`. Resolves
   * false when a later switch overtook this one or the map could not be loaded (the error is reported).
   */
  show(mapCluster: number | null, then?: Transition): Promise<boolean>;
  cleanup(): void;
}

export function createMaps(options: MapsOptions): Maps {
  const { container, store, start, clusters, nav, handlers } = options;
  const large = start.kind === "overview";
  const kept = new Map<number, MapData>();
  const requests = new LatestRequests();
  let data = start;
  let view = createMapView(container, data, store, handlers);

  const place = () => {
    const cluster = store.state.mapCluster === null ? undefined : clusters.get(store.state.mapCluster);
    document.body.dataset.map = !large ? "whole" : cluster ? "cluster" : "overview";
    if (cluster) document.body.dataset.mapCluster = String(cluster.id);
    else delete document.body.dataset.mapCluster;
    nav.show(
      !large
        ? { kind: "whole" }
        : cluster
          ? { kind: "cluster", cluster }
          : { kind: "overview", papers: options.papers },
    );
  };
  const load = async (id: number, signal: AbortSignal): Promise<MapData> => {
    const cached = kept.get(id);
    if (cached) {
      kept.delete(id);
      kept.set(id, cached);
      return cached;
    }
    const label = clusters.get(id)?.label ?? `cluster ${id}`;
    nav.loading(`Opening “${label}”…`);
    const dto = await api.fetchClusterGraph(id, (loaded) => nav.loading(`Opening “${label}”… ${formatBytes(loaded)}`), {
      signal,
    });
    const loaded = mapDataFromDto({ ...dto, clusters: [dto.cluster] });
    kept.set(id, loaded);
    for (const key of kept.keys()) if (kept.size > KEPT_CLUSTER_MAPS) kept.delete(key);
    return loaded;
  };
  const replace = (next: MapData, mapCluster: number | null, then: Transition) => {
    view.cleanup();
    data = next;
    view = createMapView(container, data, store, handlers);
    store.replaceIndex(graphIndex(data), sequence(enterMap(mapCluster), then));
    place();
    options.onSwitch(data);
  };
  place();

  return {
    large,
    get data() {
      return data;
    },
    get view() {
      return view;
    },
    async show(mapCluster, then = (state) => state) {
      if (!large || mapCluster === store.state.mapCluster) {
        requests.abort("map");
        store.apply(then);
        return true;
      }
      const signal = requests.signal("map");
      try {
        const next = mapCluster === null ? start : await load(mapCluster, signal);
        if (signal.aborted) return false;
        replace(next, mapCluster, then);
        return true;
      } catch (error) {
        if (!signal.aborted) {
          place();
          options.onError(error);
        }
        return false;
      }
    },
    cleanup() {
      requests.abortAll();
      view.cleanup();
    },
  };
}
