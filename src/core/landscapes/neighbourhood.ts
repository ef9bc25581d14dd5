/**
 * The one-mutant neighbourhood of a genotype, as a move list: move m changes locus ⌊m / (A−1)⌋ to the
 * (m mod (A−1))-th allele other than the current one. Adaptive walks and the local-optimum test share it.
 */
import type { MoveBatch } from '../optimizers/optimizer.ts';

/** Number of one-mutant neighbours: N·(A − 1). */
export function neighbourCount(dim: number, alleles: number): number {
  return dim * (alleles - 1);
}

/** The allele that move `m` sets, given the genotype `x`. */
export function moveValue(x: Uint8Array, m: number, alleles: number): number {
  if (alleles === 2) return x[m] ^ 1;
  const locus = Math.floor(m / (alleles - 1));
  const j = m - locus * (alleles - 1);
  return j < x[locus] ? j : j + 1;
}

/** The locus that move `m` changes. */
export function moveLocus(m: number, alleles: number): number {
  return alleles === 2 ? m : Math.floor(m / (alleles - 1));
}

/** A batch holding every one-mutant neighbour of `base` (one change each); refresh with `refreshNeighbourBatch`. */
export function neighbourBatch(base: Uint8Array, baseFitness: number, alleles: number): MoveBatch {
  const count = neighbourCount(base.length, alleles);
  const batch: MoveBatch = {
    kind: 'moves',
    base,
    baseFitness,
    count,
    offsets: new Int32Array(count + 1),
    loci: new Int32Array(count),
    values: new Uint8Array(count),
  };
  for (let m = 0; m < count; m++) {
    batch.offsets[m + 1] = m + 1;
    batch.loci[m] = moveLocus(m, alleles);
  }
  refreshNeighbourBatch(batch, alleles);
  return batch;
}

/** Recomputes the alleles of every move after `batch.base` changed. */
export function refreshNeighbourBatch(batch: MoveBatch, alleles: number): void {
  for (let m = 0; m < batch.count; m++) batch.values[m] = moveValue(batch.base, m, alleles);
}

/** Recomputes the alleles of the moves at one locus after that locus of `batch.base` changed. */
export function refreshLocus(batch: MoveBatch, locus: number, alleles: number): void {
  const first = locus * (alleles - 1);
  for (let m = first; m < first + alleles - 1; m++) batch.values[m] = moveValue(batch.base, m, alleles);
}
