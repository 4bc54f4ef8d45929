// Latent semantic analysis: a rank-d truncated SVD of the TF-IDF matrix by randomized subspace iteration
// (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1), with CholeskyQR2 for the tall-skinny
// orthonormalisations and cyclic Jacobi for the small symmetric eigenproblem.
// Papers get dense unit vectors that see past exact wording ("LLM" and "language model" come together);
// new text is folded in through the right singular vectors: z = x · V_d = x · Bᵀ · U_B · Σ⁻¹.

import { createRng } from "../random.js";
import type { SparseMatrix, SparseVector } from "./sparse.js";

export interface LsaOptions {
  /** Dimensions kept; 0 turns LSA off. */
  dimensions: number;
  oversampling: number;
  powerIterations: number;
  seed: number;
}

// NOTE: 48 dimensions ranked related papers as well as 64 and 100 on arxiv-dev-labeled (precision@10 0.570, 0.570,
// 0.568) with clusters at least as good (NMI 0.503, 0.501, 0.492, mean of four seeds), in less time.
export const LSA_DEFAULTS: Readonly<LsaOptions> = { dimensions: 48, oversampling: 10, powerIterations: 2, seed: 42 };

export interface LsaModel {
  dimensions: number;
  /** Unit vector of each document, row-major n × dimensions. */
  embeddings: Float32Array;
  /** Bᵀ = Xᵀ Q, row-major vocabulary × width: each term's coordinates in the sketch of the column space. */
  termSketch: Float32Array;
  width: number;
  /** U_B Σ⁻¹, row-major width × dimensions: maps a sketch sum to LSA coordinates. */
  fold: Float64Array;
  singularValues: Float64Array;
}

/**
 * The steps LSA spends its time in: the two sparse-dense products, drawing its random matrix and orthonormalising
 * the range; `lsa-parallel.ts` provides a version split over threads.
 */
export interface LsaProducts {
  /** X · D for a dense row-major D (cols × width): n × width. */
  multiply(matrix: SparseMatrix, dense: Float32Array | Float64Array, width: number): Promise<Float64Array>;
  /** Xᵀ · D for a dense row-major D (n × width): cols × width. */
  multiplyTransposed(matrix: SparseMatrix, dense: Float64Array, width: number): Promise<Float32Array>;
  /** A rows × width matrix of standard normals drawn from `seed` (gaussianRange over all of it). */
  gaussian(rows: number, width: number, seed: number): Promise<Float32Array>;
  /** `orthonormalize` of a rows × width matrix, in place. */
  orthonormalize(a: Float64Array, rows: number, width: number): Promise<void>;
}

export const SERIAL_PRODUCTS: LsaProducts = {
  multiply: async (matrix, dense, width) => multiplyRows(matrix, dense, width, 0, matrix.rows),
  multiplyTransposed: async (matrix, dense, width) => multiplyTransposedRows(matrix, dense, width, 0, matrix.rows),
  gaussian: async (rows, width, seed) => {
    const out = new Float32Array(rows * width);
    gaussianRange(out, seed, 0, out.length);
    return out;
  },
  orthonormalize: async (a, rows, width) => orthonormalize(a, rows, width),
};

export async function fitLsa(
  matrix: SparseMatrix,
  options: Partial<LsaOptions> = {},
  products: LsaProducts = SERIAL_PRODUCTS,
): Promise<LsaModel | null> {
  const { multiply, multiplyTransposed, gaussian, orthonormalize } = products;
  const { dimensions, oversampling, powerIterations, seed } = { ...LSA_DEFAULTS, ...options };
  if (!Number.isInteger(dimensions) || dimensions < 0) {
    throw new RangeError(`text/lsa: dimensions must be an integer >= 0, got ${dimensions}`);
  }
  const { rows, cols } = matrix;
  const width = Math.min(dimensions + oversampling, rows, cols);
  // NOTE: with fewer papers or terms than dimensions there is no latent structure worth the name.
  if (dimensions === 0 || width < 2 || rows < 2 * dimensions) return null;
  const d = Math.min(dimensions, width);

  // Range finder with power iterations: Q spans the dominant column space of X. Only the tall n-side is
  // orthonormalised between iterations (re-orthonormalising the vocabulary side too cost a large part of the SVD and
  // did not change the result at two iterations).
  const range = await multiply(matrix, await gaussian(cols, width, seed), width); // n × l
  await orthonormalize(range, rows, width);
  for (let q = 0; q < powerIterations; q++) {
    const next = await multiply(matrix, await multiplyTransposed(matrix, range, width), width);
    range.set(next);
    await orthonormalize(range, rows, width);
  }
  const sketch = await multiplyTransposed(matrix, range, width); // Bᵀ = Xᵀ Q, V × l
  // B Bᵀ = Qᵀ (X Bᵀ), computed on the n side (n · l² instead of V · l²).
  const small = crossProduct(range, await multiply(matrix, sketch, width), rows, width);
  const { values, vectors } = symmetricEigen(small, width); // B Bᵀ = U_B Σ² U_Bᵀ

  const sigma = new Float64Array(d);
  for (let j = 0; j < d; j++) sigma[j] = Math.sqrt(Math.max(values[j], 0));
  const fold = new Float64Array(width * d);
  for (let a = 0; a < width; a++)
    for (let j = 0; j < d; j++) fold[a * d + j] = sigma[j] > 0 ? vectors[a * width + j] / sigma[j] : 0;
  // Embeddings: Q · U_B · Σ, rows then scaled to unit length.
  const embeddings = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let a = 0; a < width; a++) sum += range[r * width + a] * vectors[a * width + j];
      const value = sum * sigma[j];
      embeddings[r * d + j] = value;
      norm += value * value;
    }
    scaleRow(embeddings, r * d, d, norm);
  }
  return { dimensions: d, embeddings, termSketch: sketch, width, fold, singularValues: sigma };
}

