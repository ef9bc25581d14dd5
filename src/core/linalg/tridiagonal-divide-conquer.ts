/**
 * Eigendecomposition of a symmetric tridiagonal matrix by Cuppen's divide and conquer (Cuppen 1981), as LAPACK's
 * dstedc does it (dlaed0 to dlaed4): cut T in two by a rank-one tear, solve both halves, and merge them through the
 * secular equation of D + ρ·z·zᵀ. Each merge deflates the components it need not solve (a negligible z component,
 * or two eigenvalues so close that a plane rotation zeroes one z component), finds each remaining root with the
 * shift origin at its nearer pole (so d_i − λ_j is known to full relative accuracy), and recomputes z from the
 * roots by Löwner's formula (Gu & Eisenstat 1994), which makes the eigenvectors numerically orthogonal even when
 * the roots are only accurate to rounding. The eigenvector work of a merge is one matrix product, where QL spends
 * its time on ~n² plane rotations of whole rows.
 *
 * This is the typed-array reference; every floating-point operation's order is fixed here so that a kernel can
 * reproduce it bit for bit. Problems smaller than DIVIDE_AND_CONQUER_MIN go to QL (symmetric-eigen.ts), as LAPACK
 * sends its leaves to dsteqr.
 */

import { diagonalize } from './symmetric-eigen.ts';

/** Subproblems up to this size are solved by QL: below it the merges cost more than the rotations they replace. */
export const DIVIDE_AND_CONQUER_MIN = 25;

const EPS = Math.pow(2, -53);
/** More than bisection alone needs (about 60 halvings reach adjacent doubles); the rational steps take ~3–6. */
const MAX_SECULAR_ITERATIONS = 200;

/** What the merges did, for the tests and bench/eigen-divide-conquer.ts; counts add up over calls. */
export interface DivideAndConquerStats {
  merges: number;
  /** Components deflated for a negligible z. */
  deflatedSmall: number;
  /** Components deflated by a rotation between close eigenvalues. */
  deflatedClose: number;
  /** Components left to the secular equation. */
  secular: number;
  /** Evaluations of the secular function over all roots (each costs one pass over the k poles). */
  secularEvaluations: number;
  /** Multiply–adds of the merges' eigenvector products. */
  productMultiplies: number;
}

/**
 * Eigenvalues and eigenvectors of the symmetric tridiagonal T with diagonal d[0..n) and off-diagonal e[0..n − 1)
 * (e[i] couples i and i + 1). On return d holds the eigenvalues in ascending order and row i of `vectors` (n × n,
 * row-major) the unit eigenvector of d[i]; e is left unchanged.
 */
export function tridiagonalEigen(
  n: number,
  d: Float64Array,
  e: Float64Array,
  vectors: Float64Array,
  stats?: DivideAndConquerStats,
): void {
  if (n === 0) return;
  vectors.fill(0, 0, n * n);
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]));
  for (let i = 0; i < n - 1; i++) norm = Math.max(norm, Math.abs(e[i]));
  if (norm === 0) {
    for (let i = 0; i < n; i++) vectors[i * n + i] = 1;
    return;
  }
  // Scaled to ‖T‖_max in [1, 2) by a power of two, which is exact, so the tolerances below are absolute. Found by
  // halving and doubling rather than Math.log2/Math.pow, whose last bits a kernel's math library need not share.
  let scale = 1;
  while (norm * scale >= 2) scale *= 0.5;
  while (norm * scale < 1) scale *= 2;
  const offDiagonal = new Float64Array(Math.max(0, n - 1));
  for (let i = 0; i < n; i++) d[i] *= scale;
  for (let i = 0; i < n - 1; i++) offDiagonal[i] = e[i] * scale;
  solve(n, d, offDiagonal, vectors, 0, n, stats);
  for (let i = 0; i < n; i++) d[i] /= scale;
}

