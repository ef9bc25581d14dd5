/**
 * Critical points of every index, not only where descent stops: Levenberg–Marquardt on the residual ∇f(x) = 0
 * (Gauss–Newton on ½‖∇f‖², whose Jacobian is the Hessian), from seeded starts uniform in the landscape's box. The
 * step solves (H² + μI) δ = −H∇f: it is Newton's step on ∇f = 0 as μ → 0, so it converges to saddles as readily as
 * to minima (gradient descent on the loss is repelled by saddles, Dauphin et al. 2014), and it only accepts steps
 * that shrink ‖∇f‖. Points whose gradient norm reaches the tolerance are kept; the rest stopped at a local minimum
 * of ‖∇f‖ that is not critical, or ran out of iterations. Two points closer than the distinct distance are one.
 *
 * Which critical points are found depends on the starts and on each point's basin under this iteration, so the
 * shares describe *the critical points this search finds*, not a census; every start has its own stream.
 */
import type { ContinuousLandscape } from '../landscapes/landscape.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import type { Rng } from '../rng.ts';
import { fitnessHessian, indexOfEigenvalues } from './critical-index.ts';
import { norm } from './dead-end.ts';

export interface CriticalSearchOptions {
  /** Gradient norm at or below which a point is critical. */
  readonly gradientTolerance: number;
  /** Most Levenberg–Marquardt steps (accepted or not) per start. */
  readonly maxIterations: number;
  /** Points closer than this (Euclidean), as a fraction of the box's width, are the same critical point. */
  readonly distinctFraction: number;
}

/**
 * Defaults: near a non-degenerate critical point the step is Newton's and ‖∇f‖ falls quadratically, so 10⁻⁸ costs a
 * step or two more than 10⁻⁴ and separates critical points from slow regions; 10⁻⁴ of the box's width is far below
 * the spacing of critical points of any landscape here (about ℓ on the random field) and far above the error at 10⁻⁸.
 */
export const CRITICAL_SEARCH_DEFAULTS: CriticalSearchOptions = { gradientTolerance: 1e-8, maxIterations: 200, distinctFraction: 1e-4 };

const STALL_ITERATIONS = 20;

export interface FoundPoint {
  readonly x: Float64Array;
  readonly fitness: number;
  readonly gradientNorm: number;
  /** ‖∇f‖ reached the tolerance. */
  readonly critical: boolean;
}

/** Levenberg–Marquardt on ∇f = 0 from x0 (not changed). */
export function seekCriticalPoint(landscape: ContinuousLandscape, x0: Float64Array, options: CriticalSearchOptions = CRITICAL_SEARCH_DEFAULTS): FoundPoint {
  const n = landscape.dim;
  if (!landscape.gradient) throw new Error(`landscape ${landscape.id} has no gradient`);
  // A step longer than a tenth of the box jumps over the structure the Hessian describes (at a near-singular H).
  const maxStep = (landscape.upper - landscape.lower) / 10;
  let x = x0.slice();
  let trial = new Float64Array(n);
  let g = new Float64Array(n);
  let gTrial = new Float64Array(n);
  let fitness = landscape.gradient(x, g);
  let gradientNorm = norm(g);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  const along = new Float64Array(n);
  const step = new Float64Array(n);
  let damping = NaN;
  let iterations = 0;
  // Near a non-degenerate critical point ‖∇f‖ falls quadratically; 20 steps that do not halve it are creeping into a
  // minimum of ‖∇f‖ that is not critical (they cost more than all the successful searches together).
  let mark = { norm: gradientNorm, iteration: 0 };
  while (gradientNorm > options.gradientTolerance && iterations < options.maxIterations && Number.isFinite(gradientNorm)) {
    if (gradientNorm <= mark.norm / 2) mark = { norm: gradientNorm, iteration: iterations };
    else if (iterations - mark.iteration >= STALL_ITERATIONS) break;
    const H = fitnessHessian(landscape, x);
    if (!H.every(Number.isFinite)) break;
    symmetricEigen(n, H, values, vectors);
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(values[i]));
    if (Number.isNaN(damping)) damping = 1e-3 * Math.max(largest * largest, 1e-300);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += vectors[i * n + j] * g[j];
      along[i] = s;
    }
    let accepted = false;
    while (!accepted && iterations < options.maxIterations) {
      iterations++;
      step.fill(0);
      for (let i = 0; i < n; i++) {
        const c = (-values[i] / (values[i] * values[i] + damping)) * along[i];
        for (let j = 0; j < n; j++) step[j] += c * vectors[i * n + j];
      }
      const length = norm(step);
      const shrink = length > maxStep ? maxStep / length : 1;
      for (let j = 0; j < n; j++) trial[j] = x[j] + shrink * step[j];
      const fTrial = landscape.gradient(trial, gTrial);
      const trialNorm = norm(gTrial);
      if (trialNorm < gradientNorm) {
        [x, trial] = [trial, x];
        [g, gTrial] = [gTrial, g];
        fitness = fTrial;
        gradientNorm = trialNorm;
        damping = Math.max(damping / 3, 1e-15 * largest * largest);
        accepted = true;
      } else {
        damping *= 4;
        // At μ = 10⁶·λ²max the step is a gradient step on ½‖∇f‖², a millionth of the Newton scale; when that does
        // not lower ‖∇f‖ either, x is (to rounding) a local minimum of ‖∇f‖ that is not a critical point.
        if (!(damping < 1e6 * Math.max(largest * largest, 1e-300))) break;
      }
    }
    if (!accepted) break;
  }
  return { x, fitness, gradientNorm, critical: gradientNorm <= options.gradientTolerance };
}

