/**
 * (1+1) EA on OneMax against the exact expected optimisation time of its fitness-level Markov chain
 * (Garnier, Kallel & Schoenauer 1999; Droste, Jansen & Wegener 2002). See docs/theory.md, section 1.
 *
 * The number of ones i is a Markov chain under standard bit mutation with rate p: from i, an offspring with j > i
 * ones arises when k of the i ones flip to zero and j − i + k of the N − i zeros flip to one; an offspring with
 * j ≤ i ones is either rejected (j < i) or accepted without changing i (j = i). Hitting times follow by backward
 * recursion; the engine starts from a uniform random string, evaluates it for free, and charges one evaluation per
 * offspring, so its `evaluations` is the hitting time of the chain counted in offspring.
 */
import { describe, expect, it } from 'vitest';
import { choose, report, runReplicates, STOP_AT_OPTIMUM, summarise, varianceStandardError, Z } from './support.ts';

/** P(i → j) for j > i under standard bit mutation with rate p on N bits. */
function transition(n: number, p: number, i: number, j: number): number {
  const q = 1 - p;
  let s = 0;
  for (let k = 0; k <= Math.min(i, n - j); k++) {
    const l = j - i + k; // zeros flipped to one
    s += choose(i, k) * p ** k * q ** (i - k) * choose(n - i, l) * p ** l * q ** (n - i - l);
  }
  return s;
}

/** Exact E[T] and E[T²] of the number of offspring until N ones, from a uniform random start. */
export function oneMaxRuntime(n: number, p: number): { mean: number; variance: number; meanFrom: Float64Array } {
  const m1 = new Float64Array(n + 1);
  const m2 = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    let leave = 0;
    let next1 = 0;
    let next2 = 0;
    for (let j = i + 1; j <= n; j++) {
      const pij = transition(n, p, i, j);
      leave += pij;
      next1 += pij * m1[j];
      next2 += pij * m2[j];
    }
    // T_i = G + T_J with G ~ Geometric(leave) on {1, 2, …} independent of the next state J.
    const eG = 1 / leave;
    const eG2 = (2 - leave) / (leave * leave);
    m1[i] = eG + next1 / leave;
    m2[i] = eG2 + (2 * eG * next1) / leave + next2 / leave;
  }
  let mean = 0;
  let second = 0;
  for (let i = 0; i <= n; i++) {
    const w = choose(n, i) / 2 ** n;
    mean += w * m1[i];
    second += w * m2[i];
  }
  return { mean, variance: second - mean * mean, meanFrom: m1 };
}

describe('(1+1) EA on OneMax: exact expected runtime (fitness-level Markov chain)', () => {
  it('the chain reproduces the closed forms it must: E[T | N−1 ones] = 1 / (p(1−p)^(N−1))', () => {
    for (const n of [5, 20, 50]) {
      const p = 1 / n;
      const { meanFrom } = oneMaxRuntime(n, p);
      expect(Math.abs(meanFrom[n - 1] - 1 / (p * (1 - p) ** (n - 1)))).toBeLessThan(1e-9 * meanFrom[n - 1]);
    }
    // N = 1: from 0 the one bit flips with probability 1, so E[T] = ½·1 + ½·0.
    expect(oneMaxRuntime(1, 1).mean).toBeCloseTo(0.5, 12);
  });

  for (const [n, runs, rate] of [
    [20, 4000, undefined],
    [50, 4000, undefined],
    [30, 3000, 0.1],
  ] as const) {
    it(`N = ${n}, rate ${rate ?? '1/N'}: mean and variance of evaluations over ${runs} runs match the chain`, () => {
      const exact = oneMaxRuntime(n, rate ?? 1 / n);
      const results = runReplicates(
        {
          seed: 'theory-onemax',
          landscape: { id: 'onemax', dim: n, params: {} },
          optimizer: { id: 'one-plus-one-ea', label: 'ea', params: rate === undefined ? {} : { rate } },
          budget: { evaluations: 1e9 },
          stop: STOP_AT_OPTIMUM,
        },
        runs,
      );
      for (const r of results) {
        expect(r.endedAt).toBe('optimum');
        expect(r.fitnessEvaluations).toBe(r.generations); // one offspring per generation, start not charged
      }
      const t = Float64Array.from(results, (r) => r.evaluations);
      const s = summarise(t);
      const seVar = varianceStandardError(t);
      report(`onemax N=${n} rate=${rate ?? '1/N'}`, {
        runs,
        exactMean: exact.mean,
        simMean: s.mean,
        se: s.se,
        z: (s.mean - exact.mean) / s.se,
        exactSd: Math.sqrt(exact.variance),
        simSd: s.sd,
        zVar: (s.variance - exact.variance) / seVar,
      });
      expect(Math.abs(s.mean - exact.mean)).toBeLessThanOrEqual(Z * s.se);
      expect(Math.abs(s.variance - exact.variance)).toBeLessThanOrEqual(Z * seVar);
    });
  }
});
