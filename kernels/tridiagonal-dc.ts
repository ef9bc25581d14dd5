// AssemblyScript: the divide-and-conquer tridiagonal eigensolver of src/core/linalg/tridiagonal-divide-conquer.ts
// (LAPACK's dstedc), operation for operation, so its results equal the reference's bit for bit. Leaves go to the QL
// of kernels/eigen.ts (itself bit-identical to its reference); each merge's eigenvector products run on the shared
// 4 × 4 SIMD block, whose sums take the terms in the reference's order (i ascending, from 0). The reference skips
// the rows without entries in a half; the kernel gathers the rows that have them, so it skips the same terms.
//
// Layout from `base` (bytes), n = order: d (n; in: diagonal, out: eigenvalues ascending), e (n; in: e[i] couples i
// and i + 1, unchanged), R (n × n; out: eigenvectors as rows), then the scratch space counted by
// tridiagonalFixedBytes; a QL leaf's rotations go past its end and grow the memory as they need.

import { multiplyPackedBlock4x4 } from './block';
import { diagonalize, maxSweeps } from './eigen';
import { at, ld, st } from './memory';

/** As the reference's DIVIDE_AND_CONQUER_MIN: blocks up to this size are solved by QL. */
export const DIVIDE_AND_CONQUER_MIN = 25;
const LEAF = DIVIDE_AND_CONQUER_MIN;
/** The rotated block width of kernels/eigen.ts's QL (its BLOCK). */
const QL_BLOCK = 16;
const EPS: f64 = 1.1102230246251565e-16; // 2^−53
const SQRT1_2: f64 = 0.7071067811865476;
const MAX_SECULAR_ITERATIONS = 200;
const TOP = 1;
const BOTTOM = 2;

@inline function ldi(base: usize, index: i32): i32 {
  return load<i32>(base + (<usize>index << 2));
}

@inline function sti(base: usize, index: i32, value: i32): void {
  store<i32>(base + (<usize>index << 2), value);
}

/** Padded side of the product buffers: one block of four beyond n in rows and columns. */
@inline function padded(n: i32): i32 {
  return n + 8;
}

/** Bytes from `base` that `tridiagonalEigen` needs before a QL leaf's rotations. */
export function tridiagonalFixedBytes(n: i32): usize {
  const p = <usize>padded(n);
  const leaf = <usize>LEAF;
  return (
    (<usize>n * n + 10 * <usize>n + <usize>n * n + 3 * p * p + leaf * leaf + 2 * leaf + leaf * QL_BLOCK) * 8 +
    <usize>7 * n * 4 +
    <usize>3 * maxSweeps(LEAF) * 4 +
    64
  );
}

// Where each scratch array lives (globals, not memory: the module keeps no data of its own in memory).
let off: usize = 0; // the scaled off-diagonal (n)
let D: usize = 0; // a merge's poles, rotated by deflation (n)
let z: usize = 0; // a merge's z (n)
let values: usize = 0; // a merge's new eigenvalues (n)
let poles: usize = 0; // the secular problem's poles (n)
let weights: usize = 0; // … and weights (n)
let lowner: usize = 0; // Löwner's recomputed weights (n)
let deltaU: usize = 0; // row j: d_i − λ_j, then the secular problem's j-th eigenvector (n × n)
let X: usize = 0; // the secular eigenvectors' entries for one half's rows (padded²)
let G: usize = 0; // one half's rows of R, gathered (padded²)
let rows: usize = 0; // a merge's new eigenvector rows, stride padded(m) (padded²)
let support: usize = 0; // i32 arrays (n each): which halves a row has entries in,
let order: usize = 0; // D's ascending order,
let kept: usize = 0; // the components left to the secular equation,
let deflated: usize = 0; // the deflated ones,
let sorted: usize = 0; // the merged rows in ascending order,
let gathered: usize = 0; // the kept rows with entries in one half,
let spare: usize = 0; // (unused; keeps the i32 block's size a multiple of 16 bytes at even n)
let leafBase: usize = 0; // a QL leaf: W (LEAF²), d, e, then eigen.ts's layout from e

