/**
 * Rough Mount Fuji, fitness(x) = −θ·d(x, x*) + η(x) with η independent standard normals (Aita et al. 2000;
 * Neidhart, Szendro & Krug 2014). Checked by full enumeration:
 *  - θ = 0 is a house of cards: E[#optima] = A^N/(N(A − 1) + 1) and the variance of section 4;
 *  - any θ: a genotype at distance d from x* is a local optimum iff its field value u beats each of its d closer
 *    neighbours by more than θ, ties the d(A − 2) equidistant ones, and beats the (N − d)(A − 1) farther ones by
 *    more than −θ, so E[#optima] = Σ_d C(N,d)(A−1)^d ∫ φ(u) Φ(u−θ)^d Φ(u)^{d(A−2)} Φ(u+θ)^{(N−d)(A−1)} du;
 *  - θ above the largest possible difference of two field values (the engine's η is bounded by √(2·53·ln 2) in
 *    absolute value) leaves exactly one local optimum, x* itself.
 * See docs/theory.md, section 6.
 */
import { describe, expect, it } from 'vitest';
import type { DiscreteLandscape } from '../../src/core/landscapes/landscape.ts';
import { createLandscape } from '../../src/core/run/instance.ts';
import { checkOptimaLaw, choose, localOptima, normalCdf, normalPdf, report, simpson, summarise, Z } from './support.ts';

/** Expected number of local optima of a rough Mount Fuji landscape (derivation in the header). */
export function rmfExpectedOptima(n: number, alleles: number, theta: number): number {
  let total = 0;
  for (let d = 0; d <= n; d++) {
    const integral = simpson(
      (u) =>
        normalPdf(u) *
        normalCdf(u - theta) ** d *
        normalCdf(u) ** (d * (alleles - 2)) *
        normalCdf(u + theta) ** ((n - d) * (alleles - 1)),
      -14,
      14,
      6000,
    );
    total += choose(n, d) * (alleles - 1) ** d * integral;
  }
  return total;
}

describe('rough Mount Fuji: local optima', () => {
  it('the θ-formula reduces to the house-of-cards law at θ = 0', () => {
    for (const [n, a] of [
      [10, 2],
      [6, 3],
    ]) {
      const hoc = a ** n / (n * (a - 1) + 1);
      expect(Math.abs(rmfExpectedOptima(n, a, 0) - hoc)).toBeLessThan(1e-9 * hoc);
    }
  });

  it('θ = 0, N = 10: behaves as a house of cards, E[#optima] = 2^N/(N + 1)', () => {
    checkOptimaLaw('rmf-theta0', { id: 'rough-mount-fuji', dim: 10, params: { theta: 0, alleles: 2 } }, 2, 1000);
  });

  for (const [n, alleles, theta, instances] of [
    [10, 2, 0.5, 800],
    [10, 2, 1, 800],
    [6, 3, 0.5, 800],
  ] as const) {
    it(`θ = ${theta}, N = ${n}, A = ${alleles}: mean number of local optima matches the integral`, () => {
      const counts = new Float64Array(instances);
      for (let r = 0; r < instances; r++) {
        const spec = { id: 'rough-mount-fuji', dim: n, params: { theta, alleles } };
        counts[r] = localOptima(createLandscape(spec, `theory-rmf-${theta}`, r) as DiscreteLandscape).count;
      }
      const exact = rmfExpectedOptima(n, alleles, theta);
      const s = summarise(counts);
      report(`rmf theta=${theta} N=${n} A=${alleles}`, { instances, exactMean: exact, simMean: s.mean, se: s.se, z: (s.mean - exact) / s.se });
      expect(Math.abs(s.mean - exact)).toBeLessThanOrEqual(Z * s.se);
    });
  }

  it('θ = 20 (above any field difference): exactly one local optimum, the reference genotype', () => {
    // |η| ≤ √(−2 ln 2^−53) ≈ 8.573 for the engine's Box–Muller field, so |η(x) − η(y)| < 17.15 < θ.
    expect(2 * Math.sqrt(-2 * Math.log(2 ** -53))).toBeLessThan(20);
    let instances = 0;
    for (const [n, alleles] of [
      [10, 2],
      [6, 3],
    ]) {
      for (let r = 0; r < 20; r++) {
        const landscape = createLandscape({ id: 'rough-mount-fuji', dim: n, params: { theta: 20, alleles } }, 'theory-rmf-steep', r) as DiscreteLandscape & {
          reference: Uint8Array;
        };
        const { count, first } = localOptima(landscape);
        expect(count).toBe(1);
        expect(Array.from(first!)).toEqual(Array.from(landscape.reference));
        expect(Array.from(landscape.optimum!)).toEqual(Array.from(landscape.reference));
        instances++;
      }
    }
    report('rmf theta=20', { instances, localOptimaPerInstance: 1, atReference: 'all' });
  });
});
