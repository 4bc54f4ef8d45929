import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { LibraryFileError, LibraryLockedError, ReadOnlyError } from "../../server/errors.js";
import {
  APPLICATION_ID,
  exportJsonl,
  importCorpus,
  Library,
  SCHEMA_VERSION,
  arxivIdOf,
  doiOf,
  titleKey,
} from "../../server/library/index.js";

const open: Library[] = [];
afterEach(() => {
  for (const library of open.splice(0)) library.close();
});

function directory(): string {
  return mkdtempSync(join(tmpdir(), "topicgraph-library-"));
}

function create(path = join(directory(), "library.db")): Library {
  const library = Library.open(path, { create: true, write: true });
  open.push(library);
  return library;
}

const A: Paper = { id: "2503.11731", title: "Sensor Simulation via Gaussian Splatting", abstract: "Sensors." };
const B: Paper = {
  id: "b",
  title: "Safe Vision-Language Models",
  abstract: "Safety.",
  authors: ["Ann", "Bo"],
  year: 2025,
};

describe("identity keys", () => {
  test("arXiv ids from the id or an arXiv URL, without version; DOIs lower-cased from the id or doi.org", () => {
    expect(arxivIdOf({ id: "2503.11731v2" })).toBe("2503.11731");
    expect(arxivIdOf({ id: "arXiv:hep-th/9901001" })).toBe("hep-th/9901001");
    expect(arxivIdOf({ id: "x", url: "https://arxiv.org/abs/2401.00001v3" })).toBe("2401.00001");
    expect(arxivIdOf({ id: "x", url: "https://arxiv.org/pdf/2401.00001.pdf" })).toBe("2401.00001");
    expect(arxivIdOf({ id: "streambp-memory", url: "https://example.org/2401.00001" })).toBeNull();
    expect(doiOf({ id: "10.1145/ABC.123" })).toBe("10.1145/abc.123");
    expect(doiOf({ id: "x", url: "https://doi.org/10.1000%2FXYZ" })).toBe("10.1000/xyz");
    expect(doiOf({ id: "2503.11731" })).toBeNull();
    expect(doiOf({ id: "x", doi: "10.5555/Given", url: "https://doi.org/10.1000/other" })).toBe("10.5555/given");
  });

  test("titles compare without case, accents, punctuation or spacing", () => {
    expect(titleKey("Café  Étude: a Study!")).toBe(titleKey("cafe etude - A study"));
    expect(titleKey("Graph-Based RAG")).not.toBe(titleKey("Graph Based RAGs"));
  });
});