export function tridiagonalEigen(n: i32, base: usize): void {
  if (n == 0) return;
  const d = base;
  const e = at(d, n);
  const R = at(e, n);
  off = at(R, n * n);
  D = at(off, n);
  z = at(D, n);
  values = at(z, n);
  poles = at(values, n);
  weights = at(poles, n);
  lowner = at(weights, n);
  deltaU = at(lowner, n);
  const p = padded(n);
  X = at(deltaU, n * n);
  G = at(X, p * p);
  rows = at(G, p * p);
  support = at(rows, p * p);
  order = support + (<usize>n << 2);
  kept = order + (<usize>n << 2);
  deflated = kept + (<usize>n << 2);
  sorted = deflated + (<usize>n << 2);
  gathered = sorted + (<usize>n << 2);
  spare = gathered + (<usize>n << 2);
  leafBase = (spare + (<usize>n << 2) + 15) & ~(<usize>15);

  for (let i = 0; i < n * n; i++) st(R, i, 0);
  let norm: f64 = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(ld(d, i)));
  for (let i = 0; i < n - 1; i++) norm = Math.max(norm, Math.abs(ld(e, i)));
  if (norm == 0) {
    for (let i = 0; i < n; i++) st(R, i * n + i, 1);
    return;
  }
  let scale: f64 = 1;
  while (norm * scale >= 2) scale *= 0.5;
  while (norm * scale < 1) scale *= 2;
  for (let i = 0; i < n; i++) st(d, i, ld(d, i) * scale);
  for (let i = 0; i < n - 1; i++) st(off, i, ld(e, i) * scale);
  solve(n, d, R, 0, n);
  for (let i = 0; i < n; i++) st(d, i, ld(d, i) / scale);
}

function solve(n: i32, d: usize, R: usize, lo: i32, hi: i32): void {
  const m = hi - lo;
  if (m <= LEAF) {
    solveByQL(n, d, R, lo, m);
    return;
  }
  const mid = lo + (m >> 1);
  const beta = ld(off, mid - 1);
  st(d, mid - 1, ld(d, mid - 1) - Math.abs(beta));
  st(d, mid, ld(d, mid) - Math.abs(beta));
  solve(n, d, R, lo, mid);
  solve(n, d, R, mid, hi);
  merge(n, d, R, lo, mid, hi, beta);
}

function solveByQL(n: i32, d: usize, R: usize, lo: i32, m: i32): void {
  const W = leafBase;
  const dl = at(W, m * m);
  const el = at(dl, m);
  for (let i = 0; i < m * m; i++) st(W, i, 0);
  for (let i = 0; i < m; i++) st(W, i * m + i, 1);
  for (let i = 0; i < m; i++) st(dl, i, ld(d, lo + i));
  st(el, 0, 0);
  for (let i = 1; i < m; i++) st(el, i, ld(off, lo + i - 1));
  diagonalize(m, W, dl, el);
  for (let i = 0; i < m; i++) st(d, lo + i, ld(dl, i));
  for (let i = 0; i < m; i++) memory.copy(at(R, (lo + i) * n + lo), at(W, i * m), <usize>m << 3);
}

