/**
 * Eigendecomposition of a real symmetric matrix: Householder reduction to tridiagonal form (tred2 of EISPACK,
 * Bowdler, Martin, Reinsch & Wilkinson 1968, by way of JAMA's public-domain translation), then the tridiagonal
 * eigenproblem by the implicit QL algorithm (tql2) up to n = DIVIDE_AND_CONQUER_MIN and above it by divide and
 * conquer (tridiagonal-divide-conquer.ts, LAPACK's dstedc) followed by the back-transformation V = Z·Qᵀ with the
 * reflectors applied in blocks, Q never formed (householder-back-transform.ts, dormtr), as LAPACK's dsyevd splits
 * the work; there the reduction itself runs in panels (`reduceToTridiagonal`, dsytrd). O(n³); used by CMA-ES every
 * few generations (which above DIVIDE_AND_CONQUER_MIN stops before the back-transformation, symmetricEigenFactored,
 * and applies Qᵀ to its samples instead) and by Lanczos on its small tridiagonal matrices (which stay on QL).
 *
 * Tolerance: up to n = DIVIDE_AND_CONQUER_MIN the results are EISPACK's bit for bit. Above it they differ from QL's
 * in their last bits: eigenvalues by at most 4·n·ε·‖A‖_max (ε = 2⁻⁵², tests/symmetric-eigen.test.ts; 0.09 to 1.42
 * of that on its matrices), with residuals |A·v − λ·v| and orthogonality |VVᵀ − I| of the same order. The kernel
 * and this reference agree bit for bit at every n (tests/kernels.test.ts).
 *
 * Memory layout. EISPACK was written for column-major Fortran: its inner loops run down columns. Translated to a
 * row-major array they stride by n and miss the cache on every access (about 16 s at n = 1000). Here every index
 * pair of tred2 is transposed: the algorithm works on W = Vᵀ, which for the symmetric input is the same matrix,
 * reads only the upper triangle, and all its O(n³) loops (the symmetric matrix–vector product, the rank-two update
 * and the backward accumulation of the Householder vectors) run along rows. Its result is Qᵀ, whose rows are the
 * orthonormal basis that QL then rotates pairwise, again along rows, into the eigenvectors. The arithmetic is
 * EISPACK's, operation for operation; only the memory order changed.
 *
 * Where WebAssembly runs, the same algorithm runs in a SIMD kernel (kernels/eigen.ts, tridiagonal-reduction.ts,
 * tridiagonal-dc.ts and back-transform.ts; lanes over independent entries, every sum in this file's order), which
 * gives the same bits; the code below is its reference and fallback.
 */

import { type KernelExports, kernelInstance, kernelsEnabled } from '../kernels/wasm.ts';
import { backTransform } from './householder-back-transform.ts';
import { DIVIDE_AND_CONQUER_MIN, tridiagonalEigen } from './tridiagonal-divide-conquer.ts';

/**
 * Decomposes the symmetric n × n matrix `a` (row-major; only its upper triangle, a[i·n + j] with j ≥ i, is read)
 * into eigenvalues `values` (ascending) and orthonormal eigenvectors stored as the *rows* of `vectors` (row i
 * belongs to values[i]). `a` is left unchanged unless it is `vectors` itself. `scratch` (n numbers) is optional;
 * `work` is no longer needed and is ignored (it stays in the signature for existing callers).
 */
export function symmetricEigen(
  n: number,
  a: Float64Array,
  values: Float64Array,
  vectors: Float64Array,
  work?: Float64Array,
  scratch?: Float64Array,
): void {
  void work;
  if (n === 0) return;
  if (kernelEigen(n, a, values, vectors)) return;
  const e = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  if (a !== vectors) vectors.set(a.subarray(0, n * n));
  if (n <= DIVIDE_AND_CONQUER_MIN) {
    tridiagonalize(n, vectors, values, e);
    diagonalize(n, vectors, values, e);
    return;
  }
  const h = new Float64Array(n);
  const Z = new Float64Array(n * n);
  reduceAndDivide(n, vectors, values, e, h, Z);
  backTransform(n, vectors, h, Z);
  vectors.set(Z);
}

