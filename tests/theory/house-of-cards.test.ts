/**
 * House of cards (independent fitness for every genotype): the number of local optima (genotypes with no strictly
 * fitter one-mutant neighbour). With m = N(A − 1) neighbours, a genotype is a local optimum with probability
 * 1/(m + 1) (Kauffman & Levin 1987; Kauffman 1993), so E[#optima] = A^N / (m + 1). The variance,
 * Var = A^N (N − 1)(A − 1) / (2(m + 1)²), is derived in docs/theory.md, section 4.
 */
import { describe, expect, it } from 'vitest';
import type { DiscreteLandscape } from '../../src/core/landscapes/landscape.ts';
import { isLocalOptimum } from '../../src/core/metrics/dead-end.ts';
import { createLandscape, createStart, problemOf } from '../../src/core/run/instance.ts';
import type { LandscapeSpec } from '../../src/core/run/spec.ts';
import { checkOptimaLaw, report, Z } from './support.ts';

describe('house of cards: local optima (Kauffman & Levin 1987)', () => {
  it('N = 10, binary: E[#optima] = 2^N/(N + 1) over 1500 enumerated instances', () => {
    checkOptimaLaw('hoc-count', { id: 'house-of-cards', dim: 10, params: { alleles: 2 } }, 2, 1500);
  });

  it('N = 6, A = 3: E[#optima] = A^N/(N(A − 1) + 1) over 1500 enumerated instances', () => {
    checkOptimaLaw('hoc-count-a3', { id: 'house-of-cards', dim: 6, params: { alleles: 3 } }, 3, 1500);
  });

  for (const [n, alleles, instances] of [
    [30, 2, 12000],
    [12, 4, 12000],
  ] as const) {
    it(`N = ${n}, A = ${alleles}: the engine's random start is a local optimum with probability 1/(N(A − 1) + 1)`, () => {
      const spec: LandscapeSpec = { id: 'house-of-cards', dim: n, params: { alleles } };
      const problem = problemOf(spec);
      let hits = 0;
      for (let r = 0; r < instances; r++) {
        const landscape = createLandscape(spec, 'theory-hoc-start', r) as DiscreteLandscape;
        const start = createStart(landscape, problem, 'theory-hoc-start', r);
        if (isLocalOptimum(landscape, start.x0 as Uint8Array, start.fitness0)) hits++;
      }
      const p = 1 / (n * (alleles - 1) + 1);
      const freq = hits / instances;
      const sd = Math.sqrt((p * (1 - p)) / instances);
      report(`hoc-random-start N=${n} A=${alleles}`, { instances, exact: p, simulated: freq, binomialSd: sd, z: (freq - p) / sd });
      expect(Math.abs(freq - p)).toBeLessThanOrEqual(Z * sd);
    });
  }
});