/** Solves the block [lo, hi) of T into rows and columns [lo, hi) of R and ascending values in d[lo..hi). */
function solve(n: number, d: Float64Array, e: Float64Array, R: Float64Array, lo: number, hi: number, stats?: DivideAndConquerStats): void {
  const m = hi - lo;
  if (m <= DIVIDE_AND_CONQUER_MIN) {
    solveByQL(n, d, e, R, lo, m);
    return;
  }
  const mid = lo + (m >> 1);
  // T = diag(T₁ − |β|·e_last·e_lastᵀ, T₂ − |β|·e_first·e_firstᵀ) + |β|·w·wᵀ with w = e_last + sign(β)·e_first.
  const beta = e[mid - 1];
  d[mid - 1] -= Math.abs(beta);
  d[mid] -= Math.abs(beta);
  solve(n, d, e, R, lo, mid, stats);
  solve(n, d, e, R, mid, hi, stats);
  merge(n, d, R, lo, mid, hi, beta, stats);
}

function solveByQL(n: number, d: Float64Array, e: Float64Array, R: Float64Array, lo: number, m: number): void {
  const W = new Float64Array(m * m);
  for (let i = 0; i < m; i++) W[i * m + i] = 1;
  const values = d.slice(lo, lo + m);
  const coupling = new Float64Array(m);
  for (let i = 1; i < m; i++) coupling[i] = e[lo + i - 1];
  diagonalize(m, W, values, coupling);
  d.set(values, lo);
  for (let i = 0; i < m; i++) R.set(W.subarray(i * m, i * m + m), (lo + i) * n + lo);
}

/** Which halves of [lo, hi) an eigenvector row has entries in; a deflating rotation mixes the two. */
const TOP = 1;
const BOTTOM = 2;

/**
 * Merges the solved halves [lo, mid) and [mid, hi): their eigenvalues in d and eigenvector rows in R become those
 * of the whole block, ascending (dlaed1–dlaed3).
 */
function merge(
  n: number,
  d: Float64Array,
  R: Float64Array,
  lo: number,
  mid: number,
  hi: number,
  beta: number,
  stats?: DivideAndConquerStats,
): void {
  const m = hi - lo;
  const n1 = mid - lo;
  const sign = beta < 0 ? -1 : 1;
  // z = Qᵀ·w / √2, a unit vector; ρ doubles to match.
  const z = new Float64Array(m);
  const support = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const row = (lo + i) * n;
    z[i] = i < n1 ? R[row + mid - 1] : sign * R[row + mid];
    z[i] *= Math.SQRT1_2;
    support[i] = i < n1 ? TOP : BOTTOM;
  }
  const rho = 2 * Math.abs(beta);
  const D = d.slice(lo, hi);
  const order = mergedOrder(D, n1);

  let dMax = 0;
  let zMax = 0;
  for (let i = 0; i < m; i++) {
    dMax = Math.max(dMax, Math.abs(D[i]));
    zMax = Math.max(zMax, Math.abs(z[i]));
  }
  const tol = 8 * EPS * Math.max(dMax, zMax);

  // Deflation (dlaed2), in ascending order of D. `kept` are the indices left to the secular equation.
  const kept: number[] = [];
  const deflated: number[] = [];
  let deflatedClose = 0;
  if (rho * zMax > tol) {
    let previous = -1;
    for (const j of order) {
      if (rho * Math.abs(z[j]) <= tol) {
        deflated.push(j);
        continue;
      }
      if (previous < 0) {
        previous = j;
        continue;
      }
      // Rotating vectors `previous` and j by (c, s) zeroes z[previous]; allowed when that moves T by at most tol.
      const tau = hypot(z[j], z[previous]);
      const c = z[j] / tau;
      const s = -z[previous] / tau;
      const gap = D[j] - D[previous];
      if (Math.abs(gap * c * s) <= tol) {
        z[j] = tau;
        z[previous] = 0;
        rotateRows(R, (lo + previous) * n + lo, (lo + j) * n + lo, m, c, s);
        support[j] |= support[previous];
        support[previous] |= support[j];
        const dp = D[previous] * c * c + D[j] * s * s;
        D[j] = D[previous] * s * s + D[j] * c * c;
        D[previous] = dp;
        deflated.push(previous);
        deflatedClose++;
      } else {
        kept.push(previous);
      }
      previous = j;
    }
    if (previous >= 0) kept.push(previous);
  } else {
    for (const j of order) deflated.push(j);
  }

  const k = kept.length;
  if (stats) {
    stats.merges++;
    stats.deflatedSmall += deflated.length - deflatedClose;
    stats.deflatedClose += deflatedClose;
    stats.secular += k;
    let columns = 0;
    for (const i of kept) columns += (support[i] & TOP ? mid - lo : 0) + (support[i] & BOTTOM ? hi - mid : 0);
    stats.productMultiplies += k * columns;
  }
  const values = new Float64Array(m);
  const rows = new Float64Array(m * m);
  if (k > 0) {
    const poles = new Float64Array(k);
    const weights = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      poles[i] = D[kept[i]];
      weights[i] = z[kept[i]];
    }
    // U[i·k + j] = (component i of the secular problem's j-th eigenvector).
    const U = secularEigenvectors(k, poles, weights, rho, values, stats);
    eigenvectorProduct(n, R, lo, mid, hi, kept, support, U, rows);
  }
  for (let q = 0; q < deflated.length; q++) {
    const j = deflated[q];
    values[k + q] = D[j];
    rows.set(R.subarray((lo + j) * n + lo, (lo + j) * n + hi), (k + q) * m);
  }
  // Ascending, ties in a fixed order (secular roots first, then deflated in deflation order): a total order, so any
  // correct sort gives these same rows.
  const sorted = Array.from({ length: m }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  for (let i = 0; i < m; i++) {
    const from = sorted[i];
    d[lo + i] = values[from];
    R.set(rows.subarray(from * m, from * m + m), (lo + i) * n + lo);
  }
}

