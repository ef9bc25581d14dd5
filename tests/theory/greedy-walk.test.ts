/**
 * Greedy (steepest-ascent) adaptive walk on the house of cards, from a random start. Orr (2003) showed that the
 * mean number of steps tends to e − 1 when the number of mutants per step is large. On the binary hypercube the
 * walk is a record process over blocks of fresh fitness values (derivation in docs/theory.md, section 8): the
 * walker always sits on the largest value seen so far, and it takes step k iff the largest of the n_k fresh values
 * of its neighbourhood beats the S_{k−1} values seen before. With n_1 = N, n_2 = N − 1 and n_k = N − 2 afterwards
 * (the previous point and one neighbour of the point before it are always known), and S_k = 1 + n_1 + … + n_k,
 *   P(L ≥ k) = Π_{j ≤ k} n_j / S_j   exactly for k ≤ 4,
 * and for k ≥ 5 up to walks that come back next to a point visited three or more steps earlier, whose effect on
 * E[L] is bounded by `loopBound` below.
 */
import { describe, expect, it } from 'vitest';
import { report, runReplicates, summarise, Z } from './support.ts';

function blockSize(n: number, j: number): number {
  return j === 1 ? n : j === 2 ? n - 1 : n - 2;
}

/** P(L ≥ k) of the record process without returns, k = 0..kMax. */
export function greedyTail(n: number, kMax: number): Float64Array {
  const tail = new Float64Array(kMax + 1);
  tail[0] = 1;
  let seen = 1;
  for (let k = 1; k <= kMax; k++) {
    const b = blockSize(n, k);
    seen += b;
    tail[k] = (tail[k - 1] * b) / seen;
  }
  return tail;
}

/** E[L] of the record process without returns. */
export function greedyMean(n: number): number {
  const tail = greedyTail(n, 60);
  let mean = 0;
  for (let k = 1; k <= 60; k++) mean += tail[k];
  return mean;
}

/**
 * Upper bound on |E[L] − greedyMean(N)| from returns: a return first shows at x_{t+1} (t ≥ 3) only if the step
 * from x_t takes one of at most B_t = 3⌈(t − 2)/2⌉ directions out of the N − 2 fresh ones (chosen uniformly), and
 * it changes only P(L ≥ k) for k ≥ t + 2, each of which lies in [0, ½·3^−(k−2)] whatever the geometry.
 */
export function loopBound(n: number): number {
  let bound = 0;
  for (let k = 5; k <= 80; k++) {
    let pLoop = 0;
    for (let t = 3; t <= k - 2; t++) pLoop += (3 * Math.ceil((t - 2) / 2)) / (n - 2);
    bound += Math.min(1, pLoop) * 0.5 * 3 ** -(k - 2);
  }
  return bound;
}

describe('greedy adaptive walk on the house of cards (Orr 2003)', () => {
  it('the record process tends to Orr’s e − 1 as N grows', () => {
    expect(Math.abs(greedyMean(1e7) - (Math.E - 1))).toBeLessThan(1e-6);
    expect(loopBound(1e7)).toBeLessThan(1e-7);
  });

  for (const [n, runs] of [
    [100, 6000],
    [30, 6000],
  ] as const) {
    it(`N = ${n}: walk lengths of ${runs} walks match the record process`, () => {
      const results = runReplicates(
        {
          seed: 'theory-greedy',
          landscape: { id: 'house-of-cards', dim: n, params: { alleles: 2 } },
          optimizer: { id: 'greedy-walk', label: 'greedy', params: {} },
          budget: { evaluations: 1e9 },
          // No optimum stop: a walk ends at its local optimum, wherever that is.
          stop: { atOptimum: false, deadEnd: false, tolerance: 0, gradientTolerance: 1e-6 },
        },
        runs,
      );
      // One generation evaluates the whole neighbourhood; the last one finds no fitter neighbour.
      const lengths = Float64Array.from(results, (r) => {
        expect(r.endedAt).toBe('local-optimum');
        expect(r.evaluations).toBe(n * r.generations);
        return r.generations - 1;
      });
      const exact = greedyMean(n);
      const bias = loopBound(n);
      const s = summarise(lengths);
      const tail = greedyTail(n, 4);
      const fields: Record<string, number> = {
        runs,
        exactMean: exact,
        loopBiasBound: bias,
        orrLimit: Math.E - 1,
        simMean: s.mean,
        se: s.se,
        z: (s.mean - exact) / s.se,
      };
      for (let k = 1; k <= 4; k++) {
        const freq = lengths.filter((l) => l >= k).length / runs;
        const sd = Math.sqrt((tail[k] * (1 - tail[k])) / runs);
        fields[`P(L>=${k}) exact`] = tail[k];
        fields[`P(L>=${k}) sim`] = freq;
        fields[`z${k}`] = (freq - tail[k]) / sd;
        expect(Math.abs(freq - tail[k])).toBeLessThanOrEqual(Z * sd);
      }
      report(`greedy-walk N=${n}`, fields);
      expect(Math.abs(s.mean - exact)).toBeLessThanOrEqual(Z * s.se + bias);
    });
  }
});
