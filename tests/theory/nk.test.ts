/**
 * NK landscapes (Kauffman & Weinberger 1989; Kauffman 1993). Exact facts, checked by full enumeration:
 *  - K = 0 is additive: the one local optimum is the global optimum (each locus at its best allele);
 *  - K = N − 1 is a house of cards: E[#optima] = A^N/(N(A − 1) + 1), with the variance of section 4;
 *  - with adjacent neighbourhoods the landscape's optimumFitness comes from a dynamic programme (Weinberger 1996)
 *    when N ≥ 2K; it must equal the enumerated maximum exactly.
 * See docs/theory.md, section 5.
 */
import { describe, expect, it } from 'vitest';
import { enumerateOptimum } from '../../src/core/landscapes/enumerate.ts';
import type { DiscreteLandscape } from '../../src/core/landscapes/landscape.ts';
import { createNk } from '../../src/core/landscapes/nk.ts';
import { deriveRng } from '../../src/core/rng.ts';
import { createLandscape } from '../../src/core/run/instance.ts';
import { checkOptimaLaw, localOptima, report } from './support.ts';

describe('NK landscapes: exact structure', () => {
  it('K = 0: exactly one local optimum, and it is the global optimum', () => {
    let instances = 0;
    for (const [n, alleles, neighbours] of [
      [10, 2, 'random'],
      [12, 2, 'adjacent'],
      [7, 3, 'random'],
      [5, 5, 'adjacent'],
    ] as const) {
      for (let r = 0; r < 25; r++) {
        const landscape = createLandscape({ id: 'nk', dim: n, params: { k: 0, alleles, neighbours } }, 'theory-nk-k0', r) as DiscreteLandscape;
        const { count, first } = localOptima(landscape);
        expect(count).toBe(1);
        expect(landscape.fitnessAt(first!, 0)).toBe(landscape.optimumFitness);
        instances++;
      }
    }
    report('nk-k0', { instances, localOptimaPerInstance: 1 });
  });

  it('K = N − 1 is a house of cards: E[#optima] = 2^N/(N + 1) for N = 10', () => {
    checkOptimaLaw('nk-k=n-1', { id: 'nk', dim: 10, params: { k: 9, alleles: 2, neighbours: 'random' } }, 2, 300);
  });

  it('adjacent neighbourhoods: the dynamic programme equals the enumerated optimum, exactly', () => {
    const cases = [
      [2, 1, 2],
      [8, 1, 2],
      [8, 4, 2],
      [10, 2, 2],
      [12, 3, 2],
      [13, 5, 2],
      [14, 7, 2],
      [16, 2, 2],
      [6, 1, 3],
      [7, 2, 3],
      [8, 3, 3],
      [6, 2, 4],
      [5, 1, 5],
    ] as const;
    let instances = 0;
    for (const [n, k, alleles] of cases) {
      for (let r = 0; r < 8; r++) {
        const nk = createNk(n, k, 'adjacent', alleles, deriveRng('theory-nk-dp', n, k, alleles, r));
        const enumerated = enumerateOptimum(alleles, n, nk.fitnessAt);
        expect(nk.optimumFitness).toBe(enumerated.fitness);
        expect(nk.fitnessAt(nk.optimum!, 0)).toBe(nk.optimumFitness);
        instances++;
      }
    }
    report('nk-dp', { cases: cases.length, instances, mismatches: 0 });
  });
});
