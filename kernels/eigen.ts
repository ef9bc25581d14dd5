// AssemblyScript: the symmetric eigensolver of src/core/linalg/symmetric-eigen.ts (Householder tridiagonalisation
// and implicit QL, EISPACK's tred2 and tql2 on the transposed, row-major layout; above DIVIDE_AND_CONQUER_MIN the
// blocked reduction (tridiagonal-reduction.ts), divide and conquer (tridiagonal-dc.ts) and the blocked reflectors
// (back-transform.ts)), operation for operation. The SIMD
// lanes run over independent entries (the rank-two update, the axpy halves, the plane rotations of two columns);
// every dot product keeps its sequential order (the two lane products are added one after the other), so the
// results equal the reference's bit for bit.
//
// Layout from `base` (bytes), n = order: W (n × n; in: the matrix, out: eigenvectors as rows), d (n; out:
// eigenvalues ascending), e (n), the rotated block V (n × BLOCK), the sweeps' bounds (3 × MAX_SWEEPS i32), then the
// rotations as (c, s) pairs, which grow the memory as they need.

import { backTransform, backTransformScratchBytes } from './back-transform';
import { DIVIDE_AND_CONQUER_MIN, tridiagonalEigen, tridiagonalFixedBytes } from './tridiagonal-dc';
import { reduceToTridiagonal, reductionScratchBytes } from './tridiagonal-reduction';
import { at, ld, st } from './memory';

/** Columns of W rotated together. */
const BLOCK = 16;

/** Bytes from `base` that `symmetricEigen` needs before its rotations. */
export function eigenFixedBytes(n: i32): usize {
  return (<usize>n * n + 2 * n + n * BLOCK) * 8 + <usize>3 * maxSweeps(n) * 4 + 8;
}

export function maxSweeps(n: i32): i32 {
  return 60 * n + 1;
}

/** Where the memory that grows on demand begins (16-byte aligned): `accumulate`'s vectors, later the rotations. */
function scratchStart(n: i32, e: usize): usize {
  const sweepBounds = at(at(e, n), n * BLOCK);
  return (sweepBounds + (<usize>3 * maxSweeps(n) << 2) + 15) & ~(<usize>15);
}

export function symmetricEigen(n: i32, base: usize): void {
  if (n == 0) return;
  const W = base;
  const d = at(W, n * n);
  const e = at(d, n);
  if (n <= DIVIDE_AND_CONQUER_MIN) {
    tridiagonalize(n, base);
    diagonalize(n, W, d, e);
    return;
  }
  symmetricEigenFactored(n, base);
  const Z = factoredVectorsAt(n, base);
  backTransform(n, W, factoredScalesAt(n, base), Z, backTransformScratchAt(n, base));
  memory.copy(W, Z, <usize>n * n << 3);
}

/**
 * `symmetricEigenFactored` of symmetric-eigen.ts, n > DIVIDE_AND_CONQUER_MIN, in symmetricEigen's layout: the
 * reduction and divide and conquer, without the back-transformation. On return d holds the eigenvalues, W the
 * reflectors, and the eigenvectors of T (as rows) and the reflectors' scalars h are at factoredVectorsAt and
 * factoredScalesAt.
 */
export function symmetricEigenFactored(n: i32, base: usize): void {
  const W = base;
  const d = at(W, n * n);
  const e = at(d, n);
  // Past the fixed layout: the reflectors' scalars h, divide and conquer's memory (d, e[1..n), Z, its scratch), then
  // the back-transformation's scratch, where a QL leaf's rotations went while divide and conquer ran.
  const h = factoredScalesAt(n, base);
  const dc = dividedAt(n, base);
  const back = backTransformScratchAt(n, base);
  // The reduction's scratch goes where the back-transformation's will.
  reserve(back + max(backTransformScratchBytes(n), reductionScratchBytes(n)));
  reduceToTridiagonal(n, W, d, e, h, back);
  memory.copy(dc, d, <usize>n << 3);
  memory.copy(at(dc, n), at(e, 1), <usize>(n - 1) << 3);
  st(dc, 2 * n - 1, 0);
  tridiagonalEigen(n, dc);
  memory.copy(d, dc, <usize>n << 3);
}

/** Byte offset of the reflectors' scalars h in symmetricEigen's layout from `base`. */
export function factoredScalesAt(n: i32, base: usize): usize {
  return scratchStart(n, at(base, n * n + n));
}

/** Byte offset of divide and conquer's eigenvectors of T (n × n, one per row) in symmetricEigen's layout. */
export function factoredVectorsAt(n: i32, base: usize): usize {
  return at(dividedAt(n, base), 2 * n);
}

@inline function dividedAt(n: i32, base: usize): usize {
  return (at(factoredScalesAt(n, base), n) + 15) & ~(<usize>15);
}

@inline function backTransformScratchAt(n: i32, base: usize): usize {
  return (dividedAt(n, base) + tridiagonalFixedBytes(n) + 15) & ~(<usize>15);
}

/**
 * `tridiagonalize` of symmetric-eigen.ts in symmetricEigen's layout: the reduction, then Q formed in W by the
 * accumulation (W = Qᵀ, d the diagonal, e[1..n) the off-diagonal). Exported for bench/eigen-back-transform.ts,
 * which times forming Q against applying the reflectors.
 */
export function tridiagonalize(n: i32, base: usize): void {
  if (n == 0) return;
  const W = base;
  const d = at(W, n * n);
  const e = at(d, n);
  reduce(n, W, d, e);
  accumulate(n, W, d, e, scratchStart(n, e));
}

