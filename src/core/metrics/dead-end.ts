/**
 * Dead-end tests. Discrete: a genotype is a local optimum when no one-mutant neighbour is fitter (exact).
 * Continuous: a point is critical when its gradient norm is below a tolerance; then the extreme eigenvalues of the
 * Hessian, by Lanczos on finite-difference Hessian–vector products, tell a local optimum (no ascent direction)
 * from a saddle (Dauphin et al. 2014 for why saddles dominate in high dimension). The tests are the observer's:
 * their evaluations are not charged to any budget.
 */
import type { ContinuousLandscape, DiscreteLandscape } from '../landscapes/landscape.ts';
import { extremeEigenvalues, type Operator } from '../linalg/lanczos.ts';
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
 * Gradient ascent with a backtracking (Armijo) line search from x until the gradient norm is at most `tolerance`
 * (or `maxSteps` steps): the top of the hill x lies on. Used to tell which basin a stalled run is in.
 */
export function ascend(landscape: ContinuousLandscape, x: Float64Array, tolerance: number, maxSteps = 20_000): Float64Array {
  const n = landscape.dim;
  const point = x.slice();
  const trial = new Float64Array(n);
  const g = new Float64Array(n);
  let f = landscape.gradient!(point, g);
  let step = 1;
  for (let i = 0; i < maxSteps; i++) {
    const g2 = g.reduce((s, v) => s + v * v, 0);
    if (!(Math.sqrt(g2) > tolerance)) break;
    step = Math.min(step * 2, 1e6);
    let accepted = false;
    while (step * Math.sqrt(g2) > 1e-15 * (1 + Math.sqrt(point.reduce((s, v) => s + v * v, 0)))) {
      for (let k = 0; k < n; k++) trial[k] = point[k] + step * g[k];
      const ft = landscape.fitnessAt(trial, 0);
      if (ft >= f + 1e-4 * step * g2) {
        point.set(trial);
        f = landscape.gradient!(point, g);
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
  }
  return point;
}

/**
 * The fitness Hessian at x as an operator: y ← H·v by central differences of the gradient,
 * (∇f(x + hv) − ∇f(x − hv)) / 2h with h = 10⁻⁵·max(1, |x|/√N) (2 gradients per product, no N × N matrix).
 */
export function hessianOperator(landscape: ContinuousLandscape, x: Float64Array): Operator {
  const n = landscape.dim;
  if (!landscape.gradient) throw new Error(`landscape ${landscape.id} has no gradient`);
  const h = 1e-5 * Math.max(1, norm(x) / Math.sqrt(n));
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const gPlus = new Float64Array(n);
  const gMinus = new Float64Array(n);
  return (v: Float64Array, y: Float64Array) => {
    for (let i = 0; i < n; i++) {
      plus[i] = x[i] + h * v[i];
      minus[i] = x[i] - h * v[i];
    }
    landscape.gradient!(plus, gPlus);
    landscape.gradient!(minus, gMinus);
    for (let i = 0; i < n; i++) y[i] = (gPlus[i] - gMinus[i]) / (2 * h);
  };
}

/**
 * The smallest and largest eigenvalues of the fitness Hessian at x: Lanczos on `hessianOperator` from a fixed start
 * vector (deterministic), `steps` steps (default min(N, 30), fewer for huge N). Each step costs two gradients.
 */
export function hessianExtremes(landscape: ContinuousLandscape, x: Float64Array, steps?: number): { min: number; max: number } {
  const n = landscape.dim;
  const k = steps ?? Math.min(n, 30, Math.max(2, Math.floor(3e7 / n)));
  return extremeEigenvalues(n, hessianOperator(landscape, x), k, new Rng('hyperclimb/lanczos-start'));
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
  const { min, max } = hessianExtremes(landscape, x, options.steps);
  const scale = Math.max(1, Math.abs(min), Math.abs(max));
  const kind: PointKind = max > 1e-6 * scale ? 'saddle' : 'local-optimum';
  return { kind, gradientNorm, minCurvature: min, maxCurvature: max };
}
