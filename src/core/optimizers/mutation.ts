/**
 * Per-gene mutation at rate p by geometric skipping: instead of one random draw per gene, draw the gap to the next
 * mutated gene, Geometric(p), by inversion. Same distribution, about p·n draws instead of n (for p = 1/N, one or
 * two draws per genotype).
 */
import type { Rng } from '../rng.ts';

/** ln(1 − p), the constant `geometricGap` needs; −Infinity when every gene mutates. */
export function logKeep(rate: number): number {
  return Math.log1p(-Math.min(1, Math.max(0, rate)));
}

/** Genes to skip before the next mutated one (0 = the next gene mutates); Infinity when the rate is 0. */
export function geometricGap(rng: Rng, logKeepRate: number): number {
  if (logKeepRate === 0) return Infinity;
  if (logKeepRate === -Infinity) return 0;
  return Math.floor(Math.log(1 - rng.uniform()) / logKeepRate);
}

/** A uniformly random allele other than `current`. */
export function otherAllele(rng: Rng, current: number, alleles: number): number {
  if (alleles === 2) return current ^ 1;
  const a = rng.int(alleles - 1);
  return a >= current ? a + 1 : a;
}
