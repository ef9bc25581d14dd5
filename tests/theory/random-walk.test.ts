/**
 * Random adaptive walk on the house of cards: exact laws of its first two steps, derived in docs/theory.md,
 * section 7 (elementary; this is not Flyvbjerg & Lautrup's mean walk length, which this suite does not test).
 * With N neighbours and independent fitness:
 *  - the start has K fitter neighbours, K uniform on {0, …, N}; the walk moves iff K ≥ 1, so P(L ≥ 1) = N/(N+1);
 *  - neighbours are tried in uniformly random order, so given K = k the first fitter one is tried at position G
 *    with P(G = g) = C(N − g, k − 1)/C(N, k), and E[G | K = k] = (N + 1)/(k + 1);
 *  - the new point is the largest of the G + 1 values seen, and its N − 1 other neighbours are unseen, so
 *    P(L ≥ 2 | G) = (N − 1)/(G + N).
 */
import { describe, expect, it } from 'vitest';
import { createRun } from '../../src/core/run/run.ts';
import { choose, NO_STOP, report, summarise, Z } from './support.ts';

function firstStepLaw(n: number): { pMove: number; pTwo: number; meanG: number } {
  let pTwo = 0;
  let meanG = 0;
  for (let k = 1; k <= n; k++) {
    for (let g = 1; g <= n - k + 1; g++) {
      const pg = choose(n - g, k - 1) / choose(n, k);
      pTwo += (1 / (n + 1)) * pg * ((n - 1) / (g + n));
      meanG += (1 / n) * pg * g; // given K ≥ 1, K is uniform on {1, …, N}
    }
  }
  return { pMove: n / (n + 1), pTwo, meanG };
}

describe('random adaptive walk on the house of cards: first steps', () => {
  it('E[G | L ≥ 1] has the closed form ((N + 1)/N)(H_{N+1} − 1)', () => {
    for (const n of [5, 30, 100]) {
      let h = 0;
      for (let i = 1; i <= n + 1; i++) h += 1 / i;
      expect(Math.abs(firstStepLaw(n).meanG - ((n + 1) / n) * (h - 1))).toBeLessThan(1e-12);
    }
  });

  const n = 30;
  const runs = 12000;
  it(`N = ${n}: P(L ≥ 1), P(L ≥ 2) and the cost of the first step over ${runs} walks`, () => {
    let moved = 0;
    let twice = 0;
    const firstCost: number[] = [];
    for (let r = 0; r < runs; r++) {
      const run = createRun({
        seed: 'theory-random-walk',
        replicate: r,
        landscape: { id: 'house-of-cards', dim: n, params: { alleles: 2 } },
        optimizer: { id: 'random-walk', label: 'walk', params: {} },
        budget: { evaluations: 1e9 },
        stop: NO_STOP,
      });
      run.finish();
      const snap = run.snapshot();
      expect(snap.endedAt).toBe('local-optimum');
      // Every accepted step is a strict improvement, recorded as (evaluations, fitness) after the start's entry.
      const steps = snap.trace.length / 2 - 1;
      if (steps >= 1) {
        moved++;
        firstCost.push(snap.trace[2]);
      }
      if (steps >= 2) twice++;
    }
    const law = firstStepLaw(n);
    const sd1 = Math.sqrt((law.pMove * (1 - law.pMove)) / runs);
    const sd2 = Math.sqrt((law.pTwo * (1 - law.pTwo)) / runs);
    const g = summarise(firstCost);
    report(`random-walk N=${n}`, {
      runs,
      'P(L>=1) exact': law.pMove,
      'P(L>=1) sim': moved / runs,
      z1: (moved / runs - law.pMove) / sd1,
      'P(L>=2) exact': law.pTwo,
      'P(L>=2) sim': twice / runs,
      z2: (twice / runs - law.pTwo) / sd2,
      'E[G|L>=1] exact': law.meanG,
      'E[G|L>=1] sim': g.mean,
      zG: (g.mean - law.meanG) / g.se,
    });
    expect(Math.abs(moved / runs - law.pMove)).toBeLessThanOrEqual(Z * sd1);
    expect(Math.abs(twice / runs - law.pTwo)).toBeLessThanOrEqual(Z * sd2);
    expect(Math.abs(g.mean - law.meanG)).toBeLessThanOrEqual(Z * g.se);
  });
});
