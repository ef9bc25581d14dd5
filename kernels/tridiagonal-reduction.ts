// AssemblyScript: the blocked Householder reduction of src/core/linalg/symmetric-eigen.ts (`reduceToTridiagonal`,
// LAPACK's dsytrd and dlatrd: panels of REDUCTION_BLOCK columns against the leading block as the panel found it,
// then one update of rank 2·REDUCTION_BLOCK), bit for bit. The update runs on the shared packed 4 × 4 SIMD block
// (kernels/block.ts), whose outputs are sums in the reference's order; the corrections' lanes hold neighbouring
// entries, each a sum in the reference's order; the symmetric product and the dot products are eigen.ts's.
//
// Scratch, from the caller's layout (reductionScratchBytes): P (the panel's q and u as rows), P packed for the
// update (its right factor, then its left, X = P transposed, with each value twice), the corrections' coefficients
// and one column of corrections.

import { multiplyPackedBlock4x4 } from './block';
import { dot, dot4, dots, householderVector, symmetricTimesReflector } from './eigen';
import { at, ld, st } from './memory';

/** REDUCTION_BLOCK of the reference: the bits depend on it. */
const NB: i32 = 16;
const WIDTH: i32 = 2 * NB;

/** Bytes of scratch `reduceToTridiagonal` needs for order n. */
export function reductionScratchBytes(n: i32): usize {
  return (<usize>WIDTH * n * 4 + WIDTH + n) * 8 + 16;
}

/**
 * The reduction (byte offsets), as `reduceToTridiagonal` in symmetric-eigen.ts leaves it: T's diagonal in d, its
 * off-diagonal in e[1..n) (e[0] = 0), row i of W holding the reflector u_i in columns [0, i) and zeros elsewhere,
 * h[i] its scalar (h[0] = 0). `scratch`: reductionScratchBytes(n) bytes.
 */
export function reduceToTridiagonal(n: i32, W: usize, d: usize, e: usize, h: usize, scratch: usize): void {
  if (n == 0) return;
  const P = (scratch + 15) & ~(<usize>15);
  const packed = at(P, WIDTH * n);
  const coefficient = at(packed, 3 * WIDTH * n);
  const correction = at(coefficient, WIDTH);
  st(h, 0, 0);
  for (let top = n - 1; top > 0; top -= NB) {
    const bottom = max(top - NB + 1, 1);
    for (let i = top; i >= bottom; i--) {
      const terms = 2 * (top - i);
      for (let t = 0; t < terms; t++) st(coefficient, t, ld(P, (t ^ 1) * n + i));
      combineRows(P, n, coefficient, terms, correction, i + 1);
      for (let j = 0; j < i; j++) st(d, j, ld(W, j * n + i) - ld(correction, j));
      st(W, i * n + i, ld(W, i * n + i) - ld(correction, i));
      const u = (terms + 1) * n;
      const q = terms * n;
      let scale: f64 = 0;
      let hi: f64 = 0;
      for (let k = 0; k < i; k++) scale += Math.abs(ld(d, k));
      if (scale == 0) {
        st(e, i, ld(d, i - 1));
        for (let j = 0; j < i; j++) {
          st(W, j * n + i, 0);
          st(W, i * n + j, 0);
          st(P, u + j, 0);
          st(P, q + j, 0);
        }
      } else {
        hi = householderVector(d, e, i, scale);
        memory.copy(at(P, u), d, <usize>i << 3);
        symmetricTimesReflector(n, W, d, e, i);
        coefficientsOf(P, n, u, terms, i, coefficient);
        combineRows(P, n, coefficient, terms, correction, i);
        let f: f64 = 0;
        for (let j = 0; j < i; j++) {
          const v = (ld(e, j) - ld(correction, j)) / hi;
          st(e, j, v);
          f += v * ld(d, j);
        }
        const hh = f / (hi + hi);
        for (let j = 0; j < i; j++) {
          const v = ld(e, j) - hh * ld(d, j);
          st(e, j, v);
          st(P, q + j, v);
          st(W, j * n + i, 0);
        }
      }
      st(h, i, hi);
    }
    updateLeadingBlock(n, W, P, packed, 2 * (top - bottom + 1), bottom);
  }
  for (let i = 0; i < n; i++) {
    st(d, i, ld(W, i * n + i));
    st(W, i * n + i, 0);
  }
  st(e, 0, 0);
}