function merge(n: i32, d: usize, R: usize, lo: i32, mid: i32, hi: i32, beta: f64): void {
  const m = hi - lo;
  const n1 = mid - lo;
  const sign: f64 = beta < 0 ? -1 : 1;
  for (let i = 0; i < m; i++) {
    const row = (lo + i) * n;
    const t = i < n1 ? ld(R, row + mid - 1) : sign * ld(R, row + mid);
    st(z, i, t * SQRT1_2);
    sti(support, i, i < n1 ? TOP : BOTTOM);
  }
  const rho = 2 * Math.abs(beta);
  for (let i = 0; i < m; i++) st(D, i, ld(d, lo + i));
  mergedOrder(m, n1);

  let dMax: f64 = 0;
  let zMax: f64 = 0;
  for (let i = 0; i < m; i++) {
    dMax = Math.max(dMax, Math.abs(ld(D, i)));
    zMax = Math.max(zMax, Math.abs(ld(z, i)));
  }
  const tol = 8 * EPS * Math.max(dMax, zMax);

  let k = 0;
  let deflatedCount = 0;
  if (rho * zMax > tol) {
    let previous = -1;
    for (let q = 0; q < m; q++) {
      const j = ldi(order, q);
      if (rho * Math.abs(ld(z, j)) <= tol) {
        sti(deflated, deflatedCount++, j);
        continue;
      }
      if (previous < 0) {
        previous = j;
        continue;
      }
      const tau = hypot(ld(z, j), ld(z, previous));
      const c = ld(z, j) / tau;
      const s = -ld(z, previous) / tau;
      const gap = ld(D, j) - ld(D, previous);
      if (Math.abs(gap * c * s) <= tol) {
        st(z, j, tau);
        st(z, previous, 0);
        rotateRows(at(R, (lo + previous) * n + lo), at(R, (lo + j) * n + lo), m, c, s);
        sti(support, j, ldi(support, j) | ldi(support, previous));
        sti(support, previous, ldi(support, previous) | ldi(support, j));
        const dp = ld(D, previous) * c * c + ld(D, j) * s * s;
        st(D, j, ld(D, previous) * s * s + ld(D, j) * c * c);
        st(D, previous, dp);
        sti(deflated, deflatedCount++, previous);
      } else {
        sti(kept, k++, previous);
      }
      previous = j;
    }
    if (previous >= 0) sti(kept, k++, previous);
  } else {
    for (let q = 0; q < m; q++) sti(deflated, deflatedCount++, ldi(order, q));
  }

  const stride = padded(m);
  if (k > 0) {
    for (let i = 0; i < k; i++) {
      st(poles, i, ld(D, ldi(kept, i)));
      st(weights, i, ld(z, ldi(kept, i)));
    }
    secularEigenvectors(k, rho);
    halfProduct(n, R, lo, 0, n1, k, TOP, stride);
    halfProduct(n, R, lo, n1, m, k, BOTTOM, stride);
  }
  for (let q = 0; q < deflatedCount; q++) {
    const j = ldi(deflated, q);
    st(values, k + q, ld(D, j));
    memory.copy(at(rows, (k + q) * stride), at(R, (lo + j) * n + lo), <usize>m << 3);
  }
  // Ascending, ties by position (secular roots first, then deflated in deflation order), as the reference's sort.
  for (let i = 0; i < m; i++) {
    const v = ld(values, i);
    let t = i;
    while (t > 0 && ld(values, ldi(sorted, t - 1)) > v) {
      sti(sorted, t, ldi(sorted, t - 1));
      t--;
    }
    sti(sorted, t, i);
  }
  for (let i = 0; i < m; i++) {
    const from = ldi(sorted, i);
    st(d, lo + i, ld(values, from));
    memory.copy(at(R, (lo + i) * n + lo), at(rows, from * stride), <usize>m << 3);
  }
}

/** √(a² + b²) as the reference's `hypot` (dlapy2) computes it. */
function hypot(a: f64, b: f64): f64 {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const w = Math.max(x, y);
  const v = Math.min(x, y);
  if (v == 0) return w;
  const r = v / w;
  return w * Math.sqrt(1 + r * r);
}

/** order[] = indices of D[0..m) ascending, merging its two ascending halves; ties take the top half first. */
function mergedOrder(m: i32, n1: i32): void {
  let a = 0;
  let b = n1;
  let q = 0;
  while (a < n1 || b < m) {
    if (b >= m || (a < n1 && ld(D, a) <= ld(D, b))) sti(order, q++, a++);
    else sti(order, q++, b++);
  }
}

