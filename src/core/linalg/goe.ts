/**
 * The Gaussian orthogonal ensemble and the chance that a matrix of it is positive definite: the random-matrix limit
 * of "almost every critical point is a saddle" (a Hessian with independent Gaussian entries is rarely a minimum's).
 * Dean & Majumdar (2006, Phys. Rev. Lett. 97:160201; 2008, Phys. Rev. E 77:041108) show that the probability that
 * all N eigenvalues are positive falls as exp(−θN²) with θ = ln 3 / 4 ≈ 0.2747 as N → ∞.
 *
 * A GOE matrix has density ∝ exp(−tr H²/2): diagonal entries N(0, 1), off-diagonal N(0, ½), independent up to
 * symmetry. Positive definiteness does not depend on the overall scale, only on that 2 : 1 ratio of variances.
 */
import type { Rng } from '../rng.ts';

/**
 * Whether a GOE matrix drawn row by row from `rng` is positive definite, by the row-wise Cholesky factorisation
 * (Cholesky–Banachiewicz): row i of the factor needs only row i of the matrix, so row i (its off-diagonal entries,
 * then its diagonal one) is drawn just before it is factored, and the draw stops at the first pivot that is not
 * positive. At N = 6 half the matrices fail at the first entry, which makes the rare successes affordable to count.
 * `factor` holds n × n numbers of scratch.
 */
export function drawPositiveDefinite(n: number, rng: Rng, factor: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < i; j++) {
      let s = rng.normal() * Math.SQRT1_2;
      for (let k = 0; k < j; k++) s -= factor[row + k] * factor[j * n + k];
      factor[row + j] = s / factor[j * n + j];
    }
    let pivot = rng.normal();
    for (let k = 0; k < i; k++) pivot -= factor[row + k] * factor[row + k];
    if (!(pivot > 0)) return false;
    factor[row + i] = Math.sqrt(pivot);
  }
  return true;
}

export interface PositiveDefiniteEstimate {
  readonly n: number;
  readonly samples: number;
  readonly positiveDefinite: number;
  /** positiveDefinite / samples. */
  readonly probability: number;
  /** Binomial standard error √(p(1 − p)/samples). */
  readonly se: number;
}

/** The share of `samples` GOE matrices (from `rng`) that are positive definite. */
export function goePositiveDefinite(n: number, samples: number, rng: Rng): PositiveDefiniteEstimate {
  const factor = new Float64Array(n * n);
  let positiveDefinite = 0;
  for (let s = 0; s < samples; s++) if (drawPositiveDefinite(n, rng, factor)) positiveDefinite++;
  const probability = positiveDefinite / samples;
  return { n, samples, positiveDefinite, probability, se: Math.sqrt((probability * (1 - probability)) / samples) };
}

/**
 * Exact values in closed form: N = 1 by symmetry; N = 2 is the solid angle of the circular cone of positive definite
 * 2 × 2 matrices, (2 − √2)/4; N = 3 is (π − 2√2)/4π ≈ 0.02492. The N = 3 form is not taken on trust: tests/goe.test.ts
 * integrates the joint eigenvalue density to check it (we could not confirm it in Dean & Majumdar's text from here).
 */
export const GOE_POSITIVE_DEFINITE_EXACT: Readonly<Record<number, number>> = {
  1: 1 / 2,
  2: (2 - Math.SQRT2) / 4,
  3: (Math.PI - 2 * Math.SQRT2) / (4 * Math.PI),
};

/**
 * The constant c of P_N ≈ A·exp(−c·N²): the least-squares slope of −ln P_N against N² (with an intercept) over the
 * estimates given.
 */
export function fitGaussianDecay(estimates: readonly { n: number; probability: number }[]): { c: number; intercept: number } {
  const xs = estimates.map((e) => e.n * e.n);
  const ys = estimates.map((e) => -Math.log(e.probability));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const c = sxy / sxx;
  return { c, intercept: my - c * mx };
}
