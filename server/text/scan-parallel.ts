// Tokenizing split over worker threads: each worker scans a slice of the documents with a lexicon of its own; the
// slices' lexicons are merged in order, which gives exactly the ids, counts and sequences of a single scan.

import { runTasks, threadCount } from "../workers/pool.js";
import { defineTask } from "../workers/tasks.js";
import { BREAK, Lexicon } from "./lexicon.js";
import { scanDocuments, type TextDocument } from "./scan.js";
import type { TokenSequences } from "./vocabulary.js";

/** What one worker's scan of a slice gives back: its surface forms, their keys and counts, and the sequences. */
export interface ScannedSlice {
  surfaces: string[];
  keys: string[];
  counts: Int32Array;
  sequences: TokenSequences;
}

const SCAN_TASK = defineTask(
  import.meta.url,
  "scan",
  ({ documents, titleWeight }: { documents: TextDocument[]; titleWeight: number }) => scanSlice(documents, titleWeight),
);

/** Below this many documents tokenizing stays on this thread. */
const PARALLEL_FROM_DOCUMENTS = 4000;

export function scanSlice(documents: readonly TextDocument[], titleWeight: number): ScannedSlice {
  const lexicon = new Lexicon();
  const sequences = scanDocuments(documents, lexicon, titleWeight);
  return {
    surfaces: lexicon.surfaces,
    keys: Array.from(lexicon.surfaceToken, (token) => lexicon.tokenKeys[token]),
    counts: Int32Array.from(lexicon.surfaceCount),
    sequences,
  };
}

export async function scanDocumentsParallel(
  documents: readonly TextDocument[],
  lexicon: Lexicon,
  titleWeight: number,
  onProgress?: (done: number, total: number) => void,
): Promise<TokenSequences> {
  const threads = threadCount();
  if (threads < 2 || documents.length < PARALLEL_FROM_DOCUMENTS) {
    return scanDocuments(documents, lexicon, titleWeight, onProgress);
  }
  // One slice a thread: each slice learns its words anew, so more slices than threads only cost more.
  const step = Math.ceil(documents.length / threads);
  const inputs: { documents: TextDocument[]; titleWeight: number }[] = [];
  for (let start = 0; start < documents.length; start += step) {
    // Only the text crosses to the worker, not the papers' other fields.
    const slice = documents.slice(start, start + step).map(({ title, abstract }) => ({ title, abstract }));
    inputs.push({ documents: slice, titleWeight });
  }
  const slices = await runTasks(SCAN_TASK, inputs, threads, onProgress);

  let total = 0;
  for (const slice of slices) total += slice.sequences.tokens.length;
  const tokens = new Int32Array(total);
  const starts = new Int32Array(documents.length + 1);
  let tokenOffset = 0;
  let documentOffset = 0;
  for (const slice of slices) {
    const toGlobal = slice.surfaces.map((surface, s) => lexicon.intern(surface, slice.keys[s], slice.counts[s]));
    const local = slice.sequences.tokens;
    for (let p = 0; p < local.length; p++) tokens[tokenOffset + p] = local[p] === BREAK ? BREAK : toGlobal[local[p]];
    const localStarts = slice.sequences.starts;
    for (let d = 0; d < localStarts.length - 1; d++) starts[documentOffset + d] = tokenOffset + localStarts[d];
    tokenOffset += local.length;
    documentOffset += localStarts.length - 1;
  }
  starts[documents.length] = total;
  return { tokens, starts };
}
