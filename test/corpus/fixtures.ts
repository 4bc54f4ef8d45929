// Paths and helpers the corpus tests share: fixture files, the seed listing, temporary files, chunked text.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/corpus/${name}`, import.meta.url));

/** The seed daily-papers listing (74 papers), the page data/papers.jsonl was made from. */
export const SEED = fileURLToPath(new URL("../fixtures/seed/000_195590e087e039b7.txt", import.meta.url));

/** Writes `content` to a new file in a fresh temporary directory and returns its path. */
export function temporaryFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "topicgraph-corpus-")), name);
  writeFileSync(path, content);
  return path;
}

/** The text cut into pieces of `size` characters, to put every boundary inside a token somewhere. */
export async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
