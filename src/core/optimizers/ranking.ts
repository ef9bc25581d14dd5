/** Ranking helpers for strategies that sort a generation by fitness. */

/** Writes 0..count−1 into `order` sorted by fitness, best (highest) first; equal fitness keeps index order. */
export function rankDescending(fitness: Float64Array, count: number, order: Int32Array): void {
  // Insertion sort: generations here are small (λ ≲ 100s) and this allocates nothing.
  for (let i = 0; i < count; i++) {
    const f = fitness[i];
    let j = i - 1;
    while (j >= 0 && fitness[order[j]] < f) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
}
