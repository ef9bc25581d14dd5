/**
 * The page's dead-end meter (src/core/metrics/dead-end-meter.ts): deterministic, exact and sampled estimates agree,
 * gradient descent on Styblinski–Tang matches the theory 1 − q^N, and the effort budget is never exceeded.
 * Tolerances come from the sample sizes (four standard errors).
 */
import { describe, expect, it } from 'vitest';
import { deadEndMeter } from '../src/core/metrics/dead-end-meter.ts';
import type { LandscapeSpec } from '../src/core/run/spec.ts';

const houseOfCards = (dim: number): LandscapeSpec => ({ id: 'house-of-cards', dim, params: {} });
const styblinskiTang = (dim: number): LandscapeSpec => ({ id: 'styblinski-tang', dim, params: {} });

/** Share of [−5, 5] from which gradient descent on one Styblinski–Tang term reaches the deep well: x < the local maximum. */
function deepBasinShare(): number {
  let x = 0.15;
  for (let i = 0; i < 50; i++) x -= (4 * x ** 3 - 32 * x + 5) / (12 * x * x - 32);
  return (x + 5) / 10;
}

describe('the dead-end meter', () => {
  it('is deterministic: same spec, seed and budget, same numbers; another seed, another instance', () => {
    const spec: LandscapeSpec = { id: 'nk', dim: 12, params: { k: 4 }, map: { id: 'duplicate', params: { copies: 2 } } };
    const a = deadEndMeter(spec, 3, { evaluations: 50_000 });
    expect(a.exact).toBe(false);
    expect(deadEndMeter(spec, 3, { evaluations: 50_000 })).toEqual(a);
    expect(deadEndMeter(spec, 4, { evaluations: 50_000 })).not.toEqual(a);
    const continuous = deadEndMeter(styblinskiTang(3), 'x', { evaluations: 20_000 });
    expect(deadEndMeter(styblinskiTang(3), 'x', { evaluations: 20_000 })).toEqual(continuous);
  });

  it('enumerates small spaces exactly, and sampled walks agree with the exact share', () => {
    for (const seed of [1, 2, 3]) {
      const exact = deadEndMeter(houseOfCards(10), seed);
      expect(exact).toMatchObject({ method: 'greedy-walk', exact: true, se: 0, starts: 1024, evaluations: 1024 });
      expect(exact.share!).toBeGreaterThan(0);
      const sampled = deadEndMeter(houseOfCards(10), seed, { sample: true, evaluations: 2_000_000 });
      expect(sampled.exact).toBe(false);
      expect(sampled.starts).toBeGreaterThan(1000);
      const se = Math.sqrt((exact.share! * (1 - exact.share!)) / sampled.starts);
      expect(Math.abs(sampled.share! - exact.share!)).toBeLessThanOrEqual(4 * se + 1e-9);
    }
  });

  it('reports gradient descent on Styblinski–Tang at the theory’s 1 − q^N', () => {
    const q = deepBasinShare();
    expect(q).toBeCloseTo(0.5157, 3);
    for (const dim of [1, 2, 4]) {
      const estimate = deadEndMeter(styblinskiTang(dim), 11, { evaluations: 400_000 });
      expect(estimate.method).toBe('gradient-descent');
      expect(estimate.undecided).toBe(0);
      const theory = 1 - q ** dim;
      const n = estimate.starts;
      expect(n).toBeGreaterThanOrEqual(100);
      expect(Math.abs(estimate.share! - theory), `N = ${dim}`).toBeLessThanOrEqual(4 * Math.sqrt((theory * (1 - theory)) / n));
    }
  });

  it('never spends more than its budget, and a larger budget buys more starts', () => {
    const cases: LandscapeSpec[] = [houseOfCards(18), { id: 'onemax', dim: 64, params: {} }, styblinskiTang(8), { id: 'rastrigin', dim: 5, params: {} }];
    for (const spec of cases) {
      const small = deadEndMeter(spec, 5, { evaluations: 20_000 });
      const large = deadEndMeter(spec, 5, { evaluations: 80_000 });
      expect(small.evaluations).toBeLessThanOrEqual(20_000);
      expect(large.evaluations).toBeLessThanOrEqual(80_000);
      expect(large.starts).toBeGreaterThan(small.starts);
    }
    const tiny = deadEndMeter({ id: 'onemax', dim: 64, params: {} }, 5, { evaluations: 10 });
    expect(tiny).toMatchObject({ share: null, starts: 0 });
    expect(tiny.evaluations).toBeLessThanOrEqual(10);
    expect(tiny.reason).toContain('budget');
  });

  it('says so when the global optimum is unknown instead of counting every walk as a dead end', () => {
    const estimate = deadEndMeter({ id: 'nk', dim: 40, params: { k: 2 } }, 1, { evaluations: 30_000 });
    expect(estimate).toMatchObject({ share: null, optimumKnown: false });
    expect(estimate.reason).toContain('not known');
  });
});
