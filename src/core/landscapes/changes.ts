/**
 * In-place application of a list of gene changes, the primitive behind delta evaluation. `swapChanges` applies
 * changes k = from .. to−1 in order and leaves the previous alleles in `values`; `unswapChanges` undoes it exactly
 * (also when a locus appears twice), so no scratch memory is needed.
 */

export function swapChanges(
  genes: Uint8Array,
  offset: number,
  loci: Int32Array,
  values: Uint8Array,
  from: number,
  to: number,
): void {
  for (let k = from; k < to; k++) {
    const at = offset + loci[k];
    const old = genes[at];
    genes[at] = values[k];
    values[k] = old;
  }
}

export function unswapChanges(
  genes: Uint8Array,
  offset: number,
  loci: Int32Array,
  values: Uint8Array,
  from: number,
  to: number,
): void {
  for (let k = to - 1; k >= from; k--) {
    const at = offset + loci[k];
    const applied = genes[at];
    genes[at] = values[k];
    values[k] = applied;
  }
}
