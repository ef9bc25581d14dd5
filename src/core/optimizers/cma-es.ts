/**
 * CMA-ES (Hansen & Ostermeier 2001), as in Hansen's tutorial "The CMA Evolution Strategy: A Tutorial"
 * (arXiv:1604.00772) and its reference code purecmaes.m: weighted recombination of the μ best of λ samples
 * m + σ·B·D·z, cumulative step-size adaptation, rank-one plus rank-μ covariance update, and an eigendecomposition
 * of C only every λ / ((c1 + cμ)·N·10) evaluations, which keeps the cost at O(N²) per sample.
 *
 * Speed without changing the arithmetic: the O(N²) products are register-tiled loops over contiguous rows (the
 * eigenvectors are kept as the columns of B, so that a coordinate of every eigenvector is one row), and every sum is
 * accumulated in the same order as the textbook loops, so the numbers are the same as the straightforward code's.
 * Where WebAssembly runs, sampling through the eigenvectors (with its D ∘ z and m + σ·y) and the covariance update
 * run in SIMD kernels (kernels/cma.ts) on the same order of terms, so with or without them the bits are the same; the
 * functions below are their reference and fallback. The kernels' instance belongs to the thread; the state's arrays
 * are copied in and out around each call, so that the state stays plain data that can be cloned and resumed, except
 * that the kernels keep the last run's C and its eigenvectors (packed in panels) while they are still that run's
 * current ones. C's upper triangle still comes back into the state after every update (bench/cma-es-phases.ts times
 * the copy): a state whose C lagged behind the kernels' would not clone or resume correctly.
 *
 * Above DIVIDE_AND_CONQUER_MIN the eigenvectors are never formed: the eigensolver stops before its
 * back-transformation (symmetricEigenFactored), the state keeps T's eigenvectors Z and the reduction's reflectors,
 * and every product through B goes through Z and then applies Qᵀ to its λ (or one) rows, V = Z·Qᵀ
 * (applyBackTransform). That changes the last bits of every sample against a formed V (tests/cma-es-factored.test.ts
 * bounds the difference) and saves the 2·N³ of forming V per decomposition.
 */
import { z } from 'zod';
import { type KernelExports, kernelInstance, kernelsEnabled } from '../kernels/wasm.ts';
import { applyBackTransform, prepareBackTransform, preparedBackTransformLength } from '../linalg/householder-back-transform.ts';
import { symmetricEigen, symmetricEigenFactored } from '../linalg/symmetric-eigen.ts';
import { DIVIDE_AND_CONQUER_MIN } from '../linalg/tridiagonal-divide-conquer.ts';
import { defineOptimizer, type PointBatch } from './optimizer.ts';
import { rankDescending } from './ranking.ts';

interface Params extends Record<string, unknown> {
  lambda: number;
  mu: number;
  sigma0: number;
}

/** A run's state: plain data (typed arrays and numbers), so that it can be cloned and resumed. */
export type CmaEsState = State;

interface State {
  n: number;
  lambda: number;
  mu: number;
  weights: Float64Array;
  mueff: number;
  cc: number;
  cs: number;
  c1: number;
  cmu: number;
  damps: number;
  chiN: number;
  mean: Float64Array;
  sigma: number;
  pc: Float64Array;
  ps: Float64Array;
  /** Covariance matrix; only the upper triangle (j ≥ i) is kept current (and read by the eigensolver). */
  C: Float64Array;
  /**
   * `work` transposed, for the reference's products along rows: up to DIVIDE_AND_CONQUER_MIN the eigenvectors of C
   * as columns (B[i·n + j] is coordinate i of the eigenvector of D[j]), above it those of T; ignored while `identityB`.
   * Transposed when the reference first needs it after the decomposition at `transposedAt` (the kernels read `work`).
   */
  B: Float64Array;
  transposedAt: number;
  /** Square roots of the eigenvalues of C. */
  D: Float64Array;
  identityB: boolean;
  Z: Float64Array;
  Y: Float64Array;
  order: Int32Array;
  zw: Float64Array;
  yw: Float64Array;
  bz: Float64Array;
  /**
   * The eigensolver's output as rows, transposed into B: up to DIVIDE_AND_CONQUER_MIN the eigenvectors of C, above it
   * the eigenvectors Z of the tridiagonal T = Qᵀ·C·Q, those of C being the rows of Z·Qᵀ, never formed.
   */
  work: Float64Array;
  /** Above DIVIDE_AND_CONQUER_MIN, Qᵀ as the reduction's reflectors (n × n) and their scalars; empty at or below it. */
  reflectors: Float64Array;
  reflectorScales: Float64Array;
  /** The reference's blocks of Qᵀ prepared from `reflectors` (empty until needed), as of the decomposition at `preparedAt`. */
  prepared: Float64Array;
  preparedAt: number;
  scratch: Float64Array;
  /** The μ selected rows of Y, transposed (n × μ), and their per-row coefficients, for the rank-μ update. */
  ySel: Float64Array;
  coefficients: Float64Array;
  eigenvalues: Float64Array;
  counteval: number;
  eigeneval: number;
  batch: PointBatch<Float64Array>;
}

