/**
 * The whole genotype space of a small binary landscape (N ≤ 12): every genotype's fitness, which are local optima,
 * and which can reach the global optimum by a path of strictly increasing fitness (accessibility in the sense of
 * Weinreich et al. 2006 and Franke et al. 2011). Genotype g is the integer whose bit i is locus i.
 */
import type { DiscreteLandscape } from '../landscapes/landscape.ts';

export const HYPERCUBE_MAX_DIM = 12;

export interface Hypercube {
  readonly dim: number;
  readonly fitness: Float64Array;
  /** 1 where no one-mutant neighbour is strictly fitter. */
  readonly localOptimum: Uint8Array;
  /** 1 where a strictly increasing path of one-mutant steps leads to the global optimum. */
  readonly accessible: Uint8Array;
  readonly globalOptimum: number;
}

/** The genotype index of a bit string. */
export function genotypeIndex(genes: Uint8Array | Float64Array, offset: number, dim: number): number {
  let g = 0;
  for (let i = 0; i < dim; i++) if (genes[offset + i]) g |= 1 << i;
  return g;
}

/** Number of ones of a genotype index: its Hamming layer. */
export function layerOf(g: number): number {
  let count = 0;
  for (let x = g; x; x &= x - 1) count++;
  return count;
}

export function hypercube(landscape: DiscreteLandscape): Hypercube {
  const dim = landscape.dim;
  if (landscape.alleles !== 2 || dim > HYPERCUBE_MAX_DIM) throw new Error(`the hypercube view needs a binary landscape with N ≤ ${HYPERCUBE_MAX_DIM}`);
  const size = 1 << dim;
  const fitness = new Float64Array(size);
  const x = new Uint8Array(dim);
  for (let g = 0; g < size; g++) {
    for (let i = 0; i < dim; i++) x[i] = (g >> i) & 1;
    fitness[g] = landscape.fitnessAt(x, 0);
  }
  const localOptimum = new Uint8Array(size);
  let globalOptimum = 0;
  for (let g = 0; g < size; g++) {
    let fitter = false;
    for (let i = 0; i < dim && !fitter; i++) fitter = fitness[g ^ (1 << i)] > fitness[g];
    localOptimum[g] = fitter ? 0 : 1;
    if (fitness[g] > fitness[globalOptimum]) globalOptimum = g;
  }
  // Walk downhill from the optimum: g is accessible if some fitter neighbour is accessible.
  const accessible = new Uint8Array(size);
  accessible[globalOptimum] = 1;
  const queue = [globalOptimum];
  while (queue.length) {
    const h = queue.pop()!;
    for (let i = 0; i < dim; i++) {
      const g = h ^ (1 << i);
      if (!accessible[g] && fitness[g] < fitness[h]) {
        accessible[g] = 1;
        queue.push(g);
      }
    }
  }
  return { dim, fitness, localOptimum, accessible, globalOptimum };
}
