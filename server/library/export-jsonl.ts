// Exporting the library as JSON Lines (corpus/write-jsonl's format), written atomically: a reader of the output sees
// the previous file or the whole export.

import { formatJsonl } from "../corpus/write-jsonl.js";
import { writeFileAtomic } from "../io/write-atomic.js";
import type { Library } from "./library.js";

const PAGE = 1000;

/** Writes every paper of `library`, in its order, to `path`; returns how many. */
export async function exportJsonl(library: Library, path: string): Promise<number> {
  let papers = 0;
  function* chunks(): Generator<string> {
    let page = [];
    for (const paper of library.papers(PAGE)) {
      page.push(paper);
      papers++;
      if (page.length === PAGE) {
        yield formatJsonl(page);
        page = [];
      }
    }
    yield formatJsonl(page);
  }
  await writeFileAtomic(path, chunks());
  return papers;
}
