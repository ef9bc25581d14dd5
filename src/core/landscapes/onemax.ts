/** OneMax: fitness = number of ones. Unimodal and separable; the classic runtime benchmark for evolutionary algorithms. */
import { z } from 'zod';
import { unswapChanges } from './changes.ts';
import { defineLandscape } from './landscape.ts';

export const onemax = defineLandscape({
  id: 'onemax',
  title: 'OneMax',
  space: 'discrete',
  summary: 'Count of ones in a bit string; one optimum, no dead ends.',
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => dim,
  create(dim) {
    return {
      id: 'onemax',
      space: 'discrete',
      dim,
      alleles: 2,
      reading: 'fitness',
      gradientCost: 1,
      optimumFitness: dim,
      optimum: new Uint8Array(dim).fill(1),
      fitnessAt(x, offset) {
        let s = 0;
        for (let i = offset, end = offset + dim; i < end; i++) s += x[i];
        return s;
      },
      deltaFitness(x, offset, fx, loci, values, from, to) {
        // Each change counts against the allele it replaces, so a locus listed twice telescopes correctly.
        let f = fx;
        for (let k = from; k < to; k++) {
          const at = offset + loci[k];
          const old = x[at];
          f += values[k] - old;
          x[at] = values[k];
          values[k] = old;
        }
        unswapChanges(x, offset, loci, values, from, to);
        return f;
      },
    };
  },
});
