// Scans documents into one sequence of surface ids (see lexicon.ts), title then abstract, phrase breaks between.

import type { Lexicon } from "./lexicon.js";
import type { TokenSequences } from "./vocabulary.js";

export interface TextDocument {
  title: string;
  abstract: string;
}

export type ProgressCallback = (done: number, total: number) => void;

/** Scans every document into one sequence of surface ids; the title is repeated `titleWeight` times. */
export function scanDocuments(
  documents: readonly TextDocument[],
  lexicon: Lexicon,
  titleWeight: number,
  onProgress?: ProgressCallback,
): TokenSequences {
  const tokens: number[] = [];
  const starts = new Int32Array(documents.length + 1);
  let chunks: Int32Array[] = [];
  let flushed = 0;
  for (let d = 0; d < documents.length; d++) {
    starts[d] = flushed + tokens.length;
    for (let r = 0; r < titleWeight; r++) lexicon.scan(documents[d].title, tokens);
    lexicon.scan(documents[d].abstract, tokens);
    // NOTE: flush to typed arrays now and then: one JS array of every token of a large corpus holds far more memory.
    if (tokens.length > 1 << 20) {
      chunks.push(Int32Array.from(tokens));
      flushed += tokens.length;
      tokens.length = 0;
    }
    if (onProgress && d % 1024 === 0) onProgress(d, documents.length);
  }
  chunks.push(Int32Array.from(tokens));
  const total = flushed + tokens.length;
  starts[documents.length] = total;
  const all = new Int32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  chunks = [];
  onProgress?.(documents.length, documents.length);
  return { tokens: all, starts };
}
