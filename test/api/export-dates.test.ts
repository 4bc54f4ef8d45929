// Papers' dates in the graph exports: a corpus whose papers are dated each way (an ISO `date`, a `published` time, a
// `year`, an arXiv id to derive the month from, nothing), built and served; its GEXF 1.3 validated by xmllint against
// the GEXF 1.3 grammar, and it and the GraphML read back by networkx: every paper's `date` and `dateSource` are what
// /api/papers/:id says, and a paper without a date has neither.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import { canRun, GEXF_RNG, hasPythonModule, PYTHON, XMLLINT } from "../ci.js";
import { temporaryFile } from "../corpus/fixtures.js";
import { buildStore, fetchJson, paperPath, rawRequest, SEED, serveStore, type TestServer } from "./helpers.js";

const CAN_READ = canRun(
  "the exports' dates validated by xmllint and read back by networkx",
  existsSync(XMLLINT) && hasPythonModule("networkx"),
  `no ${XMLLINT} (libxml2-utils) or ${PYTHON} cannot import networkx (python3-networkx)`,
);

/** What each way of dating a paper must give: the record's fields, and the exports' date and dateSource. */
const WAYS = [
  { fields: { date: "2025-03-14" }, date: "2025-03-14", dateSource: "date" },
  { fields: { published: "2025-04-02 10:00:00Z" }, date: "2025-04-02T10:00:00Z", dateSource: "date" },
  { fields: { year: 2023 }, date: "2023", dateSource: "year" },
  { fields: { id: "2506.01615" }, date: "2025-06", dateSource: "arxiv-id" },
  { fields: {}, date: undefined, dateSource: undefined },
] as const;

let server: TestServer;
/** Each paper's expected date and source, by id. */
const expected = new Map<string, { date?: string; dateSource?: string }>();

beforeAll(async () => {
  const seed = (await readCorpus(SEED)).papers;
  const records = seed.map((paper, i) => {
    const way = WAYS[i % WAYS.length];
    const id = "id" in way.fields ? `25${String(1 + (i % 9)).padStart(2, "0")}.${10000 + i}` : paper.id;
    const date = "id" in way.fields ? `2025-${id.slice(2, 4)}` : way.date;
    expected.set(id, { date, dateSource: way.dateSource });
    const { id: _id, ...fields } = way.fields as Record<string, unknown>;
    return JSON.stringify({ id, title: paper.title, abstract: paper.abstract, ...fields });
  });
  server = await serveStore(await buildStore(temporaryFile("dated.jsonl", `${records.join("\n")}\n`)));
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** Each node's date and dateSource as networkx reads them from `text` (a GEXF or a GraphML file). */
function readDates(
  text: string,
  extension: "gexf" | "graphml",
): Record<string, { date?: string; dateSource?: string }> {
  const file = temporaryFile(`map.${extension}`, text);
  const script = [
    "import json, sys, networkx as nx",
    `g = nx.read_${extension}(sys.argv[1])`,
    "print(json.dumps({n: {k: a[k] for k in ('date', 'dateSource') if k in a} for n, a in g.nodes(data=True)}))",
  ].join("\n");
  return JSON.parse(execFileSync(PYTHON, ["-c", script, file], { encoding: "utf8" }));
}

describe("papers' dates in the GEXF and the GraphML", () => {
  it("/api/papers/:id gives each paper the date and source the corpus implies", async () => {
    for (const [id, want] of expected) {
      const { body } = await fetchJson(server.url, paperPath(id));
      expect({ date: body.paper.date, dateSource: body.paper.dateSource }, id).toEqual(want);
    }
  });

  it.runIf(CAN_READ).each([["export.gexf?"], ["export.gexf?cluster=0&"], ["export.graphml?"]])(
    "/api/%s: date and dateSource on every dated paper (GEXF valid against the 1.3 grammar), none on the others",
    async (path) => {
      const extension = path.startsWith("export.gexf") ? "gexf" : "graphml";
      let read: Record<string, { date?: string; dateSource?: string }>;
      if (extension === "gexf") {
        const gexf = await rawRequest(server.url, `/api/${path}version=1.3`);
        expect(gexf.status).toBe(200);
        expect(gexf.text).toContain('<attribute id="date" title="date" type="string"/>');
        const file = temporaryFile("map.gexf", gexf.body);
        expect(() => execFileSync(XMLLINT, ["--noout", "--relaxng", GEXF_RNG, file], { stdio: "pipe" })).not.toThrow();
        // NOTE: networkx reads the 1.2 draft (its reader knows no 1.3 namespace); the attributes are the same.
        const draft = await rawRequest(server.url, `/api/${path}version=1.2`);
        read = readDates(draft.text, "gexf");
      } else {
        const graphml = await rawRequest(server.url, `/api/${path}`);
        expect(graphml.status).toBe(200);
        read = readDates(graphml.text, "graphml");
      }
      const ids = Object.keys(read);
      expect(ids.length).toBeGreaterThan(0);
      if (!path.includes("cluster")) expect(ids.sort()).toEqual([...expected.keys()].sort());
      for (const id of ids) {
        const want = Object.fromEntries(Object.entries(expected.get(id)!).filter(([, v]) => v !== undefined));
        expect(read[id], id).toEqual(want);
      }
      expect(ids.filter((id) => read[id].dateSource === "arxiv-id").length).toBeGreaterThan(0);
    },
  );
});
