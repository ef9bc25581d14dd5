/**
 * Rough Mount Fuji (Aita et al. 2000; Neidhart, Szendro & Krug 2014): a smooth slope plus a random field,
 * fitness(x) = −θ · d(x, x*) + η(x), with d the Hamming distance to a random reference genotype x* and η(x)
 * independent standard normals. θ = 0 is house of cards; large θ is a single smooth peak at x*.
 */
import { z } from 'zod';
import { ENUMERATION_LIMIT, enumerateOptimum, spaceSize } from './enumerate.ts';
import { normalOfGenes } from './genotype-hash.ts';
import { defineLandscape } from './landscape.ts';

/** Largest θ·N: far below the largest double (1.8e308), so sums of the slope and the field stay finite. */
const MAX_SLOPE_TOTAL = 1e300;

export const roughMountFuji = defineLandscape({
  id: 'rough-mount-fuji',
  title: 'Rough Mount Fuji',
  space: 'discrete',
  summary: 'Additive slope θ towards a reference genotype plus an independent normal field.',
  minDim: 1,
  params: z.strictObject({
    theta: z.number().min(0).default(0.5).describe('Slope per mismatching locus, in units of the field’s standard deviation.'),
    alleles: z.int().min(2).max(16).default(2).describe('Alleles per locus (2 = bit strings).'),
  }),
  // −θ·d must stay a finite number at the largest distance d = N: beyond that fitness overflows to −∞, every far
  // genotype ties with its neighbours and reads as a local optimum.
  check: (dim, p) =>
    Number.isFinite(p.theta * dim) && p.theta * dim <= MAX_SLOPE_TOTAL
      ? []
      : [{ path: ['theta'], message: `theta ${p.theta} × dim ${dim} is beyond ${MAX_SLOPE_TOTAL}: fitness −θ·distance would overflow; use theta ≤ ${(MAX_SLOPE_TOTAL / dim).toPrecision(3)}` }],
  memoryBytes: (dim) => 3 * dim,
  create(dim, p, rng) {
    const reference = new Uint8Array(dim);
    for (let i = 0; i < dim; i++) reference[i] = rng.int(p.alleles);
    const seeds = new Uint32Array([rng.uint32(), rng.uint32(), rng.uint32()]);
    const theta = p.theta;
    const fitnessAt = (x: Uint8Array, offset: number) => {
      let distance = 0;
      for (let i = 0; i < dim; i++) if (x[offset + i] !== reference[i]) distance++;
      return -theta * distance + normalOfGenes(x, offset, dim, seeds);
    };
    const optimum = spaceSize(p.alleles, dim) <= ENUMERATION_LIMIT ? enumerateOptimum(p.alleles, dim, fitnessAt) : undefined;
    return {
      id: 'rough-mount-fuji',
      space: 'discrete',
      dim,
      alleles: p.alleles,
      reading: 'fitness',
      gradientCost: 1,
      optimumFitness: optimum?.fitness,
      optimum: optimum?.genes,
      /** The reference genotype x* the slope points to. */
      reference,
      fitnessAt,
    };
  },
});
