/**
 * Exhaustive search of small discrete spaces: the exact global optimum where no formula or dynamic programme gives
 * it. Used only when alleles^dim is at most `ENUMERATION_LIMIT`.
 */
import type { DiscreteLandscape } from './landscape.ts';

/** The largest genotype space (number of genotypes) that landscapes enumerate to find their optimum. */
export const ENUMERATION_LIMIT = 1 << 20;

/** alleles^dim, or Infinity when it exceeds 2^53. */
export function spaceSize(alleles: number, dim: number): number {
  const size = Math.pow(alleles, dim);
  return size <= Number.MAX_SAFE_INTEGER ? size : Infinity;
}

/** Calls visit(x) for every genotype of the space in odometer order (locus dim−1 fastest); `x` is reused. */
export function forEachGenotype(alleles: number, dim: number, visit: (x: Uint8Array) => void): void {
  const x = new Uint8Array(dim);
  for (;;) {
    visit(x);
    let i = dim - 1;
    while (i >= 0 && x[i] === alleles - 1) x[i--] = 0;
    if (i < 0) return;
    x[i]++;
  }
}

/** The fittest genotype and its fitness, by evaluating every genotype (ties: the first in odometer order). */
export function enumerateOptimum(
  alleles: number,
  dim: number,
  fitnessAt: (x: Uint8Array, offset: number) => number,
): { fitness: number; genes: Uint8Array } {
  let best = -Infinity;
  const bestGenes = new Uint8Array(dim);
  forEachGenotype(alleles, dim, (x) => {
    const f = fitnessAt(x, 0);
    if (f > best) {
      best = f;
      bestGenes.set(x);
    }
  });
  return { fitness: best, genes: bestGenes };
}