export interface IndexedPoint {
  readonly x: Float64Array;
  readonly fitness: number;
  /** Fraction of ascent directions of fitness (descent directions of loss), as `criticalIndex`. */
  readonly index: number;
}

/** The distinct critical points found from `starts` starts uniform in the box, each start from its own stream. */
export function findCriticalPoints(
  landscape: ContinuousLandscape,
  streamOf: (start: number) => Rng,
  starts: number,
  options: CriticalSearchOptions = CRITICAL_SEARCH_DEFAULTS,
): IndexedPoint[] {
  const n = landscape.dim;
  const distinct = options.distinctFraction * (landscape.upper - landscape.lower);
  const found: IndexedPoint[] = [];
  const x0 = new Float64Array(n);
  const values = new Float64Array(n);
  for (let s = 0; s < starts; s++) {
    const rng = streamOf(s);
    for (let i = 0; i < n; i++) x0[i] = landscape.lower + (landscape.upper - landscape.lower) * rng.uniform();
    const point = seekCriticalPoint(landscape, x0, options);
    if (!point.critical || found.some((p) => distance(p.x, point.x) < distinct)) continue;
    const H = fitnessHessian(landscape, point.x);
    if (!H.every(Number.isFinite)) continue;
    symmetricEigen(n, H, values, H);
    found.push({ x: point.x, fitness: point.fitness, index: indexOfEigenvalues(values).index });
  }
  return found;
}

function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

export interface CriticalPointSummary {
  readonly count: number;
  /** Share with index 0: local optima of fitness, minima of loss. NaN without points. */
  readonly optimaShare: number;
  readonly meanIndex: number;
  /**
   * Pearson correlation of the index with the loss (−fitness) over the points: positive when higher points have more
   * directions down (Bray & Dean 2007). NaN with fewer than three points or when either does not vary.
   */
  readonly indexLossCorrelation: number;
}

export function summariseCriticalPoints(points: readonly IndexedPoint[]): CriticalPointSummary {
  const count = points.length;
  if (count === 0) return { count, optimaShare: NaN, meanIndex: NaN, indexLossCorrelation: NaN };
  let optima = 0;
  let meanIndex = 0;
  let meanLoss = 0;
  for (const p of points) {
    if (p.index === 0) optima++;
    meanIndex += p.index;
    meanLoss -= p.fitness;
  }
  meanIndex /= count;
  meanLoss /= count;
  let sii = 0;
  let sll = 0;
  let sil = 0;
  for (const p of points) {
    const di = p.index - meanIndex;
    const dl = -p.fitness - meanLoss;
    sii += di * di;
    sll += dl * dl;
    sil += di * dl;
  }
  const indexLossCorrelation = count >= 3 && sii > 0 && sll > 0 ? sil / Math.sqrt(sii * sll) : NaN;
  return { count, optimaShare: optima / count, meanIndex, indexLossCorrelation };
}