/** coefficient[t] = P[t ^ 1]·u over [0, len) for t < terms (even), each summed as `dot` sums it, four rows a pass. */
function coefficientsOf(P: usize, n: i32, u: i32, terms: i32, len: i32, coefficient: usize): void {
  let t = 0;
  for (; t + 3 < terms; t += 4) {
    dot4(P, u, t * n, n, len);
    st(coefficient, t, dots(1));
    st(coefficient, t + 1, dots(0));
    st(coefficient, t + 2, dots(3));
    st(coefficient, t + 3, dots(2));
  }
  for (; t < terms; t++) st(coefficient, t, dot(P, (t ^ 1) * n, u, len));
}

/**
 * out[j] = Σ_t P[t][j]·coefficient[t] (t ascending, from +0) for j in [0, len): eight neighbouring j in four
 * vectors at a time, which stay in registers through all the terms.
 */
function combineRows(P: usize, n: i32, coefficient: usize, terms: i32, out: usize, len: i32): void {
  const rowBytes = <usize>n << 3;
  let j = 0;
  for (; j + 7 < len; j += 8) {
    let a0 = f64x2.splat(0);
    let a1 = a0;
    let a2 = a0;
    let a3 = a0;
    let row = at(P, j);
    for (let t = 0; t < terms; t++) {
      const c = v128.load64_splat(at(coefficient, t));
      a0 = f64x2.add(a0, f64x2.mul(v128.load(row), c));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(row, 16), c));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(row, 32), c));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(row, 48), c));
      row += rowBytes;
    }
    const o = at(out, j);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
  for (; j < len; j++) {
    let s: f64 = 0;
    for (let t = 0; t < terms; t++) s += ld(P, t * n + j) * ld(coefficient, t);
    st(out, j, s);
  }
}

/**
 * W[j][k] −= Σ_t X[j][t]·P[t][k] on the upper triangle of the leading size × size block, with X[j][t] =
 * P[t ^ 1][j]: four rows × four columns at a time on the packed SIMD block (a diagonal block also updates the three
 * entries below its diagonal in each row, which the reduction overwrites with reflectors before it reads them), the
 * rest one sum at a time. `packed` receives P's columns four at a time (block q: term t's columns [4q, 4q + 4) at
 * t·4), then X's rows four at a time with each value twice (block q: term t's at t·8, the terms swapped in pairs).
 */
function updateLeadingBlock(n: i32, W: usize, P: usize, packed: usize, terms: i32, size: i32): void {
  const quads = size & ~3;
  const blockBytes = <usize>WIDTH << 5;
  const packedX = packed + (<usize>(quads >> 2) * blockBytes);
  for (let q = 0; q < quads; q += 4) {
    const columns = packed + (<usize>(q >> 2) * blockBytes);
    const rows = packedX + (<usize>(q >> 2) * blockBytes * 2);
    for (let t = 0; t < terms; t++) {
      const from = at(P, t * n + q);
      const c = columns + (<usize>t << 5);
      v128.store(c, v128.load(from));
      v128.store(c, v128.load(from, 16), 16);
      const r = rows + (<usize>(t ^ 1) << 6);
      v128.store(r, v128.load64_splat(from));
      v128.store(r, v128.load64_splat(from, 8), 16);
      v128.store(r, v128.load64_splat(from, 16), 32);
      v128.store(r, v128.load64_splat(from, 24), 48);
    }
  }
  const rowBytes = <usize>n << 3;
  let j = 0;
  for (; j < quads; j += 4) {
    const x = packedX + (<usize>(j >> 2) * blockBytes * 2);
    let k = j;
    for (; k < quads; k += 4) {
      multiplyPackedBlock4x4(x, packed + (<usize>(k >> 2) * blockBytes), terms, at(W, j * n + k), rowBytes, true, true);
    }
    for (let r = 0; r < 4; r++) subtractSums(n, W, P, terms, j + r, k, size);
  }
  for (; j < size; j++) subtractSums(n, W, P, terms, j, j, size);
}

/** W[j][k] −= Σ_t X[j][t]·P[t][k] (X[j][t] = P[t ^ 1][j]) for k in [from, to), one sum at a time. */
function subtractSums(n: i32, W: usize, P: usize, terms: i32, j: i32, from: i32, to: i32): void {
  for (let k = from; k < to; k++) {
    let s: f64 = 0;
    for (let t = 0; t < terms; t++) s += ld(P, (t ^ 1) * n + j) * ld(P, t * n + k);
    st(W, j * n + k, ld(W, j * n + k) - s);
  }
}