/**
 * tred2's unblocked reduction alone in symmetricEigen's layout (the first half of `tridiagonalize`). Exported for
 * the benches, which time it against the blocked reduction (tridiagonal-reduction.ts) and subtract it from
 * `tridiagonalize` to time forming Q.
 */
export function reduceUnblocked(n: i32, base: usize): void {
  reduce(n, base, at(base, n * n), at(base, n * n + n));
}

/** Column i's Householder vector and its h, as `householderVector` in symmetric-eigen.ts (the same operations). */
@inline export function householderVector(d: usize, e: usize, i: i32, scale: f64): f64 {
  let h: f64 = 0;
  for (let k = 0; k < i; k++) {
    const v = ld(d, k) / scale;
    st(d, k, v);
    h += v * v;
  }
  const f = ld(d, i - 1);
  let g = Math.sqrt(h);
  if (f > 0) g = -g;
  st(e, i, scale * g);
  h -= f * g;
  st(d, i - 1, f - g);
  return h;
}

/** The first half of tred2, as `reduce` in symmetric-eigen.ts: u_i in row i, h_i in d[i], T's diagonal on W's. */
function reduce(n: i32, W: usize, d: usize, e: usize): void {
  for (let j = 0; j < n; j++) st(d, j, ld(W, j * n + n - 1));
  for (let i = n - 1; i > 0; i--) {
    let scale: f64 = 0;
    let h: f64 = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(ld(d, k));
    if (scale == 0) {
      st(e, i, ld(d, i - 1));
      for (let j = 0; j < i; j++) {
        st(d, j, ld(W, j * n + i - 1));
        st(W, j * n + i, 0);
        st(W, i * n + j, 0);
      }
    } else {
      h = householderVector(d, e, i, scale);
      symmetricTimesReflector(n, W, d, e, i);
      let f: f64 = 0;
      for (let j = 0; j < i; j++) {
        const v = ld(e, j) / h;
        st(e, j, v);
        f += v * ld(d, j);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) st(e, j, ld(e, j) - hh * ld(d, j));
      for (let j = 0; j < i; j++) {
        const row = j * n;
        rankTwoRow(W, row, e, d, j, i, ld(d, j), ld(e, j));
        st(d, j, ld(W, row + i - 1));
        st(W, row + i, 0);
      }
    }
    st(d, i, h);
  }
}

/**
 * e[0..i) = A·u on the leading i × i block from its upper triangle, u = d[0..i), also stored in row i of W, as
 * `symmetricTimesReflector` in symmetric-eigen.ts sums it.
 */
export function symmetricTimesReflector(n: i32, W: usize, d: usize, e: usize, i: i32): void {
  for (let j = 0; j < i; j++) st(e, j, 0);
  const rowI = i * n;
  let j = 0;
  // Four rows at a time: four independent chains of additions for the dot products (a single chain's latency bounds
  // this product), and each e[k] still receives row j's term before row j + 1's. The triangle where the four rows
  // begin goes first, in the reference's order.
  for (; j + 3 < i; j += 4) {
    const f0 = ld(d, j);
    const f1 = ld(d, j + 1);
    const f2 = ld(d, j + 2);
    const f3 = ld(d, j + 3);
    st(W, rowI + j, f0);
    st(W, rowI + j + 1, f1);
    st(W, rowI + j + 2, f2);
    st(W, rowI + j + 3, f3);
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    let w = ld(W, r0 + j + 1);
    let g0 = ld(e, j) + ld(W, r0 + j) * f0 + w * ld(d, j + 1);
    st(e, j + 1, ld(e, j + 1) + w * f0);
    w = ld(W, r0 + j + 2);
    g0 += w * ld(d, j + 2);
    st(e, j + 2, ld(e, j + 2) + w * f0);
    w = ld(W, r0 + j + 3);
    g0 += w * ld(d, j + 3);
    st(e, j + 3, ld(e, j + 3) + w * f0);
    w = ld(W, r1 + j + 2);
    let g1 = ld(e, j + 1) + ld(W, r1 + j + 1) * f1 + w * ld(d, j + 2);
    st(e, j + 2, ld(e, j + 2) + w * f1);
    w = ld(W, r1 + j + 3);
    g1 += w * ld(d, j + 3);
    st(e, j + 3, ld(e, j + 3) + w * f1);
    w = ld(W, r2 + j + 3);
    const g2 = ld(e, j + 2) + ld(W, r2 + j + 2) * f2 + w * ld(d, j + 3);
    st(e, j + 3, ld(e, j + 3) + w * f2);
    const g3 = ld(e, j + 3) + ld(W, r3 + j + 3) * f3;
    dotAxpy4(W, r0, n, d, e, j + 4, i, f0, f1, f2, f3, g0, g1, g2, g3);
    st(e, j, dot0);
    st(e, j + 1, dot1);
    st(e, j + 2, dot2);
    st(e, j + 3, dot3);
  }
  // Two rows at a time for what is left: two independent chains of additions.
  for (; j + 1 < i; j += 2) {
    const f0 = ld(d, j);
    const f1 = ld(d, j + 1);
    st(W, rowI + j, f0);
    st(W, rowI + j + 1, f1);
    const row = j * n;
    const w = ld(W, row + j + 1);
    const g0 = ld(e, j) + ld(W, row + j) * f0 + w * ld(d, j + 1);
    st(e, j + 1, ld(e, j + 1) + w * f0);
    const g1 = ld(e, j + 1) + ld(W, row + n + j + 1) * f1;
    dotAxpy2(W, row, n, d, e, j + 2, i, f0, f1, g0, g1);
    st(e, j, dot0);
    st(e, j + 1, dot1);
  }
  for (; j < i; j++) {
    const f = ld(d, j);
    st(W, rowI + j, f);
    const row = j * n;
    st(e, j, dotAxpy(W, row, d, e, j + 1, i, f, ld(e, j) + ld(W, row + j) * f));
  }
}

