// LSA: on two topics with disjoint vocabularies the latent space separates them exactly; folding in a training row
// gives back its embedding; the Jacobi eigensolver against a matrix with a closed-form spectrum; the random matrix
// drawn in parts.

import { describe, expect, it } from "vitest";

import { threeTopicPapers } from "../fixtures/core/make-three-topics.js";
import { createRng } from "../../server/random.js";
import { fitLsa, foldIn, gaussianRange, symmetricEigen, type LsaModel } from "../../server/text/lsa.js";
import { rowOf } from "../../server/text/sparse.js";
import { fitTfidf } from "../../server/text/tfidf.js";

// Ten astronomy papers (rows 0-9), then ten cooking papers (rows 10-19): no term is shared between the two.
const TWO_TOPICS = fitTfidf(threeTopicPapers().slice(0, 20), { minDf: 2, maxDf: 1 });
const sameTopic = (a: number, b: number) => a < 10 === b < 10;

function embeddingCosine(lsa: LsaModel, a: number, b: number): number {
  let sum = 0;
  for (let j = 0; j < lsa.dimensions; j++)
    sum += lsa.embeddings[a * lsa.dimensions + j] * lsa.embeddings[b * lsa.dimensions + j];
  return sum;
}

/** fitLsa, awaited (whether it returns the model or a promise of it). */
async function fitOrNull(options: Parameters<typeof fitLsa>[1]): Promise<LsaModel | null> {
  return await fitLsa(TWO_TOPICS.matrix, options);
}

async function fit(options: Parameters<typeof fitLsa>[1]): Promise<LsaModel> {
  const lsa = await fitOrNull(options);
  if (lsa === null) throw new Error("expected an LSA model");
  return lsa;
}

describe("fitLsa", () => {
  it("gives same-topic papers cosine ~1 and cross-topic papers cosine ~0 in two dimensions", async () => {
    const lsa = await fit({ dimensions: 2 });
    expect(lsa.dimensions).toBe(2);
    for (let a = 0; a < 20; a++) {
      for (let b = a + 1; b < 20; b++) {
        const cosine = embeddingCosine(lsa, a, b);
        if (sameTopic(a, b)) expect(cosine).toBeGreaterThan(0.999);
        else expect(Math.abs(cosine)).toBeLessThan(0.01);
      }
    }
  });

  it("returns unit embeddings and singular values in descending order", async () => {
    const lsa = await fit({ dimensions: 4 });
    for (let r = 0; r < 20; r++) expect(embeddingCosine(lsa, r, r)).toBeCloseTo(1, 5);
    const sigma = Array.from(lsa.singularValues);
    expect(sigma).toEqual([...sigma].sort((a, b) => b - a));
    expect(sigma[3]).toBeGreaterThan(0);
  });

  it("is deterministic for a seed", async () => {
    const first = await fit({ dimensions: 3, seed: 7 });
    const second = await fit({ dimensions: 3, seed: 7 });
    expect(Array.from(second.embeddings)).toEqual(Array.from(first.embeddings));
  });

  it("returns null when LSA is off or the corpus has fewer than twice as many papers as dimensions", async () => {
    expect(await fitOrNull({ dimensions: 0 })).toBeNull();
    expect(await fitOrNull({ dimensions: 11 })).toBeNull(); // 20 rows < 22
    expect(await fitOrNull({ dimensions: 10 })).not.toBeNull();
  });

  it("rejects a negative or fractional number of dimensions", async () => {
    await expect(fitOrNull({ dimensions: -1 })).rejects.toThrow(
      new RangeError("text/lsa: dimensions must be an integer >= 0, got -1"),
    );
    await expect(fitOrNull({ dimensions: 1.5 })).rejects.toThrow("text/lsa: dimensions must be an integer >= 0");
  });
});

