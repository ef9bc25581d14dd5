/**
 * Direct accessible paths: shortest paths of one-mutant steps between two genotypes at Hamming distance d (each
 * differing locus changed once, straight to its target allele: d! orders) along which fitness strictly increases
 * (Weinreich et al. 2006; Franke et al. 2011). Counted exactly by dynamic programming over the 2^d intermediate
 * genotypes, layer by layer: paths(S) = Σ over loci i in S with f(S∖i) < f(S) of paths(S∖i), for S the set of loci
 * already changed. Counts above 2^53 are rounded to the nearest double.
 */

/** Largest Hamming distance whose direct paths are counted (2^20 intermediate genotypes). */
export const DIRECT_PATHS_MAX_DISTANCE = 20;

/** Number of strictly increasing shortest paths from `from` to `to`; `fitnessOf` must treat NaN as −∞. */
export function countDirectPaths(fitnessOf: (genes: Uint8Array) => number, from: Uint8Array, to: Uint8Array): number {
  const loci: number[] = [];
  for (let i = 0; i < from.length; i++) if (from[i] !== to[i]) loci.push(i);
  const d = loci.length;
  if (d > DIRECT_PATHS_MAX_DISTANCE) throw new Error(`direct paths are counted up to Hamming distance ${DIRECT_PATHS_MAX_DISTANCE}, not ${d}`);
  const subsets = 1 << d;
  const fitness = new Float64Array(subsets);
  const x = from.slice();
  for (let mask = 0; mask < subsets; mask++) {
    for (let j = 0; j < d; j++) x[loci[j]] = mask & (1 << j) ? to[loci[j]] : from[loci[j]];
    fitness[mask] = fitnessOf(x);
  }
  // Every subset is larger (as a number) than the subsets it contains, so ascending order is a valid DP order.
  const paths = new Float64Array(subsets);
  paths[0] = 1;
  for (let mask = 1; mask < subsets; mask++) {
    const f = fitness[mask];
    let total = 0;
    for (let j = 0; j < d; j++) {
      const bit = 1 << j;
      if (mask & bit && fitness[mask ^ bit] < f) total += paths[mask ^ bit];
    }
    paths[mask] = total;
  }
  return paths[subsets - 1];
}
