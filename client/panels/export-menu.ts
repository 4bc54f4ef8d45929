// The export menu: what the user looks at (the whole map, a cluster or subtopic, the papers related to a text) as
// files: its papers as CSV, BibTeX and RIS; its graph as GEXF and GraphML; and "Open in Gephi Lite", which hands Gephi
// Lite the served GEXF's address, so only when that address can be reached from another machine.

import * as api from "../api.js";
import { h } from "../dom.js";

/** What an export menu is for. */
export type ExportTarget =
  { kind: "map" } | { kind: "cluster"; cluster: number; subcluster: number | null } | { kind: "related"; text: string };

export interface ExportLink {
  label: string;
  href: string;
  /** A file to save (the others open a page). */
  download: boolean;
  testId: string;
}

const PAPER_FORMATS: [api.PaperFormat, string][] = [
  ["csv", "Papers as CSV"],
  ["bib", "Papers as BibTeX"],
  ["ris", "Papers as RIS"],
];

const GEPHI_LITE = "https://gephi.org/gephi-lite/";

/** The menu's links for `target`, the page being at `pageUrl` (the Gephi Lite link needs the server's address). */
export function exportLinks(target: ExportTarget, pageUrl: string): ExportLink[] {
  const links: ExportLink[] = [];
  const list = paperList(target);
  if (list !== null) {
    for (const [format, label] of PAPER_FORMATS) {
      links.push({ label, href: api.paperDownloadUrl(list, format), download: true, testId: `export-${format}` });
    }
  }
  if (target.kind === "related") return links;
  const selection =
    target.kind === "cluster" ? { cluster: target.cluster, subcluster: target.subcluster ?? undefined } : null;
  const gexf = api.graphExportUrl("gexf", selection);
  links.push(
    { label: "Graph as GEXF", href: gexf, download: true, testId: "export-gexf" },
    {
      label: "Graph as GraphML",
      href: api.graphExportUrl("graphml", selection),
      download: true,
      testId: "export-graphml",
    },
  );
  const absolute = new URL(gexf, pageUrl);
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

/** The menu: a disclosure button listing the links. */
export function exportMenu(links: readonly ExportLink[], label = "Export"): HTMLDetailsElement {
  const items = links.map((link) =>
    h(
      "li",
      {},
      h(
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
      ),
    ),
  );
  return h(
    "details",
    { className: "export-menu", attrs: { "data-testid": "export-menu" } },
    h("summary", { className: "button" }, label),
    h("ul", { className: "export-links" }, ...items),
  );
}

function paperList(target: ExportTarget): api.PaperList | null {
  if (target.kind === "cluster") {
    return { kind: "cluster", id: target.cluster, subcluster: target.subcluster ?? undefined };
  }
  if (target.kind === "related") return { kind: "related", q: target.text, k: api.TEXT_RELATED_K };
  return null;
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