/**
 * Accumulation of the Householder transformations (the second half of tred2). Step i of the reference updates rows
 * 0 … i with the Householder vector u_i (row i + 1, columns 0 … i, untouched until step i): row j ← row j −
 * (u_i · row j)·u_i/h_i. Each row thus goes through its own sequence of steps, reading only the fixed vectors, so
 * the rows are carried ACCUMULATE_ROWS at a time through every step while the vectors stream past: the same
 * operations on every row in the same order (same bits), but the rows stay in cache instead of the whole leading
 * block streaming through memory at every step. The vectors u_i/h_i are computed once, into `scratch`.
 */
function accumulate(n: i32, W: usize, d: usize, e: usize, scratch: usize): void {
  // u_i/h_i for every step, packed at even offsets (16-byte aligned) from `scratch`.
  reserve(scratch + (<usize>(n + 2) * (n + 2) << 2));
  let offset: usize = scratch;
  for (let i = 0; i < n - 1; i++) {
    const h = ld(d, i + 1);
    const u = (i + 1) * n;
    if (h != 0) for (let k = 0; k <= i; k++) st(offset, k, ld(W, u + k) / h);
    offset += <usize>((i + 2) & ~1) << 3;
  }
  for (let j0 = 0; j0 < n - 1; j0 += ACCUMULATE_ROWS) {
    const blockEnd = min(j0 + ACCUMULATE_ROWS, n - 1);
    // Step j0 − 1 used row j0 as its vector, then cleared it.
    for (let k = 0; k < j0; k++) st(W, j0 * n + k, 0);
    offset = scratch;
    for (let i = 0; i < j0; i++) offset += <usize>((i + 2) & ~1) << 3;
    // Whether dot0 … dot3, dotHigh0 … dotHigh3 already hold this step's dot products (from the previous step's pass).
    let dotsReady = false;
    for (let i = j0; i < n - 1; i++) {
      if (i < blockEnd) {
        st(W, i * n + n - 1, ld(W, i * n + i));
        st(W, i * n + i, 1);
      }
      const u = (i + 1) * n;
      if (ld(d, i + 1) != 0) {
        const last = min(i, blockEnd - 1);
        let j = j0;
        if (last - j0 + 1 == ACCUMULATE_ROWS) {
          if (!dotsReady) dot8(W, u, j0 * n, n, i + 1);
          // The next step's dot products read these rows right after this step's update: one pass for both.
          if (i + 2 < n && ld(d, i + 2) != 0) {
            const a0 = dot0;
            const a1 = dot1;
            const a2 = dot2;
            const a3 = dot3;
            subtractDot4(W, j0 * n + 4 * n, n, offset, u + n, i + 1, dotHigh0, dotHigh1, dotHigh2, dotHigh3);
            dotHigh0 = dot0;
            dotHigh1 = dot1;
            dotHigh2 = dot2;
            dotHigh3 = dot3;
            subtractDot4(W, j0 * n, n, offset, u + n, i + 1, a0, a1, a2, a3);
            dotsReady = true;
          } else {
            subtractScaledRows8(W, j0 * n, n, offset, i + 1);
            dotsReady = false;
          }
          j = last + 1;
        }
        for (; j + 3 <= last; j += 4) {
          const row = j * n;
          dot4(W, u, row, n, i + 1);
          subtractScaledRow(W, row, offset, dot0, i + 1);
          subtractScaledRow(W, row + n, offset, dot1, i + 1);
          subtractScaledRow(W, row + 2 * n, offset, dot2, i + 1);
          subtractScaledRow(W, row + 3 * n, offset, dot3, i + 1);
        }
        for (; j <= last; j++) {
          const row = j * n;
          subtractScaledRow(W, row, offset, dot(W, u, row, i + 1), i + 1);
        }
      }
      if (i + 1 < blockEnd) for (let k = 0; k <= i; k++) st(W, u + k, 0);
      offset += <usize>((i + 2) & ~1) << 3;
    }
  }
  for (let k = 0; k < n - 1; k++) st(W, (n - 1) * n + k, 0);
  for (let j = 0; j < n; j++) {
    st(d, j, ld(W, j * n + n - 1));
    st(W, j * n + n - 1, 0);
  }
  st(W, (n - 1) * n + n - 1, 1);
  st(e, 0, 0);
}

/** Rows that `accumulate` carries through the steps together (8 rows of 8 kB at n = 1000 stay in the L1/L2 caches). */
const ACCUMULATE_ROWS = 8;

