// What the list panel shows and loading it: a cluster's (or subtopic's) papers, a page at a time, with the cluster's
// summary above them; or the papers related to the user's text. Latest wins: a newer list replaces a pending one.

import type { ClusterDto, ClusterPapersDto, TextRelatedDto } from "../server/contract/index.js";
import * as api from "./api.js";
import { clusterSummary } from "./panels/cluster-summary.js";
import { exportLinks, exportMenu } from "./panels/export-menu.js";
import { clusterListContent, textListContent, type PaperListView } from "./panels/papers.js";
import { LatestRequests } from "./requests.js";

export interface ListPanelHandlers {
  /** A subtopic's button in the cluster's summary was clicked. */
  onSubcluster(cluster: number, subcluster: number): void;
  onError(error: unknown): void;
}

export interface ListPanel {
  /** Loads and shows a cluster's papers, or one subtopic's. */
  showCluster(id: number, subcluster: number | null): Promise<void>;
  /** Shows the papers related to `text` (the API's answer). */
  showText(answer: TextRelatedDto, text: string): void;
  /** Closes the list if it is of this kind. */
  clear(kind: "cluster" | "text"): void;
  cleanup(): void;
}

type Content =
  | { kind: "cluster"; id: number; subcluster: number | null; page: ClusterPapersDto }
  | { kind: "text"; answer: TextRelatedDto; text: string }
  | null;

export function createListPanel(
  view: PaperListView,
  clusters: ReadonlyMap<number, ClusterDto>,
  handlers: ListPanelHandlers,
): ListPanel {
  const requests = new LatestRequests();
  let content: Content = null;

  const render = () => {
    if (content === null) return view.clear();
    const pageUrl = location.href;
    if (content.kind === "text") {
      const exports = exportMenu(exportLinks({ kind: "related", text: content.text }, pageUrl));
      return view.show({ ...textListContent(content.answer), exports });
    }
    const shown = content;
    const { page } = shown;
    const target = { kind: "cluster", cluster: shown.id, subcluster: shown.subcluster } as const;
    view.show({
      ...clusterListContent(page, () => void loadMore(shown)),
      exports: exportMenu(exportLinks(target, pageUrl)),
      summary: clusterSummary(
        page.cluster,
        page.subcluster,
        { onSubcluster: (subcluster) => handlers.onSubcluster(shown.id, subcluster) },
        page.facets,
      ),
    });
  };
  const loadMore = async (shown: Extract<Content, { kind: "cluster" }>) => {
    const { id, subcluster, page } = shown;
    try {
      const next = await api.fetchClusterPapers(
        id,
        { offset: page.papers.length, limit: page.limit, subcluster: subcluster ?? undefined },
        { signal: requests.signal("cluster") },
      );
      if (content !== shown) return;
      content = { ...shown, page: { ...next, offset: 0, papers: [...page.papers, ...next.papers] } };
      render();
    } catch (error) {
      handlers.onError(error);
    }
  };

  return {
    async showCluster(id, subcluster) {
      const signal = requests.signal("cluster");
      const label = clusters.get(id)?.label ?? `Cluster ${id}`;
      content = null;
      view.loading(label);
      try {
        const page = await api.fetchClusterPapers(id, { subcluster: subcluster ?? undefined }, { signal });
        if (signal.aborted) return;
        content = { kind: "cluster", id, subcluster, page };
        render();
      } catch (error) {
        if (!signal.aborted) view.error(label, (error as Error).message);
      }
    },
    showText(answer, text) {
      requests.abort("cluster");
      content = { kind: "text", answer, text };
      render();
    },
    clear(kind) {
      // NOTE: while a cluster's papers load, the panel holds nothing else (content null).
      if (kind === "cluster") requests.abort("cluster");
      if (content === null ? kind !== "cluster" : content.kind !== kind) return;
      content = null;
      view.clear();
    },
    cleanup() {
      requests.abortAll();
    },
  };
}