function rotateRows(x: usize, y: usize, len: i32, c: f64, s: f64): void {
  const vc = f64x2.splat(c);
  const vs = f64x2.splat(s);
  let t = 0;
  for (; t + 1 < len; t += 2) {
    const o = <usize>t << 3;
    const a = v128.load(x + o);
    const b = v128.load(y + o);
    v128.store(x + o, f64x2.add(f64x2.mul(vc, a), f64x2.mul(vs, b)));
    v128.store(y + o, f64x2.sub(f64x2.mul(vc, b), f64x2.mul(vs, a)));
  }
  for (; t < len; t++) {
    const a = ld(x, t);
    const b = ld(y, t);
    st(x, t, c * a + s * b);
    st(y, t, c * b - s * a);
  }
}

/**
 * start + Σ_i weights[i]² / (poles[i] − pole − half) over i < k, in i order: the secular function at the middle of
 * the pole's interval. Two terms per pass share one vector division (the same IEEE quotients).
 */
function startOfSecular(k: i32, start: f64, pole: f64, half: f64): f64 {
  let f = start;
  const vPole = f64x2.splat(pole);
  const vHalf = f64x2.splat(half);
  let i = 0;
  for (; i + 1 < k; i += 2) {
    const z = v128.load(at(weights, i));
    const q = f64x2.div(f64x2.mul(z, z), f64x2.sub(f64x2.sub(v128.load(at(poles, i)), vPole), vHalf));
    f += f64x2.extract_lane(q, 0);
    f += f64x2.extract_lane(q, 1);
  }
  if (i < k) f += (ld(weights, i) * ld(weights, i)) / (ld(poles, i) - pole - half);
  return f;
}

/**
 * One pass of the secular iteration over poles [from, to): delta[i] = poles[i] − origin − tau and, with t_i =
 * weights[i]/delta[i], (Σ weights[i]·t_i, Σ t_i²) in i order, as the two lanes of one vector (each lane adds its
 * terms one at a time, as two scalar sums would). Two poles per pass share one vector division.
 */
function secularSums(delta: usize, from: i32, to: i32, origin: f64, tau: f64): v128 {
  let sums = f64x2.splat(0);
  const vOrigin = f64x2.splat(origin);
  const vTau = f64x2.splat(tau);
  let i = from;
  for (; i + 1 < to; i += 2) {
    const di = f64x2.sub(f64x2.sub(v128.load(at(poles, i)), vOrigin), vTau);
    v128.store(at(delta, i), di);
    const z = v128.load(at(weights, i));
    const t = f64x2.div(z, di);
    const zt = f64x2.mul(z, t);
    const tt = f64x2.mul(t, t);
    sums = f64x2.add(sums, v128.shuffle<f64>(zt, tt, 0, 2));
    sums = f64x2.add(sums, v128.shuffle<f64>(zt, tt, 1, 3));
  }
  if (i < to) {
    const di = ld(poles, i) - origin - tau;
    st(delta, i, di);
    const z = ld(weights, i);
    const t = z / di;
    sums = f64x2.add(sums, f64x2.replace_lane(f64x2.splat(z * t), 1, t * t));
  }
  return sums;
}

/**
 * The roots into values[0..k) and, in row j of deltaU, the unit eigenvector of root j (the reference's U,
 * transposed: its column j).
 */
