// The manifest of a build cache entry (manifest.json): the length and checksum of every file the entry was written
// with. Loading reads a file only through it: a file that is missing, of another length or another checksum is a
// CacheEntryError naming it, and the entry is rebuilt.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { z } from "zod";

import { CacheEntryError } from "../errors.js";
import { CHECKSUM_ALGORITHM, checksumMismatch, checksumOf, type FileSum } from "./checksum.js";

export const MANIFEST_FILE = "manifest.json";

const MANIFEST = z.strictObject({
  format: z.number(),
  algorithm: z.literal(CHECKSUM_ALGORITHM),
  files: z.record(
    z.string().regex(/^[a-z0-9.-]+$/),
    z.strictObject({ bytes: z.number().int().min(0), sum: z.string().regex(/^[0-9a-f]+$/) }),
  ),
  sum: z.string(),
});

export type EntryManifest = Omit<z.infer<typeof MANIFEST>, "sum">;

/**
 * The manifest as written: its fields, then the checksum of their JSON, so that damage to the manifest itself is
 * found and named (a damaged file name or checksum would otherwise be blamed on the file it names).
 */
export function manifestText({ format, algorithm, files }: EntryManifest): string {
  const body = JSON.stringify({ format, algorithm, files });
  return `${body.slice(0, -1)},"sum":"${checksumOf(body).sum}"}`;
}

/** Writes the manifest of the files written into `entry` (the entry's temporary folder, before it is renamed). */
export async function writeManifest(entry: string, format: number, files: Record<string, FileSum>): Promise<void> {
  await writeFile(join(entry, MANIFEST_FILE), manifestText({ format, algorithm: CHECKSUM_ALGORITHM, files }));
}

/** The manifest of `entry`; null when the entry has none at all (no such entry), CacheEntryError when it is damaged. */
export async function readManifest(entry: string, format: number): Promise<EntryManifest | null> {
  const path = join(entry, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CacheEntryError(path, `cannot be read (${(error as NodeJS.ErrnoException).code})`, { cause: error });
  }
  let parsed: z.ZodSafeParseResult<z.infer<typeof MANIFEST>>;
  try {
    parsed = MANIFEST.safeParse(JSON.parse(text));
  } catch (error) {
    throw new CacheEntryError(path, "is not valid JSON", { cause: error });
  }
  if (!parsed.success) throw new CacheEntryError(path, `is not a manifest (${parsed.error.issues[0].message})`);
  const { format: written, algorithm, files } = parsed.data;
  const manifest: EntryManifest = { format: written, algorithm, files };
  if (manifestText(manifest) !== text) throw new CacheEntryError(path, "its checksum differs from its contents");
  if (parsed.data.format !== format) {
    throw new CacheEntryError(path, `is of cache format ${parsed.data.format}, not ${format}`);
  }
  return manifest;
}

/**
 * The bytes of `name`, checked against the manifest: CacheEntryError when the manifest does not list it, or the
 * file is missing, unreadable, or not the bytes it lists.
 */
export function checkedFile(
  entry: string,
  manifest: EntryManifest,
  name: string,
  bytes: Buffer<ArrayBuffer> | Error,
): Buffer<ArrayBuffer> {
  const path = join(entry, name);
  const expected = manifest.files[name];
  if (expected === undefined) throw new CacheEntryError(path, "is not in the manifest");
  if (bytes instanceof Error) {
    const code = (bytes as NodeJS.ErrnoException).code;
    throw new CacheEntryError(path, code === "ENOENT" ? "is missing" : `cannot be read (${code ?? bytes.message})`, {
      cause: bytes,
    });
  }
  const mismatch = checksumMismatch(bytes, expected);
  if (mismatch !== null) throw new CacheEntryError(path, mismatch);
  return bytes;
}

/** The file's bytes, or the error reading it (checkedFile turns it into a CacheEntryError). */
export function readEntryFile(entry: string, name: string): Promise<Buffer<ArrayBuffer> | Error> {
  return readFile(join(entry, name)).catch((error: Error) => error);
}

/** `name` read and checked against the manifest. */
export async function readCheckedFile(
  entry: string,
  manifest: EntryManifest,
  name: string,
): Promise<Buffer<ArrayBuffer>> {
  return checkedFile(entry, manifest, name, await readEntryFile(entry, name));
}

/** `name` (a JSON file) read, checked against the manifest and parsed. */
export async function readCheckedJson<T>(entry: string, manifest: EntryManifest, name: string): Promise<T> {
  return parseCheckedJson<T>(entry, name, await readCheckedFile(entry, manifest, name));
}

/** JSON bytes already checked, parsed; CacheEntryError when they are not JSON. */
export function parseCheckedJson<T>(entry: string, name: string, bytes: Buffer): T {
  try {
    return JSON.parse(bytes.toString("utf8")) as T;
  } catch (error) {
    throw new CacheEntryError(join(entry, name), "is not valid JSON", { cause: error });
  }
}