export const cmaEs = defineOptimizer<Params, State>({
  id: 'cma-es',
  title: 'CMA-ES',
  summary: 'Covariance matrix adaptation evolution strategy (Hansen’s tutorial), full covariance.',
  spaces: ['continuous'],
  needsGradient: false,
  escapesDeadEnds: true,
  params: z.strictObject({
    lambda: z.int().min(2).max(100_000).optional().describe('Samples per generation (default 4 + ⌊3 ln N⌋).'),
    mu: z.int().min(1).optional().describe('Parents in the weighted recombination (default ⌊λ/2⌋).'),
    sigma0: z.number().gt(0).optional().describe('Initial step size (default 0.3 × box width).'),
  }),
  defaults(problem, given) {
    // μ follows the λ in use, the scenario's or the default.
    const lambda = typeof given?.lambda === 'number' ? given.lambda : 4 + Math.floor(3 * Math.log(problem.dim));
    return { lambda, mu: Math.floor(lambda / 2), sigma0: 0.3 * (problem.upper - problem.lower) };
  },
  check: (_problem, p) => (p.mu > p.lambda ? [{ path: ['mu'], message: `mu must be at most lambda (${p.lambda})` }] : []),
  // In bytes: C, B, the eigensolver's output and the reflectors (4·8N²) and the reference's prepared blocks of Qᵀ
  // (4N²), plus the eigensolver's memory while it runs (about 16N²), plus the eigensolver kernel's copy of the matrix
  // (8N², kept by the thread for its next decomposition), plus the sampling and update kernels' copies of C, of the
  // eigenvectors of T, of the reflectors and of their prepared blocks (4·8N², kept by the thread between
  // generations): 92N², rounded up to 12·8N².
  memoryBytes: (problem, p) => 8 * (12 * problem.dim * problem.dim + (3 * p.lambda + p.mu + 12) * problem.dim),
  init(_rng, problem, start, p) {
    const n = problem.dim;
    const weights = new Float64Array(p.mu);
    for (let i = 0; i < p.mu; i++) weights[i] = Math.log(p.mu + 0.5) - Math.log(i + 1);
    const sum = weights.reduce((a, b) => a + b, 0);
    let sumSq = 0;
    for (let i = 0; i < p.mu; i++) {
      weights[i] /= sum;
      sumSq += weights[i] * weights[i];
    }
    const mueff = 1 / sumSq;
    const cs = (mueff + 2) / (n + mueff + 5);
    const c1 = 2 / ((n + 1.3) ** 2 + mueff);
    const C = new Float64Array(n * n);
    for (let i = 0; i < n; i++) C[i * n + i] = 1;
    return {
      n,
      lambda: p.lambda,
      mu: p.mu,
      weights,
      mueff,
      cc: (4 + mueff / n) / (n + 4 + (2 * mueff) / n),
      cs,
      c1,
      cmu: Math.min(1 - c1, (2 * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff)),
      damps: 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs,
      chiN: Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n)),
      mean: Float64Array.from(start.x0 as Float64Array),
      sigma: p.sigma0,
      pc: new Float64Array(n),
      ps: new Float64Array(n),
      C,
      B: new Float64Array(n * n),
      transposedAt: -1,
      D: new Float64Array(n).fill(1),
      identityB: true,
      Z: new Float64Array(p.lambda * n),
      Y: new Float64Array(p.lambda * n),
      order: new Int32Array(p.lambda),
      zw: new Float64Array(n),
      yw: new Float64Array(n),
      bz: new Float64Array(n),
      work: new Float64Array(n * n),
      reflectors: new Float64Array(n > DIVIDE_AND_CONQUER_MIN ? n * n : 0),
      reflectorScales: new Float64Array(n > DIVIDE_AND_CONQUER_MIN ? n : 0),
      prepared: new Float64Array(0),
      preparedAt: -1,
      scratch: new Float64Array(n),
      ySel: new Float64Array(n * p.mu),
      coefficients: new Float64Array(p.mu),
      eigenvalues: new Float64Array(n),
      counteval: 0,
      eigeneval: 0,
      batch: { kind: 'points', genes: new Float64Array(p.lambda * n), count: p.lambda },
    };
  },
  ask(rng, s) {
    const { n, lambda, Z, Y, D, mean, sigma } = s;
    const X = s.batch.genes;
    rng.fillNormal(Z);
    if (s.identityB) {
      for (let k = 0, o = 0; k < lambda; k++) for (let j = 0; j < n; j++, o++) Y[o] = D[j] * Z[o];
    } else {
      if (kernelSample(s)) return s.batch;
      // y_k = B·(D ∘ z_k) for every sample: X holds D ∘ z_k for now, then Y[k][i] = Σ_j B[i][j]·X[k][j] (and Qᵀ).
      for (let k = 0, o = 0; k < lambda; k++) for (let j = 0; j < n; j++, o++) X[o] = D[j] * Z[o];
      throughEigenvectors(s, X, lambda, Y);
    }
    for (let k = 0, o = 0; k < lambda; k++) for (let i = 0; i < n; i++, o++) X[o] = mean[i] + sigma * Y[o];
    return s.batch;
  },
  tell(_rng, _candidates, feedback, s) {
    const { n, mu, weights, Z, Y, zw, yw, bz, ps, pc, mean, C, order } = s;
    s.counteval += s.lambda;
    rankDescending(feedback.fitness, s.lambda, order);
    zw.fill(0);
    yw.fill(0);
    for (let r = 0; r < mu; r++) {
      const o = order[r] * n;
      const w = weights[r];
      for (let i = 0; i < n; i++) {
        zw[i] += w * Z[o + i];
        yw[i] += w * Y[o + i];
      }
    }
    // C^(-1/2)·(m' − m)/σ = B·z_w.
    if (s.identityB) bz.set(zw);
    else throughEigenvectors(s, zw, 1, bz);
    const csFactor = Math.sqrt(s.cs * (2 - s.cs) * s.mueff);
    let psNorm2 = 0;
    for (let i = 0; i < n; i++) {
      mean[i] += s.sigma * yw[i];
      ps[i] = (1 - s.cs) * ps[i] + csFactor * bz[i];
      psNorm2 += ps[i] * ps[i];
    }
    const psNorm = Math.sqrt(psNorm2);
    const hsig =
      psNorm / Math.sqrt(1 - Math.pow(1 - s.cs, (2 * s.counteval) / s.lambda)) / s.chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    const ccFactor = hsig * Math.sqrt(s.cc * (2 - s.cc) * s.mueff);
    for (let i = 0; i < n; i++) pc[i] = (1 - s.cc) * pc[i] + ccFactor * yw[i];
    // Rank-one and rank-μ update of the upper triangle:
    // C[i][j] ← decay·C[i][j] + c1·pc[i]·pc[j] + Σ_r cμ·w_r·Y[r][i]·Y[r][j], summed in r order.
    const decay = 1 - s.c1 - s.cmu + s.c1 * (1 - hsig) * s.cc * (2 - s.cc);
    if (!kernelUpdate(s, decay)) {
      const { ySel, coefficients } = s;
      for (let r = 0; r < mu; r++) {
        const o = order[r] * n;
        for (let j = 0; j < n; j++) ySel[j * mu + r] = Y[o + j];
      }
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < mu; r++) coefficients[r] = s.cmu * weights[r] * ySel[i * mu + r];
        updateCovarianceRow(C, i * n, i, n, decay, s.c1 * pc[i], pc, coefficients, ySel, mu);
      }
    }
    s.sigma *= Math.exp((s.cs / s.damps) * (psNorm / s.chiN - 1));
    if (s.counteval - s.eigeneval > s.lambda / (s.c1 + s.cmu) / n / 10) decompose(s);
  },
  incumbent: (s) => s.mean,
  population: (s) => s.batch,
});

