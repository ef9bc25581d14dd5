/**
 * House of cards (Kingman 1978; Kauffman & Levin 1987): every genotype has an independent uniform fitness. The
 * maximally rugged landscape: a binary one has on average 2^N / (N + 1) local optima, A^N / (N(A − 1) + 1) with A
 * alleles. Values come from a seeded hash of the genotype, so any N works without a 2^N table.
 */
import { z } from 'zod';
import { ENUMERATION_LIMIT, enumerateOptimum, spaceSize } from './enumerate.ts';
import { uniformOfGenes } from './genotype-hash.ts';
import { defineLandscape } from './landscape.ts';

export const houseOfCards = defineLandscape({
  id: 'house-of-cards',
  title: 'House of cards',
  space: 'discrete',
  summary: 'Independent random fitness for every genotype: as rugged as it gets.',
  minDim: 1,
  params: z.strictObject({
    alleles: z.int().min(2).max(16).default(2).describe('Alleles per locus (2 = bit strings).'),
  }),
  memoryBytes: (dim) => 2 * dim,
  create(dim, p, rng) {
    const seedA = rng.uint32();
    const seedB = rng.uint32();
    const fitnessAt = (x: Uint8Array, offset: number) => uniformOfGenes(x, offset, dim, seedA, seedB);
    const optimum = spaceSize(p.alleles, dim) <= ENUMERATION_LIMIT ? enumerateOptimum(p.alleles, dim, fitnessAt) : undefined;
    return {
      id: 'house-of-cards',
      space: 'discrete',
      dim,
      alleles: p.alleles,
      reading: 'fitness',
      gradientCost: 1,
      optimumFitness: optimum?.fitness,
      optimum: optimum?.genes,
      fitnessAt,
    };
  },
});
