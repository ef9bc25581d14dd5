/**
 * The chance that a GOE matrix is positive definite (src/core/linalg/goe.ts): seeded estimates against the exact
 * values for N = 1, 2, 3 within four binomial standard errors, and the N = 3 closed form against quadrature of the
 * joint eigenvalue density, so that the value the estimate is held to is itself checked here.
 */
import { describe, expect, it } from 'vitest';
import { fitGaussianDecay, GOE_POSITIVE_DEFINITE_EXACT, goePositiveDefinite } from '../src/core/linalg/goe.ts';
import { Rng } from '../src/core/rng.ts';

/**
 * P(all three eigenvalues > 0) for the GOE, from the joint density ∝ |Δ(λ)| exp(−|λ|²/2): on the ordered region
 * λ₁ < λ₂ < λ₃, written λ₁ = a, λ₂ = a + b, λ₃ = a + b + c (b, c ≥ 0, Jacobian 1), the integrand b·c·(b + c)·e^(…) is
 * smooth, so composite Simpson converges fast; the positive part has a ≥ 0, the whole a ∈ R.
 */
function positiveDefiniteByQuadrature(): number {
  const intervals = 96;
  const reach = 9;
  const simpson = (from: number, to: number) => {
    const h = (to - from) / intervals;
    return Array.from({ length: intervals + 1 }, (_, i) => ({ x: from + i * h, w: ((i === 0 || i === intervals ? 1 : i % 2 ? 4 : 2) * h) / 3 }));
  };
  const integral = (aFrom: number) => {
    let sum = 0;
    for (const a of simpson(aFrom, reach)) {
      for (const b of simpson(0, reach)) {
        for (const c of simpson(0, reach)) {
          const l2 = a.x + b.x;
          const l3 = l2 + c.x;
          sum += a.w * b.w * c.w * b.x * c.x * (b.x + c.x) * Math.exp(-(a.x * a.x + l2 * l2 + l3 * l3) / 2);
        }
      }
    }
    return sum;
  };
  return integral(0) / integral(-reach);
}

describe('GOE positive definite', () => {
  it('the N = 3 closed form (π − 2√2)/4π equals quadrature of the joint eigenvalue density', () => {
    expect(positiveDefiniteByQuadrature()).toBeCloseTo(GOE_POSITIVE_DEFINITE_EXACT[3], 6);
  });

  it.each([1, 2, 3])('estimates P_%i within four binomial standard errors of the exact value', (n) => {
    const exact = GOE_POSITIVE_DEFINITE_EXACT[n];
    const samples = 200_000;
    const estimate = goePositiveDefinite(n, samples, new Rng(`goe-test/${n}`));
    expect(Math.abs(estimate.probability - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / samples));
    expect(estimate.se).toBeCloseTo(Math.sqrt((estimate.probability * (1 - estimate.probability)) / samples), 12);
  });

  it('fits c of exp(−c·N²) exactly on values that follow it', () => {
    const values = [1, 2, 3, 4].map((n) => ({ n, probability: 0.7 * Math.exp(-0.3 * n * n) }));
    const fit = fitGaussianDecay(values);
    expect(fit.c).toBeCloseTo(0.3, 12);
    expect(fit.intercept).toBeCloseTo(-Math.log(0.7), 12);
  });
});