/** The unit LSA vector of a TF-IDF vector (zero vector when it has no known term): x · Bᵀ · U_B · Σ⁻¹. */
export function foldIn(model: LsaModel, vector: SparseVector): Float32Array {
  const { dimensions: d, width, termSketch, fold } = model;
  const sketch = new Float64Array(width);
  for (let k = 0; k < vector.indices.length; k++) {
    const base = vector.indices[k] * width;
    const weight = vector.values[k];
    for (let a = 0; a < width; a++) sketch[a] += weight * termSketch[base + a];
  }
  const out = new Float32Array(d);
  let norm = 0;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let a = 0; a < width; a++) sum += sketch[a] * fold[a * d + j];
    out[j] = sum;
    norm += sum * sum;
  }
  scaleRow(out, 0, d, norm);
  return out;
}

/** Aᵀ · B for row-major A and B of the same shape (rows × width), symmetrised. */
function crossProduct(a: Float64Array, b: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(width * width);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let i = 0; i < width; i++) {
      const value = a[base + i];
      for (let j = 0; j < width; j++) out[i * width + j] += value * b[base + j];
    }
  }
  for (let i = 0; i < width; i++) {
    for (let j = i + 1; j < width; j++) {
      const mean = (out[i * width + j] + out[j * width + i]) / 2;
      out[i * width + j] = mean;
      out[j * width + i] = mean;
    }
  }
  return out;
}

function scaleRow(data: Float32Array, offset: number, length: number, squaredNorm: number): void {
  if (squaredNorm <= 0) return;
  const scale = 1 / Math.sqrt(squaredNorm);
  for (let j = 0; j < length; j++) data[offset + j] *= scale;
}

/**
 * Entries [start, end) of a rows × width matrix of standard normals drawn from `seed` (Box-Muller, a pair of entries
 * from a pair of uniforms), written into `out` at the same positions. `start` must be even. Any split of the matrix
 * into even-aligned ranges gives the matrix one call for all of it gives.
 */
export function gaussianRange(out: Float32Array, seed: number, start: number, end: number): void {
  if (start % 2 !== 0) throw new RangeError(`text/lsa: gaussian ranges start at an even entry, got ${start}`);
  const rng = createRng(seed, start);
  for (let i = start; i < end; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < end) out[i + 1] = radius * Math.sin(angle);
  }
}

/** Rows [start, end) of X · D for a dense row-major D (cols × width): (end - start) × width. */
export function multiplyRows(
  matrix: SparseMatrix,
  dense: Float32Array | Float64Array,
  width: number,
  start: number,
  end: number,
): Float64Array {
  const out = new Float64Array((end - start) * width);
  for (let r = start; r < end; r++) {
    const base = (r - start) * width;
    for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) {
      const weight = matrix.values[p];
      const from = matrix.indices[p] * width;
      for (let j = 0; j < width; j++) out[base + j] += weight * dense[from + j];
    }
  }
  return out;
}

/**
 * The part of Xᵀ · D (cols × width, single precision) that rows [start, end) of X contribute; D is n × width.
 * NOTE: the vocabulary side is the large one (109k × 74 at 17.6k papers); float32 halves its memory traffic,
 * which is what these products are bound by.
 */
