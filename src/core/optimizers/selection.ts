/** Parent selection schemes over a fitness array (higher is better). */
import type { Rng } from '../rng.ts';

/** Fills `out` with parents chosen by tournaments of `size` uniform picks with replacement; ties go to the earlier pick. */
export function tournament(rng: Rng, fitness: Float64Array, popSize: number, size: number, out: Int32Array): void {
  for (let c = 0; c < out.length; c++) {
    let winner = rng.int(popSize);
    for (let t = 1; t < size; t++) {
      const challenger = rng.int(popSize);
      if (fitness[challenger] > fitness[winner]) winner = challenger;
    }
    out[c] = winner;
  }
}

/** Writes the indices 0..n−1 into `order`, sorted by fitness, best first; equal fitness keeps index order. */
export function rankByFitness(fitness: Float64Array, n: number, order: Int32Array): void {
  for (let i = 0; i < n; i++) order[i] = i;
  const view = order.subarray(0, n);
  view.sort((a, b) => fitness[b] - fitness[a] || a - b);
}

/** Fills `out` with parents drawn uniformly from the best `keep` individuals (`order` must be ranked). */
export function truncation(rng: Rng, order: Int32Array, keep: number, out: Int32Array): void {
  for (let c = 0; c < out.length; c++) out[c] = order[rng.int(keep)];
}
