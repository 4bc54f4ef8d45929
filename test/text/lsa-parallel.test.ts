// LSA's products split over worker threads (results written into shared memory): X · D exactly as one thread
// computes it; Xᵀ · D as the sum, in order, of each half's rows' products (float32 sums in another order than one
// thread's); the random matrix exactly as one thread draws it; CholeskyQR2 on the workers as on one thread, to
// rounding; the whole fit repeatable and close to one thread's.

import { describe, expect, it } from "vitest";

import { createRng } from "../../server/random.js";
import { fitLsa, multiplyTransposedRows, SERIAL_PRODUCTS } from "../../server/text/lsa.js";
import { lsaProducts } from "../../server/text/lsa-parallel.js";
import { sharedZeros } from "../../server/workers/pool.js";
import { firstDifference, hasLabelledCorpus, labelledMatrixOnTwoThreads } from "../parallel.js";

describe.runIf(hasLabelledCorpus("lsaProducts on 4,500 labelled papers"))("lsaProducts on worker threads", () => {
  const labelled = labelledMatrixOnTwoThreads(4500);

  it("multiplies as one thread does, the transposed product by halves, twice in a row", async () => {
    const matrix = labelled();
    const parallel = lsaProducts(matrix.rows);
    expect(parallel).not.toBe(SERIAL_PRODUCTS);
    const width = 12;
    const dense = Float64Array.from({ length: matrix.cols * width }, (_, i) => Math.sin(i));
    const rowsDense = Float64Array.from({ length: matrix.rows * width }, (_, i) => Math.cos(i));
    const half = Math.ceil(matrix.rows / 2);
    for (let round = 0; round < 2; round++) {
      const a = await parallel.multiply(matrix, dense, width);
      expect(firstDifference(a, await SERIAL_PRODUCTS.multiply(matrix, dense, width))).toBe(-1);
      const c = await parallel.multiplyTransposed(matrix, rowsDense, width);
      const d = multiplyTransposedRows(matrix, rowsDense, width, 0, half);
      const second = multiplyTransposedRows(matrix, rowsDense, width, half, matrix.rows);
      for (let i = 0; i < d.length; i++) d[i] += second[i];
      expect(firstDifference(c, d)).toBe(-1);
    }
  }, 120_000);

  it("draws the random matrix one thread draws, each worker its own range", async () => {
    // An odd length, so that the last range ends inside a Box-Muller pair.
    const [rows, width] = [labelled().cols | 1, 7];
    const parallel = await lsaProducts(labelled().rows).gaussian(rows, width, 42);
    const serial = await SERIAL_PRODUCTS.gaussian(rows, width, 42);
    expect(parallel.length).toBe(rows * width);
    expect(firstDifference(parallel, serial)).toBe(-1);
    const other = await SERIAL_PRODUCTS.gaussian(rows, width, 43);
    expect(firstDifference(other, serial)).not.toBe(-1);
  }, 120_000);

  it("orthonormalises on the workers as one thread does, to rounding", async () => {
    const [rows, width] = [labelled().rows, 9];
    const a = sharedZeros(Float64Array, rows * width);
    const rng = createRng(1);
    for (let i = 0; i < a.length; i++) a[i] = rng() - 0.5 + (i % width === 3 ? 2 : 0);
    // Column 8 is all zeros, which must stay zeros.
    for (let r = 0; r < rows; r++) a[r * width + 8] = 0;
    const serial = Float64Array.from(a);
    await SERIAL_PRODUCTS.orthonormalize(serial, rows, width);
    await lsaProducts(rows).orthonormalize(a, rows, width);
    let largest = 0;
    for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i] - serial[i]));
    expect(largest).toBeLessThan(1e-9);
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += a[r * width + i] * a[r * width + j];
        const expected = i === j && i !== 8 ? 1 : 0;
        expect(Math.abs(dot - expected)).toBeLessThan(1e-9);
      }
    }
  }, 120_000);

  it("fits the same LSA model every time, close to one thread's", async () => {
    const serial = (await fitLsa(labelled(), { dimensions: 16 }))!;
    const first = (await fitLsa(labelled(), { dimensions: 16 }, lsaProducts(labelled().rows)))!;
    const second = (await fitLsa(labelled(), { dimensions: 16 }, lsaProducts(labelled().rows)))!;
    expect(firstDifference(second.embeddings, first.embeddings)).toBe(-1);
    expect(firstDifference(second.termSketch, first.termSketch)).toBe(-1);
    for (let j = 0; j < 16; j++) expect(first.singularValues[j]).toBeCloseTo(serial.singularValues[j], 3);
  }, 120_000);
});
