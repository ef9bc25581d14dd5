/**
 * (1+1) EA on LeadingOnes against the exact expected optimisation time of Böttcher, Doerr & Neumann (2010),
 * E[T] = (1 / (2p²)) · ((1 − p)^(1−n) − (1 − p)) for mutation rate p from a uniform random start, counted in
 * offspring (the start is not counted). See docs/theory.md, section 2.
 *
 * The test also derives the same number a second way, from the Markov chain on the LeadingOnes value: from level
 * i < n the offspring improves with probability p(1 − p)^i, and the bits behind the first zero are uniform, so an
 * improvement lands on level i + 1 + k with probability 2^−(k+1) (k < n − i − 1) or 2^−(n−i−1) (the optimum).
 */
import { describe, expect, it } from 'vitest';
import { report, runReplicates, STOP_AT_OPTIMUM, summarise, varianceStandardError, Z } from './support.ts';

/** Böttcher, Doerr & Neumann (2010): exact E[T] for rate p. */
export function leadingOnesFormula(n: number, p: number): number {
  return (1 / (2 * p * p)) * ((1 - p) ** (1 - n) - (1 - p));
}

/** Mean and variance of the hitting time of the LeadingOnes level chain, from a uniform random start. */
export function leadingOnesChain(n: number, p: number): { mean: number; variance: number } {
  const m1 = new Float64Array(n + 1);
  const m2 = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const leave = p * (1 - p) ** i;
    let next1 = 0;
    let next2 = 0;
    for (let k = 0; k <= n - i - 1; k++) {
      const w = k < n - i - 1 ? 2 ** -(k + 1) : 2 ** -(n - i - 1);
      next1 += w * m1[i + 1 + k];
      next2 += w * m2[i + 1 + k];
    }
    const eG = 1 / leave;
    const eG2 = (2 - leave) / (leave * leave);
    m1[i] = eG + next1;
    m2[i] = eG2 + 2 * eG * next1 + next2;
  }
  let mean = 0;
  let second = 0;
  for (let i = 0; i <= n; i++) {
    const w = i < n ? 2 ** -(i + 1) : 2 ** -n;
    mean += w * m1[i];
    second += w * m2[i];
  }
  return { mean, variance: second - mean * mean };
}

describe('(1+1) EA on LeadingOnes: exact expected runtime (Böttcher, Doerr & Neumann 2010)', () => {
  it('the closed form equals the level Markov chain, and tends to (e − 1)/2 · n²', () => {
    for (const n of [1, 2, 5, 20, 50, 200]) {
      for (const c of [0.5, 1, 1.59]) {
        const p = Math.min(1, c / n);
        if (p >= 1) continue;
        const chain = leadingOnesChain(n, p).mean;
        expect(Math.abs(chain - leadingOnesFormula(n, p))).toBeLessThan(1e-9 * chain);
      }
    }
    const n = 1e5;
    expect(leadingOnesFormula(n, 1 / n) / (n * n)).toBeCloseTo((Math.E - 1) / 2, 4);
  });

  for (const [n, runs] of [
    [20, 4000],
    [50, 2000],
  ] as const) {
    it(`N = ${n}: mean evaluations over ${runs} runs match the formula`, () => {
      const p = 1 / n;
      const exact = leadingOnesFormula(n, p);
      const exactVariance = leadingOnesChain(n, p).variance;
      const results = runReplicates(
        {
          seed: 'theory-leading-ones',
          landscape: { id: 'leading-ones', dim: n, params: {} },
          optimizer: { id: 'one-plus-one-ea', label: 'ea', params: {} },
          budget: { evaluations: 1e9 },
          stop: STOP_AT_OPTIMUM,
        },
        runs,
      );
      for (const r of results) expect(r.endedAt).toBe('optimum');
      const t = Float64Array.from(results, (r) => r.evaluations);
      const s = summarise(t);
      const seVar = varianceStandardError(t);
      report(`leading-ones N=${n}`, {
        runs,
        exactMean: exact,
        simMean: s.mean,
        se: s.se,
        z: (s.mean - exact) / s.se,
        exactSd: Math.sqrt(exactVariance),
        simSd: s.sd,
        zVar: (s.variance - exactVariance) / seVar,
      });
      expect(Math.abs(s.mean - exact)).toBeLessThanOrEqual(Z * s.se);
      expect(Math.abs(s.variance - exactVariance)).toBeLessThanOrEqual(Z * seVar);
    });
  }
});