function secularEigenvectors(k: i32, rho: f64): void {
  if (k == 1) {
    st(values, 0, ld(poles, 0) + rho * ld(weights, 0) * ld(weights, 0));
    st(deltaU, 0, 1);
    return;
  }
  for (let j = 0; j < k; j++) st(values, j, secularRoot(k, rho, j, at(deltaU, j * k)));
  // Löwner's weights two at a time: lanes i and i + 1 each multiply their factors in j order (skipping their own
  // j), sharing each row's load and one vector division. At j = i and j = i + 1 one lane divides by zero; only the
  // other lane's factor is used.
  let i = 0;
  for (; i + 1 < k; i += 2) {
    const pi = v128.load(at(poles, i));
    let p = f64x2.replace_lane(f64x2.splat(ld(deltaU, i * k + i)), 1, ld(deltaU, (i + 1) * k + i + 1));
    for (let j = 0; j < i; j++) p = f64x2.mul(p, lownerFactors(pi, j, k, i));
    p = f64x2.replace_lane(p, 1, f64x2.extract_lane(p, 1) * f64x2.extract_lane(lownerFactors(pi, i, k, i), 1));
    p = f64x2.replace_lane(p, 0, f64x2.extract_lane(p, 0) * f64x2.extract_lane(lownerFactors(pi, i + 1, k, i), 0));
    for (let j = i + 2; j < k; j++) p = f64x2.mul(p, lownerFactors(pi, j, k, i));
    storeLownerWeight(i, f64x2.extract_lane(p, 0));
    storeLownerWeight(i + 1, f64x2.extract_lane(p, 1));
  }
  if (i < k) {
    let p = ld(deltaU, i * k + i);
    const pi = ld(poles, i);
    for (let j = 0; j < i; j++) p *= ld(deltaU, j * k + i) / (pi - ld(poles, j));
    storeLownerWeight(i, p);
  }
  for (let j = 0; j < k; j++) {
    const row = at(deltaU, j * k);
    let norm: f64 = 0;
    let i = 0;
    for (; i + 1 < k; i += 2) {
      const u = f64x2.div(v128.load(at(lowner, i)), v128.load(at(row, i)));
      v128.store(at(row, i), u);
      const uu = f64x2.mul(u, u);
      norm += f64x2.extract_lane(uu, 0);
      norm += f64x2.extract_lane(uu, 1);
    }
    if (i < k) {
      const u = ld(lowner, i) / ld(row, i);
      st(row, i, u);
      norm += u * u;
    }
    norm = Math.sqrt(norm);
    const vNorm = f64x2.splat(norm);
    for (i = 0; i + 1 < k; i += 2) v128.store(at(row, i), f64x2.div(v128.load(at(row, i)), vNorm));
    if (i < k) st(row, i, ld(row, i) / norm);
  }
}

/** (deltaU[j][i] / (poles[i] − poles[j]), deltaU[j][i + 1] / (poles[i + 1] − poles[j])), pi = poles[i, i + 1]. */
@inline function lownerFactors(pi: v128, j: i32, k: i32, i: i32): v128 {
  return f64x2.div(v128.load(at(deltaU, j * k + i)), f64x2.sub(pi, v128.load64_splat(at(poles, j))));
}

function storeLownerWeight(i: i32, p: f64): void {
  st(lowner, i, ld(weights, i) < 0 ? -Math.sqrt(-p) : Math.sqrt(-p));
}

/** The j-th root (dlaed4), as the reference's `secularRoot`; writes d_i − λ_j into delta[0..k). */
function secularRoot(k: i32, rho: f64, j: i32, delta: usize): f64 {
  const last = j == k - 1;
  let origin = j;
  let lo: f64 = 0;
  let hi: f64 = 0;
  if (!last) {
    const half = (ld(poles, j + 1) - ld(poles, j)) / 2;
    const f = startOfSecular(k, 1 / rho, ld(poles, j), half);
    if (f >= 0) {
      hi = half;
    } else {
      origin = j + 1;
      lo = -half;
      hi = 0;
    }
  } else {
    let zz: f64 = 0;
    for (let i = 0; i < k; i++) zz += ld(weights, i) * ld(weights, i);
    hi = rho * zz;
  }
  const left = last ? k - 2 : j;
  const dOrigin = ld(poles, origin);
  let tau = (lo + hi) / 2;
  for (let iter = 0; iter < MAX_SECULAR_ITERATIONS; iter++) {
    const below = secularSums(delta, 0, left + 1, dOrigin, tau);
    const psi = f64x2.extract_lane(below, 0);
    const dpsi = f64x2.extract_lane(below, 1);
    const above = secularSums(delta, left + 1, k, dOrigin, tau);
    const phi = f64x2.extract_lane(above, 0);
    const dphi = f64x2.extract_lane(above, 1);
    const w = 1 / rho + psi + phi;
    const slope = dpsi + dphi;
    const error = EPS * (8 * (Math.abs(psi) + Math.abs(phi) + 1 / rho) + Math.abs(tau) * slope);
    if (Math.abs(w) <= error) return dOrigin + tau;
    if (w < 0) lo = tau;
    else hi = tau;
    const a1 = ld(delta, left);
    const a2 = ld(delta, left + 1);
    const c = w - a1 * dpsi - a2 * dphi;
    const a = (a1 + a2) * w - a1 * a2 * slope;
    const b = a1 * a2 * w;
    const disc = Math.sqrt(Math.abs(a * a - 4 * b * c));
    let eta: f64;
    if (!last) eta = a <= 0 ? (a - disc) / (2 * c) : (2 * b) / (a + disc);
    else eta = a >= 0 ? (a + disc) / (2 * c) : (2 * b) / (a - disc);
    if (!(w * eta < 0)) eta = -w / slope;
    let next = tau + eta;
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    if (next == tau || !(next > lo && next < hi)) break;
    tau = next;
  }
  for (let i = 0; i < k; i++) st(delta, i, ld(poles, i) - dOrigin - tau);
  return dOrigin + tau;
}

