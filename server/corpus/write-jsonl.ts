// Writes papers as JSON Lines, atomically: a temporary file beside the target, then a rename.

import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import type { Paper } from "./types.js";

/**
 * Writes one JSON object per line (keys in Paper's order, absent fields left out) to `path`. Readers of `path`
 * see the old file or the whole new one, never a part: the lines go to a temporary file that is then renamed.
 */
export async function writeJsonl(papers: Iterable<Paper>, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const out = createWriteStream(temporary, { encoding: "utf8" });
  try {
    for (const paper of papers) {
      if (!out.write(`${JSON.stringify(toRecord(paper))}\n`)) await once(out, "drain");
    }
    out.end();
    await finished(out);
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

function toRecord(paper: Paper): Paper {
  const { id, title, abstract, authors, year, url, categories } = paper;
  return { id, title, abstract, authors, year, url, categories };
}
