/**
 * Random embedding: a genotype of M ≥ N genes mapped linearly onto the N-dimensional phenotype.
 *
 * Real genes: x = A·g with A a random N × M matrix with orthonormal rows. Every phenotype is reached by an
 * (M − N)-dimensional affine family of genotypes and moving along it changes nothing: the landscape gains flat
 * directions, not new optima, and gradient descent moves the phenotype exactly as without the map (A·Aᵀ = I)
 * (the converse of random embeddings for optimisation, Wang et al. 2016, JAIR 55:361).
 *
 * Bits: x = A·g over GF(2), where the first N genes set one site each and each of the other M − N genes flips
 * `degree` random sites (pleiotropy). A one-gene mutation can now change several sites at once, so a genotype has
 * up to M distinct phenotype moves instead of N: with more genes, fewer genotypes have no fitter neighbour. This is
 * redundancy that does remove dead ends; duplication and neutral sites do not.
 */
import { z } from 'zod';
import { decoded } from './decoded.ts';
import { defineMap, meanScale } from './map.ts';

export const embed = defineMap({
  id: 'embed',
  title: 'Random embedding',
  summary: 'A random linear map with orthonormal rows from M ≥ N genes onto the N-dimensional phenotype.',
  spaces: ['continuous', 'discrete'],
  params: z.strictObject({
    genes: z.int().min(1).max(100_000_000).optional().describe('Genotype dimension M (default 2N); at least N.'),
    degree: z.int().min(1).max(64).default(2).describe('Bits only: phenotype sites each extra gene flips (pleiotropy).'),
  }),
  check(phenotype, p) {
    if (p.genes !== undefined && p.genes < phenotype.dim) return [{ path: ['genes'], message: `genes must be at least the phenotype's dimension ${phenotype.dim}, got ${p.genes}` }];
    if (phenotype.space === 'discrete' && phenotype.alleles !== 2) return [{ path: ['id'], message: `the embed map works on bit strings (alleles 2), not ${phenotype.alleles} alleles` }];
    if (phenotype.space === 'discrete' && p.degree > phenotype.dim) return [{ path: ['degree'], message: `degree must be at most the phenotype's dimension ${phenotype.dim}, got ${p.degree}` }];
    return [];
  },
  genotype: (phenotype, p) => ({ ...phenotype, dim: p.genes ?? 2 * phenotype.dim }),
  // Orthonormal rows pass the variance of i.i.d. genes to every phenotype coordinate unchanged, but mix coordinates:
  // each weight starts with the mean variance of the landscape's draw, not its own.
  initScale: (scale, _phenotype, p) => meanScale(scale, p.genes ?? 2 * scale.length),
  memoryBytes: (phenotype, p) => (phenotype.space === 'continuous' ? 8 * phenotype.dim * ((p.genes ?? 2 * phenotype.dim) + 2) : 4 * p.degree * (p.genes ?? 2 * phenotype.dim) + 2 * phenotype.dim),
  create(phenotype, p, rng) {
    const n = phenotype.dim;
    const m = p.genes ?? 2 * n;
    if (phenotype.space === 'discrete') {
      // Column j ≥ N of A lists the `degree` distinct sites gene j flips.
      const degree = p.degree;
      const sites = new Int32Array((m - n) * degree);
      for (let j = 0; j < m - n; j++) {
        for (let d = 0; d < degree; d++) {
          let site: number;
          let taken: boolean;
          do {
            site = rng.int(n);
            taken = false;
            for (let e = 0; e < d; e++) taken ||= sites[j * degree + e] === site;
          } while (taken);
          sites[j * degree + d] = site;
        }
      }
      const shape = { space: 'discrete' as const, dim: m, alleles: 2, lower: 0, upper: 0 };
      return decoded('embed', phenotype, shape, {
        discrete: {
          decode(genes, offset, x) {
            for (let i = 0; i < n; i++) x[i] = genes[offset + i];
            for (let j = 0; j < m - n; j++) {
              if (!genes[offset + n + j]) continue;
              for (let d = 0; d < degree; d++) x[sites[j * degree + d]] ^= 1;
            }
          },
          preimage(x) {
            const g = new Uint8Array(m);
            g.set(x);
            return g;
          },
        },
      });
    }
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
