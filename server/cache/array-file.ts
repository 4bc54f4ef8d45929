// Typed arrays to and from one binary file, aligned so that loading makes views on the file's bytes, not copies.

import { open } from "node:fs/promises";

import { Checksum, type FileSum } from "./checksum.js";

export type StoredArray = Int32Array | Float32Array | Float64Array | Uint8Array | Uint16Array;

const CONSTRUCTORS = { Int32Array, Float32Array, Float64Array, Uint8Array, Uint16Array } as const;
type ArrayType = keyof typeof CONSTRUCTORS;

/** Where each array sits in the file. */
export type ArrayDirectory = Record<string, { type: ArrayType; offset: number; length: number }>;

/**
 * Writes the arrays one after another, each at a multiple of 8 bytes; returns their directory and the file's
 * checksum (cache/checksum).
 */
export async function writeArrays(
  path: string,
  arrays: Record<string, StoredArray>,
): Promise<{ directory: ArrayDirectory; sum: FileSum }> {
  const directory: ArrayDirectory = {};
  const checksum = new Checksum();
  const handle = await open(path, "wx");
  const write = async (bytes: Uint8Array) => {
    checksum.update(bytes);
    await handle.write(bytes);
  };
  try {
    let offset = 0;
    const padding = new Uint8Array(8);
    for (const [name, array] of Object.entries(arrays)) {
      const type = array.constructor.name as ArrayType;
      if (!Object.hasOwn(CONSTRUCTORS, type)) {
        throw new TypeError(`cache/array-file: ${name} is a ${type}, which is not stored`);
      }
      directory[name] = { type, offset, length: array.length };
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      await write(bytes);
      offset += bytes.byteLength;
      const pad = (8 - (offset % 8)) % 8;
      if (pad > 0) await write(padding.subarray(0, pad));
      offset += pad;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { directory, sum: checksum.digest() };
}

/**
 * A view per array on the bytes of a file that writeArrays wrote (`name`, for messages). RangeError naming the array
 * when the directory places one outside the bytes, misaligned, or of a type that is not stored.
 */
export function arrayViews(
  file: Uint8Array<ArrayBuffer>,
  directory: ArrayDirectory,
  name = "the file",
): Record<string, StoredArray> {
  const fileName = name;
  // NOTE: a Buffer from readFile may sit at any offset of a shared pool (an empty file's does too): views are made
  // only within its own bytes, and on an aligned copy when it is not aligned.
  const bytes = file.byteOffset % 8 === 0 ? file : new Uint8Array(file);
  const arrays: Record<string, StoredArray> = {};
  for (const [name, { type, offset, length }] of Object.entries(directory)) {
    if (!Object.hasOwn(CONSTRUCTORS, type))
      throw new RangeError(`cache/array-file: ${name} is of unknown type ${type}`);
    const Constructor = CONSTRUCTORS[type];
    const size = Constructor.BYTES_PER_ELEMENT;
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw new RangeError(`cache/array-file: ${name} has offset ${offset} and length ${length}`);
    }
    if (offset % size !== 0) throw new RangeError(`cache/array-file: ${name} at offset ${offset} is not aligned`);
    if (offset + length * size > bytes.byteLength) {
      throw new RangeError(
        `cache/array-file: ${name} (bytes ${offset} to ${offset + length * size}) ends beyond ${fileName}'s ${bytes.byteLength} bytes`,
      );
    }
    arrays[name] = new Constructor(bytes.buffer, bytes.byteOffset + offset, length);
  }
  return arrays;
}