/**
 * symmetricEigen above DIVIDE_AND_CONQUER_MIN without its back-transformation, for a caller that applies the
 * eigenvectors to a few vectors at a time and so never needs them formed (CMA-ES: 2·n³ flops saved per
 * decomposition, about λ·n² multiply–adds spent per generation): `values` ascending, the eigenvectors of T as the
 * rows of Z, and `reduceToTridiagonal`'s reflectors in W and scalars in h, so that the eigenvectors of `a` are the
 * rows of Z·Qᵀ (applyBackTransform of householder-back-transform.ts). values and Z·Qᵀ are symmetricEigen's bits.
 * `a` is left unchanged unless it is W itself; `scratch` (n numbers) is optional.
 */
export function symmetricEigenFactored(
  n: number,
  a: Float64Array,
  values: Float64Array,
  Z: Float64Array,
  W: Float64Array,
  h: Float64Array,
  scratch?: Float64Array,
): void {
  if (n <= DIVIDE_AND_CONQUER_MIN) throw new RangeError(`symmetricEigenFactored: n = ${n} is solved by QL, which forms its eigenvectors; use symmetricEigen`);
  if (kernelEigenFactored(n, a, values, Z, W, h)) return;
  const e = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  if (a !== W) W.set(a.subarray(0, n * n));
  reduceAndDivide(n, W, values, e, h, Z);
}

/** The reduction of W in place and divide and conquer on its T: values into d, T's eigenvectors into Z's rows. */
function reduceAndDivide(n: number, W: Float64Array, d: Float64Array, e: Float64Array, h: Float64Array, Z: Float64Array): void {
  reduceToTridiagonal(n, W, d, e, h);
  tridiagonalEigen(n, d, e.subarray(1), Z);
}

/** The eigensolver's kernel instance, shared by every call in this thread; its memory grows to the largest n. */
let eigenKernels: KernelExports | null | undefined;
/** Byte offset of the kernel's matrix W; its eigenvalues follow it. */
const KERNEL_BASE = 64;

/** The thread's eigensolver kernels with `a` copied in at KERNEL_BASE, or null where they do not run. */
function kernelWith(n: number, a: Float64Array): KernelExports | null {
  if (!kernelsEnabled()) return null;
  if (eigenKernels === undefined) eigenKernels = kernelInstance();
  const kernels = eigenKernels;
  if (!kernels) return null;
  const memory = kernels.memory;
  const missing = KERNEL_BASE + kernels.eigenFixedBytes(n) - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  new Float64Array(memory.buffer, KERNEL_BASE, n * n).set(a.subarray(0, n * n));
  return kernels;
}

function kernelEigen(n: number, a: Float64Array, values: Float64Array, vectors: Float64Array): boolean {
  const kernels = kernelWith(n, a);
  if (!kernels) return false;
  kernels.symmetricEigen(n, KERNEL_BASE);
  // The rotations may have grown the memory: views only from here on.
  const buffer = kernels.memory.buffer;
  vectors.set(new Float64Array(buffer, KERNEL_BASE, n * n));
  values.set(new Float64Array(buffer, KERNEL_BASE + 8 * n * n, n));
  return true;
}

function kernelEigenFactored(n: number, a: Float64Array, values: Float64Array, Z: Float64Array, W: Float64Array, h: Float64Array): boolean {
  const kernels = kernelWith(n, a);
  if (!kernels) return false;
  kernels.symmetricEigenFactored(n, KERNEL_BASE);
  const buffer = kernels.memory.buffer;
  W.set(new Float64Array(buffer, KERNEL_BASE, n * n));
  values.set(new Float64Array(buffer, KERNEL_BASE + 8 * n * n, n));
  Z.set(new Float64Array(buffer, kernels.factoredVectorsAt(n, KERNEL_BASE), n * n));
  h.set(new Float64Array(buffer, kernels.factoredScalesAt(n, KERNEL_BASE), n));
  return true;
}

