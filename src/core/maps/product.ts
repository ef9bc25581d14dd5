/**
 * Depth: each phenotype coordinate is the product of L genes, x_i = g_i1·g_i2·…·g_iL, as a deep linear network's
 * output is the product of its layers' weights. Every phenotype is reached by a curve of genotypes (rescaling the
 * factors), and zero is a saddle of every factor: depth adds saddles, not local optima of the phenotype
 * (Baldi & Hornik 1989; Kawaguchi 2016, NeurIPS; Saxe, McClelland & Ganguli 2014, ICLR). A landscape's own initial
 * scale carries over coordinate by coordinate, except a scale of 0 (an `mlp` bias): factors started at 0 sit on
 * that saddle for good, so such landscapes are refused rather than started from the box.
 */
import { z } from 'zod';
import { decoded } from './decoded.ts';
import { defineMap } from './map.ts';

/**
 * Half-width c of the box factors are drawn from: the product of L uniform factors on [−c, c] then has the variance
 * of a uniform phenotype coordinate on the phenotype's box, (c²/3)^L = h²/3. Its distribution still peaks at 0, as
 * products do: starts lie nearer the origin than without the map, which matters on landscapes centred there.
 */
function factorHalfWidth(lower: number, upper: number, depth: number): number {
  const h = Math.max(Math.abs(lower), Math.abs(upper));
  return Math.sqrt(3) * Math.pow(h / Math.sqrt(3), 1 / depth);
}

export const product = defineMap({
  id: 'product',
  title: 'Product (depth)',
  summary: 'Each phenotype coordinate is the product of L genes, like a deep linear network.',
  spaces: ['continuous'],
  params: z.strictObject({
    depth: z.int().min(1).max(16).default(2).describe('Genes multiplied per phenotype coordinate (L).'),
  }),
  genotype(phenotype, p) {
    const c = factorHalfWidth(phenotype.lower, phenotype.upper, p.depth);
    return { ...phenotype, dim: phenotype.dim * p.depth, lower: -c, upper: c };
  },
  // Factors of coordinate i on ±cᵢ with cᵢ = factorHalfWidth(sᵢ): their product starts with the variance sᵢ²/3.
  initScale(scale, _phenotype, p) {
    if (scale.some((s) => s === 0)) return 'a coordinate that starts at 0 (a bias) would be a product of zero factors, a saddle it never leaves';
    return Float64Array.from({ length: scale.length * p.depth }, (_, g) => factorHalfWidth(-scale[Math.floor(g / p.depth)], scale[Math.floor(g / p.depth)], p.depth));
  },
  memoryBytes: (phenotype, p) => 8 * phenotype.dim * (p.depth + 3),
  create(phenotype, p) {
    if (phenotype.space !== 'continuous') throw new Error('the product map needs a continuous landscape');
    const n = phenotype.dim;
    const depth = p.depth;
    const c = factorHalfWidth(phenotype.lower, phenotype.upper, depth);
    const shape = { space: 'continuous' as const, dim: n * depth, alleles: 0, lower: -c, upper: c };
    const prefix = new Float64Array(depth + 1);
    return decoded('product', phenotype, shape, {
      continuous: {
        decode(genes, offset, x) {
          for (let i = 0, g = offset; i < n; i++) {
            let v = 1;
            for (let l = 0; l < depth; l++, g++) v *= genes[g];
            x[i] = v;
          }
        },
        pullBack(genes, gx, out) {
          // ∂x_i/∂g_il = product of the other factors, by prefix and suffix products (no division by zero).
          for (let i = 0; i < n; i++) {
            const first = i * depth;
            prefix[0] = 1;
            for (let l = 0; l < depth; l++) prefix[l + 1] = prefix[l] * genes[first + l];
            let suffix = 1;
            for (let l = depth - 1; l >= 0; l--) {
              out[first + l] = gx[i] * prefix[l] * suffix;
              suffix *= genes[first + l];
            }
          }
        },
        preimage: (x) => Float64Array.from({ length: n * depth }, (_, g) => (g % depth === 0 ? x[g / depth] : 1)),
      },
    });
  },
});