/** g0 + Σ_k W[row + k]·d[k] for k in [from, to), summed in k order, while e[k] += W[row + k]·f. */
function dotAxpy(W: usize, row: i32, d: usize, e: usize, from: i32, to: i32, f: f64, g0: f64): f64 {
  let g = g0;
  let k = from;
  const vf = f64x2.splat(f);
  for (; k + 1 < to; k += 2) {
    const w = v128.load(at(W, row + k));
    const p = f64x2.mul(w, v128.load(at(d, k)));
    g += f64x2.extract_lane(p, 0);
    g += f64x2.extract_lane(p, 1);
    const ek = at(e, k);
    v128.store(ek, f64x2.add(v128.load(ek), f64x2.mul(w, vf)));
  }
  for (; k < to; k++) {
    const w0 = ld(W, row + k);
    g += w0 * ld(d, k);
    st(e, k, ld(e, k) + w0 * f);
  }
  return g;
}

/**
 * `dotAxpy` for rows `row` and `row + n` together over k in [from, to): dot0 = g0 + Σ W[row + k]·d[k] and dot1 =
 * g1 + Σ W[row + n + k]·d[k], each summed in k order, while e[k] += W[row + k]·f0, then += W[row + n + k]·f1.
 */
function dotAxpy2(W: usize, row: i32, n: i32, d: usize, e: usize, from: i32, to: i32, f0: f64, f1: f64, g0: f64, g1: f64): void {
  const r0 = at(W, row);
  const r1 = at(r0, n);
  const v0 = f64x2.splat(f0);
  const v1 = f64x2.splat(f1);
  let k = from;
  for (; k + 1 < to; k += 2) {
    const o = <usize>k << 3;
    const dk = v128.load(d + o);
    const w0 = v128.load(r0 + o);
    const w1 = v128.load(r1 + o);
    const p0 = f64x2.mul(w0, dk);
    const p1 = f64x2.mul(w1, dk);
    g0 += f64x2.extract_lane(p0, 0);
    g1 += f64x2.extract_lane(p1, 0);
    g0 += f64x2.extract_lane(p0, 1);
    g1 += f64x2.extract_lane(p1, 1);
    const ek = e + o;
    v128.store(ek, f64x2.add(f64x2.add(v128.load(ek), f64x2.mul(w0, v0)), f64x2.mul(w1, v1)));
  }
  if (k < to) {
    const w0 = ld(r0, k);
    const w1 = ld(r1, k);
    const dk = ld(d, k);
    g0 += w0 * dk;
    g1 += w1 * dk;
    st(e, k, ld(e, k) + w0 * f0 + w1 * f1);
  }
  dot0 = g0;
  dot1 = g1;
}

/**
 * `dotAxpy` for the four rows from `row` together over k in [from, to): dot0 … dot3 = g_r + Σ W[row + r·n + k]·d[k],
 * each summed in k order, while e[k] receives W[row + k]·f0, then the next row's term, … up to W[row + 3n + k]·f3.
 */
function dotAxpy4(W: usize, row: i32, n: i32, d: usize, e: usize, from: i32, to: i32, f0: f64, f1: f64, f2: f64, f3: f64, g0: f64, g1: f64, g2: f64, g3: f64): void {
  const r0 = at(W, row);
  const stride = <usize>n << 3;
  const r1 = r0 + stride;
  const r2 = r1 + stride;
  const r3 = r2 + stride;
  const v0 = f64x2.splat(f0);
  const v1 = f64x2.splat(f1);
  const v2 = f64x2.splat(f2);
  const v3 = f64x2.splat(f3);
  // Rows 0 and 1's sums share the lanes of one vector, rows 2 and 3's another: lane r still adds row r's terms one
  // at a time in k order (the products regrouped by a shuffle), with half the additions of four scalar chains.
  let g01 = f64x2.replace_lane(f64x2.splat(g0), 1, g1);
  let g23 = f64x2.replace_lane(f64x2.splat(g2), 1, g3);
  let k = from;
  // Two pairs of columns per pass: each row's address serves both (constant offsets), halving the address arithmetic.
  for (; k + 3 < to; k += 4) {
    const o = <usize>k << 3;
    const dk0 = d + o;
    const ek = e + o;
    const a0 = r0 + o;
    const a1 = r1 + o;
    const a2 = r2 + o;
    const a3 = r3 + o;
    {
      const dk = v128.load(dk0);
      const w0 = v128.load(a0);
      const w1 = v128.load(a1);
      const w2 = v128.load(a2);
      const w3 = v128.load(a3);
      const p0 = f64x2.mul(w0, dk);
      const p1 = f64x2.mul(w1, dk);
      const p2 = f64x2.mul(w2, dk);
      const p3 = f64x2.mul(w3, dk);
      g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 0, 2));
      g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 0, 2));
      g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 1, 3));
      g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 1, 3));
      let acc = f64x2.add(v128.load(ek), f64x2.mul(w0, v0));
      acc = f64x2.add(acc, f64x2.mul(w1, v1));
      acc = f64x2.add(acc, f64x2.mul(w2, v2));
      v128.store(ek, f64x2.add(acc, f64x2.mul(w3, v3)));
    }
    {
      const dk = v128.load(dk0, 16);
      const w0 = v128.load(a0, 16);
      const w1 = v128.load(a1, 16);
      const w2 = v128.load(a2, 16);
      const w3 = v128.load(a3, 16);
      const p0 = f64x2.mul(w0, dk);
      const p1 = f64x2.mul(w1, dk);
      const p2 = f64x2.mul(w2, dk);
      const p3 = f64x2.mul(w3, dk);
      g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 0, 2));
      g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 0, 2));
      g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 1, 3));
      g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 1, 3));
      let acc = f64x2.add(v128.load(ek, 16), f64x2.mul(w0, v0));
      acc = f64x2.add(acc, f64x2.mul(w1, v1));
      acc = f64x2.add(acc, f64x2.mul(w2, v2));
      v128.store(ek, f64x2.add(acc, f64x2.mul(w3, v3)), 16);
    }
  }
  for (; k + 1 < to; k += 2) {
    const o = <usize>k << 3;
    const dk = v128.load(d + o);
    const w0 = v128.load(r0 + o);
    const w1 = v128.load(r1 + o);
    const w2 = v128.load(r2 + o);
    const w3 = v128.load(r3 + o);
    const p0 = f64x2.mul(w0, dk);
    const p1 = f64x2.mul(w1, dk);
    const p2 = f64x2.mul(w2, dk);
    const p3 = f64x2.mul(w3, dk);
    g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 0, 2));
    g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 0, 2));
    g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 1, 3));
    g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 1, 3));
    const ek = e + o;
    let acc = f64x2.add(v128.load(ek), f64x2.mul(w0, v0));
    acc = f64x2.add(acc, f64x2.mul(w1, v1));
    acc = f64x2.add(acc, f64x2.mul(w2, v2));
    v128.store(ek, f64x2.add(acc, f64x2.mul(w3, v3)));
  }
  g0 = f64x2.extract_lane(g01, 0);
  g1 = f64x2.extract_lane(g01, 1);
  g2 = f64x2.extract_lane(g23, 0);
  g3 = f64x2.extract_lane(g23, 1);
  if (k < to) {
    const w0 = ld(r0, k);
    const w1 = ld(r1, k);
    const w2 = ld(r2, k);
    const w3 = ld(r3, k);
    const dk = ld(d, k);
    g0 += w0 * dk;
    g1 += w1 * dk;
    g2 += w2 * dk;
    g3 += w3 * dk;
    st(e, k, ld(e, k) + w0 * f0 + w1 * f1 + w2 * f2 + w3 * f3);
  }
  dot0 = g0;
  dot1 = g1;
  dot2 = g2;
  dot3 = g3;
}

