/**
 * Dead-end tests. Discrete: a genotype is a local optimum when no one-mutant neighbour is fitter (exact).
 * Continuous: a point is critical when its gradient norm is below a tolerance; then the extreme eigenvalues of the
 * Hessian, by Lanczos on finite-difference Hessian–vector products, tell a local optimum (no ascent direction)
 * from a saddle (Dauphin et al. 2014 for why saddles dominate in high dimension). The tests are the observer's:
 * their evaluations are not charged to any budget.
 */
import type { ContinuousLandscape, DiscreteLandscape } from '../landscapes/landscape.ts';
import { extremeEigenvalues } from '../linalg/lanczos.ts';
import { moveLocus, moveValue, neighbourCount } from '../landscapes/neighbourhood.ts';
import { Rng } from '../rng.ts';

export type PointKind = 'regular' | 'local-optimum' | 'saddle';

/** True when no one-mutant neighbour of x (fitness fx) is strictly fitter. */
export function isLocalOptimum(landscape: DiscreteLandscape, x: Uint8Array, fx: number): boolean {
  const loci = new Int32Array(1);
  const values = new Uint8Array(1);
  const count = neighbourCount(landscape.dim, landscape.alleles);
  for (let m = 0; m < count; m++) {
    loci[0] = moveLocus(m, landscape.alleles);
    values[0] = moveValue(x, m, landscape.alleles);
    let f: number;
    if (landscape.deltaFitness) {
      f = landscape.deltaFitness(x, 0, fx, loci, values, 0, 1);
    } else {
      const old = x[loci[0]];
      x[loci[0]] = values[0];
      f = landscape.fitnessAt(x, 0);
      x[loci[0]] = old;
    }
    if (f > fx) return false;
  }
  return true;
}

export interface CriticalPointOptions {
  /** Gradient norm at or below which a point counts as critical. */
  gradientTolerance: number;
  /** Lanczos steps (default min(N, 30)). */
  steps?: number;
}

export interface CriticalPoint {
  kind: PointKind;
  gradientNorm: number;
  /** Extreme eigenvalues of the fitness Hessian (present when the point is critical). */
  minCurvature?: number;
  maxCurvature?: number;
}

/** Euclidean norm. */
export function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * Classifies x: `regular` if the gradient is not small; otherwise `local-optimum` when the Hessian of fitness has no
 * eigenvalue clearly above zero, else `saddle` (some direction still ascends, to second order).
 */
export function classifyPoint(landscape: ContinuousLandscape, x: Float64Array, options: CriticalPointOptions): CriticalPoint {
  const n = landscape.dim;
  if (!landscape.gradient) throw new Error(`landscape ${landscape.id} has no gradient to classify critical points`);
  const g = new Float64Array(n);
  landscape.gradient(x, g);
  const gradientNorm = norm(g);
  if (!(gradientNorm <= options.gradientTolerance)) return { kind: 'regular', gradientNorm };
  const h = 1e-5 * Math.max(1, norm(x) / Math.sqrt(n));
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const gPlus = new Float64Array(n);
  const gMinus = new Float64Array(n);
  const hessianTimes = (v: Float64Array, y: Float64Array) => {
    for (let i = 0; i < n; i++) {
      plus[i] = x[i] + h * v[i];
      minus[i] = x[i] - h * v[i];
    }
    landscape.gradient!(plus, gPlus);
    landscape.gradient!(minus, gMinus);
    for (let i = 0; i < n; i++) y[i] = (gPlus[i] - gMinus[i]) / (2 * h);
  };
  const steps = options.steps ?? Math.min(n, 30, Math.max(2, Math.floor(3e7 / n)));
  const { min, max } = extremeEigenvalues(n, hessianTimes, steps, new Rng('hyperclimb/lanczos-start'));
  const scale = Math.max(1, Math.abs(min), Math.abs(max));
  const kind: PointKind = max > 1e-6 * scale ? 'saddle' : 'local-optimum';
  return { kind, gradientNorm, minCurvature: min, maxCurvature: max };
}
