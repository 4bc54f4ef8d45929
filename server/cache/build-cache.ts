// The disk cache of builds: a corpus already built with the same options is loaded instead of rebuilt. Each entry
// is a directory named by a hash of the corpus content, the options and the cache format, holding the build
// (meta.json, arrays.bin, graph.json: cache/build-codec), its clusters (for aligning a rebuild's), the search index
// of its papers (search.json, search.bin), the papers themselves as the store keeps them with what reading the
// corpus reported (papers.json, papers.bin) and, once asked for, its exports (export-*.gz, cache/export-files); it
// is written under a temporary name and renamed, so that a reader sees a whole entry or none. Its manifest
// (manifest.json, cache/entry-manifest) lists every file's length and checksum, which reading checks
// (cache/read-entry). Entries that a process serves from hold a lease (cache/entry-leases) and are never pruned.
// A source pointer (`source-<hash>`, a file holding an entry's name) maps a corpus file's path, bytes and format and
// the options to the entry built from it: a restart on an unchanged file finds its build without reading the papers.

import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, type Dirent } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type { CorpusFormat, CorpusReadSummary, Paper } from "../corpus/types.js";
import type { PreviousClusters } from "../graph/align-clusters.js";
import { stableStringify } from "../graph/export-json.js";
import { writeFileAtomic } from "../io/write-atomic.js";
import type { PipelineOptions, TopicGraphBuild } from "../pipeline.js";
import type { PaperTable } from "../query/paper-table.js";
import { searchIndexParts, type SearchIndex } from "../query/search-index.js";
import { writeArrays, type ArrayDirectory, type StoredArray } from "./array-file.js";
import { encodeBuild, isQueryList, type BuildMeta } from "./build-codec.js";
import { checksumOf, type FileSum } from "./checksum.js";
import { leasedKeys, removeEntry } from "./entry-leases.js";
import { readCheckedJson, readManifest, writeManifest } from "./entry-manifest.js";

/** meta.json. */
export interface StoredMeta {
  meta: BuildMeta;
  /** arrays.bin: what decoding and the store read; lists.bin: what only queries read (build-codec isQueryList). */
  arrays: ArrayDirectory;
  lists: ArrayDirectory;
}

/** search.json (its arrays in search.bin). */
export interface StoredSearch {
  keys: string[];
  groups: string[];
  rows: number;
  arrays: ArrayDirectory;
}

/** papers.json (its arrays in papers.bin). */
export interface StoredPapers {
  corpus: CorpusReport;
  arrays: ArrayDirectory;
}

/**
 * Raised when the saved format changes, so that old entries are never read as new ones. 4: the graph as columns,
 * with what only the graphology graph needs apart in graph.json; the search index. 5: the paper table and the
 * corpus report, and source pointers. 6: the arrays only queries read apart, in lists.bin. 7: bigrams as two token arrays (text/pair-ids).
 * 8: the manifest of the files' checksums. 9: the search index with word positions; the vocabulary's cut-off terms.
 * 10: CRC-32 checksums. 11: the papers' doi, venue and date in the paper table. 12: their doi and venue in
 * graph.json's nodes too. 13: their date and its source in graph.json's nodes (the exports write them). 14: cut-off
 * terms judged on their display form too; "supernova", "biases" singularised right (stems and search keys);
 * "enhancement" a word.
 */
export const CACHE_FORMAT = 14;

/**
 * What reading the corpus reported, without the papers (kept in an entry's papers.json); for a library, which one at
 * which version (server/load-build serves its latest build at a later version with the changes since folded in).
 */
export type CorpusReport = Omit<CorpusReadSummary, "papers" | "format"> & {
  format: CorpusFormat | "library";
  /** `lineage`: its source key at no version (librarySourceKey), which the computing code and options change. */
  library?: { id: string; version: number; lineage: string };
};
/** Entries kept; the least recently used beyond this are removed when a new one is written. */
export const CACHE_ENTRIES = 4;

