// The disk cache of builds: a corpus already built with the same options is loaded instead of rebuilt. Each entry
// is a directory named by a hash of the corpus content, the options and the cache format, holding meta.json and
// arrays.bin; it is written under a temporary name and renamed, so that a reader sees a whole entry or none.

import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { Paper } from "../corpus/types.js";
import type { PreviousClusters } from "../graph/align-clusters.js";
import { writeFileAtomic } from "../io/write-atomic.js";
import { stableStringify } from "../graph/export-json.js";
import type { PipelineOptions, TopicGraphBuild } from "../pipeline.js";
import { readArrays, writeArrays, type ArrayDirectory } from "./array-file.js";
import { decodeBuild, encodeBuild } from "./build-codec.js";

/** Raised when the saved format changes, so that old entries are never read as new ones. */
export const CACHE_FORMAT = 3;
/** Entries kept; the least recently used beyond this are removed when a new one is written. */
export const CACHE_ENTRIES = 4;

/** The key of a build: every paper's content and every option that shapes the result. */
export function cacheKey(papers: readonly Paper[], options: Partial<PipelineOptions>): string {
  const hash = createHash("sha256");
  hash.update(`topicgraph-cache ${CACHE_FORMAT}\n${stableStringify(options)}\n`);
  // Optional fields end up in the graph too, so they are part of the key.
  for (const p of papers) {
    hash.update(JSON.stringify([p.id, p.title, p.abstract, p.authors ?? null, p.year ?? null, p.url ?? null, p.categories ?? null]));
  }
  return hash.digest("hex").slice(0, 32);
}

export async function loadCachedBuild(directory: string, key: string): Promise<TopicGraphBuild | null> {
  const entry = join(directory, key);
  let metaText: string;
  try {
    metaText = await readFile(join(entry, "meta.json"), "utf8");
  } catch {
    return null;
  }
  const { meta, arrays: directoryOfArrays } = JSON.parse(metaText) as { meta: Record<string, unknown>; arrays: ArrayDirectory };
  const arrays = await readArrays(join(entry, "arrays.bin"), directoryOfArrays);
  const now = new Date();
  await utimes(entry, now, now).catch(() => undefined);
  return decodeBuild({ meta, arrays });
}

/**
 * Saves a build under `key`. With `corpusPath`, the entry is also remembered as that corpus's latest, whose clusters
 * a rebuild of a changed corpus aligns to (previousClusters).
 */
export async function saveCachedBuild(
  directory: string,
  key: string,
  build: TopicGraphBuild,
  corpusPath?: string,
): Promise<void> {
  await mkdir(directory, { recursive: true });
  const entry = join(directory, key);
  const temporary = join(directory, `.${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  await mkdir(temporary);
  try {
    const { meta, arrays } = encodeBuild(build);
    const directoryOfArrays = await writeArrays(join(temporary, "arrays.bin"), arrays);
    await writeFile(join(temporary, "meta.json"), JSON.stringify({ meta, arrays: directoryOfArrays }));
    const clusters: PreviousClusters = {
      ids: build.graph.nodes(),
      clusters: Array.from(build.membership),
      colors: build.graph.getAttribute("clusters").map((cluster) => cluster.color),
    };
    await writeFile(join(temporary, "clusters.json"), JSON.stringify(clusters));
    await rm(entry, { recursive: true, force: true });
    await rename(temporary, entry);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  if (corpusPath !== undefined) await writeFileAtomic(latestPointer(directory, corpusPath), key);
  await prune(directory);
}

function latestPointer(directory: string, corpusPath: string): string {
  return join(directory, `latest-${createHash("sha256").update(corpusPath).digest("hex").slice(0, 16)}`);
}

/** The clusters of the latest cached build of the corpus at `corpusPath`, or null. */
export async function previousClusters(directory: string, corpusPath: string): Promise<PreviousClusters | null> {
  try {
    const key = (await readFile(latestPointer(directory, corpusPath), "utf8")).trim();
    if (!/^[0-9a-f]{32}$/.test(key)) return null;
    return JSON.parse(await readFile(join(directory, key, "clusters.json"), "utf8")) as PreviousClusters;
  } catch {
    return null;
  }
}

/** Removes the least recently used entries beyond CACHE_ENTRIES (and temporary leftovers of crashed writes). */
async function prune(directory: string): Promise<void> {
  const names = await readdir(directory);
  const entries: { name: string; used: number }[] = [];
  for (const name of names) {
    const info = await stat(join(directory, name)).catch(() => null);
    if (info === null || !info.isDirectory()) continue;
    if (name.startsWith(".") && name.endsWith(".tmp")) {
      // A write in progress in another process is younger than an hour; older ones were left by a crash.
      if (Date.now() - info.mtimeMs > 3_600_000) await rm(join(directory, name), { recursive: true, force: true });
      continue;
    }
    if (/^[0-9a-f]{32}$/.test(name)) entries.push({ name, used: info.mtimeMs });
  }
  entries.sort((a, b) => b.used - a.used);
  for (const { name } of entries.slice(CACHE_ENTRIES)) await rm(join(directory, name), { recursive: true, force: true });
}