/** CMA-ES's kernel instance, shared by every run in this thread; its memory grows to the largest run's need. */
let cmaKernels: KernelExports | null | undefined;

/** Byte offsets of one run's arrays in the kernels' memory, for its n, λ and μ. */
interface KernelLayout {
  n: number;
  lambda: number;
  mu: number;
  /** The eigenvectors (of C, or above DIVIDE_AND_CONQUER_MIN of T) in panels of four columns, n × 4·⌈n/4⌉ numbers. */
  panels: number;
  /**
   * n × n numbers on their way in, once per decomposition: above DIVIDE_AND_CONQUER_MIN the reflectors of Qᵀ until
   * their blocks are prepared, then the eigenvectors until they are packed into panels.
   */
  staging: number;
  /** Above DIVIDE_AND_CONQUER_MIN: the scalars of Qᵀ's reflectors, their prepared blocks, and scratch to apply them. */
  reflectorScales: number;
  prepared: number;
  backScratch: number;
  C: number;
  scaled: number;
  Y: number;
  D: number;
  mean: number;
  pc: number;
  selected: number;
  cmuWeights: number;
  coefficients: number;
}

let layout: KernelLayout | null = null;
/**
 * What the kernels' memory holds between calls, so that the two n × n matrices are not copied in every generation
 * (at N = 1000, 8 MB each, about a millisecond apiece): the panels of the eigenvectors of the run whose `work` they
 * came from, as of its decomposition at `eigeneval`, and the covariance of the run whose C was last updated there,
 * after the tell that had counted `counteval`. A cloned or resumed state has arrays of its own, so it copies in.
 * Weak references, so that a finished run's matrices are not kept alive by the thread.
 */