/**
 * Householder tridiagonalisation (tred2) of the symmetric matrix in W, in place, on its upper triangle. On return
 * d holds the diagonal, e the off-diagonal in e[1..n), and W = Qᵀ: row j of W is the j-th basis vector.
 */
export function tridiagonalize(n: number, W: Float64Array, d: Float64Array, e: Float64Array): void {
  reduce(n, W, d, e);
  accumulate(n, W, d, e);
}

/**
 * Columns reduced per panel before one update of the leading block (LAPACK's nb of dsytrd); the bits depend on it,
 * so the kernel uses the same number. 16 was the fastest of 16, 32, 48 and 64 at n = 1000 on this loaded machine
 * (bench/runs/2026-12-03-x17red-panel-widths.txt): wider panels cost more in the corrections, which are
 * matrix–vector work, than they save in the update.
 */
export const REDUCTION_BLOCK = 16;

/**
 * The reduction alone, for a back-transformation that applies the reflectors to eigenvectors of T without forming
 * Q (householder-back-transform.ts). On return d holds T's diagonal, e its off-diagonal in e[1..n) (e[0] = 0), and
 * W the reflectors: row i holds u_i in columns [0, i) and zeros elsewhere, h[i] its scalar, so that P_i = I −
 * u_i·u_iᵀ/h_i (the identity where h_i = 0; h[0] = 0), T = Qᵀ·A·Q and Qᵀ = P_1·P_2 ⋯ P_{n−1}.
 *
 * Blocked as LAPACK's dsytrd and dlatrd: tred2's steps (each reflector and its scaling exactly as `reduce` forms
 * them) run in panels of REDUCTION_BLOCK columns, i = top … bottom, against the leading block as it stood when the
 * panel began. Step i's column and its product A·u are corrected by the panel's earlier rank-two updates
 * A ← A − u_m·q_mᵀ − q_m·u_mᵀ (q_m = p − K·u, tred2's e) instead of those updates being applied to the whole block;
 * after the panel one update of rank 2·REDUCTION_BLOCK brings the leading bottom × bottom block up to date, a
 * matrix–matrix product that the kernel runs on its SIMD 4 × 4 block. Every sum starts at +0 and adds its terms in
 * the order written (the kernel's lanes hold neighbouring outputs), so the kernel gives the same bits. Compared with
 * the unblocked `reduce`, the same arithmetic is grouped differently: T differs in its last bits.
 */
