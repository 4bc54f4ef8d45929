// Typed arrays to a file and back: views only within the file's own bytes (never over the pool buffer that readFile
// returns an empty file in), aligned, of a stored type; the checksum written is the file's.

import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { arrayViews, writeArrays, type ArrayDirectory } from "../../server/cache/array-file.js";
import { checksumOf } from "../../server/cache/checksum.js";

const directory = mkdtempSync(join(tmpdir(), "array-file-test-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("arrayViews", () => {
  it("gives no view over an empty file's bytes, though readFile returns them in a 64 KiB pool buffer", async () => {
    const path = join(directory, "search.bin");
    writeFileSync(path, "");
    const bytes = await readFile(path);
    expect(bytes.buffer.byteLength).toBeGreaterThan(0);
    const listed: ArrayDirectory = { wordptr: { type: "Int32Array", offset: 0, length: 3 } };
    expect(() => arrayViews(bytes, listed, "search.bin")).toThrow(
      /wordptr \(bytes 0 to 12\) ends beyond search\.bin's 0 bytes/,
    );
  });

  it("refuses an array past the end, misaligned, of a negative length, or of a type not stored", () => {
    const bytes = new Uint8Array(64);
    const refuse = (listed: ArrayDirectory, message: RegExp) =>
      expect(() => arrayViews(bytes, listed)).toThrow(message);
    refuse({ a: { type: "Float64Array", offset: 8, length: 8 } }, /ends beyond the file's 64 bytes/);
    refuse({ a: { type: "Int32Array", offset: 6, length: 1 } }, /not aligned/);
    refuse({ a: { type: "Int32Array", offset: 0, length: -1 } }, /offset 0 and length -1/);
    refuse({ a: { type: "BigInt64Array" as "Int32Array", offset: 0, length: 1 } }, /unknown type BigInt64Array/);
    refuse({ a: { type: "constructor" as "Int32Array", offset: 0, length: 1 } }, /unknown type constructor/);
    expect(arrayViews(bytes, { a: { type: "Float64Array", offset: 8, length: 7 } }).a).toHaveLength(7);
  });

  it("reads back what writeArrays wrote, whose checksum is the file's", async () => {
    const path = join(directory, "arrays.bin");
    // An empty array among them: Node 20's crc32 of an empty view on an empty buffer drops what it continues.
    const arrays = {
      a: Int32Array.of(1, -2, 3),
      e: new Float64Array(0),
      b: Float64Array.of(0.5, Math.PI),
      c: Uint8Array.of(7),
    };
    const { directory: listed, sum } = await writeArrays(path, arrays);
    const bytes = readFileSync(path);
    expect(sum).toEqual(checksumOf(bytes));
    const views = arrayViews(bytes, listed, "arrays.bin");
    expect(views).toEqual(arrays);
  });
});
