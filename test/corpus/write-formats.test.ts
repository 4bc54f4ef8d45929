// BibTeX, RIS and CSV writers, each read back: by our own readers (the same titles, abstracts and fields), by
// Debian's python3-bibtexparser for BibTeX; hostile text (braces, %, &, newlines, quotes, control characters,
// non-Latin scripts, text that looks like a tag or a formula) survives.

import { execFileSync } from "node:child_process";

import { describe, expect, test } from "vitest";

import { cleanText } from "../../server/corpus/normalize-record.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { escapeText, formatBibtex } from "../../server/corpus/write-bibtex.js";
import { CSV_COLUMNS, formatCsv } from "../../server/corpus/write-csv.js";
import { formatRis } from "../../server/corpus/write-ris.js";
import { canRun, hasPythonModule, PYTHON } from "../ci.js";
import { SEED, temporaryFile } from "./fixtures.js";

const HOSTILE: Paper[] = [
  {
    id: "2401.00001",
    title: "Braces {a} }b{ \\textbf{x} 50% & $5 #1 a_b ^c ~d <script>alert('x')</script> a < b > c <b>bold</b> <i>",
    abstract:
      "Line one\nline two\r\nwith \"quotes\", 'single', ``tex quotes'' -- dashes --- and ,, commas !` ?` " +
      "\\ back\\slash %not a comment\u0007bell\u0000nul @misc{injected, title={x}} } unbalanced",
    authors: ["Zoë O'Brien", "Barnes and Noble", "李雷", "{Braced} Name"],
    year: 2024,
    doi: "10.1002/(SICI)1097-4636(199706)35:4<487::AID-JBM9>3.0.CO;2-H",
    url: "https://example.org/a_b?x=1&y=%20#frag~",
    venue: "Journal of {Braces} & Co., 100% Peer-Reviewed",
    categories: ["cs.CL", "math.AP"],
  },
  {
    id: "weird id, {with} spaces",
    title: "مرحبا بالعالم — Ελληνικά — 日本語 😀 \u200fRTL\u200e",
    abstract: "ER  - not an end\nTY  - not a start\nAB  - nor an abstract\n\nA blank line above.",
    authors: ["Ada Lovelace"],
  },
  {
    id: "formula",
    title: '=HYPERLINK("http://x","click"), +1, -2, @SUM(A1)',
    abstract: '  leading and trailing spaces, "a ""quoted"" word"  ',
    venue: 'Proc. of the "Quoted" Workshop',
  },
];

/** What a reader gives back for a paper's text: whitespace runs and control characters made one space. */
const expectedText = (paper: Paper) => ({ title: cleanText(paper.title), abstract: cleanText(paper.abstract) });

async function readBack(name: string, text: string): Promise<Paper[]> {
  const summary = await readCorpus(temporaryFile(name, text));
  expect(summary.skipped).toEqual([]);
  return summary.papers;
}

describe("BibTeX", () => {
  test("hostile papers read back by our reader with the same text, names, year, DOI, URL and venue", async () => {
    const papers = await readBack("hostile.bib", formatBibtex(HOSTILE));
    expect(papers.map(({ title, abstract }) => ({ title, abstract }))).toEqual(HOSTILE.map(expectedText));
    expect(papers.map((p) => p.authors)).toEqual(HOSTILE.map((p) => p.authors));
    expect(papers.map((p) => [p.year, p.doi, p.url, p.venue])).toEqual(
      HOSTILE.map((p) => [p.year, p.doi, p.url, p.venue]),
    );
    expect(papers.map((p) => p.id)).toEqual(["2401.00001", "weird_id___with__spaces", "formula"]);
    // NOTE: the parser reads keywords as a sorted set.
    expect(papers[0].categories).toEqual(["cs.CL", "math.AP"]);
  });

  test("a URL's braces and backslashes are percent-encoded (a verbatim field cannot hold them unbalanced)", async () => {
    const paper: Paper = { id: "u", title: "T", abstract: "A", url: "https://x.org/{a}\\b}" };
    const [read] = await readBack("url.bib", formatBibtex([paper]));
    expect(read.url).toBe("https://x.org/%7Ba%7D%5Cb%7D");
  });

  test("repeated keys get -2, -3; an entry per paper, @article with a venue, @misc without", () => {
    const text = formatBibtex([
      { id: "a b", title: "One", abstract: "x" },
      { id: "a,b", title: "Two", abstract: "y", venue: "V" },
      { id: "a_b", title: "Three", abstract: "z" },
    ]);
    expect(text.match(/^@\w+\{[^,]*,/gm)).toEqual(["@misc{a_b,", "@article{a_b-2,", "@misc{a_b-3,"]);
  });

  const canRunPython = canRun(
    "reading our BibTeX with python3-bibtexparser",
    hasPythonModule("bibtexparser"),
    `${PYTHON} cannot import bibtexparser (apt-get install python3-bibtexparser)`,
  );

  test.runIf(canRunPython)(
    "Debian's python3-bibtexparser reads every entry: keys, verbatim fields, and each text field whole",
    async () => {
      const seed = (await readCorpus(SEED)).papers;
      const papers = [...HOSTILE, ...seed];
      const script = [
        "import bibtexparser, json, sys",
        "from bibtexparser.bparser import BibTexParser",
        "parser = BibTexParser(common_strings=False)",
        "parser.ignore_nonstandard_types = False",
        "db = bibtexparser.loads(sys.stdin.read(), parser)",
        "print(json.dumps([{k: e.get(k) for k in ('ID', 'ENTRYTYPE', 'title', 'abstract', 'journal', 'doi', 'url', 'year')} for e in db.entries]))",
      ].join("\n");
      const output = execFileSync(PYTHON, ["-c", script], { input: formatBibtex(papers), encoding: "utf8" });
      const entries = JSON.parse(output) as Record<string, string | null>[];
      expect(entries).toHaveLength(papers.length);
      entries.forEach((entry, i) => {
        const paper = papers[i];
        // bibtexparser leaves LaTeX as written: each field must be exactly the value we wrote, not cut short.
        expect(entry.title).toBe(escapeText(paper.title));
        expect(entry.abstract).toBe(escapeText(paper.abstract));
        expect(entry.journal).toBe(paper.venue === undefined ? null : escapeText(paper.venue));
        expect(entry.doi).toBe(paper.doi ?? null);
        expect(entry.url).toBe(paper.url ?? null);
        expect(entry.year).toBe(paper.year === undefined ? null : String(paper.year));
        expect(entry.ENTRYTYPE).toBe(paper.venue === undefined ? "misc" : "article");
      });
    },
  );
});

describe("RIS", () => {
  test("hostile papers read back by our reader with the same text, names, year, DOI, URL, venue and id", async () => {
    const papers = await readBack("hostile.ris", formatRis(HOSTILE));
    expect(papers.map(({ title, abstract }) => ({ title, abstract }))).toEqual(HOSTILE.map(expectedText));
    expect(papers.map((p) => p.authors)).toEqual(HOSTILE.map((p) => p.authors));
    expect(papers.map((p) => [p.id, p.year, p.doi, p.url, p.venue, p.categories])).toEqual(
      HOSTILE.map((p) => [p.id, p.year, p.doi, p.url, p.venue, p.categories]),
    );
  });

  test("every line is a tag line ending in CRLF; text that looks like a tag stays inside its value", () => {
    const text = formatRis(HOSTILE);
    const lines = text.split("\r\n");
    expect(lines.every((line) => line === "" || /^[A-Z][A-Z0-9] {2}- /.test(line))).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines.filter((line) => line.startsWith("TY  - "))).toHaveLength(HOSTILE.length);
    expect(lines.filter((line) => line === "ER  - ")).toHaveLength(HOSTILE.length);
  });
});

