/**
 * CMA-ES (Hansen & Ostermeier 2001), as in Hansen's tutorial "The CMA Evolution Strategy: A Tutorial"
 * (arXiv:1604.00772) and its reference code purecmaes.m: weighted recombination of the μ best of λ samples
 * m + σ·B·D·z, cumulative step-size adaptation, rank-one plus rank-μ covariance update, and an eigendecomposition
 * of C only every λ / ((c1 + cμ)·N·10) evaluations, which keeps the cost at O(N²) per sample.
 */
import { z } from 'zod';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import { defineOptimizer, type PointBatch } from './optimizer.ts';
import { rankDescending } from './ranking.ts';

interface Params extends Record<string, unknown> {
  lambda: number;
  mu: number;
  sigma0: number;
}

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
  /** Covariance matrix; only the upper triangle (j ≥ i) is kept current between decompositions. */
  C: Float64Array;
  /** Eigenvectors of C as rows (row j belongs to D[j]); ignored while `identityB`. */
  B: Float64Array;
  /** Square roots of the eigenvalues of C. */
  D: Float64Array;
  identityB: boolean;
  Z: Float64Array;
  Y: Float64Array;
  order: Int32Array;
  zw: Float64Array;
  yw: Float64Array;
  bz: Float64Array;
  work: Float64Array;
  scratch: Float64Array;
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
  defaults(problem) {
    const lambda = 4 + Math.floor(3 * Math.log(problem.dim));
    return { lambda, mu: Math.floor(lambda / 2), sigma0: 0.3 * (problem.upper - problem.lower) };
  },
  check: (_problem, p) => (p.mu > p.lambda ? [{ path: ['mu'], message: `mu must be at most lambda (${p.lambda})` }] : []),
  memoryBytes: (problem, p) => 8 * (3 * problem.dim * problem.dim + (3 * p.lambda + 12) * problem.dim),
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
      D: new Float64Array(n).fill(1),
      identityB: true,
      Z: new Float64Array(p.lambda * n),
      Y: new Float64Array(p.lambda * n),
      order: new Int32Array(p.lambda),
      zw: new Float64Array(n),
      yw: new Float64Array(n),
      bz: new Float64Array(n),
      work: new Float64Array(n * n),
      scratch: new Float64Array(n),
      eigenvalues: new Float64Array(n),
      counteval: 0,
      eigeneval: 0,
      batch: { kind: 'points', genes: new Float64Array(p.lambda * n), count: p.lambda },
    };
  },
  ask(rng, s) {
    const { n, lambda, Z, Y, D, B, mean, sigma } = s;
    const X = s.batch.genes;
    rng.fillNormal(Z);
    if (s.identityB) {
      for (let o = 0; o < lambda * n; o++) Y[o] = D[o % n] * Z[o];
    } else {
      // Y = (Z ∘ D)·B with B's rows the eigenvectors: stream each eigenvector once for all λ samples.
      Y.fill(0);
      for (let j = 0; j < n; j++) {
        const row = j * n;
        for (let k = 0; k < lambda; k++) {
          const coefficient = D[j] * Z[k * n + j];
          const out = k * n;
          for (let i = 0; i < n; i++) Y[out + i] += coefficient * B[row + i];
        }
      }
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
    else {
      bz.fill(0);
      for (let j = 0; j < n; j++) {
        const c = zw[j];
        const row = j * n;
        for (let i = 0; i < n; i++) bz[i] += c * s.B[row + i];
      }
    }
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
    // Rank-one and rank-μ update of the upper triangle.
    const decay = 1 - s.c1 - s.cmu + s.c1 * (1 - hsig) * s.cc * (2 - s.cc);
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const pci = s.c1 * pc[i];
      for (let j = i; j < n; j++) C[row + j] = decay * C[row + j] + pci * pc[j];
      for (let r = 0; r < mu; r++) {
        const o = order[r] * n;
        const coefficient = s.cmu * weights[r] * Y[o + i];
        for (let j = i; j < n; j++) C[row + j] += coefficient * Y[o + j];
      }
    }
    s.sigma *= Math.exp((s.cs / s.damps) * (psNorm / s.chiN - 1));
    if (s.counteval - s.eigeneval > s.lambda / (s.c1 + s.cmu) / n / 10) decompose(s);
  },
  incumbent: (s) => s.mean,
});

function decompose(s: State): void {
  const { n, C } = s;
  s.eigeneval = s.counteval;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) C[i * n + j] = C[j * n + i];
  symmetricEigen(n, C, s.eigenvalues, s.B, s.work, s.scratch);
  const floor = Math.max(s.eigenvalues[n - 1], 0) * 1e-20 || 1e-300;
  for (let i = 0; i < n; i++) s.D[i] = Math.sqrt(Math.max(s.eigenvalues[i], floor));
  s.identityB = false;
}