export function reduceToTridiagonal(n: number, W: Float64Array, d: Float64Array, e: Float64Array, h: Float64Array): void {
  if (n === 0) return;
  const nb = REDUCTION_BLOCK;
  const width = 2 * nb;
  // Row 2m of P is q_m of the panel's m-th reflector (over [0, i) of its step i), row 2m + 1 is u_m.
  const P = new Float64Array(width * n);
  // X[j·width + t] = P[t ^ 1][j]: the update's left factor, so that Σ_t X[j][t]·P[t][k] = Σ_m u_m[j]·q_m[k] + q_m[j]·u_m[k].
  const X = new Float64Array(n * width);
  const coefficient = new Float64Array(width);
  const correction = new Float64Array(n);
  h[0] = 0;
  for (let top = n - 1; top > 0; top -= nb) {
    const bottom = Math.max(top - nb + 1, 1);
    for (let i = top; i >= bottom; i--) {
      const terms = 2 * (top - i);
      // Column i, rows 0 … i, as the panel's earlier updates left it; its diagonal entry is T's.
      for (let t = 0; t < terms; t++) coefficient[t] = P[(t ^ 1) * n + i];
      combineRows(P, n, coefficient, terms, correction, i + 1);
      for (let j = 0; j < i; j++) d[j] = W[j * n + i] - correction[j];
      W[i * n + i] -= correction[i];
      const u = (terms + 1) * n;
      const q = terms * n;
      let scale = 0;
      let hi = 0;
      for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
      if (scale === 0) {
        e[i] = d[i - 1];
        for (let j = 0; j < i; j++) {
          W[j * n + i] = 0;
          W[i * n + j] = 0;
          P[u + j] = 0;
          P[q + j] = 0;
        }
      } else {
        hi = householderVector(d, e, i, scale);
        for (let j = 0; j < i; j++) P[u + j] = d[j];
        // p = A·u on the leading i × i block as it stood when the panel began, then the panel's earlier updates:
        // p −= Σ_m u_m·(q_m·u) + q_m·(u_m·u).
        symmetricTimesReflector(n, W, d, e, i);
        for (let t = 0; t < terms; t++) coefficient[t] = dot(P, (t ^ 1) * n, u, i);
        combineRows(P, n, coefficient, terms, correction, i);
        let f = 0;
        for (let j = 0; j < i; j++) {
          e[j] = (e[j] - correction[j]) / hi;
          f += e[j] * d[j];
        }
        const hh = f / (hi + hi);
        for (let j = 0; j < i; j++) {
          e[j] -= hh * d[j];
          P[q + j] = e[j];
          W[j * n + i] = 0;
        }
      }
      h[i] = hi;
    }
    updateLeadingBlock(n, W, P, X, 2 * (top - bottom + 1), bottom);
  }
  for (let i = 0; i < n; i++) {
    d[i] = W[i * n + i];
    W[i * n + i] = 0;
  }
  e[0] = 0;
}

/** out[j] = Σ_t P[t][j]·coefficient[t] (t ascending over `terms` rows of P, from +0) for j in [0, len). */
function combineRows(P: Float64Array, n: number, coefficient: Float64Array, terms: number, out: Float64Array, len: number): void {
  out.fill(0, 0, len);
  for (let t = 0; t < terms; t++) {
    const c = coefficient[t];
    const row = t * n;
    for (let j = 0; j < len; j++) out[j] += P[row + j] * c;
  }
}

/**
 * The rank-`terms` update after a panel, on the upper triangle of the leading size × size block: W[j][k] −=
 * Σ_t X[j][t]·P[t][k], the sum formed from +0 in t order and then subtracted (the kernel's subtractBlock4x4).
 */
function updateLeadingBlock(n: number, W: Float64Array, P: Float64Array, X: Float64Array, terms: number, size: number): void {
  const width = 2 * REDUCTION_BLOCK;
  for (let j = 0; j < size; j++) for (let t = 0; t < terms; t++) X[j * width + t] = P[(t ^ 1) * n + j];
  for (let j = 0; j < size; j++) {
    const x = j * width;
    const row = j * n;
    for (let k = j; k < size; k++) {
      let s = 0;
      for (let t = 0; t < terms; t++) s += X[x + t] * P[t * n + k];
      W[row + k] -= s;
    }
  }
}

/**
 * e[0..i) = A·u on the leading i × i block, from its upper triangle, u = d[0..i), which is also stored in row i of
 * W: each row j gives one dot product (into e[j]) and one axpy (into e[k], k > j), both along the row.
 */
function symmetricTimesReflector(n: number, W: Float64Array, d: Float64Array, e: Float64Array, i: number): void {
  for (let j = 0; j < i; j++) e[j] = 0;
  const rowI = i * n;
  for (let j = 0; j < i; j++) {
    const f = d[j];
    W[rowI + j] = f;
    const row = j * n;
    e[j] = dotAxpy(W, row, d, e, j + 1, i, f, e[j] + W[row + j] * f);
  }
}

