// AssemblyScript: the Householder back-transformation of src/core/linalg/householder-back-transform.ts (eigenvectors
// of T, as rows of Z, times Qᵀ = P_1 ⋯ P_{n−1}, REFLECTOR_BLOCK reflectors at a time in compact WY form), bit for
// bit: both products of each block run on the shared 4 × 4 SIMD block (kernels/block.ts), whose outputs are sums in
// the reference's order. The block's width is padded to a multiple of four with zero columns of Y and zero rows of
// T·Yᵀ, whose ±0 terms change no bit of a sum that starts at +0.
//
// Scratch, from the caller's layout (backTransformScratchBytes): Y and T·Yᵀ as panels four columns wide, so that
// each 4 × 4 block reads its operand contiguously, T, the dot products that build it, and four rows of Z·Y. Split
// in two for CMA-ES, which applies Qᵀ to λ rows per generation: `prepareBackTransform` packs every block's Y and
// T·Yᵀ once per decomposition (into the caller's backTransformPreparedBytes) and `applyBackTransform` applies them
// to any number of rows.

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

/** Bytes of one prepared block: Y (len × width) and T·Yᵀ (width × len, its last panel of four columns whole). */
@inline function blockBytes(width: i32, len: i32): usize {
  return (<usize>width * len + <usize>width * ((len + 3) & ~3)) << 3;
}

/**
 * Z (n × n, byte offset; one eigenvector of T per row) ← Z·Qᵀ, with the reflectors in W and their scalars in h as
 * `reduceToTridiagonal` leaves them. `scratch`: backTransformScratchBytes(n) bytes. Each block is prepared just
 * before it is applied, into the one block's room in scratch.
 */
export function backTransform(n: i32, W: usize, h: usize, Z: usize, scratch: usize): void {
  const Y = (scratch + 15) & ~(<usize>15);
  const M = at(Y, NB * n);
  const T = at(M, NB * (n + 3));
  const w = at(T, NB * NB);
  const X = at(w, NB);
  for (let first = 1; first < n; first += NB) {
    const count = min(NB, n - first);
    prepareBlock(n, W, h, first, count, T, w, Y, M);
    applyBlock(first, count, Y, M, Z, n, <usize>n << 3, X);
  }
}

/** Bytes of `prepareBackTransform`'s output for order n (about n² numbers, the reflectors' Y and T·Yᵀ in panels). */
export function backTransformPreparedBytes(n: i32): usize {
  let bytes: usize = 16;
  for (let first = 1; first < n; first += NB) {
    const width = (min(NB, n - first) + 3) & ~3;
    bytes += blockBytes(width, first + min(NB, n - first) - 1);
  }
  return bytes;
}

/** Bytes of scratch `prepareBackTransform` and `applyBackTransform` need. */
export function backTransformApplyScratchBytes(): usize {
  return (NB * NB + NB + 4 * NB) * 8 + 16;
}

/**
 * Every block's Y and T·Yᵀ (what depends on the reflectors alone) into `prepared` (backTransformPreparedBytes(n)),
 * for `applyBackTransform` to apply Qᵀ to a few rows at a time many times over, as the reference's
 * prepareBackTransform. `scratch`: backTransformApplyScratchBytes() bytes.
 */
export function prepareBackTransform(n: i32, W: usize, h: usize, prepared: usize, scratch: usize): void {
  const T = (scratch + 15) & ~(<usize>15);
  const w = at(T, NB * NB);
  let Y = (prepared + 15) & ~(<usize>15);
  for (let first = 1; first < n; first += NB) {
    const count = min(NB, n - first);
    const width = (count + 3) & ~3;
    const len = first + count - 1;
    prepareBlock(n, W, h, first, count, T, w, Y, at(Y, width * len));
    Y += blockBytes(width, len);
  }
}

/**
 * rows[k] ← rows[k]·Qᵀ for k < count, row k from byte rows + k·stride·8 (its first n entries), from the blocks that
 * `prepareBackTransform` left in `prepared`: the reference's applyBackTransform, bit for bit.
 */
export function applyBackTransform(n: i32, prepared: usize, rows: usize, count: i32, stride: i32, scratch: usize): void {
  const X = (scratch + 15) & ~(<usize>15);
  let Y = (prepared + 15) & ~(<usize>15);
  for (let first = 1; first < n; first += NB) {
    const blockCount = min(NB, n - first);
    const width = (blockCount + 3) & ~3;
    const len = first + blockCount - 1;
    applyBlock(first, blockCount, Y, at(Y, width * len), rows, count, <usize>stride << 3, X);
    Y += blockBytes(width, len);
  }
}

/** One block's T (with `w` for its dot products), then Y and T·Yᵀ packed in panels at Y and M. */
function prepareBlock(n: i32, W: usize, h: usize, first: i32, count: i32, T: usize, w: usize, Y: usize, M: usize): void {
  const width = (count + 3) & ~3;
  const len = first + count - 1;
  triangularFactor(n, W, h, first, count, T, w);
  packY(n, W, first, count, width, len, Y);
  packTY(n, W, T, first, count, width, len, M);
}

/**
 * One block, I − Y·T·Yᵀ, on `rowCount` rows `rowBytes` apart: z ← z − (z·Y)·(T·Yᵀ). Rows four at a time through the
 * shared 4 × 4 block, the rest one at a time in two lane pairs (`applyRow`); X is scratch for four rows of z·Y.
 */
