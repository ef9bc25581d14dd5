/**
 * Interchangeable units: the genotype is U units, each a full phenotype-length vector, and the phenotype is their
 * combination — the mean for real genes, the sum modulo the alphabet for discrete genes (XOR for bits). Permuting
 * the units never changes the phenotype, as permuting a network's hidden units never changes its function (Chen,
 * Lu & Hecht-Nielsen 1993). For discrete genes every gene change moves the phenotype by one site, so the symmetry
 * adds U!-fold redundancy without neutral mutations: a contrast with `duplicate`.
 */
import { z } from 'zod';
import { decoded } from './decoded.ts';
import { defineMap } from './map.ts';

export const permute = defineMap({
  id: 'permute',
  title: 'Interchangeable units',
  summary: 'U units combined into the phenotype (mean, or sum mod A): permuting units changes nothing.',
  spaces: ['continuous', 'discrete'],
  params: z.strictObject({
    units: z.int().min(1).max(64).default(2).describe('Interchangeable units (U), each a phenotype-length vector.'),
  }),
  genotype: (phenotype, p) => ({ ...phenotype, dim: phenotype.dim * p.units }),
  // The mean of U uniform units on [−c, c] has variance c²/(3U): units at c = s·√U give each weight its own variance.
  initScale: (scale, _phenotype, p) => Float64Array.from({ length: scale.length * p.units }, (_, g) => scale[g % scale.length] * Math.sqrt(p.units)),
  memoryBytes: (phenotype, p) => 8 * phenotype.dim * (p.units + 2),
  create(phenotype, p) {
    const n = phenotype.dim;
    const u = p.units;
    const shape = {
      space: phenotype.space,
      dim: n * u,
      alleles: phenotype.space === 'discrete' ? phenotype.alleles : 0,
      lower: phenotype.space === 'continuous' ? phenotype.lower : 0,
      upper: phenotype.space === 'continuous' ? phenotype.upper : 0,
    };
    const alleles = shape.alleles;
    return decoded('permute', phenotype, shape, {
      continuous: {
        decode(genes, offset, x) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let k = 0; k < u; k++) s += genes[offset + k * n + i];
            x[i] = s / u;
          }
        },
        pullBack(_genes, gx, out) {
          for (let k = 0; k < u; k++) for (let i = 0; i < n; i++) out[k * n + i] = gx[i] / u;
        },
        preimage: (x) => Float64Array.from({ length: n * u }, (_, g) => x[g % n]),
      },
      discrete: {
        decode(genes, offset, x) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let k = 0; k < u; k++) s += genes[offset + k * n + i];
            x[i] = s % alleles;
          }
        },
        // The first unit carries the phenotype, the others are zero.
        preimage: (x) => Uint8Array.from({ length: n * u }, (_, g) => (g < n ? x[g] : 0)),
      },
    });
  },
});