/**
 * Column i's Householder vector, tred2's way: d[0..i) (the column, its 1-norm `scale`) is scaled by 1/scale and
 * becomes u, with u[i − 1] = f − g where g = ∓‖d‖ takes the sign that avoids cancellation; e[i] = scale·g. Returns
 * h = ‖u‖²/2 as tred2 forms it, uᵀu/2 summed in index order. Shared by the unblocked and the panelled reduction.
 */
export function householderVector(d: Float64Array, e: Float64Array, i: number, scale: number): number {
  let h = 0;
  for (let k = 0; k < i; k++) {
    d[k] /= scale;
    h += d[k] * d[k];
  }
  const f = d[i - 1];
  let g = Math.sqrt(h);
  if (f > 0) g = -g;
  e[i] = scale * g;
  h -= f * g;
  d[i - 1] = f - g;
  return h;
}

/**
 * The first half of tred2: on return row i of W holds u_i in columns [0, i), T's diagonal entry i in column i and
 * zeros beyond; d[i] = h_i for i ≥ 1; e[1..n) the off-diagonal.
 */
function reduce(n: number, W: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = W[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = W[j * n + i - 1];
        W[j * n + i] = 0;
        W[i * n + j] = 0;
      }
    } else {
      h = householderVector(d, e, i, scale);
      // The Householder vector u = d is kept in row i.
      symmetricTimesReflector(n, W, d, e, i);
      let f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      // Rank-two update of the upper triangle, row by row.
      for (let j = 0; j < i; j++) {
        const row = j * n;
        rankTwoRow(W, row, e, d, j, i, d[j], e[j]);
        d[j] = W[row + i - 1];
        W[row + i] = 0;
      }
    }
    d[i] = h;
  }
}

/**
 * Accumulation of the Householder transformations kept in W by `tridiagonalize` (the second half of tred2): rows
 * 0..i of W become the basis of the leading block, for i = 0, 1, …, n − 2.
 */