/**
 * Columns [from, to) of the merge's block (relative to lo) of the new rows: rows[j] = Σ_i U[i, j]·R[kept[i]] over
 * the kept rows with entries in this half (`half`), in i order; zeros when there are none.
 */
function halfProduct(n: i32, R: usize, lo: i32, from: i32, to: i32, k: i32, half: i32, stride: i32): void {
  const width = to - from;
  let count = 0;
  for (let i = 0; i < k; i++) if (ldi(support, ldi(kept, i)) & half) sti(gathered, count++, i);
  if (count == 0) {
    for (let j = 0; j < k; j++) for (let c = from; c < to; c++) st(rows, j * stride + c, 0);
    return;
  }
  const columns = (width + 3) & ~3;
  const quads = (k + 3) & ~3;
  // G, packed for multiplyPackedBlock4x4: the rows with entries here, their columns in this half in blocks of four
  // (zero-padded), block c/4 holding term t's four columns at t·4.
  for (let t = 0; t < count; t++) {
    const r = at(R, (lo + ldi(kept, ldi(gathered, t))) * n + lo + from);
    for (let c = 0; c < columns; c++) st(G, (c >> 2) * count * 4 + t * 4 + (c & 3), c < width ? ld(r, c) : 0);
  }
  const blockBytes = <usize>count << 5;
  const outStride = <usize>stride << 3;
  // X, packed alike with each value twice (block j/4 holds U[gathered[t], j] for its four j at t·8, rows past k zero),
  // a chunk of rows at a time: as many as fit the space of X, which holds padded(n)² values.
  const chunk = min(quads, (padded(n) * padded(n)) / (count * 8) * 4);
  for (let j0 = 0; j0 < quads; j0 += chunk) {
    const j1 = min(j0 + chunk, quads);
    for (let j = j0; j < j1; j++) {
      const x = at(X, ((j - j0) >> 2) * count * 8 + (j & 3) * 2);
      if (j < k) {
        const u = at(deltaU, j * k);
        for (let t = 0; t < count; t++) v128.store(at(x, t * 8), v128.load64_splat(at(u, ldi(gathered, t))));
      } else {
        for (let t = 0; t < count; t++) v128.store(at(x, t * 8), f64x2.splat(0));
      }
    }
    for (let j = j0; j < j1; j += 4) {
      const x = X + (<usize>((j - j0) >> 2) * blockBytes * 2);
      const out = at(rows, j * stride + from);
      for (let c = 0; c < columns; c += 4) {
        multiplyPackedBlock4x4(x, G + (<usize>(c >> 2) * blockBytes), count, out + (<usize>c << 3), outStride, false, true);
      }
    }
  }
}