let residentPanels: { of: WeakRef<Float64Array>; eigeneval: number } | null = null;
let residentC: { of: WeakRef<Float64Array>; counteval: number } | null = null;

/** The thread's kernels with the layout of `s`'s shape, or null where they do not run. */
function kernelsFor(s: State): { kernels: KernelExports; at: KernelLayout } | null {
  if (!kernelsEnabled()) return null;
  if (cmaKernels === undefined) cmaKernels = kernelInstance();
  const kernels = cmaKernels;
  if (!kernels) return null;
  const { n, lambda, mu } = s;
  if (!layout || layout.n !== n || layout.lambda !== lambda || layout.mu !== mu) {
    const width = (n + 3) & ~3;
    let end = 64;
    const reserve = (count: number) => {
      const at = end;
      end += (8 * count + 15) & ~15;
      return at;
    };
    const factored = n > DIVIDE_AND_CONQUER_MIN;
    layout = {
      n,
      lambda,
      mu,
      panels: reserve(n * width),
      staging: reserve(n * n),
      reflectorScales: factored ? reserve(n) : 0,
      prepared: factored ? reserve(Math.ceil(kernels.backTransformPreparedBytes(n) / 8)) : 0,
      backScratch: factored ? reserve(Math.ceil(kernels.backTransformApplyScratchBytes() / 8)) : 0,
      C: reserve(n * n),
      scaled: reserve(lambda * n),
      Y: reserve(lambda * width),
      D: reserve(n),
      mean: reserve(n),
      pc: reserve(n),
      selected: reserve(mu * n),
      cmuWeights: reserve(mu),
      coefficients: reserve(4 * mu),
    };
    residentPanels = null;
    residentC = null;
    upperRows = null;
    const missing = end - kernels.memory.buffer.byteLength;
    if (missing > 0) kernels.memory.grow(Math.ceil(missing / 65536));
  }
  return { kernels, at: layout };
}

/**
 * Packs the eigenvectors of `s` (the rows of work) into the kernels' panels and, above DIVIDE_AND_CONQUER_MIN,
 * prepares the blocks of its Qᵀ, unless they are there already.
 */