describe("foldIn", () => {
  it("gives a training row its own embedding when the sketch spans the whole row space", async () => {
    // width = min(2 + 30, 20 rows, cols) = 20: Q spans every row, so the fold is exact up to rounding.
    const lsa = await fit({ dimensions: 2, oversampling: 30 });
    for (let r = 0; r < 20; r++) {
      const folded = foldIn(lsa, rowOf(TWO_TOPICS.matrix, r));
      for (let j = 0; j < 2; j++) expect(folded[j]).toBeCloseTo(lsa.embeddings[r * 2 + j], 5);
    }
  });

  it("stays close to the embedding with the default oversampling", async () => {
    const lsa = await fit({ dimensions: 4 });
    for (let r = 0; r < 20; r++) {
      const folded = foldIn(lsa, rowOf(TWO_TOPICS.matrix, r));
      let cosine = 0;
      for (let j = 0; j < 4; j++) cosine += folded[j] * lsa.embeddings[r * 4 + j];
      expect(cosine).toBeGreaterThan(0.99);
    }
  });

  it("gives the zero vector for a vector without terms", async () => {
    const lsa = await fit({ dimensions: 2 });
    expect(Array.from(foldIn(lsa, { indices: new Int32Array(0), values: new Float32Array(0) }))).toEqual([0, 0]);
  });
});

describe("symmetricEigen", () => {
  // The second-difference matrix: eigenvalues 2 + √2, 2, 2 − √2 with eigenvectors (1, −√2, 1)/2, (1, 0, −1)/√2,
  // (1, √2, 1)/2.
  const A = Float64Array.from([2, -1, 0, -1, 2, -1, 0, -1, 2]);
  const expected = [
    { value: 2 + Math.SQRT2, vector: [0.5, -Math.SQRT1_2, 0.5] },
    { value: 2, vector: [Math.SQRT1_2, 0, -Math.SQRT1_2] },
    { value: 2 - Math.SQRT2, vector: [0.5, Math.SQRT1_2, 0.5] },
  ];

  it("finds the eigenvalues in descending order and their eigenvectors (up to sign) as columns", () => {
    const { values, vectors } = symmetricEigen(A, 3);
    expected.forEach(({ value, vector }, j) => {
      expect(values[j]).toBeCloseTo(value, 10);
      const column = [0, 1, 2].map((k) => vectors[k * 3 + j]);
      const sign = Math.sign(column[0]) || 1;
      column.forEach((x, k) => expect(x * sign).toBeCloseTo(vector[k], 10));
    });
  });

  it("leaves its input alone and returns orthonormal eigenvectors that diagonalise it", () => {
    const input = Float64Array.from(A);
    const { values, vectors } = symmetricEigen(input, 3);
    expect(Array.from(input)).toEqual(Array.from(A));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let dot = 0;
        for (let k = 0; k < 3; k++) dot += vectors[k * 3 + i] * vectors[k * 3 + j];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
        // (A v_j)_i = λ_j v_ij
        let av = 0;
        for (let k = 0; k < 3; k++) av += A[i * 3 + k] * vectors[k * 3 + j];
        expect(av).toBeCloseTo(values[j] * vectors[i * 3 + j], 10);
      }
    }
  });

  it("returns a diagonal matrix's entries sorted, with unit vectors", () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([1, 0, 0, 0, 3, 0, 0, 0, 2]), 3);
    expect(Array.from(values)).toEqual([3, 2, 1]);
    expect(Array.from(vectors)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });
});

describe("gaussianRange", () => {
  it("draws any even-aligned split of the matrix as one call draws all of it, from a skipped-ahead generator", () => {
    const whole = new Float32Array(1001);
    gaussianRange(whole, 5, 0, whole.length);
    const parts = new Float32Array(1001);
    for (const [start, end] of [
      [0, 400],
      [400, 402],
      [402, 1001],
    ])
      gaussianRange(parts, 5, start, end);
    expect(Array.from(parts)).toEqual(Array.from(whole));
    // Standard normals: mean near 0, variance near 1 over a thousand draws.
    const mean = whole.reduce((sum, x) => sum + x, 0) / whole.length;
    const variance = whole.reduce((sum, x) => sum + (x - mean) ** 2, 0) / whole.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.85);
    expect(variance).toBeLessThan(1.15);
    expect(() => gaussianRange(parts, 5, 3, 10)).toThrow(/even entry, got 3/);
  });

  it("rests on createRng's skip, which starts where the generator would be after that many draws", () => {
    const rng = createRng(99);
    const drawn = Array.from({ length: 10 }, () => rng());
    const skipped = createRng(99, 6);
    expect([skipped(), skipped(), skipped(), skipped()]).toEqual(drawn.slice(6));
    // Past 2^32 draws the state has come round: a skip of 2^32 + 3 is a skip of 3.
    const far = createRng(7, 2 ** 32 + 3);
    const near = createRng(7, 3);
    expect(far()).toBe(near());
  });
});
