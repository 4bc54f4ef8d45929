// The export menu's links: the right download URL for each selection and format, and "Open in Gephi Lite" only when
// the server's address can be reached from another machine.

import { describe, expect, it } from "vitest";

import {
  exportLinks,
  mapExportLabel,
  reachableFromOutside,
  type ExportTarget,
} from "../../client/panels/export-menu.js";
import { MAX_TEXT_CHARS, REQUEST_LIMITS } from "../../server/contract/limits.js";

const LOOPBACK = "http://127.0.0.1:3000/?cluster=2";
const PUBLIC = "http://10.1.2.3:3000/?cluster=2";

describe("exportLinks", () => {
  it("offers a cluster's papers and subgraph; a subtopic's are narrowed to it", () => {
    expect(exportLinks({ kind: "cluster", cluster: 2, subcluster: null }, LOOPBACK).map((l) => l.href)).toEqual([
      "/api/clusters/2/papers.csv",
      "/api/clusters/2/papers.bib",
      "/api/clusters/2/papers.ris",
      "/api/export.gexf?cluster=2",
      "/api/export.graphml?cluster=2",
    ]);
    expect(exportLinks({ kind: "cluster", cluster: 2, subcluster: 1 }, LOOPBACK).map((l) => l.href)).toEqual([
      "/api/clusters/2/papers.csv?subcluster=1",
      "/api/clusters/2/papers.bib?subcluster=1",
      "/api/clusters/2/papers.ris?subcluster=1",
      "/api/export.gexf?cluster=2&subcluster=1",
      "/api/export.graphml?cluster=2&subcluster=1",
    ]);
  });

  it("offers a cluster's papers and subgraph with the list's facet filters", () => {
    const target = { kind: "cluster", cluster: 2, subcluster: 1, filters: { category: "cs.CL", author: "Zoë & co" } };
    expect(exportLinks(target as ExportTarget, LOOPBACK).map((l) => l.href)).toEqual([
      "/api/clusters/2/papers.csv?subcluster=1&category=cs.CL&author=Zo%C3%AB+%26+co",
      "/api/clusters/2/papers.bib?subcluster=1&category=cs.CL&author=Zo%C3%AB+%26+co",
      "/api/clusters/2/papers.ris?subcluster=1&category=cs.CL&author=Zo%C3%AB+%26+co",
      "/api/export.gexf?cluster=2&subcluster=1&category=cs.CL&author=Zo%C3%AB+%26+co",
      "/api/export.graphml?cluster=2&subcluster=1&category=cs.CL&author=Zo%C3%AB+%26+co",
    ]);
  });

  it("offers a search's and a topic's papers and subgraphs with their filters", () => {
    const search = exportLinks({ kind: "search", q: "graph & <nets>", filters: { venue: "NeurIPS" } }, PUBLIC);
    expect(search.map((l) => l.href)).toEqual([
      ...["csv", "bib", "ris"].map((format) => `/api/search/papers.${format}?q=graph+%26+%3Cnets%3E&venue=NeurIPS`),
      "/api/export.gexf?search=graph+%26+%3Cnets%3E&venue=NeurIPS",
      "/api/export.graphml?search=graph+%26+%3Cnets%3E&venue=NeurIPS",
      `https://gephi.org/gephi-lite/?gexf=${encodeURIComponent("http://10.1.2.3:3000/api/export.gexf?search=graph+%26+%3Cnets%3E&venue=NeurIPS")}`,
    ]);
    const topic = exportLinks({ kind: "topic", term: "large language models", filters: {} }, LOOPBACK);
    expect(topic.map((l) => l.href)).toEqual([
      ...["csv", "bib", "ris"].map((format) => `/api/topics/large%20language%20models/papers.${format}`),
      "/api/export.gexf?topic=large+language+models",
      "/api/export.graphml?topic=large+language+models",
    ]);
    expect([...search, ...topic].every((l) => l.form === undefined)).toBe(true);
  });

  it("sends the papers related to a text and their subgraph as forms (a long text does not fit in a URL), cut where the server stops reading", () => {
    const links = exportLinks({ kind: "related", text: "  graph & <nets>  " }, PUBLIC);
    expect(links.map((l) => [l.href, l.form])).toEqual([
      ...["csv", "bib", "ris"].map((format) => [`/api/related/papers.${format}`, { q: "graph & <nets>", k: "10" }]),
      ...["gexf", "graphml"].map((format) => [`/api/export.${format}`, { related: "graph & <nets>", k: "10" }]),
    ]);
    // NOTE: Gephi Lite takes a GET URL; a related text is POSTed.
    expect(links.map((l) => l.testId)).not.toContain("open-gephi-lite");
    for (const index of [0, 3]) {
      const long = exportLinks({ kind: "related", text: "é".repeat(MAX_TEXT_CHARS + 500) }, LOOPBACK)[index];
      expect(Object.values(long.form!)[0]).toBe("é".repeat(MAX_TEXT_CHARS));
      // The form's largest body fits the server's limit: nine bytes per character once percent-encoded.
      const widest = exportLinks({ kind: "related", text: "语".repeat(MAX_TEXT_CHARS * 2) }, LOOPBACK)[index];
      const body = new URLSearchParams(widest.form).toString();
      expect(body.length).toBeLessThanOrEqual(REQUEST_LIMITS.textFormBytes);
    }
  });

  it("offers the whole map's subgraph of the facet filter's papers, and says so in the menu's label", () => {
    const links = exportLinks({ kind: "map", filters: { category: "cs.CL" } }, PUBLIC);
    expect(links.map((l) => l.href)).toEqual([
      "/api/export.gexf?category=cs.CL",
      "/api/export.graphml?category=cs.CL",
      `https://gephi.org/gephi-lite/?gexf=${encodeURIComponent("http://10.1.2.3:3000/api/export.gexf?category=cs.CL")}`,
    ]);
    expect(mapExportLabel({ author: "Zoë" })).toBe("Export map: author “Zoë”");
    expect(mapExportLabel({})).toBe("Export map");
  });

  it("links Gephi Lite to the served GEXF's absolute address, only for an address others can reach", () => {
    expect(exportLinks({ kind: "map" }, LOOPBACK).map((l) => l.testId)).toEqual(["export-gexf", "export-graphml"]);
    const gephi = exportLinks({ kind: "cluster", cluster: 2, subcluster: null }, PUBLIC).at(-1)!;
    expect(gephi).toMatchObject({ testId: "open-gephi-lite", download: false });
    expect(gephi.href).toBe(
      `https://gephi.org/gephi-lite/?gexf=${encodeURIComponent("http://10.1.2.3:3000/api/export.gexf?cluster=2")}`,
    );
  });

  it.each([
    ["localhost", false],
    ["app.localhost", false],
    ["127.0.0.1", false],
    ["127.8.9.10", false],
    ["[::1]", false],
    ["[::ffff:7f00:1]", false],
    ["0.0.0.0", false],
    ["10.1.2.3", true],
    ["topicgraph.example.org", true],
    ["[2001:db8::1]", true],
  ])("%s reachable from outside: %s", (host, reachable) => {
    expect(reachableFromOutside(host)).toBe(reachable);
  });
});