/** W[row + k] −= f·e[k] + g·d[k] for k in [from, to). */
function rankTwoRow(W: usize, row: i32, e: usize, d: usize, from: i32, to: i32, f: f64, g: f64): void {
  let k = from;
  const vf = f64x2.splat(f);
  const vg = f64x2.splat(g);
  for (; k + 1 < to; k += 2) {
    const r = at(W, row + k);
    const t = f64x2.add(f64x2.mul(vf, v128.load(at(e, k))), f64x2.mul(vg, v128.load(at(d, k))));
    v128.store(r, f64x2.sub(v128.load(r), t));
  }
  for (; k < to; k++) st(W, row + k, ld(W, row + k) - (f * ld(e, k) + g * ld(d, k)));
}

/** Σ_k W[a + k]·W[b + k] for k in [0, len), summed in k order. */
export function dot(W: usize, a: i32, b: i32, len: i32): f64 {
  let g: f64 = 0;
  let k = 0;
  for (; k + 1 < len; k += 2) {
    const p = f64x2.mul(v128.load(at(W, a + k)), v128.load(at(W, b + k)));
    g += f64x2.extract_lane(p, 0);
    g += f64x2.extract_lane(p, 1);
  }
  for (; k < len; k++) g += ld(W, a + k) * ld(W, b + k);
  return g;
}

// dot4's results (globals, not memory: the module keeps no data of its own in memory).
let dot0: f64 = 0;
let dot1: f64 = 0;
let dot2: f64 = 0;
let dot3: f64 = 0;

/**
 * dots[r] = Σ_k W[a + k]·W[row + r·n + k] for r < 4, each summed in k order as `dot` sums it: rows 0 and 1's sums
 * are the lanes of one vector, rows 2 and 3's of another (each pair of products regrouped by a shuffle).
 */
export function dot4(W: usize, a: i32, row: i32, n: i32, len: i32): void {
  let g01 = f64x2.splat(0);
  let g23 = g01;
  const r0 = at(W, row);
  const r1 = at(r0, n);
  const r2 = at(r1, n);
  const r3 = at(r2, n);
  const pa = at(W, a);
  let k = 0;
  for (; k + 1 < len; k += 2) {
    const o = <usize>k << 3;
    const x = v128.load(pa + o);
    const p0 = f64x2.mul(x, v128.load(r0 + o));
    const p1 = f64x2.mul(x, v128.load(r1 + o));
    const p2 = f64x2.mul(x, v128.load(r2 + o));
    const p3 = f64x2.mul(x, v128.load(r3 + o));
    g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 0, 2));
    g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 0, 2));
    g01 = f64x2.add(g01, v128.shuffle<f64>(p0, p1, 1, 3));
    g23 = f64x2.add(g23, v128.shuffle<f64>(p2, p3, 1, 3));
  }
  let g0 = f64x2.extract_lane(g01, 0);
  let g1 = f64x2.extract_lane(g01, 1);
  let g2 = f64x2.extract_lane(g23, 0);
  let g3 = f64x2.extract_lane(g23, 1);
  if (k < len) {
    const x = ld(pa, k);
    g0 += x * ld(r0, k);
    g1 += x * ld(r1, k);
    g2 += x * ld(r2, k);
    g3 += x * ld(r3, k);
  }
  dot0 = g0;
  dot1 = g1;
  dot2 = g2;
  dot3 = g3;
}

/** dot4's results (exported for kernels/tridiagonal-reduction.ts). */
@inline export function dots(r: i32): f64 {
  return r == 0 ? dot0 : r == 1 ? dot1 : r == 2 ? dot2 : dot3;
}