export function multiplyTransposedRows(
  matrix: SparseMatrix,
  dense: Float64Array,
  width: number,
  start: number,
  end: number,
): Float32Array {
  const out = new Float32Array(matrix.cols * width);
  for (let r = start; r < end; r++) {
    const from = r * width;
    for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) {
      const weight = matrix.values[p];
      const base = matrix.indices[p] * width;
      for (let j = 0; j < width; j++) out[base + j] += weight * dense[from + j];
    }
  }
  return out;
}

/** out[i] = parts[0][i] + parts[1][i] + ..., added in that order in single precision, for i in [start, end). */
export function addInOrder(out: Float32Array, parts: readonly Float32Array[], start: number, end: number): void {
  for (let i = start; i < end; i++) {
    let sum = parts[0][i];
    for (let k = 1; k < parts.length; k++) sum = Math.fround(sum + parts[k][i]);
    out[i] = sum;
  }
}

/** The upper triangle of Aᵀ·A over rows [start, end) of a row-major A (rows × width); the lower triangle is zero. */
export function gramRows(a: Float64Array, width: number, start: number, end: number): Float64Array {
  const out = new Float64Array(width * width);
  for (let r = start; r < end; r++) {
    const base = r * width;
    for (let i = 0; i < width; i++) {
      const value = a[base + i];
      if (value === 0) continue;
      for (let j = i; j < width; j++) out[i * width + j] += value * a[base + j];
    }
  }
  return out;
}

/**
 * The R of one CholeskyQR pass (RᵀR = AᵀA) from the Gram matrices of consecutive row ranges of A (gramRows), added
 * in order.
 */
export function choleskyOfParts(parts: readonly Float64Array[], width: number): Float64Array {
  const g = new Float64Array(width * width);
  for (const part of parts) for (let i = 0; i < g.length; i++) g[i] += part[i];
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) g[i * width + j] = g[j * width + i];
  return cholesky(g, width);
}

/** Rows [start, end) of A replaced by A · R⁻¹ (R upper triangular; a zero pivot zeroes its column). */
export function solveRows(a: Float64Array, r: Float64Array, width: number, start: number, end: number): void {
  const row = new Float64Array(width);
  for (let i = start; i < end; i++) {
    const base = i * width;
    // Solve x · R = a_i by forward substitution over columns.
    for (let j = 0; j < width; j++) {
      const pivot = r[j * width + j];
      if (pivot === 0) {
        row[j] = 0;
        continue;
      }
      let sum = a[base + j];
      for (let k = 0; k < j; k++) sum -= row[k] * r[k * width + j];
      row[j] = sum / pivot;
    }
    a.set(row, base);
  }
}

/**
 * Orthonormalises the columns of a row-major tall matrix in place by CholeskyQR2: G = AᵀA = RᵀR, A ← A R⁻¹, twice
 * (the second pass restores orthogonality lost to rounding). Columns that are numerically dependent become zero.
 */
export function orthonormalize(a: Float64Array, rows: number, width: number): void {
  for (let pass = 0; pass < 2; pass++) {
    const r = choleskyOfParts([gramRows(a, width, 0, rows)], width);
    solveRows(a, r, width, 0, rows);
  }
}

/** Upper-triangular R with RᵀR = G; a pivot that is not clearly positive is set to zero (dependent column). */
function cholesky(g: Float64Array, width: number): Float64Array {
  const r = new Float64Array(width * width);
  let scale = 0;
  for (let i = 0; i < width; i++) scale = Math.max(scale, g[i * width + i]);
  const tiny = scale * 1e-12;
  for (let j = 0; j < width; j++) {
    let diagonal = g[j * width + j];
    for (let k = 0; k < j; k++) diagonal -= r[k * width + j] * r[k * width + j];
    if (diagonal <= tiny) continue;
    const pivot = Math.sqrt(diagonal);
    r[j * width + j] = pivot;
    for (let i = j + 1; i < width; i++) {
      let sum = g[j * width + i];
      for (let k = 0; k < j; k++) sum -= r[k * width + j] * r[k * width + i];
      r[j * width + i] = sum / pivot;
    }
  }
  return r;
}

/** Eigenvalues (descending) and eigenvectors (columns, row-major) of a symmetric matrix by cyclic Jacobi. */
export function symmetricEigen(matrix: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) off += a[i * size + j] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * size + q] - a[p * size + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p];
          const akq = a[k * size + q];
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k];
          const aqk = a[q * size + k];
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p];
          const vkq = v[k * size + q];
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => a[y * size + y] - a[x * size + x] || x - y);
  const values = new Float64Array(size);
  const vectors = new Float64Array(size * size);
  order.forEach((from, to) => {
    values[to] = a[from * size + from];
    for (let k = 0; k < size; k++) vectors[k * size + to] = v[k * size + from];
  });
  return { values, vectors };
}
