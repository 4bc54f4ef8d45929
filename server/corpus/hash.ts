// A content hash of a corpus: what a build's outputs and caches are keyed by.

import { createHash } from "node:crypto";

import type { Paper } from "./types.js";

/** SHA-256 (hex, first 16 characters) of every paper's id, title and abstract, in order. */
export function corpusHash(papers: readonly Paper[]): string {
  const hash = createHash("sha256");
  for (const paper of papers) hash.update(`${paper.id}\u0000${paper.title}\u0000${paper.abstract}\u0001`);
  return hash.digest("hex").slice(0, 16);
}
