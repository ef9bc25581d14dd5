/**
 * Duplication: each phenotype site is read from r copies of its gene — the mean of the copies for real genes, a
 * majority vote (ties go to the allele that appears first) or "any copy" (the largest allele; OR for bits) for
 * discrete genes. Redundant copies create neutral mutations: a copy can change without changing the phenotype, the
 * ingredient of neutral networks (Kimura 1968; Schuster et al. 1994; Ebner, Shackleton & Shipman 2001).
 */
import { z } from 'zod';
import { decoded } from './decoded.ts';
import { defineMap } from './map.ts';

export const duplicate = defineMap({
  id: 'duplicate',
  title: 'Duplicate genes',
  summary: 'Each phenotype site read from r gene copies: their mean, a majority vote, or any copy.',
  spaces: ['continuous', 'discrete'],
  params: z.strictObject({
    copies: z.int().min(1).max(64).default(2).describe('Gene copies per phenotype site (r).'),
    vote: z.enum(['majority', 'any']).default('majority').describe('Discrete genes: majority vote (ties: the allele seen first) or any copy (the largest allele).'),
  }),
  genotype: (phenotype, p) => ({ ...phenotype, dim: phenotype.dim * p.copies }),
  // The mean of r uniform copies on [−c, c] has variance c²/(3r): copies at c = s·√r give the weight its own variance.
  initScale: (scale, _phenotype, p) => Float64Array.from({ length: scale.length * p.copies }, (_, g) => scale[Math.floor(g / p.copies)] * Math.sqrt(p.copies)),
  memoryBytes: (phenotype, p) => phenotype.dim * (p.copies + 8) + 64,
  create(phenotype, p) {
    const r = p.copies;
    const n = phenotype.dim;
    const shape = {
      space: phenotype.space,
      dim: n * r,
      alleles: phenotype.space === 'discrete' ? phenotype.alleles : 0,
      lower: phenotype.space === 'continuous' ? phenotype.lower : 0,
      upper: phenotype.space === 'continuous' ? phenotype.upper : 0,
    };
    const counts = new Int32Array(17);
    return decoded('duplicate', phenotype, shape, {
      continuous: {
        decode(genes, offset, x) {
          for (let i = 0, g = offset; i < n; i++) {
            let s = 0;
            for (let c = 0; c < r; c++, g++) s += genes[g];
            x[i] = s / r;
          }
        },
        pullBack(_genes, gx, out) {
          for (let i = 0, g = 0; i < n; i++) for (let c = 0; c < r; c++, g++) out[g] = gx[i] / r;
        },
        preimage: (x) => Float64Array.from({ length: n * r }, (_, g) => x[Math.floor(g / r)]),
      },
      discrete: {
        decode(genes, offset, x) {
          for (let i = 0; i < n; i++) {
            const first = offset + i * r;
            if (p.vote === 'any') {
              let largest = 0;
              for (let c = 0; c < r; c++) largest = Math.max(largest, genes[first + c]);
              x[i] = largest;
              continue;
            }
            counts.fill(0);
            let most = 0;
            for (let c = 0; c < r; c++) most = Math.max(most, ++counts[genes[first + c]]);
            let c = 0;
            while (counts[genes[first + c]] !== most) c++;
            x[i] = genes[first + c];
          }
        },
        preimage: (x) => Uint8Array.from({ length: n * r }, (_, g) => x[Math.floor(g / r)]),
      },
    });
  },
});
