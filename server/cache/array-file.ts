// Typed arrays to and from one binary file, aligned so that loading makes views on the file's bytes, not copies.

import { open, readFile } from "node:fs/promises";

export type StoredArray = Int32Array | Float32Array | Float64Array | Uint8Array | Uint16Array;

const CONSTRUCTORS = { Int32Array, Float32Array, Float64Array, Uint8Array, Uint16Array } as const;
type ArrayType = keyof typeof CONSTRUCTORS;

/** Where each array sits in the file. */
export type ArrayDirectory = Record<string, { type: ArrayType; offset: number; length: number }>;

/** Writes the arrays one after another, each at a multiple of 8 bytes; returns their directory. */
export async function writeArrays(path: string, arrays: Record<string, StoredArray>): Promise<ArrayDirectory> {
  const directory: ArrayDirectory = {};
  const handle = await open(path, "wx");
  try {
    let offset = 0;
    const padding = new Uint8Array(8);
    for (const [name, array] of Object.entries(arrays)) {
      const type = array.constructor.name as ArrayType;
      if (!(type in CONSTRUCTORS)) throw new TypeError(`cache/array-file: ${name} is a ${type}, which is not stored`);
      directory[name] = { type, offset, length: array.length };
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      await handle.write(bytes);
      offset += bytes.byteLength;
      const pad = (8 - (offset % 8)) % 8;
      if (pad > 0) await handle.write(padding.subarray(0, pad));
      offset += pad;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return directory;
}

/** Reads the file once and returns a view per array. */
export async function readArrays(path: string, directory: ArrayDirectory): Promise<Record<string, StoredArray>> {
  return arrayViews(await readFile(path), directory);
}

/** A view per array on the bytes of a file that writeArrays wrote. */
export function arrayViews(file: Buffer<ArrayBuffer>, directory: ArrayDirectory): Record<string, StoredArray> {
  // NOTE: a Buffer from readFile may sit at any offset of a shared pool; copy once into an aligned buffer if needed.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  const arrays: Record<string, StoredArray> = {};
  for (const [name, { type, offset, length }] of Object.entries(directory)) {
    const Constructor = CONSTRUCTORS[type];
    arrays[name] = new Constructor(bytes.buffer, bytes.byteOffset + offset, length);
  }
  return arrays;
}