function accumulate(n: number, W: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let i = 0; i < n - 1; i++) {
    W[i * n + n - 1] = W[i * n + i];
    W[i * n + i] = 1;
    const h = d[i + 1];
    const u = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = W[u + k] / h;
      for (let j = 0; j <= i; j++) {
        const row = j * n;
        subtractScaledRow(W, row, d, dot(W, u, row, i + 1), i + 1);
      }
    }
    for (let k = 0; k <= i; k++) W[u + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = W[j * n + n - 1];
    W[j * n + n - 1] = 0;
  }
  W[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** g0 + Σ_k W[row + k]·d[k] for k in [from, to), summed in k order, while e[k] += W[row + k]·f. */
function dotAxpy(W: Float64Array, row: number, d: Float64Array, e: Float64Array, from: number, to: number, f: number, g0: number): number {
  let g = g0;
  let k = from;
  for (; k + 3 < to; k = (k + 4) | 0) {
    const r = (row + k) | 0;
    const k1 = (k + 1) | 0;
    const k2 = (k + 2) | 0;
    const k3 = (k + 3) | 0;
    const w0 = W[r];
    const w1 = W[(r + 1) | 0];
    const w2 = W[(r + 2) | 0];
    const w3 = W[(r + 3) | 0];
    g += w0 * d[k];
    g += w1 * d[k1];
    g += w2 * d[k2];
    g += w3 * d[k3];
    e[k] += w0 * f;
    e[k1] += w1 * f;
    e[k2] += w2 * f;
    e[k3] += w3 * f;
  }
  for (; k < to; k++) {
    const w0 = W[row + k];
    g += w0 * d[k];
    e[k] += w0 * f;
  }
  return g;
}

/** W[row + k] −= f·e[k] + g·d[k] for k in [from, to). */
function rankTwoRow(W: Float64Array, row: number, e: Float64Array, d: Float64Array, from: number, to: number, f: number, g: number): void {
  let k = from;
  for (; k + 3 < to; k = (k + 4) | 0) {
    const r = (row + k) | 0;
    W[r] -= f * e[k] + g * d[k];
    W[(r + 1) | 0] -= f * e[(k + 1) | 0] + g * d[(k + 1) | 0];
    W[(r + 2) | 0] -= f * e[(k + 2) | 0] + g * d[(k + 2) | 0];
    W[(r + 3) | 0] -= f * e[(k + 3) | 0] + g * d[(k + 3) | 0];
  }
  for (; k < to; k++) W[row + k] -= f * e[k] + g * d[k];
}

/** Σ_k W[a + k]·W[b + k] for k in [0, len), summed in k order. */
function dot(W: Float64Array, a: number, b: number, len: number): number {
  let g = 0;
  let k = 0;
  for (; k + 3 < len; k = (k + 4) | 0) {
    const p = (a + k) | 0, q = (b + k) | 0;
    g += W[p] * W[q];
    g += W[(p + 1) | 0] * W[(q + 1) | 0];
    g += W[(p + 2) | 0] * W[(q + 2) | 0];
    g += W[(p + 3) | 0] * W[(q + 3) | 0];
  }
  for (; k < len; k++) g += W[a + k] * W[b + k];
  return g;
}

/** W[row + k] −= g·d[k] for k in [0, len). */
function subtractScaledRow(W: Float64Array, row: number, d: Float64Array, g: number, len: number): void {
  let k = 0;
  for (; k + 3 < len; k = (k + 4) | 0) {
    const r = (row + k) | 0;
    W[r] -= g * d[k];
    W[(r + 1) | 0] -= g * d[(k + 1) | 0];
    W[(r + 2) | 0] -= g * d[(k + 2) | 0];
    W[(r + 3) | 0] -= g * d[(k + 3) | 0];
  }
  for (; k < len; k++) W[row + k] -= g * d[k];
}

/**
 * Implicit QL iterations on the tridiagonal (d, e) (tql2), then the same plane rotations applied to the rows of W;
 * sorts ascending. The rotations depend on d and e only, never on W, so they are recorded first and applied
 * afterwards, a block of columns at a time: each column of W sees the whole sequence of rotations while it stays
 * in cache, and within one QL sweep (rotations of rows m−1, …, l in turn) the row carried from one rotation to the
 * next stays in a register. Each rotation computes exactly what tql2 computes, in the same order. On entry e[i]
 * couples rows i − 1 and i (i ≥ 1; e[0] is ignored), as `tridiagonalize` leaves it; e is overwritten.
 */
export function diagonalize(n: number, W: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Math.pow(2, -52);
  const log = new RotationLog(n);
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      for (let iter = 0; iter < 60; iter++) {
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        let at = log.startSweep(l, m);
        const cs = log.c;
        const sn = log.s;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.sqrt(p * p + e[i] * e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          cs[at] = c;
          sn[at++] = s;
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[l]) > eps * tst1)) break;
      }
    }
    d[l] += f;
    e[l] = 0;
  }
  log.apply(W, n);
  // Selection sort of eigenvalues and the matching rows, ascending.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = W[i * n + j];
        W[i * n + j] = W[k * n + j];
        W[k * n + j] = t;
      }
    }
  }
}

/** Columns of W rotated together: the block (BLOCK × n numbers) stays in the level-2 cache. */
const BLOCK = 16;

/**
 * The plane rotations of QL, in order, grouped in sweeps: sweep q rotates rows (i, i + 1) for i = top[q] − 1 down
 * to bottom[q] with cosines c and sines s stored from offset start[q]. A decomposition needs about n² rotations
 * (16·n² bytes, freed with the log); the buffers grow on demand.
 */
class RotationLog {
  c: Float64Array;
  s: Float64Array;
  bottom = new Int32Array(64);
  top = new Int32Array(64);
  start = new Int32Array(65);
  sweeps = 0;
  private readonly block: Float64Array;