function applyBlock(first: i32, count: i32, Y: usize, M: usize, Z: usize, rowCount: i32, rowBytes: usize, X: usize): void {
  const width = (count + 3) & ~3;
  const len = first + count - 1;
  const quads = len & ~3;
  const xBytes = <usize>NB << 3;
  let r = 0;
  for (; r + 3 < rowCount; r += 4) {
    const z = Z + <usize>r * rowBytes;
    for (let c = 0; c < width; c += 4) multiplyBlock4x4(z, rowBytes, panel(Y, len, 0, c), 32, len, at(X, c), xBytes);
    for (let j = 0; j < quads; j += 4) subtractBlock4x4(X, xBytes, panel(M, width, 0, j), 32, width, at(z, j), rowBytes);
    for (let q = 0; q < 4; q++) subtractTail(at(X, q * NB), M, width, z + <usize>q * rowBytes, quads, len);
  }
  for (; r < rowCount; r++) applyRow(Z + <usize>r * rowBytes, Y, M, width, len, X);
}

/**
 * One row through one block: x = z·Y four outputs at a time (two lane pairs, each sum in j order, as the 4 × 4 block
 * forms it), then z[j] −= Σ_c x[c]·(T·Yᵀ)[c, j] four entries at a time, c ascending: a single row (C^(-1/2)·(m −
 * m_old) in CMA-ES) costs as many multiply–adds as a row of four and should not run at the scalar rate.
 */
function applyRow(z: usize, Y: usize, M: usize, width: i32, len: i32, x: usize): void {
  for (let c = 0; c < width; c += 4) {
    let s01 = f64x2.splat(0);
    let s23 = s01;
    let m = panel(Y, len, 0, c);
    for (let j = 0; j < len; j++) {
      const v = v128.load64_splat(at(z, j));
      s01 = f64x2.add(s01, f64x2.mul(v, v128.load(m)));
      s23 = f64x2.add(s23, f64x2.mul(v, v128.load(m, 16)));
      m += 32;
    }
    v128.store(at(x, c), s01);
    v128.store(at(x, c), s23, 16);
  }
  const quads = len & ~3;
  for (let j = 0; j < quads; j += 4) {
    let s01 = f64x2.splat(0);
    let s23 = s01;
    let m = panel(M, width, 0, j);
    for (let c = 0; c < width; c++) {
      const v = v128.load64_splat(at(x, c));
      s01 = f64x2.add(s01, f64x2.mul(v, v128.load(m)));
      s23 = f64x2.add(s23, f64x2.mul(v, v128.load(m, 16)));
      m += 32;
    }
    const o = at(z, j);
    v128.store(o, f64x2.sub(v128.load(o), s01));
    v128.store(o, f64x2.sub(v128.load(o, 16), s23), 16);
  }
  subtractTail(x, M, width, z, quads, len);
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
    let q = 0;
    for (; q + 3 < i; q += 4) reflectorDots4(W, n, first, q, ui, w);
    for (; q < i; q++) st(w, q, dot(W, (first + q) * n, ui, first + q));
    for (let r = 0; r < i; r++) {
      let s: f64 = 0;
      for (let q = r; q < i; q++) s += ld(T, r * NB + q) * ld(w, q);
      st(T, r * NB + i, -tau * s);
    }
  }
}

/**
 * w[q + r] = u_{first+q+r}·u_i over its support [0, first + q + r), r < 4: four chains of additions side by side over
 * their common length, then each its own last terms, every sum in `dot`'s order: one chain at a time, the latency
 * of its additions bound the triangular factors, which CMA-ES prepares at every decomposition.
 */
function reflectorDots4(W: usize, n: i32, first: i32, q: i32, ui: i32, w: usize): void {
  const len = first + q;
  const u = at(W, ui);
  const r0 = at(W, len * n);
  const r1 = at(r0, n);
  const r2 = at(r1, n);
  const r3 = at(r2, n);
  let g0: f64 = 0;
  let g1: f64 = 0;
  let g2: f64 = 0;
  let g3: f64 = 0;
  for (let k = 0; k < len; k++) {
    const x = ld(u, k);
    g0 += ld(r0, k) * x;
    g1 += ld(r1, k) * x;
    g2 += ld(r2, k) * x;
    g3 += ld(r3, k) * x;
  }
  g1 += ld(r1, len) * ld(u, len);
  g2 += ld(r2, len) * ld(u, len);
  g2 += ld(r2, len + 1) * ld(u, len + 1);
  g3 += ld(r3, len) * ld(u, len);
  g3 += ld(r3, len + 1) * ld(u, len + 1);
  g3 += ld(r3, len + 2) * ld(u, len + 2);
  st(w, q, g0);
  st(w, q + 1, g1);
  st(w, q + 2, g2);
  st(w, q + 3, g3);
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
    let j = 0;
    // Four lane pairs side by side: four independent chains of additions, each still summed over k in order.
    for (; j + 7 < pairs; j += 8) {
      let s0 = f64x2.splat(0);
      let s1 = s0;
      let s2 = s0;
      let s3 = s0;
      for (let k = c; k < count; k++) {
        const t = f64x2.splat(ld(T, c * NB + k));
        const u = at(W, (first + k) * n + j);
        s0 = f64x2.add(s0, f64x2.mul(t, v128.load(u)));
        s1 = f64x2.add(s1, f64x2.mul(t, v128.load(u, 16)));
        s2 = f64x2.add(s2, f64x2.mul(t, v128.load(u, 32)));
        s3 = f64x2.add(s3, f64x2.mul(t, v128.load(u, 48)));
      }
      v128.store(panel(M, width, c, j), s0);
      v128.store(panel(M, width, c, j + 2), s1);
      v128.store(panel(M, width, c, j + 4), s2);
      v128.store(panel(M, width, c, j + 6), s3);
    }
    for (; j < pairs; j += 2) {
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