// dot8's results for its last four rows (the first four go to dot0 … dot3).
let dotHigh0: f64 = 0;
let dotHigh1: f64 = 0;
let dotHigh2: f64 = 0;
let dotHigh3: f64 = 0;

/** `dot4` for the eight rows from `row`: the first four sums into dot0 … dot3, the others into dotHigh0 … dotHigh3. */
function dot8(W: usize, a: i32, row: i32, n: i32, len: i32): void {
  let g0: f64 = 0;
  let g1: f64 = 0;
  let g2: f64 = 0;
  let g3: f64 = 0;
  let g4: f64 = 0;
  let g5: f64 = 0;
  let g6: f64 = 0;
  let g7: f64 = 0;
  const r0 = at(W, row);
  const stride = <usize>n << 3;
  const pa = at(W, a);
  let k = 0;
  for (; k + 1 < len; k += 2) {
    const o = <usize>k << 3;
    const x = v128.load(pa + o);
    let r = r0 + o;
    let p = f64x2.mul(x, v128.load(r));
    g0 += f64x2.extract_lane(p, 0);
    g0 += f64x2.extract_lane(p, 1);
    r += stride;
    p = f64x2.mul(x, v128.load(r));
    g1 += f64x2.extract_lane(p, 0);
    g1 += f64x2.extract_lane(p, 1);
    r += stride;
    p = f64x2.mul(x, v128.load(r));
    g2 += f64x2.extract_lane(p, 0);
    g2 += f64x2.extract_lane(p, 1);
    r += stride;
    p = f64x2.mul(x, v128.load(r));
    g3 += f64x2.extract_lane(p, 0);
    g3 += f64x2.extract_lane(p, 1);
    r += stride;
    p = f64x2.mul(x, v128.load(r));
    g4 += f64x2.extract_lane(p, 0);
    g4 += f64x2.extract_lane(p, 1);
    r += stride;
    p = f64x2.mul(x, v128.load(r));
    g5 += f64x2.extract_lane(p, 0);
    g5 += f64x2.extract_lane(p, 1);
    r += stride;
    p = f64x2.mul(x, v128.load(r));
    g6 += f64x2.extract_lane(p, 0);
    g6 += f64x2.extract_lane(p, 1);
    r += stride;
    p = f64x2.mul(x, v128.load(r));
    g7 += f64x2.extract_lane(p, 0);
    g7 += f64x2.extract_lane(p, 1);
  }
  if (k < len) {
    const x = ld(pa, k);
    const r = r0 + (<usize>k << 3);
    g0 += x * load<f64>(r);
    g1 += x * load<f64>(r + stride);
    g2 += x * load<f64>(r + 2 * stride);
    g3 += x * load<f64>(r + 3 * stride);
    g4 += x * load<f64>(r + 4 * stride);
    g5 += x * load<f64>(r + 5 * stride);
    g6 += x * load<f64>(r + 6 * stride);
    g7 += x * load<f64>(r + 7 * stride);
  }
  dot0 = g0;
  dot1 = g1;
  dot2 = g2;
  dot3 = g3;
  dotHigh0 = g4;
  dotHigh1 = g5;
  dotHigh2 = g6;
  dotHigh3 = g7;
}

/** `subtractScaledRow` for the eight rows from `row`, with dot8's sums as their factors. */
function subtractScaledRows8(W: usize, row: i32, n: i32, d: usize, len: i32): void {
  const stride = <usize>n << 3;
  const v0 = f64x2.splat(dot0);
  const v1 = f64x2.splat(dot1);
  const v2 = f64x2.splat(dot2);
  const v3 = f64x2.splat(dot3);
  const v4 = f64x2.splat(dotHigh0);
  const v5 = f64x2.splat(dotHigh1);
  const v6 = f64x2.splat(dotHigh2);
  const v7 = f64x2.splat(dotHigh3);
  const r0 = at(W, row);
  let k = 0;
  for (; k + 1 < len; k += 2) {
    const o = <usize>k << 3;
    const x = v128.load(d + o);
    let r = r0 + o;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v0, x)));
    r += stride;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v1, x)));
    r += stride;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v2, x)));
    r += stride;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v3, x)));
    r += stride;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v4, x)));
    r += stride;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v5, x)));
    r += stride;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v6, x)));
    r += stride;
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(v7, x)));
  }
  if (k < len) {
    const x = ld(d, k);
    const r = r0 + (<usize>k << 3);
    store<f64>(r, load<f64>(r) - dot0 * x);
    store<f64>(r + stride, load<f64>(r + stride) - dot1 * x);
    store<f64>(r + 2 * stride, load<f64>(r + 2 * stride) - dot2 * x);
    store<f64>(r + 3 * stride, load<f64>(r + 3 * stride) - dot3 * x);
    store<f64>(r + 4 * stride, load<f64>(r + 4 * stride) - dotHigh0 * x);
    store<f64>(r + 5 * stride, load<f64>(r + 5 * stride) - dotHigh1 * x);
    store<f64>(r + 6 * stride, load<f64>(r + 6 * stride) - dotHigh2 * x);
    store<f64>(r + 7 * stride, load<f64>(r + 7 * stride) - dotHigh3 * x);
  }
}

