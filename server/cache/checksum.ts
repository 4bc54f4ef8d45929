// Checksums of the files of the build cache: what an entry's manifest records for each file (its length and a
// checksum of its bytes) and what loading compares them with.

import { crc32 } from "node:zlib";

/** A file as the manifest records it. */
export interface FileSum {
  bytes: number;
  sum: string;
}

/**
 * CRC-32 (zlib's): it finds any burst of damage up to 32 bits and misses random damage once in 4 billion, which is
 * what a flaky disk or a hand edit does; whoever could forge it could rewrite the manifest as well. NOTE: its cost
 * at 96k papers against SHA-256 is in docs/performance.md.
 */
export const CHECKSUM_ALGORITHM = "crc32";

/** An incremental checksum of bytes written piece by piece. */
export class Checksum {
  private value = 0;
  private bytes = 0;

  update(data: Uint8Array | string): this {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    // NOTE: Node 20's crc32 of an empty view on an empty ArrayBuffer is 0 whatever the value it continues.
    if (bytes.byteLength > 0) this.value = crc32(bytes, this.value);
    this.bytes += bytes.byteLength;
    return this;
  }

  digest(): FileSum {
    return { bytes: this.bytes, sum: this.value.toString(16).padStart(8, "0") };
  }
}

export function checksumOf(data: Uint8Array | string): FileSum {
  return new Checksum().update(data).digest();
}

/** Why `data` is not the file `expected` describes, or null when it is. */
export function checksumMismatch(data: Uint8Array, expected: FileSum): string | null {
  if (data.byteLength !== expected.bytes) return `${data.byteLength} bytes where the manifest says ${expected.bytes}`;
  if (checksumOf(data).sum !== expected.sum) return "its checksum differs from the manifest's";
  return null;
}
