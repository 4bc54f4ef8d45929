// Splits a stream of text chunks into physical lines with their 1-based numbers (LF or CRLF ends).

export interface NumberedLine {
  text: string;
  line: number;
}

/** Yields every physical line, `\r` before `\n` removed; a last line without an end is yielded too. */
export async function* readLines(chunks: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let pending = "";
  let line = 0;
  for await (const chunk of chunks) {
    // NOTE: only the new chunk is searched, so a line spanning many chunks costs linear time, not quadratic.
    let end = chunk.indexOf("\n");
    if (end === -1) {
      pending += chunk;
      continue;
    }
    let text = pending + chunk.slice(0, end);
    let start = end + 1;
    for (;;) {
      line++;
      yield { text: text.endsWith("\r") ? text.slice(0, -1) : text, line };
      end = chunk.indexOf("\n", start);
      if (end === -1) break;
      text = chunk.slice(start, end);
      start = end + 1;
    }
    pending = chunk.slice(start);
  }
  if (pending.length > 0) {
    line++;
    yield { text: pending.endsWith("\r") ? pending.slice(0, -1) : pending, line };
  }
}
