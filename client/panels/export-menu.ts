// The export menu: what the user looks at (the whole map, a cluster or subtopic, a search's results, the papers on a
// topic, the papers related to a text) as files, with the list's facet filters (the map's with the explorer's): its
// papers as CSV, BibTeX and RIS; its graph (the whole map's, or the subgraph of the list's papers) as GEXF and GraphML;
// and "Open in Gephi Lite", which hands Gephi Lite the served GEXF's address, so only when that address can be
// reached from another machine and is a GET URL (not a related text's, sent as a form).

import type { FacetFiltersDto } from "../../server/contract/index.js";
import * as api from "../api.js";
import { h } from "../dom.js";

/** What an export menu is for. */
export type ExportTarget =
  | { kind: "map"; filters?: FacetFiltersDto }
  | { kind: "cluster"; cluster: number; subcluster: number | null; filters?: FacetFiltersDto }
  | { kind: "search"; q: string; filters?: FacetFiltersDto }
  | { kind: "topic"; term: string; filters?: FacetFiltersDto }
  | { kind: "related"; text: string };

export interface ExportLink {
  label: string;
  /** The file's address (the form's action when `form` is given). */
  href: string;
  /** A file to save (the others open a page). */
  download: boolean;
  /** Fields POSTed by a form to `href` rather than a link: a text too long for a URL. */
  form?: Record<string, string>;
  testId: string;
}

const PAPER_FORMATS: [api.PaperFormat, string][] = [
  ["csv", "Papers as CSV"],
  ["bib", "Papers as BibTeX"],
  ["ris", "Papers as RIS"],
];

const GRAPH_FORMATS: [api.GraphFormat, string][] = [
  ["gexf", "Graph as GEXF"],
  ["graphml", "Graph as GraphML"],
];

const GEPHI_LITE = "https://gephi.org/gephi-lite/";

/** The menu's links for `target`, the page being at `pageUrl` (the Gephi Lite link needs the server's address). */
export function exportLinks(target: ExportTarget, pageUrl: string): ExportLink[] {
  if (target.kind === "related") {
    const selection = { kind: "related", text: target.text, k: api.TEXT_RELATED_K } as const;
    const papers = PAPER_FORMATS.map(([format, label]): ExportLink => {
      const { action, fields } = api.relatedDownloadForm(target.text, api.TEXT_RELATED_K, format);
      return { label, href: action, download: true, form: fields, testId: `export-${format}` };
    });
    const graphs = GRAPH_FORMATS.map(([format, label]): ExportLink => {
      const { action, fields } = api.graphExportForm(format, selection);
      return { label, href: action, download: true, form: fields, testId: `export-${format}` };
    });
    return [...papers, ...graphs];
  }
  const links: ExportLink[] = [];
  const list = paperList(target);
  if (list !== null) {
    for (const [format, label] of PAPER_FORMATS) {
      links.push({ label, href: api.paperDownloadUrl(list, format), download: true, testId: `export-${format}` });
    }
  }
  const selection = graphSelection(target);
  for (const [format, label] of GRAPH_FORMATS) {
    links.push({ label, href: api.graphExportUrl(format, selection), download: true, testId: `export-${format}` });
  }
  const absolute = new URL(api.graphExportUrl("gexf", selection), pageUrl);
  if (reachableFromOutside(absolute.hostname)) {
    links.push({
      label: "Open in Gephi Lite",
      href: `${GEPHI_LITE}?gexf=${encodeURIComponent(absolute.href)}`,
      download: false,
      testId: "open-gephi-lite",
    });
  }
  return links;
}

/** The whole map's menu: its graph, only the papers the explorer's facet filter keeps when it has one. */
export function mapExportMenu(filters: FacetFiltersDto, pageUrl: string): HTMLDetailsElement {
  return exportMenu(exportLinks({ kind: "map", filters }, pageUrl), mapExportLabel(filters));
}

/** "Export map", naming the facet filters the map's export keeps. */
export function mapExportLabel(filters: FacetFiltersDto): string {
  const named = Object.entries(filters).map(([facet, value]) => `${facet} “${value}”`);
  return named.length === 0 ? "Export map" : `Export map: ${named.join(", ")}`;
}

/** The menu: a disclosure button listing the links (a form's button for a link sent as a form). */
export function exportMenu(links: readonly ExportLink[], label = "Export"): HTMLDetailsElement {
  const items = links.map((link) => h("li", {}, link.form === undefined ? anchor(link) : form(link, link.form)));
  return h(
    "details",
    { className: "export-menu", attrs: { "data-testid": "export-menu" } },
    h("summary", { className: "button" }, label),
    h("ul", { className: "export-links" }, ...items),
  );
}

function anchor(link: ExportLink): HTMLAnchorElement {
  return h(
    "a",
    {
      attrs: {
        href: link.href,
        download: link.download,
        target: link.download ? null : "_blank",
        rel: link.download ? null : "noopener noreferrer",
        "data-testid": link.testId,
      },
    },
    link.label,
  );
}

/** The server answers the form with an attachment, so the browser saves the file and the page stays. */
function form(link: ExportLink, fields: Record<string, string>): HTMLFormElement {
  const inputs = Object.entries(fields).map(([name, value]) => h("input", { attrs: { type: "hidden", name, value } }));
  return h(
    "form",
    { attrs: { method: "post", action: link.href } },
    ...inputs,
    h("button", { attrs: { type: "submit", "data-testid": link.testId } }, link.label),
  );
}

function graphSelection(target: Exclude<ExportTarget, { kind: "related" }>): api.GraphSelection {
  if (target.kind !== "cluster") return target;
  return { ...target, subcluster: target.subcluster ?? undefined };
}

function paperList(target: ExportTarget): api.PaperList | null {
  switch (target.kind) {
    case "cluster":
      return {
        kind: "cluster",
        id: target.cluster,
        subcluster: target.subcluster ?? undefined,
        filters: target.filters,
      };
    case "search":
      return { kind: "search", q: target.q, filters: target.filters };
    case "topic":
      return { kind: "topic", term: target.term, filters: target.filters };
    default:
      return null;
  }
}

/**
 * Whether another machine (Gephi Lite's page, in the user's browser, fetches the file itself) could reach this host:
 * not a loopback name or address, nor the unspecified address.
 */
export function reachableFromOutside(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return false;
  // NOTE: the URL parser writes an IPv4-mapped loopback address in hex (::ffff:7f00:1).
  if (/^127\.\d+\.\d+\.\d+$/.test(host) || host.startsWith("::ffff:7f") || host === "0.0.0.0") return false;
  return host !== "::1" && host !== "::" && host !== "0:0:0:0:0:0:0:1";
}
