// The one way into a corpus file for every format reader: the file is checked first (a regular file, or a gzip of
// one: a FIFO, a device or a directory would never end, or never start), its text is decoded in chunks
// (corpus/read-text), and every record is held to a size limit, counted as it comes so that an oversized record is
// skipped and reported (`record of N MB over the limit`) without ever being held whole.

import { stat } from "node:fs/promises";

import { CorpusReadError } from "../errors.js";
import { readText } from "./read-text.js";

export interface RecordLimits {
  /** Largest record (a line, a CSV row, a JSON element, a paragraph), in bytes of UTF-8. */
  maxRecordBytes: number;
}

export const RECORD_DEFAULTS: Readonly<RecordLimits> = { maxRecordBytes: 1 << 20 };

const MB = 1 << 20;

/** The limits, validated: RangeError naming the option. */
export function resolveRecordLimits(limits: Partial<RecordLimits> = {}): RecordLimits {
  const given = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
  const resolved: RecordLimits = { ...RECORD_DEFAULTS, ...given };
  const { maxRecordBytes } = resolved;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 1) {
    throw new RangeError(`corpus: maxRecordBytes must be a positive integer, got ${maxRecordBytes}`);
  }
  return resolved;
}

/** What a skipped oversized record is reported as. */
export function overLimitReason(bytes: number, limits: RecordLimits): string {
  return `record of ${formatSize(bytes)} over the limit of ${formatSize(limits.maxRecordBytes)}`;
}

/** A size in megabytes (one decimal unless whole), or in kilobytes below a tenth of a megabyte. */
function formatSize(bytes: number): string {
  const value = bytes / MB;
  if (value < 0.1) return `${Math.ceil(bytes / 1024)} kB`;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

/** The UTF-8 size of a record's text as it comes in pieces, against the limit. */
export class RecordSize {
  bytes = 0;

  constructor(private readonly limits: RecordLimits) {}

  /** Adds a piece of the record's text; false once the record is over the limit. */
  add(text: string): boolean {
    this.bytes += Buffer.byteLength(text, "utf8");
    return this.bytes <= this.limits.maxRecordBytes;
  }

  get over(): boolean {
    return this.bytes > this.limits.maxRecordBytes;
  }

  reset(): void {
    this.bytes = 0;
  }
}

/**
 * The corpus file's decoded text in chunks, after checking that it is a regular file (CorpusReadError otherwise);
 * `onProgress` as readText's.
 */
export async function openCorpusText(
  path: string,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<AsyncGenerator<string>> {
  const info = await stat(path);
  if (!info.isFile()) {
    const kind = info.isFIFO()
      ? "a FIFO"
      : info.isCharacterDevice()
        ? "a character device"
        : info.isBlockDevice()
          ? "a block device"
          : info.isSocket()
            ? "a socket"
            : info.isDirectory()
              ? "a directory"
              : "not a file";
    throw new CorpusReadError(`corpus: "${path}" is ${kind}, not a regular file (or a gzip of one)`);
  }
  return readText(path, info.size, onProgress);
}