/** The key of a build: every paper's content and every option that shapes the result. */
export function cacheKey(papers: readonly Paper[], options: Partial<PipelineOptions>): string {
  const hash = createHash("sha256");
  hash.update(`topicgraph-cache ${CACHE_FORMAT}\n${computingCodeHash()}\n${stableStringify(options)}\n`);
  // Optional fields end up in the graph too, so they are part of the key.
  for (const p of papers) {
    hash.update(
      JSON.stringify([
        p.id,
        p.title,
        p.abstract,
        p.authors ?? null,
        p.year ?? null,
        p.url ?? null,
        p.categories ?? null,
        p.doi ?? null,
        p.venue ?? null,
        p.date ?? null,
      ]),
    );
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * The key of a source pointer: a corpus file (its absolute path: the skipped records' messages name it; its format;
 * a fingerprint of its bytes, corpus/file-fingerprint; the size limit of its records) and every option that shapes
 * the result.
 */
export function sourceKey(
  corpus: { path: string; format: CorpusFormat | undefined; fingerprint: string; maxRecordBytes: number },
  options: Partial<PipelineOptions>,
): string {
  const hash = createHash("sha256");
  hash.update(`topicgraph-source ${CACHE_FORMAT}\n${computingCodeHash()}\n${stableStringify(options)}\n`);
  hash.update(`${corpus.path}\n${corpus.format ?? ""}\n${corpus.fingerprint}\n${corpus.maxRecordBytes}\n`);
  return hash.digest("hex").slice(0, 32);
}

/** The key of a source pointer naming a library (server/library) at one version: its id and version are its state. */
export function librarySourceKey(library: { id: string; version: number }, options: Partial<PipelineOptions>): string {
  return sourceKey(
    { path: `library:${library.id}`, format: undefined, fingerprint: `version ${library.version}`, maxRecordBytes: 0 },
    options,
  );
}

/** The entry that a source pointer names, or null. */
export async function readSourcePointer(directory: string, source: string): Promise<string | null> {
  try {
    const key = (await readFile(join(directory, `source-${source}`), "utf8")).trim();
    return /^[0-9a-f]{32}$/.test(key) ? key : null;
  } catch {
    return null;
  }
}

/** Points the source key at the entry `key` (written atomically). */
export async function saveSourcePointer(directory: string, source: string, key: string): Promise<void> {
  await writeFileAtomic(join(directory, `source-${source}`), key);
}

/** The directories and files whose code decides what a build computes (relative to server/). */
const COMPUTING_CODE = ["pipeline", "text", "graph", "corpus"];

let codeHash: string | undefined;

/**
 * A hash of the code that computes a build (server/pipeline, text/, graph/, corpus/, as .js when compiled or .ts
 * from source): a changed algorithm with unchanged options must not be answered from an old cache entry.
 */
export function computingCodeHash(): string {
  if (codeHash !== undefined) return codeHash;
  const server = join(dirname(fileURLToPath(import.meta.url)), "..");
  const files: string[] = [];
  const walk = (path: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
    }
  };
  for (const name of COMPUTING_CODE) {
    for (const file of [`${name}.js`, `${name}.ts`]) if (existsSync(join(server, file))) files.push(join(server, file));
    walk(join(server, name));
  }
  const hash = createHash("sha256");
  for (const file of files) hash.update(readFileSync(file));
  codeHash = hash.digest("hex").slice(0, 16);
  return codeHash;
}

/** What a build's cache entry holds besides the build. */
export interface SavedExtras {
  /** The corpus file: the entry becomes its latest build (previousClusters); with `source`, its source pointer. */
  corpusPath?: string;
  /** The source key (sourceKey) under which the entry is found again without reading the papers. */
  source?: string;
  searchIndex?: SearchIndex;
  /** The papers (as the store keeps them) and what reading them reported. */
  papers?: { table: PaperTable; corpus: CorpusReport };
}

/**
 * Saves a build under `key`, with what `extras` gives (the search index, the papers); returns the entry's
 * directory. With `extras.corpusPath`, the entry is also remembered as that corpus's latest, whose clusters a
 * rebuild of a changed corpus aligns to (previousClusters), and with `extras.source` found by its source pointer.
 */
export async function saveCachedBuild(
  directory: string,
  key: string,
  build: TopicGraphBuild,
  extras: SavedExtras = {},
): Promise<string> {
  const { corpusPath, searchIndex, papers, source } = extras;
  await mkdir(directory, { recursive: true });
  const entry = join(directory, key);
  const temporary = join(directory, `.${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  await mkdir(temporary);
  try {
    const files: Record<string, FileSum> = {};
    const arrayFile = async (name: string, arrays: Record<string, StoredArray>) => {
      const { directory, sum } = await writeArrays(join(temporary, name), arrays);
      files[name] = sum;
      return directory;
    };
    const jsonFile = async (name: string, value: unknown) => {
      const text = JSON.stringify(value);
      files[name] = checksumOf(text);
      await writeFile(join(temporary, name), text);
    };
    const { meta, arrays, graph } = encodeBuild(build);
    const part = (lists: boolean) =>
      Object.fromEntries(Object.entries(arrays).filter(([name]) => isQueryList(name) === lists));
    const stored: StoredMeta = {
      meta,
      arrays: await arrayFile("arrays.bin", part(false)),
      lists: await arrayFile("lists.bin", part(true)),
    };
    await jsonFile("meta.json", stored);
    await jsonFile("graph.json", graph);
    if (searchIndex !== undefined) {
      const { keys, groups, rows, ...searchArrays } = searchIndexParts(searchIndex);
      const search: StoredSearch = { keys, groups, rows, arrays: await arrayFile("search.bin", searchArrays) };
      await jsonFile("search.json", search);
    }
    if (papers !== undefined) {
      const arrays = papers.table.toArrays() as unknown as Record<string, StoredArray>;
      const stored: StoredPapers = { corpus: papers.corpus, arrays: await arrayFile("papers.bin", arrays) };
      await jsonFile("papers.json", stored);
    }
    const clusters: PreviousClusters = {
      ids: meta.graph.ids,
      clusters: Array.from(build.membership),
      colors: build.graph.getAttribute("clusters").map((cluster) => cluster.color),
    };
    await jsonFile("clusters.json", clusters);
    await writeManifest(temporary, CACHE_FORMAT, files);
    await removeEntry(directory, key);
    await rename(temporary, entry).catch((error: NodeJS.ErrnoException) => {
      // Another process saved the same build meanwhile: its entry is this one.
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
  }
  if (corpusPath !== undefined) await writeFileAtomic(latestPointer(directory, corpusPath), key);
  if (source !== undefined) await saveSourcePointer(directory, source, key);
  await prune(directory);
  return entry;
}

/** The key of the latest build of the corpus (or library) at `corpusPath`, or null. */
export async function readLatestPointer(directory: string, corpusPath: string): Promise<string | null> {
  try {
    const key = (await readFile(latestPointer(directory, corpusPath), "utf8")).trim();
    return /^[0-9a-f]{32}$/.test(key) ? key : null;
  } catch {
    return null;
  }
}

function latestPointer(directory: string, corpusPath: string): string {
  return join(directory, `latest-${createHash("sha256").update(corpusPath).digest("hex").slice(0, 16)}`);
}

/** The clusters of the latest cached build of the corpus at `corpusPath`, or null (none, or a damaged one). */
export async function previousClusters(directory: string, corpusPath: string): Promise<PreviousClusters | null> {
  try {
    const key = await readLatestPointer(directory, corpusPath);
    if (key === null) return null;
    const entry = join(directory, key);
    const manifest = await readManifest(entry, CACHE_FORMAT);
    return manifest === null ? null : await readCheckedJson<PreviousClusters>(entry, manifest, "clusters.json");
  } catch {
    return null;
  }
}

/**
 * Removes the least recently used entries beyond CACHE_ENTRIES, never one that a live lease holds
 * (cache/entry-leases), and the source pointers to removed entries.
 */
async function prune(directory: string): Promise<void> {
  const names = await readdir(directory);
  const leased = await leasedKeys(directory);
  const entries: { name: string; used: number }[] = [];
  for (const name of names) {
    if (!/^[0-9a-f]{32}$/.test(name)) continue;
    const info = await stat(join(directory, name)).catch(() => null);
    if (info !== null && info.isDirectory()) entries.push({ name, used: info.mtimeMs });
  }
  entries.sort((a, b) => b.used - a.used);
  const kept = new Set(entries.slice(0, CACHE_ENTRIES).map((e) => e.name));
  for (const key of leased) kept.add(key);
  for (const { name } of entries) if (!kept.has(name)) await removeEntry(directory, name);
  for (const name of names.filter((n) => /^source-[0-9a-f]{32}$/.test(n))) {
    const key = await readSourcePointer(directory, name.slice("source-".length));
    if (key === null || !kept.has(key)) await rm(join(directory, name), { force: true });
  }
}