describe("CSV", () => {
  test("hostile papers read back by our CSV reader with every field", async () => {
    const papers = await readBack("hostile.csv", formatCsv(HOSTILE));
    expect(papers.map(({ title, abstract }) => ({ title, abstract }))).toEqual(HOSTILE.map(expectedText));
    expect(papers.map((p) => [p.id, p.authors, p.year, p.doi, p.url, p.venue, p.categories])).toEqual(
      HOSTILE.map((p) => [p.id, p.authors, p.year, p.doi, p.url, p.venue, p.categories]),
    );
  });

  test("RFC 4180: header, CRLF rows, quotes doubled, fields with commas, quotes, line breaks or edge spaces quoted", () => {
    const text = formatCsv([
      { id: "p1", title: 'Say "hi", then', abstract: "two\nlines", authors: ["A", "B"], year: 2020 },
      { id: "p2", title: "plain", abstract: " edge " },
    ]);
    expect(text).toBe(
      `${CSV_COLUMNS.join(",")}\r\n` +
        `p1,"Say ""hi"", then","two\nlines",A; B,2020,,,,\r\n` +
        `p2,plain," edge ",,,,,,\r\n`,
    );
  });
});

describe("CSV formula injection (OWASP): a cell a spreadsheet would run is written as text", () => {
  const FORMULAS = [
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\tTab first", "'\tTab first"],
    ["\rCR first", `"'\rCR first"`],
    ["'=already quoted", "''=already quoted"],
  ] as const;

  test.each(FORMULAS)("%j is written %s", (title, written) => {
    const text = formatCsv([{ id: "p", title, abstract: "plain" }]);
    expect(text.split("\r\n")[1]).toBe(`p,${written},plain,,,,,,`);
  });

  test("cells that only look close stay as they are", () => {
    const text = formatCsv([{ id: "p", title: "a = b + c - d @ e", abstract: "'quoted' is fine", venue: "5-day" }]);
    expect(text.split("\r\n")[1]).toBe("p,a = b + c - d @ e,'quoted' is fine,,,,,5-day,");
  });

  test("our CSV reader takes the guard off: every field reads back as it was", async () => {
    const papers = FORMULAS.map(([text], i) => ({
      id: `-id-${i}`,
      title: text,
      abstract: `${text} abstract`,
      authors: [`@author${i}`, "=Second"],
      venue: "+venue",
      categories: ["-cs.CL"],
    }));
    const read = await readBack("formulas.csv", formatCsv(papers));
    expect(read.map((p) => [p.id, p.title, p.abstract, p.authors, p.venue, p.categories])).toEqual(
      papers.map((p) => [p.id, p.title.trim(), p.abstract.trim(), p.authors, p.venue, p.categories]),
    );
  });
});

describe("the seed corpus through every format", () => {
  test.each([
    ["bib", formatBibtex],
    ["ris", formatRis],
    ["csv", formatCsv],
  ] as const)("%s: 74 papers with the same titles and abstracts", async (extension, format) => {
    const seed = (await readCorpus(SEED)).papers;
    const papers = await readBack(`seed.${extension}`, format(seed));
    expect(papers.map((p) => [p.title, p.abstract])).toEqual(seed.map((p) => [p.title, p.abstract]));
  });
});
