/**
 * LeadingOnes: fitness = length of the longest prefix of ones. Unimodal but with no partial credit past the first
 * zero; the (1+1) EA needs Θ(N²) evaluations (Droste, Jansen & Wegener 2002).
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

export const leadingOnes = defineLandscape({
  id: 'leading-ones',
  title: 'LeadingOnes',
  space: 'discrete',
  summary: 'Length of the prefix of ones; one optimum, fitness plateaus behind the first zero.',
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => dim,
  create(dim) {
    return {
      id: 'leading-ones',
      space: 'discrete',
      dim,
      alleles: 2,
      reading: 'fitness',
      gradientCost: 1,
      optimumFitness: dim,
      optimum: new Uint8Array(dim).fill(1),
      fitnessAt(x, offset) {
        let i = 0;
        while (i < dim && x[offset + i] === 1) i++;
        return i;
      },
    };
  },
});