function ensurePanels(s: State, kernels: KernelExports, at: KernelLayout): void {
  if (residentPanels && residentPanels.of.deref() === s.work && residentPanels.eigeneval === s.eigeneval) return;
  const { n } = s;
  const staging = new Float64Array(kernels.memory.buffer, at.staging, n * n);
  if (n > DIVIDE_AND_CONQUER_MIN) {
    // applyBackTransform reads only the prepared blocks, so the reflectors' room is free again once they are made.
    staging.set(s.reflectors);
    new Float64Array(kernels.memory.buffer, at.reflectorScales, n).set(s.reflectorScales);
    kernels.prepareBackTransform(n, at.staging, at.reflectorScales, at.prepared, at.backScratch);
  }
  staging.set(s.work);
  kernels.packPanels(at.staging, n, at.panels);
  residentPanels = { of: new WeakRef(s.work), eigeneval: s.eigeneval };
}

/** out[k] = (rows of `a`, k < rows) through the eigenvectors of `s`, in the kernel; false where it does not run. */
function kernelThroughEigenvectors(s: State, a: Float64Array, rows: number, out: Float64Array): boolean {
  const found = kernelsFor(s);
  if (!found) return false;
  const { kernels, at } = found;
  const { n } = s;
  ensurePanels(s, kernels, at);
  const buffer = kernels.memory.buffer;
  new Float64Array(buffer, at.scaled, rows * n).set(a.subarray(0, rows * n));
  kernels.multiplyThroughPanels(at.scaled, rows, at.panels, n, at.Y);
  const width = (n + 3) & ~3;
  if (n > DIVIDE_AND_CONQUER_MIN) kernels.applyBackTransform(n, at.prepared, at.Y, rows, width, at.backScratch);
  copyRowsOut(buffer, at.Y, rows, n, width, out);
  return true;
}

/**
 * All of `ask` after the normal draws in the kernel: Y = (D ∘ Z) through the eigenvectors, X = m + σ·Y, the
 * reference's operations in its order; then Y and X out into the state. False where the kernels do not run.
 */
function kernelSample(s: State): boolean {
  const found = kernelsFor(s);
  if (!found) return false;
  const { kernels, at } = found;
  const { n, lambda } = s;
  ensurePanels(s, kernels, at);
  const buffer = kernels.memory.buffer;
  new Float64Array(buffer, at.scaled, lambda * n).set(s.Z);
  new Float64Array(buffer, at.D, n).set(s.D);
  new Float64Array(buffer, at.mean, n).set(s.mean);
  kernels.scaleColumns(at.scaled, lambda, n, at.D);
  kernels.multiplyThroughPanels(at.scaled, lambda, at.panels, n, at.Y);
  const width = (n + 3) & ~3;
  if (n > DIVIDE_AND_CONQUER_MIN) kernels.applyBackTransform(n, at.prepared, at.Y, lambda, width, at.backScratch);
  // D ∘ Z is spent, so its room takes the samples.
  kernels.offsetRows(at.Y, lambda, n, width, at.mean, s.sigma, at.scaled);
  copyRowsOut(buffer, at.Y, lambda, n, width, s.Y);
  s.batch.genes.set(new Float64Array(buffer, at.scaled, lambda * n));
  return true;
}

/** out ← `rows` rows of n numbers from the kernels' memory at byte offset `from`, `width` numbers apart there. */
function copyRowsOut(buffer: ArrayBufferLike, from: number, rows: number, n: number, width: number, out: Float64Array): void {
  const source = new Float64Array(buffer, from, rows * width);
  if (width === n) out.set(source);
  else for (let k = 0; k < rows; k++) out.set(source.subarray(k * width, k * width + n), k * n);
}

/**
 * Views of the kernels' C, row i from its diagonal on, made once per layout and memory (a memory that grows detaches
 * them): a new view per row in every generation, a thousand at N = 1000, slowed the copy they serve.
 */
let upperRows: { buffer: ArrayBufferLike; rows: Float64Array[] } | null = null;

function upperTriangleRows(buffer: ArrayBufferLike, at: KernelLayout): Float64Array[] {
  if (upperRows?.buffer !== buffer) {
    const { n } = at;
    const C = new Float64Array(buffer, at.C, n * n);
    upperRows = { buffer, rows: Array.from({ length: n }, (_, i) => C.subarray(i * n + i, i * n + n)) };
  }
  return upperRows.rows;
}