/**
 * √(a² + b²) without overflow (LAPACK's dlapy2), from IEEE operations alone: Math.hypot's algorithm is the engine's
 * own, and a kernel must reproduce every bit.
 */
function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const w = Math.max(x, y);
  const v = Math.min(x, y);
  if (v === 0) return w;
  const r = v / w;
  return w * Math.sqrt(1 + r * r);
}

/** Indices of D ascending: the two halves are each ascending, so one merge pass; ties take the top half first. */
function mergedOrder(D: Float64Array, n1: number): number[] {
  const m = D.length;
  const order: number[] = [];
  let a = 0;
  let b = n1;
  while (a < n1 || b < m) {
    if (b >= m || (a < n1 && D[a] <= D[b])) order.push(a++);
    else order.push(b++);
  }
  return order;
}

/** x ← c·x + s·y, y ← c·y − s·x for the rows at offsets x and y (BLAS drot). */
function rotateRows(R: Float64Array, x: number, y: number, len: number, c: number, s: number): void {
  for (let t = 0; t < len; t++) {
    const a = R[x + t];
    const b = R[y + t];
    R[x + t] = c * a + s * b;
    R[y + t] = c * b - s * a;
  }
}

/**
 * Roots λ_j of the secular equation 1 + ρ·Σ w_i²/(d_i − λ) = 0 for ascending poles d (values) and the matching
 * unit eigenvectors of diag(d) + ρ·w·wᵀ: column j of the returned k × k matrix (row-major) belongs to λ_j (dlaed3).
 */
function secularEigenvectors(
  k: number,
  poles: Float64Array,
  weights: Float64Array,
  rho: number,
  values: Float64Array,
  stats?: DivideAndConquerStats,
): Float64Array {
  const U = new Float64Array(k * k);
  if (k === 1) {
    values[0] = poles[0] + rho * weights[0] * weights[0];
    U[0] = 1;
    return U;
  }
  // delta[i·k + j] = d_i − λ_j, each computed from the shift origin of root j.
  const delta = new Float64Array(k * k);
  const column = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    values[j] = secularRoot(k, poles, weights, rho, j, column, stats);
    for (let i = 0; i < k; i++) delta[i * k + j] = column[i];
  }
  // Löwner: the weights for which the computed roots are exact (Gu & Eisenstat), sign from the given weights.
  const lowner = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let p = delta[i * k + i];
    for (let j = 0; j < k; j++) if (j !== i) p *= delta[i * k + j] / (poles[i] - poles[j]);
    lowner[i] = weights[i] < 0 ? -Math.sqrt(-p) : Math.sqrt(-p);
  }
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let i = 0; i < k; i++) {
      const u = lowner[i] / delta[i * k + j];
      U[i * k + j] = u;
      norm += u * u;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < k; i++) U[i * k + j] /= norm;
  }
  return U;
}

