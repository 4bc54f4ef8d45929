// A fingerprint of a corpus file's bytes, for finding its build in the cache without reading the papers.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * SHA-256 (hex) of the file's bytes as stored (compressed bytes for a gzip file), or null when the file cannot be
 * read (readCorpus then reports why). NOTE: far cheaper than reading, parsing and hashing the papers, which a restart
 * on an unchanged file thus skips.
 */
export async function fileFingerprint(path: string): Promise<string | null> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest("hex");
}