/** The covariance update (what the reference loop in `tell` computes) in the kernel, on its copy of C's rows. */
function kernelUpdate(s: State, decay: number): boolean {
  const found = kernelsFor(s);
  if (!found) return false;
  const { kernels, at } = found;
  const { n, mu, order, Y } = s;
  const buffer = kernels.memory.buffer;
  const C = new Float64Array(buffer, at.C, n * n);
  if (!residentC || residentC.of.deref() !== s.C || residentC.counteval !== s.counteval - s.lambda) C.set(s.C);
  new Float64Array(buffer, at.pc, n).set(s.pc);
  const selected = new Float64Array(buffer, at.selected, mu * n);
  for (let r = 0; r < mu; r++) selected.set(Y.subarray(order[r] * n, order[r] * n + n), r * n);
  const cmuWeights = new Float64Array(buffer, at.cmuWeights, mu);
  for (let r = 0; r < mu; r++) cmuWeights[r] = s.cmu * s.weights[r];
  kernels.updateCovariance(at.C, n, decay, s.c1, at.pc, at.selected, mu, at.cmuWeights, at.coefficients);
  // Only the upper triangle changed; the rest of the state's C already equals the kernels' copy.
  const rows = upperTriangleRows(buffer, at);
  for (let i = 0; i < n; i++) s.C.set(rows[i], i * n + i);
  residentC = { of: new WeakRef(s.C), counteval: s.counteval };
  return true;
}

/**
 * out[k] = (row k of `a`, k < rows)·V, V the eigenvectors of C as rows, in the kernel where it runs. The reference:
 * (row k)·Bᵀ, then, above DIVIDE_AND_CONQUER_MIN where B holds the eigenvectors of T, ·Qᵀ, whose blocks it prepares
 * once per decomposition. Exported for tests/cma-es-factored.test.ts, which checks V against C.
 */
export function throughEigenvectors(s: CmaEsState, a: Float64Array, rows: number, out: Float64Array): void {
  // The kernels' layout has room for λ rows.
  if (rows > s.lambda) throw new RangeError(`cma-es: ${rows} rows through the eigenvectors, at most λ = ${s.lambda} at a time`);
  if (kernelThroughEigenvectors(s, a, rows, out)) return;
  const { n } = s;
  if (s.transposedAt !== s.eigeneval) {
    transpose(n, s.work, s.B);
    s.transposedAt = s.eigeneval;
  }
  multiplyRowsByRows(a, rows, s.B, n, n, out);
  if (n <= DIVIDE_AND_CONQUER_MIN) return;
  if (s.preparedAt !== s.eigeneval) {
    if (s.prepared.length === 0) s.prepared = new Float64Array(preparedBackTransformLength(n));
    prepareBackTransform(n, s.reflectors, s.reflectorScales, s.prepared);
    s.preparedAt = s.eigeneval;
  }
  applyBackTransform(n, s.reflectors, s.prepared, out, rows, n);
}

/**
 * Above DIVIDE_AND_CONQUER_MIN the eigenvectors are kept factored, V = Z·Qᵀ: sampling applies Qᵀ to λ + 1 rows per
 * generation (about (λ + 1)·n² multiply–adds) instead of forming V once per decomposition (2·n³, at N = 1000 and
 * λ = 32 more than the generations between two decompositions spend on it).
 */
function decompose(s: State): void {
  const { n, C, work } = s;
  s.eigeneval = s.counteval;
  if (n > DIVIDE_AND_CONQUER_MIN) symmetricEigenFactored(n, C, s.eigenvalues, work, s.reflectors, s.reflectorScales, s.scratch);
  else symmetricEigen(n, C, s.eigenvalues, work, undefined, s.scratch);
  const floor = Math.max(s.eigenvalues[n - 1], 0) * 1e-20 || 1e-300;
  for (let i = 0; i < n; i++) s.D[i] = Math.sqrt(Math.max(s.eigenvalues[i], floor));
  s.identityB = false;
}

/**
 * out[k][i] = Σ_j a[k][j]·b[i][j] (j ascending) for k < rows, i < cols: rows of `a` (rows × len) against rows of `b`
 * (cols × len), all contiguous. Tiles of 4 × 2 outputs share their loads; each output keeps its own sum in j order.
 */
