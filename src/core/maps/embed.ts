/**
 * Random embedding: a genotype of M ≥ N real genes is mapped onto the N-dimensional phenotype by a random linear
 * map with orthonormal rows, x = A·g. Every phenotype is reached by an (M − N)-dimensional affine family of
 * genotypes, and moving along that family changes nothing: the landscape gains flat directions, not new optima
 * (the converse of random embeddings for high-dimensional optimisation, Wang et al. 2016, JAIR 55:361).
 */
import { z } from 'zod';
import { decoded } from './decoded.ts';
import { defineMap } from './map.ts';

export const embed = defineMap({
  id: 'embed',
  title: 'Random embedding',
  summary: 'A random linear map with orthonormal rows from M ≥ N genes onto the N-dimensional phenotype.',
  spaces: ['continuous'],
  params: z.strictObject({
    genes: z.int().min(1).max(100_000_000).optional().describe('Genotype dimension M (default 2N); at least N.'),
  }),
  check: (phenotype, p) => (p.genes !== undefined && p.genes < phenotype.dim ? [{ path: ['genes'], message: `genes must be at least the phenotype's dimension ${phenotype.dim}, got ${p.genes}` }] : []),
  genotype: (phenotype, p) => ({ ...phenotype, dim: p.genes ?? 2 * phenotype.dim }),
  memoryBytes: (phenotype, p) => 8 * phenotype.dim * ((p.genes ?? 2 * phenotype.dim) + 2),
  create(phenotype, p, rng) {
    if (phenotype.space !== 'continuous') throw new Error('the embed map needs a continuous landscape');
    const n = phenotype.dim;
    const m = p.genes ?? 2 * n;
    // Rows of A: Gaussian vectors, orthonormalised by modified Gram–Schmidt (twice, for accuracy).
    const A = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      const row = i * m;
      for (;;) {
        for (let j = 0; j < m; j++) A[row + j] = rng.normal();
        for (let pass = 0; pass < 2; pass++) {
          for (let k = 0; k < i; k++) {
            let d = 0;
            for (let j = 0; j < m; j++) d += A[row + j] * A[k * m + j];
            for (let j = 0; j < m; j++) A[row + j] -= d * A[k * m + j];
          }
        }
        let norm = 0;
        for (let j = 0; j < m; j++) norm += A[row + j] * A[row + j];
        norm = Math.sqrt(norm);
        if (norm > 1e-8) {
          for (let j = 0; j < m; j++) A[row + j] /= norm;
          break;
        }
      }
    }
    const shape = { space: 'continuous' as const, dim: m, alleles: 0, lower: phenotype.lower, upper: phenotype.upper };
    return decoded('embed', phenotype, shape, {
      continuous: {
        decode(genes, offset, x) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            const row = i * m;
            for (let j = 0; j < m; j++) s += A[row + j] * genes[offset + j];
            x[i] = s;
          }
        },
        pullBack(_genes, gx, out) {
          out.fill(0);
          for (let i = 0; i < n; i++) {
            const row = i * m;
            for (let j = 0; j < m; j++) out[j] += A[row + j] * gx[i];
          }
        },
        preimage(x) {
          // A·Aᵀ = I, so g = Aᵀ·x maps back to x.
          const g = new Float64Array(m);
          for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) g[j] += A[i * m + j] * x[i];
          return g;
        },
      },
    });
  },
});
