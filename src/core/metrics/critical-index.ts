/**
 * The index of a critical point of a continuous landscape: the fraction of Hessian eigenvalues that still point
 * downhill in loss, i.e. uphill in fitness. In the loss convention of Bray & Dean (2007, Phys. Rev. Lett.
 * 98:150201) and Dauphin et al. (2014, NeurIPS) it is the fraction of negative eigenvalues of the loss Hessian; here
 * fitness = −loss, so it is the fraction of positive eigenvalues of the fitness Hessian. 0 at a local optimum (a dead
 * end for gradient methods), 1 at a local minimum of fitness, in between at a saddle.
 *
 * The Hessian is built in full from the landscape's analytic Hessian–vector products where it has them (N products),
 * otherwise from central differences of the gradient (2N gradients), then symmetrised and decomposed with
 * `symmetric-eigen.ts`, so the index is exact up to the difference step; this costs O(N³) and is
 * offered up to N = `FULL_HESSIAN_MAX_DIM`. An eigenvalue counts as positive above 10⁻⁶ of the largest |eigenvalue|
 * (at least 10⁻⁶), the threshold `classifyPoint` uses: flat directions (e.g. of a random embedding) count as flat.
 */
import type { ContinuousLandscape } from '../landscapes/landscape.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import { norm } from './dead-end.ts';

/** Largest dimension for which the full Hessian is formed and decomposed. */
export const FULL_HESSIAN_MAX_DIM = 300;

/** The fitness Hessian at x (row-major N × N), analytic or by central differences of the gradient, symmetrised. */
export function fitnessHessian(landscape: ContinuousLandscape, x: Float64Array): Float64Array {
  const n = landscape.dim;
  const H = new Float64Array(n * n);
  if (landscape.hessianVector) {
    const unit = new Float64Array(n);
    const column = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      unit[j] = 1;
      landscape.hessianVector(x, unit, column);
      unit[j] = 0;
      for (let i = 0; i < n; i++) H[i * n + j] = column[i];
    }
    return symmetrise(n, H);
  }
  if (!landscape.gradient) throw new Error(`landscape ${landscape.id} has no gradient`);
  const h = 1e-5 * Math.max(1, norm(x) / Math.sqrt(n));
  const point = x.slice();
  const gPlus = new Float64Array(n);
  const gMinus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    point[j] = x[j] + h;
    landscape.gradient(point, gPlus);
    point[j] = x[j] - h;
    landscape.gradient(point, gMinus);
    point[j] = x[j];
    for (let i = 0; i < n; i++) H[i * n + j] = (gPlus[i] - gMinus[i]) / (2 * h);
  }
  return symmetrise(n, H);
}

function symmetrise(n: number, H: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (H[i * n + j] + H[j * n + i]);
      H[i * n + j] = s;
      H[j * n + i] = s;
    }
  }
  return H;
}

export interface CriticalIndex {
  /** Fraction of the N eigenvalues of the fitness Hessian that are positive (ascent directions). */
  readonly index: number;
  /** Number of positive eigenvalues. */
  readonly ascending: number;
  /** All eigenvalues of the fitness Hessian, ascending. */
  readonly eigenvalues: Float64Array;
}

/** The index of x (meaningful where the gradient vanishes); N ≤ FULL_HESSIAN_MAX_DIM. NaN if the Hessian is not finite. */
export function criticalIndex(landscape: ContinuousLandscape, x: Float64Array): CriticalIndex {
  const n = landscape.dim;
  if (n > FULL_HESSIAN_MAX_DIM) throw new Error(`the critical index forms the full Hessian, up to N = ${FULL_HESSIAN_MAX_DIM}; N is ${n}`);
  const H = fitnessHessian(landscape, x);
  const eigenvalues = new Float64Array(n);
  if (!H.every(Number.isFinite)) return { index: NaN, ascending: NaN, eigenvalues: eigenvalues.fill(NaN) };
  symmetricEigen(n, H, eigenvalues, H);
  return indexOfEigenvalues(eigenvalues);
}

/** The index of a critical point whose fitness Hessian has these eigenvalues (the threshold above). */
export function indexOfEigenvalues(eigenvalues: Float64Array): CriticalIndex {
  const n = eigenvalues.length;
  let scale = 1;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(eigenvalues[i]));
  let ascending = 0;
  for (let i = 0; i < n; i++) if (eigenvalues[i] > 1e-6 * scale) ascending++;
  return { index: ascending / n, ascending, eigenvalues };
}