describe("Library writes", () => {
  test("a new library is marked as ours, at version 0, empty", () => {
    const library = create();
    expect(library.count()).toBe(0);
    expect(library.version()).toBe(0);
    expect(library.writable).toBe(true);
    const raw = new Database(library.path, { readonly: true });
    expect(raw.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    expect(raw.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  test("add reports added, duplicate and updated papers, and raises the version once per changing write", () => {
    const library = create();
    const first = library.add([A, B]);
    expect(first.outcomes).toEqual([
      { status: "added", id: A.id },
      { status: "added", id: B.id },
    ]);
    expect(first.change).toEqual({ version: 1, added: [A, B], updated: [], deleted: [] });
    const again = library.add([A]);
    expect(again.outcomes).toEqual([{ status: "duplicate", id: A.id, matchedBy: "id" }]);
    expect(again.change.version).toBe(1);
    expect(library.version()).toBe(1);

    const changed = library.add([{ ...B, abstract: "Safety, revised." }]);
    expect(changed.outcomes).toEqual([{ status: "updated", id: "b", matchedBy: "id" }]);
    expect(changed.change.updated).toEqual([{ ...B, abstract: "Safety, revised." }]);
    expect(library.version()).toBe(2);
    expect(library.count()).toBe(2);
  });

  test("duplicates are found by arXiv id, DOI and title; fields a record lacks keep their stored values", () => {
    const library = create();
    library.add([A, B, { id: "10.1000/Q", title: "Quantum Things", abstract: "Q." }]);
    const { outcomes } = library.add([
      { id: "arXiv:2503.11731v2", title: "Sensor simulation via Gaussian splatting", abstract: "Sensors." },
      { id: "q-paper", title: "Quantum Things", abstract: "Q.", url: "https://doi.org/10.1000/q" },
      { id: "safe-vision-language-models", title: "Safe vision language models", abstract: "Safety." },
    ]);
    expect(outcomes).toEqual([
      { status: "updated", id: A.id, matchedBy: "arxiv" },
      { status: "updated", id: "10.1000/Q", matchedBy: "doi" },
      { status: "updated", id: "b", matchedBy: "title" },
    ]);
    // The title-matched update took the new title and kept the authors and year it did not give.
    expect(library.get("b")).toEqual({ ...B, title: "Safe vision language models" });
    expect(library.count()).toBe(3);
    // The DOI a record gives is a key too, and a venue it brings updates the stored paper.
    const given = library.add([{ id: "other", title: "Other title", abstract: "Q.", doi: "10.1000/q", venue: "V" }]);
    expect(given.outcomes).toEqual([{ status: "updated", id: "10.1000/Q", matchedBy: "doi" }]);
    expect(library.get("10.1000/Q")).toMatchObject({ title: "Other title", doi: "10.1000/q", venue: "V" });
  });

  test("same title or id with a different arXiv id is a different paper, renamed id-2", () => {
    const library = create();
    const one = { id: "attention", title: "Attention", abstract: "One.", url: "https://arxiv.org/abs/1706.03762" };
    const two = { id: "attention", title: "Attention", abstract: "Two.", url: "https://arxiv.org/abs/2001.00001" };
    library.add([one]);
    expect(library.add([two]).outcomes).toEqual([{ status: "added", id: "attention-2", renamedFrom: "attention" }]);
    expect(library.get("attention-2")?.abstract).toBe("Two.");
  });

  test("papers keep their first-added order through updates and deletes; changesSince lists both", () => {
    const library = create();
    const papers = Array.from({ length: 2500 }, (_, i) => ({
      id: `p${i}`,
      title: `Paper ${i}`,
      abstract: `Text ${i}.`,
    }));
    library.add(papers);
    library.add([{ ...papers[10], abstract: "Changed." }]);
    expect(library.delete(["p5", "nope"])).toEqual({ version: 3, added: [], updated: [], deleted: ["p5"] });
    const ids = [...library.papers(1000)].map((paper) => paper.id);
    expect(ids).toEqual(papers.map((paper) => paper.id).filter((id) => id !== "p5"));
    expect(library.snapshot().papers.map((paper) => paper.id)).toEqual(ids);
    expect(library.changesSince(1)).toEqual({
      version: 3,
      upserted: [{ ...papers[10], abstract: "Changed." }],
      deleted: ["p5"],
    });
    expect(library.delete(["p5"]).version).toBe(3);
  });

  test("what a write returned is there after the file is closed and opened again", () => {
    const path = join(directory(), "library.db");
    const library = create(path);
    const C = {
      id: "c",
      title: "Cited Work",
      abstract: "C.",
      doi: "10.5555/Cited",
      venue: "Journal of Tests",
      date: "2025-06",
    };
    library.add([A, B, C]);
    library.close();
    const again = Library.open(path);
    open.push(again);
    expect(again.snapshot()).toEqual({ version: 1, papers: [A, B, C] });
    expect(again.writable).toBe(false);
    expect(() => again.add([A])).toThrow(ReadOnlyError);
  });
});

describe("one writer per library", () => {
  test("a second writer is refused, or opens read-only with if-free, until the first closes", () => {
    const path = join(directory(), "library.db");
    const writer = create(path);
    expect(() => Library.open(path, { write: true })).toThrow(LibraryLockedError);
    const reader = Library.open(path, { write: "if-free" });
    open.push(reader);
    expect(reader.writable).toBe(false);
    expect(reader.readOnlyReason).toMatch(/another topicgraph process is writing/);
    writer.add([A]);
    expect(reader.count()).toBe(1);
    writer.close();
    const next = Library.open(path, { write: true });
    open.push(next);
    expect(next.writable).toBe(true);
  });
});

describe("files that are not a library", () => {
  test("a missing file without create names the file", () => {
    const path = join(directory(), "missing.db");
    expect(() => Library.open(path)).toThrow(
      new LibraryFileError(`${path}: no such library (topicgraph import <corpus> --db ${path} creates one)`),
    );
  });

  test("a text file, another application's SQLite, a newer library and a damaged one are refused by name", () => {
    const dir = directory();
    const text = join(dir, "notes.db");
    writeFileSync(
      text,
      "just some text, long enough to have a header of a hundred bytes or more..............................",
    );
    expect(() => Library.open(text, { write: true })).toThrow(
      `${text}: not a topicgraph library (not an SQLite database)`,
    );
    expect(readFileSync(text, "utf8")).toMatch(/^just some text/);

    const foreign = join(dir, "foreign.db");
    const other = new Database(foreign);
    other.exec("CREATE TABLE things (x)");
    other.close();
    expect(() => Library.open(foreign, { write: true })).toThrow(
      /foreign\.db: not a topicgraph library \(an SQLite database of another application\)/,
    );
    const raw = new Database(foreign);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("delete");
    raw.pragma("application_id = 1234");
    raw.close();
    expect(() => Library.open(foreign)).toThrow(/application_id 0x000004d2/);

    const newer = join(dir, "newer.db");
    create(newer).close();
    const bump = new Database(newer);
    bump.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    bump.close();
    expect(() => Library.open(newer)).toThrow(
      `${newer}: written by a newer topicgraph (library schema ${SCHEMA_VERSION + 1}; this one reads up to ${SCHEMA_VERSION})`,
    );
  });

  test("a library with a damaged page is refused on open with the file named", () => {
    const path = join(directory(), "damaged.db");
    const library = create(path);
    library.add(
      Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, title: `Paper ${i}`, abstract: "x".repeat(400) })),
    );
    library.close();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the middle of the file (table and index pages), leaving the header page whole.
    for (let i = pageSize * 3; i < pageSize * 6; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(path, bytes);
    expect(() => Library.open(path)).toThrow(LibraryFileError);
    expect(() => Library.open(path)).toThrow(
      new RegExp(`^${path.replace(/[.]/g, "\\.")}: a damaged topicgraph library`),
    );
  });
});

describe("import and export", () => {
  test("export then import into an empty library gives the same papers in the same order", async () => {
    const dir = directory();
    const source = create(join(dir, "a.db"));
    const { papers } = await readCorpus(fileURLToPathOf("../fixtures/seed/000_195590e087e039b7.txt"));
    source.add(papers);
    source.add([{ ...B, categories: ["cs.CV"], url: "https://arxiv.org/abs/2503.11742" }]);
    const out = join(dir, "out.jsonl");
    expect(await exportJsonl(source, out)).toBe(75);
    const target = create(join(dir, "b.db"));
    const summary = await importCorpus(target, out, { batchSize: 7 });
    expect(summary).toMatchObject({ records: 75, added: 75, updated: [], skipped: [], duplicates: [] });
    expect(target.snapshot().papers).toEqual(source.snapshot().papers);
  });

  test("import reports skipped records and duplicates at file:line, and updates", async () => {
    const dir = directory();
    const file = join(dir, "more.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify(A),
        "not json",
        JSON.stringify({ id: "c", title: "No abstract" }),
        JSON.stringify({ ...A, abstract: "Sensors, again." }),
        JSON.stringify({ id: "2503.11731v3", title: A.title, abstract: "Sensors, again." }),
      ].join("\n"),
    );
    const library = create();
    const summary = await importCorpus(library, file);
    expect(summary.records).toBe(5);
    expect(summary.added).toBe(1);
    expect(summary.skipped.map((issue) => `${issue.line}: ${issue.reason}`)).toEqual([
      expect.stringMatching(/^2: invalid JSON/),
      "3: no abstract",
    ]);
    expect(summary.updated).toEqual([{ file, line: 4, reason: `updated "${A.id}" (same id)` }]);
    expect(summary.duplicates).toEqual([
      { file, line: 5, reason: `duplicate of "${A.id}" (same arXiv id), nothing new: skipped` },
    ]);
  });
});

function fileURLToPathOf(relative: string): string {
  return new URL(relative, import.meta.url).pathname;
}
