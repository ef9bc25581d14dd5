/**
 * Neutral sites: the genotype carries extra genes that never change the phenotype (non-coding DNA, unused weights).
 * More dimensions and neutral mutations everywhere, but no new uphill paths: every one-mutant neighbour is either a
 * phenotype neighbour or the same phenotype. Neutrality inside the contributions of an NK landscape is the NK
 * fields `p` and `q` (NKp, NKq) instead.
 */
import { z } from 'zod';
import { decoded } from './decoded.ts';
import { defineMap, meanScale } from './map.ts';

export const neutral = defineMap({
  id: 'neutral',
  title: 'Neutral sites',
  summary: 'Extra genes that never change the phenotype: more dimensions, neutral mutations, no new paths.',
  spaces: ['continuous', 'discrete'],
  params: z.strictObject({
    sites: z.int().min(0).max(1_000_000_000).optional().describe('Neutral genes added after the phenotype’s (default: as many as the phenotype has).'),
  }),
  genotype: (phenotype, p) => ({ ...phenotype, dim: phenotype.dim + (p.sites ?? phenotype.dim) }),
  // Coding genes keep their weight's scale; neutral ones, unused weights, start at the typical weight's.
  initScale(scale, phenotype, p) {
    const out = new Float64Array(phenotype.dim + (p.sites ?? phenotype.dim));
    out.set(scale);
    out.set(meanScale(scale, out.length - scale.length), scale.length);
    return out;
  },
  memoryBytes: (phenotype, p) => 8 * (phenotype.dim + (p.sites ?? phenotype.dim)),
  create(phenotype, p) {
    const n = phenotype.dim;
    const dim = n + (p.sites ?? n);
    const shape = {
      space: phenotype.space,
      dim,
      alleles: phenotype.space === 'discrete' ? phenotype.alleles : 0,
      lower: phenotype.space === 'continuous' ? phenotype.lower : 0,
      upper: phenotype.space === 'continuous' ? phenotype.upper : 0,
    };
    return decoded('neutral', phenotype, shape, {
      continuous: {
        decode: (genes, offset, x) => x.set(genes.subarray(offset, offset + n)),
        pullBack(_genes, gx, out) {
          out.set(gx);
          out.fill(0, n);
        },
        preimage(x) {
          const g = new Float64Array(dim);
          g.set(x);
          return g;
        },
      },
      discrete: {
        decode: (genes, offset, x) => x.set(genes.subarray(offset, offset + n)),
        preimage(x) {
          const g = new Uint8Array(dim);
          g.set(x);
          return g;
        },
      },
    });
  },
});
