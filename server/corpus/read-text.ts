// Opens a corpus file as a stream of decoded text: gzip by magic bytes, UTF-8 with replacement, BOM dropped.

import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { constants, createGunzip } from "node:zlib";

const GZIP_MAGIC = [0x1f, 0x8b];
const CHUNK_BYTES = 1 << 20;

/** True when the file starts with the gzip magic bytes 1f 8b, whatever its name. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/**
 * Yields the file's text in chunks of about a megabyte, decompressing gzip transparently.
 * Invalid UTF-8 becomes U+FFFD (never an exception) and a leading BOM is dropped.
 * `onProgress` receives bytes read from disk (compressed bytes for gzip) against `totalBytes`.
 */
export async function* readText(
  path: string,
  totalBytes: number,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): AsyncGenerator<string> {
  const gzip = await isGzipFile(path);
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });
  if (!gzip) {
    let bytesRead = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      onProgress?.(bytesRead, totalBytes);
      yield decoder.decode(chunk, { stream: true });
    }
  } else {
    // NOTE: Z_SYNC_FLUSH makes a truncated gzip yield what it holds instead of failing: the records before
    // the cut are kept and the cut one is reported by the format reader as a broken record.
    const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK_BYTES });
    pipeline(source, gunzip, () => {
      // Errors reach the consumer through the iteration of `gunzip` below.
    });
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      onProgress?.(Math.min(gunzip.bytesWritten, totalBytes), totalBytes);
      yield decoder.decode(chunk, { stream: true });
    }
  }
  onProgress?.(totalBytes, totalBytes);
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