function multiplyRowsByRows(a: Float64Array, rows: number, b: Float64Array, cols: number, len: number, out: Float64Array): void {
  let k = 0;
  for (; k + 3 < rows; k += 4) {
    const a0 = k * len;
    const a1 = a0 + len;
    const a2 = a1 + len;
    const a3 = a2 + len;
    let i = 0;
    for (; i + 1 < cols; i += 2) {
      const b0 = i * len;
      const b1 = b0 + len;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let s20 = 0;
      let s21 = 0;
      let s30 = 0;
      let s31 = 0;
      for (let j = 0; j < len; j = (j + 1) | 0) {
        const x0 = b[(b0 + j) | 0];
        const x1 = b[(b1 + j) | 0];
        const y0 = a[(a0 + j) | 0];
        const y1 = a[(a1 + j) | 0];
        const y2 = a[(a2 + j) | 0];
        const y3 = a[(a3 + j) | 0];
        s00 += y0 * x0;
        s01 += y0 * x1;
        s10 += y1 * x0;
        s11 += y1 * x1;
        s20 += y2 * x0;
        s21 += y2 * x1;
        s30 += y3 * x0;
        s31 += y3 * x1;
      }
      const o0 = k * cols + i;
      const o1 = o0 + cols;
      const o2 = o1 + cols;
      const o3 = o2 + cols;
      out[o0] = s00;
      out[o0 + 1] = s01;
      out[o1] = s10;
      out[o1 + 1] = s11;
      out[o2] = s20;
      out[o2 + 1] = s21;
      out[o3] = s30;
      out[o3 + 1] = s31;
    }
    for (; i < cols; i++) {
      for (let q = 0; q < 4; q++) out[(k + q) * cols + i] = dotRows(a, (k + q) * len, b, i * len, len);
    }
  }
  for (; k < rows; k++) {
    for (let i = 0; i < cols; i++) out[k * cols + i] = dotRows(a, k * len, b, i * len, len);
  }
}

/** Σ_j a[ao + j]·b[bo + j], j ascending. */
function dotRows(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let sum = 0;
  for (let j = 0; j < len; j++) sum += a[ao + j] * b[bo + j];
  return sum;
}

/**
 * One row of the covariance update on the upper triangle (j ≥ i): C ← decay·C + pci·pc[j], then + coefficients[r]·
 * ySel[j][r] for r in order. Four entries at a time share the coefficient loads.
 */
function updateCovarianceRow(
  C: Float64Array,
  row: number,
  from: number,
  n: number,
  decay: number,
  pci: number,
  pc: Float64Array,
  coefficients: Float64Array,
  ySel: Float64Array,
  mu: number,
): void {
  let j = from;
  for (; j + 3 < n; j += 4) {
    let c0 = decay * C[row + j] + pci * pc[j];
    let c1 = decay * C[row + j + 1] + pci * pc[j + 1];
    let c2 = decay * C[row + j + 2] + pci * pc[j + 2];
    let c3 = decay * C[row + j + 3] + pci * pc[j + 3];
    const y0 = j * mu;
    const y1 = y0 + mu;
    const y2 = y1 + mu;
    const y3 = y2 + mu;
    for (let r = 0; r < mu; r = (r + 1) | 0) {
      const w = coefficients[r];
      c0 += w * ySel[(y0 + r) | 0];
      c1 += w * ySel[(y1 + r) | 0];
      c2 += w * ySel[(y2 + r) | 0];
      c3 += w * ySel[(y3 + r) | 0];
    }
    C[row + j] = c0;
    C[row + j + 1] = c1;
    C[row + j + 2] = c2;
    C[row + j + 3] = c3;
  }
  for (; j < n; j++) {
    let c0 = decay * C[row + j] + pci * pc[j];
    const y0 = j * mu;
    for (let r = 0; r < mu; r++) c0 += coefficients[r] * ySel[y0 + r];
    C[row + j] = c0;
  }
}

function transpose(n: number, from: Float64Array, to: Float64Array): void {
  const block = 32;
  for (let i0 = 0; i0 < n; i0 += block) {
    for (let j0 = 0; j0 < n; j0 += block) {
      for (let i = i0, iEnd = Math.min(n, i0 + block); i < iEnd; i++) {
        for (let j = j0, jEnd = Math.min(n, j0 + block); j < jEnd; j++) to[j * n + i] = from[i * n + j];
      }
    }
  }
}
