// Moving around the explorer: opening a paper, a cluster, a subtopic, the overview, or the view a link names. Each
// move is one State change (one redraw, one history entry), made after switching to the map it needs on a large
// corpus (the paper's or the cluster's own map), then the camera goes to what was opened.

import type { ClusterDto } from "../server/contract/index.js";
import * as api from "./api.js";
import type { Maps } from "./maps.js";
import { LatestRequests } from "./requests.js";
import {
  closeList,
  selectCluster,
  selectPaper,
  selectSubcluster,
  sequence,
  showSearch,
  showText,
  showTopic,
  toggleCluster,
  toggleSubcluster,
  type Transition,
} from "./state.js";
import type { Store } from "./store.js";
import type { UrlSelection } from "./url-state.js";

export interface Navigation {
  /** A paper from a list, a search or the map; on a large corpus its cluster's map first (`cluster` if known). */
  openPaper(paper: { id: string; cluster?: number }, moveCamera?: boolean): Promise<void>;
  /** A cluster from the legend or the overview (the selected one again: clears it). */
  showCluster(id: number): Promise<void>;
  /** A cluster's subtopic (null: the whole cluster); with `toggle`, the selected subtopic again goes back. */
  showSubcluster(cluster: number, subcluster: number | null, toggle?: boolean): Promise<void>;
  showOverview(): Promise<void>;
  /**
   * The view a link names (Back and Forward too); says so when it names a paper or a cluster the map does not have.
   * Resolves false when it was overtaken or could not be loaded.
   */
  restore(selection: UrlSelection): Promise<boolean>;
  cleanup(): void;
}

export interface NavigationDependencies {
  store: Store;
  maps: Maps;
  clusters: ReadonlyMap<number, ClusterDto>;
  /** Tells the user something; `lasting`: until they close it. */
  notice(message: string, lasting?: boolean): void;
  onError(error: unknown): void;
}

export function createNavigation({ store, maps, clusters, notice, onError }: NavigationDependencies): Navigation {
  const requests = new LatestRequests();
  /** The paper's cluster; null when it could not be found out (the user has been told why). */
  const clusterOf = async (id: string): Promise<number | null> => {
    try {
      return (await api.fetchPaper(id, { signal: requests.signal("paper-cluster") })).paper.cluster;
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 404)
        notice(`There is no paper “${id}” in this corpus.`, true);
      else onError(error);
      return null;
    }
  };

  /** The camera to the selected subtopic or cluster (with `paperFirst`, to the open paper if any), else everything. */
  const focusSelection = (paperFirst = false) => {
    const { selectedPaper, selectedCluster, selectedSubcluster } = store.state;
    if (paperFirst && selectedPaper !== null) return maps.view.focusNode(selectedPaper);
    if (selectedCluster === null) return maps.view.resetCamera();
    maps.view.focusNodes(
      selectedSubcluster === null
        ? store.index.clusterMembers(selectedCluster)
        : store.index.subclusterMembers(selectedCluster, selectedSubcluster),
    );
  };

  return {
    async openPaper({ id, cluster }, moveCamera = true) {
      if (!store.index.hasNode(id) && maps.large) {
        const home = cluster ?? (await clusterOf(id));
        if (home === null || !(await maps.show(home))) return;
      }
      if (!store.index.hasNode(id)) return notice(`This map has no paper “${id}”.`);
      store.apply(selectPaper(id));
      if (moveCamera) maps.view.focusNode(id);
    },
    async showCluster(id) {
      const selecting = store.state.selectedCluster !== id;
      const transition = selecting ? selectCluster(id) : toggleCluster(id);
      if (!(await maps.show(selecting ? id : store.state.mapCluster, transition))) return;
      if (store.state.selectedCluster !== null) focusSelection();
    },
    async showSubcluster(cluster, subcluster, toggle = false) {
      const sub: Transition =
        subcluster === null
          ? selectSubcluster(null)
          : toggle
            ? toggleSubcluster(subcluster)
            : selectSubcluster(subcluster);
      if (!(await maps.show(maps.large ? cluster : null, sequence(selectCluster(cluster), sub)))) return;
      focusSelection();
    },
    async showOverview() {
      if (await maps.show(null, closeList())) maps.view.resetCamera();
    },
    async restore(selection) {
      const known = selection.cluster === null || clusters.has(selection.cluster);
      if (!known) notice(`There is no cluster ${selection.cluster} on this map (it has ${clusters.size}).`, true);
      const cluster = known ? selection.cluster : null;
      // Each list closes the others: the cluster's wins over a search's or a text's, as the address is written.
      const transition = sequence(
        showTopic(selection.topic),
        showText(selection.text),
        showSearch(selection.search),
        selectCluster(cluster),
        selectSubcluster(cluster === null ? null : selection.subcluster),
        selectPaper(selection.paper),
      );
      // On a large corpus the map is the one the link names, else the cluster's or the paper's.
      let map: number | null = null;
      let told = false;
      if (maps.large) {
        map = selection.map ?? cluster;
        if (map === null && selection.paper !== null) {
          map = await clusterOf(selection.paper);
          told = map === null;
        }
        if (map !== null && !clusters.has(map)) {
          if (map === selection.map && map !== selection.cluster)
            notice(`There is no cluster ${map} to open (the corpus has ${clusters.size}).`, true);
          map = null;
        }
      }
      if (!(await maps.show(map, transition))) return false;
      if (selection.paper !== null && !store.index.hasNode(selection.paper) && !told) {
        notice(`There is no paper “${selection.paper}” on this map.`, true);
      }
      focusSelection(true);
      return true;
    },
    cleanup() {
      requests.abortAll();
    },
  };
}