/**
 * Rows `row` … `row` + 3: W[r, k] −= g_r·dv[k] for k in [0, len) (as `subtractScaledRow`), and in the same pass the
 * next step's dot products Σ_k W[a + k]·W[r, k] over k in [0, len] with the updated entries, in k order (as `dot`),
 * into dot0 … dot3. Column len is not updated by this step.
 */
function subtractDot4(W: usize, row: i32, n: i32, dv: usize, a: i32, len: i32, g0: f64, g1: f64, g2: f64, g3: f64): void {
  const stride = <usize>n << 3;
  const r0 = at(W, row);
  const pa = at(W, a);
  const v0 = f64x2.splat(g0);
  const v1 = f64x2.splat(g1);
  const v2 = f64x2.splat(g2);
  const v3 = f64x2.splat(g3);
  let h0: f64 = 0;
  let h1: f64 = 0;
  let h2: f64 = 0;
  let h3: f64 = 0;
  let k = 0;
  for (; k + 1 < len; k += 2) {
    const o = <usize>k << 3;
    const x = v128.load(dv + o);
    const y = v128.load(pa + o);
    let r = r0 + o;
    let w = f64x2.sub(v128.load(r), f64x2.mul(v0, x));
    v128.store(r, w);
    let p = f64x2.mul(y, w);
    h0 += f64x2.extract_lane(p, 0);
    h0 += f64x2.extract_lane(p, 1);
    r += stride;
    w = f64x2.sub(v128.load(r), f64x2.mul(v1, x));
    v128.store(r, w);
    p = f64x2.mul(y, w);
    h1 += f64x2.extract_lane(p, 0);
    h1 += f64x2.extract_lane(p, 1);
    r += stride;
    w = f64x2.sub(v128.load(r), f64x2.mul(v2, x));
    v128.store(r, w);
    p = f64x2.mul(y, w);
    h2 += f64x2.extract_lane(p, 0);
    h2 += f64x2.extract_lane(p, 1);
    r += stride;
    w = f64x2.sub(v128.load(r), f64x2.mul(v3, x));
    v128.store(r, w);
    p = f64x2.mul(y, w);
    h3 += f64x2.extract_lane(p, 0);
    h3 += f64x2.extract_lane(p, 1);
  }
  for (; k <= len; k++) {
    const o = <usize>k << 3;
    const y = load<f64>(pa + o);
    const x = k < len ? load<f64>(dv + o) : 0;
    let r = r0 + o;
    let w = load<f64>(r);
    if (k < len) store<f64>(r, (w = w - g0 * x));
    h0 += y * w;
    r += stride;
    w = load<f64>(r);
    if (k < len) store<f64>(r, (w = w - g1 * x));
    h1 += y * w;
    r += stride;
    w = load<f64>(r);
    if (k < len) store<f64>(r, (w = w - g2 * x));
    h2 += y * w;
    r += stride;
    w = load<f64>(r);
    if (k < len) store<f64>(r, (w = w - g3 * x));
    h3 += y * w;
  }
  dot0 = h0;
  dot1 = h1;
  dot2 = h2;
  dot3 = h3;
}

/** W[row + k] −= g·d[k] for k in [0, len). */
function subtractScaledRow(W: usize, row: i32, d: usize, g: f64, len: i32): void {
  let k = 0;
  const vg = f64x2.splat(g);
  for (; k + 1 < len; k += 2) {
    const r = at(W, row + k);
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(vg, v128.load(at(d, k)))));
  }
  for (; k < len; k++) st(W, row + k, ld(W, row + k) - g * ld(d, k));
}

/** Grows the memory so that bytes [0, end) exist. */
function reserve(end: usize): void {
  const have = <usize>memory.size() << 16;
  if (end <= have) return;
  const pages = <i32>((end - have + 0xffff) >> 16);
  if (memory.grow(pages) < 0) unreachable();
}

export function diagonalize(n: i32, W: usize, d: usize, e: usize): void {
  for (let i = 1; i < n; i++) st(e, i - 1, ld(e, i));
  st(e, n - 1, 0);
  const V = at(e, n);
  const sweepsMax = maxSweeps(n);
  const bottom = at(V, n * BLOCK);
  const top = bottom + (<usize>sweepsMax << 2);
  const start = top + (<usize>sweepsMax << 2);
  const rotations = scratchStart(n, e);
  let sweeps = 0;
  store<i32>(start, 0);
  let f: f64 = 0;
  let tst1: f64 = 0;
  const eps: f64 = 2.220446049250313e-16; // 2^−52
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(ld(d, l)) + Math.abs(ld(e, l)));
    let m = l;
    while (m < n) {
      if (Math.abs(ld(e, m)) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      for (let iter = 0; iter < 60; iter++) {
        let g = ld(d, l);
        let p = (ld(d, l + 1) - g) / (2 * ld(e, l));
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        st(d, l, ld(e, l) / (p + r));
        st(d, l + 1, ld(e, l) * (p + r));
        const dl1 = ld(d, l + 1);
        let h = g - ld(d, l);
        for (let i = l + 2; i < n; i++) st(d, i, ld(d, i) - h);
        f += h;
        p = ld(d, m);
        let c: f64 = 1;
        let c2 = c;
        let c3 = c;
        const el1 = ld(e, l + 1);
        let s: f64 = 0;
        let s2: f64 = 0;
        // Opens a sweep over rows m … l.
        const first = load<i32>(start + (<usize>sweeps << 2));
        store<i32>(bottom + (<usize>sweeps << 2), l);
        store<i32>(top + (<usize>sweeps << 2), m);
        store<i32>(start + (<usize>(sweeps + 1) << 2), first + (m - l));
        sweeps++;
        reserve(rotations + (<usize>(first + (m - l)) << 4));
        let rot = rotations + (<usize>first << 4);
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = ld(e, i);
          g = c * ei;
          h = c * p;
          r = Math.sqrt(p * p + ei * ei);
          st(e, i + 1, s * r);
          s = ei / r;
          c = p / r;
          const di = ld(d, i);
          p = c * di - s * g;
          st(d, i + 1, h + s * (c * g + s * di));
          store<f64>(rot, c);
          store<f64>(rot, s, 8);
          rot += 16;
        }
        p = (-s * s2 * c3 * el1 * ld(e, l)) / dl1;
        st(e, l, s * p);
        st(d, l, c * p);
        if (!(Math.abs(ld(e, l)) > eps * tst1)) break;
      }
    }
    st(d, l, ld(d, l) + f);
    st(e, l, 0);
  }
  applyRotations(n, W, V, bottom, top, start, rotations, sweeps);
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = ld(d, i);
    for (let j = i + 1; j < n; j++) {
      if (ld(d, j) < p) {
        k = j;
        p = ld(d, j);
      }
    }
    if (k != i) {
      st(d, k, ld(d, i));
      st(d, i, p);
      for (let j = 0; j < n; j++) {
        const t = ld(W, i * n + j);
        st(W, i * n + j, ld(W, k * n + j));
        st(W, k * n + j, t);
      }
    }
  }
}