  constructor(n: number) {
    this.c = new Float64Array(Math.max(1, n * n));
    this.s = new Float64Array(Math.max(1, n * n));
    this.block = new Float64Array(Math.min(BLOCK, n) * n);
  }

  /** Opens a sweep over rows m … l; returns the offset of its first rotation. */
  startSweep(l: number, m: number): number {
    const q = this.sweeps;
    if (q + 1 >= this.start.length) {
      const grow = (a: Int32Array, size: number) => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      };
      const size = Math.max(64, 2 * this.start.length);
      this.bottom = grow(this.bottom, size);
      this.top = grow(this.top, size);
      this.start = grow(this.start, size + 1);
    }
    const at = this.start[q];
    if (at + (m - l) > this.c.length) this.growRotations(2 * (at + (m - l)));
    this.bottom[q] = l;
    this.top[q] = m;
    this.start[q + 1] = at + (m - l);
    this.sweeps = q + 1;
    return at;
  }

  private growRotations(size: number): void {
    const c = new Float64Array(size);
    const s = new Float64Array(size);
    c.set(this.c);
    s.set(this.s);
    this.c = c;
    this.s = s;
  }

  /** Applies every recorded rotation, in order, to the rows of the n × n matrix W. */
  apply(W: Float64Array, n: number): void {
    const V = this.block;
    const { c, s, bottom, top, start } = this;
    const sweeps = this.sweeps;
    for (let k0 = 0; k0 < n; k0 += BLOCK) {
      const width = Math.min(BLOCK, n - k0);
      // V holds columns k0 … k0 + width − 1 of W, one per row of V.
      for (let i = 0; i < n; i++) {
        const row = i * n + k0;
        for (let kk = 0; kk < width; kk++) V[kk * n + i] = W[row + kk];
      }
      for (let q = 0; q < sweeps; q++) {
        const l = bottom[q];
        const m = top[q];
        const first = start[q];
        let kk = 0;
        for (; kk + 3 < width; kk += 4) {
          const u0 = kk * n;
          const u1 = u0 + n;
          const u2 = u1 + n;
          const u3 = u2 + n;
          let a0 = V[u0 + m];
          let a1 = V[u1 + m];
          let a2 = V[u2 + m];
          let a3 = V[u3 + m];
          for (let i = m - 1, at = first; i >= l; i = (i - 1) | 0, at = (at + 1) | 0) {
            const ci = c[at];
            const si = s[at];
            const i1 = (i + 1) | 0;
            let b = V[(u0 + i) | 0];
            V[(u0 + i1) | 0] = si * b + ci * a0;
            a0 = ci * b - si * a0;
            b = V[(u1 + i) | 0];
            V[(u1 + i1) | 0] = si * b + ci * a1;
            a1 = ci * b - si * a1;
            b = V[(u2 + i) | 0];
            V[(u2 + i1) | 0] = si * b + ci * a2;
            a2 = ci * b - si * a2;
            b = V[(u3 + i) | 0];
            V[(u3 + i1) | 0] = si * b + ci * a3;
            a3 = ci * b - si * a3;
          }
          V[u0 + l] = a0;
          V[u1 + l] = a1;
          V[u2 + l] = a2;
          V[u3 + l] = a3;
        }
        for (; kk < width; kk++) {
          const u = kk * n;
          let carry = V[u + m];
          for (let i = m - 1, at = first; i >= l; i--, at++) {
            const ci = c[at];
            const si = s[at];
            const cur = V[u + i];
            V[u + i + 1] = si * cur + ci * carry;
            carry = ci * cur - si * carry;
          }
          V[u + l] = carry;
        }
      }
      for (let i = 0; i < n; i++) {
        const row = i * n + k0;
        for (let kk = 0; kk < width; kk++) W[row + kk] = V[kk * n + i];
      }
    }
  }
}
