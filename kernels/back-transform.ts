// AssemblyScript: the Householder back-transformation of src/core/linalg/householder-back-transform.ts (eigenvectors
// of T, as rows of Z, times Qᵀ = P_1 ⋯ P_{n−1}, REFLECTOR_BLOCK reflectors at a time in compact WY form), bit for
// bit: both products of each block run on the shared 4 × 4 SIMD block (kernels/block.ts), whose outputs are sums in
// the reference's order. The block's width is padded to a multiple of four with zero columns of Y and zero rows of
// T·Yᵀ, whose ±0 terms change no bit of a sum that starts at +0.
//
// Scratch, from the caller's layout (backTransformScratchBytes): Y and T·Yᵀ as panels four columns wide, so that
// each 4 × 4 block reads its operand contiguously, T, the dot products that build it, and four rows of Z·Y.

import { multiplyBlock4x4, subtractBlock4x4 } from './block';
import { dot } from './eigen';
import { at, ld, st } from './memory';

/** REFLECTOR_BLOCK of the reference: the bits depend on it. */
const NB: i32 = 32;

/** Bytes of scratch `backTransform` needs for order n. */
export function backTransformScratchBytes(n: i32): usize {
  return (<usize>NB * n + <usize>NB * (n + 3) + NB * NB + NB + 4 * NB) * 8 + 16;
}

/** Entry (j, c) of the panels: four columns per panel, `rows` rows each. */
@inline function panel(base: usize, rows: i32, row: i32, column: i32): usize {
  return at(base, ((column >> 2) * rows + row) * 4 + (column & 3));
}

/**
 * Z (n × n, byte offset; one eigenvector of T per row) ← Z·Qᵀ, with the reflectors in W and their scalars in h as
 * `reduceToTridiagonal` leaves them. `scratch`: backTransformScratchBytes(n) bytes.
 */
export function backTransform(n: i32, W: usize, h: usize, Z: usize, scratch: usize): void {
  const Y = (scratch + 15) & ~(<usize>15);
  const M = at(Y, NB * n);
  const T = at(M, NB * (n + 3));
  const w = at(T, NB * NB);
  const X = at(w, NB);
  const rowBytes = <usize>n << 3;
  const xBytes = <usize>NB << 3;
  for (let first = 1; first < n; first += NB) {
    const count = min(NB, n - first);
    const width = (count + 3) & ~3;
    const len = first + count - 1;
    const quads = len & ~3;
    triangularFactor(n, W, h, first, count, T, w);
    packY(n, W, first, count, width, len, Y);
    packTY(n, W, T, first, count, width, len, M);
    let r = 0;
    for (; r + 3 < n; r += 4) {
      const z = at(Z, r * n);
      for (let c = 0; c < width; c += 4) multiplyBlock4x4(z, rowBytes, panel(Y, len, 0, c), 32, len, at(X, c), xBytes);
      for (let j = 0; j < quads; j += 4) subtractBlock4x4(X, xBytes, panel(M, width, 0, j), 32, width, at(z, j), rowBytes);
      for (let q = 0; q < 4; q++) subtractTail(at(X, q * NB), M, width, z + <usize>q * rowBytes, quads, len);
    }
    for (; r < n; r++) {
      const z = at(Z, r * n);
      for (let c = 0; c < width; c++) {
        let s: f64 = 0;
        for (let j = 0; j < len; j++) s += ld(z, j) * load<f64>(panel(Y, len, j, c));
        st(X, c, s);
      }
      subtractTail(X, M, width, z, 0, len);
    }
  }
}

/** z[j] −= Σ_c x[c]·(T·Yᵀ)[c, j], c ascending over the padded width, for j in [from, to). */
function subtractTail(x: usize, M: usize, width: i32, z: usize, from: i32, to: i32): void {
  for (let j = from; j < to; j++) {
    let s: f64 = 0;
    for (let c = 0; c < width; c++) s += ld(x, c) * load<f64>(panel(M, width, c, j));
    st(z, j, ld(z, j) - s);
  }
}

/** The reference's `triangularFactor`, T with row stride NB; `dot` sums in the reference's order. */
function triangularFactor(n: i32, W: usize, h: usize, first: i32, count: i32, T: usize, w: usize): void {
  for (let i = 0; i < count; i++) {
    const hi = ld(h, first + i);
    const tau: f64 = hi == 0 ? 0 : 1 / hi;
    st(T, i * NB + i, tau);
    const ui = (first + i) * n;
    for (let q = 0; q < i; q++) st(w, q, dot(W, (first + q) * n, ui, first + q));
    for (let r = 0; r < i; r++) {
      let s: f64 = 0;
      for (let q = r; q < i; q++) s += ld(T, r * NB + q) * ld(w, q);
      st(T, r * NB + i, -tau * s);
    }
  }
}

/** Y (len × width, column c = u_{first+c}, zero from c = count on) into panels of four columns. */
function packY(n: i32, W: usize, first: i32, count: i32, width: i32, len: i32, Y: usize): void {
  for (let c = 0; c < width; c++) {
    if (c < count) {
      const u = at(W, (first + c) * n);
      for (let j = 0; j < len; j++) store<f64>(panel(Y, len, j, c), ld(u, j));
    } else {
      for (let j = 0; j < len; j++) store<f64>(panel(Y, len, j, c), 0);
    }
  }
}

/**
 * T·Yᵀ (width × len): row c = Σ_{k=c}^{count−1} T[c, k]·u_{first+k}, k ascending, two columns per lane pair (a pair
 * never straddles two panels); rows from count on are zero.
 */
function packTY(n: i32, W: usize, T: usize, first: i32, count: i32, width: i32, len: i32, M: usize): void {
  const pairs = len & ~1;
  for (let c = 0; c < width; c++) {
    if (c >= count) {
      for (let j = 0; j < len; j++) store<f64>(panel(M, width, c, j), 0);
      continue;
    }
    for (let j = 0; j < pairs; j += 2) {
      let s = f64x2.splat(0);
      for (let k = c; k < count; k++) {
        s = f64x2.add(s, f64x2.mul(f64x2.splat(ld(T, c * NB + k)), v128.load(at(W, (first + k) * n + j))));
      }
      v128.store(panel(M, width, c, j), s);
    }
    if (pairs < len) {
      let s: f64 = 0;
      for (let k = c; k < count; k++) s += ld(T, c * NB + k) * ld(W, (first + k) * n + pairs);
      store<f64>(panel(M, width, c, pairs), s);
    }
  }
}
