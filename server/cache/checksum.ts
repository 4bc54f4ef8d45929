// Checksums of the files of the build cache: what an entry's manifest records for each file (its length and a hash
// of its bytes) and what loading compares them with.

import { createHash, type Hash } from "node:crypto";

/** A file as the manifest records it. */
export interface FileSum {
  bytes: number;
  sum: string;
}

/** The hash of cache files. NOTE: its cost at 96k papers is in the commit that chose it; see docs/performance.md. */
export const CHECKSUM_ALGORITHM = "sha256";

/** An incremental checksum of bytes written piece by piece. */
export class Checksum {
  private readonly hash: Hash = createHash(CHECKSUM_ALGORITHM);
  private bytes = 0;

  update(data: Uint8Array | string): this {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    this.hash.update(bytes);
    this.bytes += bytes.byteLength;
    return this;
  }

  digest(): FileSum {
    return { bytes: this.bytes, sum: this.hash.digest("hex") };
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