/**
 * Applies every recorded rotation, in order, to the rows of W, BLOCK columns at a time: V holds row i's columns
 * k0 … k0 + width − 1 at V[i·BLOCK ..], so the lanes run over columns and each sweep carries eight column pairs in
 * registers.
 */
function applyRotations(n: i32, W: usize, V: usize, bottom: usize, top: usize, start: usize, rotations: usize, sweeps: i32): void {
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const width = min(BLOCK, n - k0);
    for (let i = 0; i < n; i++) {
      const row = i * n + k0;
      for (let kk = 0; kk < width; kk++) st(V, i * BLOCK + kk, ld(W, row + kk));
    }
    for (let q = 0; q < sweeps; q++) {
      const l = load<i32>(bottom + (<usize>q << 2));
      const m = load<i32>(top + (<usize>q << 2));
      const first = load<i32>(start + (<usize>q << 2));
      if (width == BLOCK) rotateFull(V, l, m, rotations + (<usize>first << 4));
      else rotatePartial(V, width, l, m, rotations + (<usize>first << 4));
    }
    for (let i = 0; i < n; i++) {
      const row = i * n + k0;
      for (let kk = 0; kk < width; kk++) st(W, row + kk, ld(V, i * BLOCK + kk));
    }
  }
}

/** One sweep on a full block: rows m − 1 … l, each V[i + 1] = s·V[i] + c·carry, carry = c·V[i] − s·carry. */
function rotateFull(V: usize, l: i32, m: i32, rot: usize): void {
  const rowBytes = <usize>BLOCK << 3;
  const pm = V + <usize>m * rowBytes;
  let a0 = v128.load(pm);
  let a1 = v128.load(pm, 16);
  let a2 = v128.load(pm, 32);
  let a3 = v128.load(pm, 48);
  let a4 = v128.load(pm, 64);
  let a5 = v128.load(pm, 80);
  let a6 = v128.load(pm, 96);
  let a7 = v128.load(pm, 112);
  let below = pm;
  for (let i = m - 1; i >= l; i--) {
    const c = v128.load64_splat(rot);
    const s = v128.load64_splat(rot, 8);
    rot += 16;
    const cur = below - rowBytes;
    let b = v128.load(cur);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a0)));
    a0 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a0));
    b = v128.load(cur, 16);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a1)), 16);
    a1 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a1));
    b = v128.load(cur, 32);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a2)), 32);
    a2 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a2));
    b = v128.load(cur, 48);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a3)), 48);
    a3 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a3));
    b = v128.load(cur, 64);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a4)), 64);
    a4 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a4));
    b = v128.load(cur, 80);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a5)), 80);
    a5 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a5));
    b = v128.load(cur, 96);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a6)), 96);
    a6 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a6));
    b = v128.load(cur, 112);
    v128.store(below, f64x2.add(f64x2.mul(s, b), f64x2.mul(c, a7)), 112);
    a7 = f64x2.sub(f64x2.mul(c, b), f64x2.mul(s, a7));
    below = cur;
  }
  v128.store(below, a0);
  v128.store(below, a1, 16);
  v128.store(below, a2, 32);
  v128.store(below, a3, 48);
  v128.store(below, a4, 64);
  v128.store(below, a5, 80);
  v128.store(below, a6, 96);
  v128.store(below, a7, 112);
}

/** One sweep on the last, narrower block, a column at a time. */
function rotatePartial(V: usize, width: i32, l: i32, m: i32, first: usize): void {
  for (let kk = 0; kk < width; kk++) {
    let carry = ld(V, m * BLOCK + kk);
    let rot = first;
    for (let i = m - 1; i >= l; i--) {
      const c = load<f64>(rot);
      const s = load<f64>(rot, 8);
      rot += 16;
      const cur = ld(V, i * BLOCK + kk);
      st(V, (i + 1) * BLOCK + kk, s * cur + c * carry);
      carry = c * cur - s * carry;
    }
    st(V, l * BLOCK + kk, carry);
  }
}