/**
 * The j-th root (dlaed4): with origin at its nearer pole, the rational model of Bunch, Nielsen & Sorensen through
 * the two poles around the root (value and slope matched on either side) gives each step, bisection of the bracket
 * catches any step that leaves it. Writes d_i − λ_j into delta and returns λ_j.
 */
function secularRoot(
  k: number,
  d: Float64Array,
  z: Float64Array,
  rho: number,
  j: number,
  delta: Float64Array,
  stats?: DivideAndConquerStats,
): number {
  const last = j === k - 1;
  let origin = j;
  let lo = 0;
  let hi: number;
  if (!last) {
    const half = (d[j + 1] - d[j]) / 2;
    let f = 1 / rho;
    for (let i = 0; i < k; i++) f += (z[i] * z[i]) / (d[i] - d[j] - half);
    // f rises between poles: f(midpoint) ≥ 0 puts the root in the lower half.
    if (f >= 0) {
      hi = half;
    } else {
      origin = j + 1;
      lo = -half;
      hi = 0;
    }
  } else {
    let zz = 0;
    for (let i = 0; i < k; i++) zz += z[i] * z[i];
    hi = rho * zz;
  }
  // The model's two poles: j and j + 1, or for the last root the last two.
  const left = last ? k - 2 : j;
  const dOrigin = d[origin];
  let tau = (lo + hi) / 2;
  for (let iter = 0; iter < MAX_SECULAR_ITERATIONS; iter++) {
    if (stats) stats.secularEvaluations++;
    let psi = 0;
    let dpsi = 0;
    let phi = 0;
    let dphi = 0;
    for (let i = 0; i < k; i++) {
      const di = d[i] - dOrigin - tau;
      delta[i] = di;
      const t = z[i] / di;
      if (i <= left) {
        psi += z[i] * t;
        dpsi += t * t;
      } else {
        phi += z[i] * t;
        dphi += t * t;
      }
    }
    const w = 1 / rho + psi + phi;
    const slope = dpsi + dphi;
    // |w| within the rounding error of its own evaluation (dlaed4's test).
    const error = EPS * (8 * (Math.abs(psi) + Math.abs(phi) + 1 / rho) + Math.abs(tau) * slope);
    if (Math.abs(w) <= error) return dOrigin + tau;
    if (w < 0) lo = tau;
    else hi = tau;
    const a1 = delta[left];
    const a2 = delta[left + 1];
    const c = w - a1 * dpsi - a2 * dphi;
    const a = (a1 + a2) * w - a1 * a2 * slope;
    const b = a1 * a2 * w;
    const disc = Math.sqrt(Math.abs(a * a - 4 * b * c));
    let eta: number;
    if (!last) eta = a <= 0 ? (a - disc) / (2 * c) : (2 * b) / (a + disc);
    else eta = a >= 0 ? (a + disc) / (2 * c) : (2 * b) / (a - disc);
    // The root lies against w's sign (f rises); otherwise (or NaN from c = 0) a Newton step.
    if (!(w * eta < 0)) eta = -w / slope;
    let next = tau + eta;
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    if (next === tau || !(next > lo && next < hi)) break;
    tau = next;
  }
  for (let i = 0; i < k; i++) delta[i] = d[i] - dOrigin - tau;
  return dOrigin + tau;
}

/**
 * Rows of the merged eigenvectors: rows[j] = Σ_i U[i, j]·R[kept[i]] over columns [lo, hi), summed in i order. The
 * top columns take only rows with entries there, the bottom likewise (dlaed3's two products).
 */
function eigenvectorProduct(
  n: number,
  R: Float64Array,
  lo: number,
  mid: number,
  hi: number,
  kept: number[],
  support: Uint8Array,
  U: Float64Array,
  rows: Float64Array,
): void {
  const k = kept.length;
  const m = hi - lo;
  for (let j = 0; j < k; j++) {
    const out = j * m;
    for (let i = 0; i < k; i++) {
      const u = U[i * k + j];
      const src = (lo + kept[i]) * n;
      const has = support[kept[i]];
      if (has & TOP) for (let c = lo; c < mid; c++) rows[out + c - lo] += u * R[src + c];
      if (has & BOTTOM) for (let c = mid; c < hi; c++) rows[out + c - lo] += u * R[src + c];
    }
  }
}
