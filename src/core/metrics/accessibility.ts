/**
 * Accessibility of the global optimum (Weinreich et al. 2006, Science 312:111; Franke, Klözer, de Visser & Krug
 * 2011, PLoS Comput Biol 7:e1002134): a genotype is accessible when a path of one-mutant steps along which fitness
 * strictly increases leads from it to a genotype of the largest fitness. Steps may move away from the optimum
 * (back-steps allowed); paths without back-steps are counted in `direct-paths.ts`.
 *
 * Exact: a genotype is accessible when it has the largest fitness or a strictly fitter accessible neighbour; found by
 * searching downhill from the fittest genotypes.
 * Beyond enumeration: a depth-first search uphill from one start, fittest steps first, with a cap on the genotypes
 * it may visit; it decides "reached" or "not reachable" exactly, or gives up ("undecided").
 */
import type { DiscreteLandscape } from '../landscapes/landscape.ts';
import { neighbourBuffer, neighboursOf, type GenotypeSpace } from './genotype-space.ts';
import { finiteFitness, NeighbourFitness } from './neighbour-fitness.ts';

/**
 * 1 for every genotype from which a strictly increasing path leads to a genotype of the largest fitness: a search
 * downhill from the fittest genotypes along strictly decreasing steps (the reversed paths), which visits only the
 * accessible genotypes and needs no fitness order.
 */
export function accessibleSet(space: GenotypeSpace): Uint8Array {
  const { fitness, maxFitness, size } = space;
  const accessible = new Uint8Array(size);
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let g = 0; g < size; g++) {
    if (fitness[g] === maxFitness) {
      accessible[g] = 1;
      queue[tail++] = g;
    }
  }
  if (space.alleles === 2) {
    const dim = space.dim;
    while (head < tail) {
      const h = queue[head++];
      const f = fitness[h];
      for (let k = 0; k < dim; k++) {
        const g = h ^ (1 << k);
        if (!accessible[g] && fitness[g] < f) {
          accessible[g] = 1;
          queue[tail++] = g;
        }
      }
    }
    return accessible;
  }
  const nb = neighbourBuffer(space);
  while (head < tail) {
    const h = queue[head++];
    const f = fitness[h];
    const m = neighboursOf(space, h, nb);
    for (let k = 0; k < m; k++) {
      const g = nb[k];
      if (!accessible[g] && fitness[g] < f) {
        accessible[g] = 1;
        queue[tail++] = g;
      }
    }
  }
  return accessible;
}

/** The share of all genotypes that are accessible. */
export function accessibleFraction(accessible: Uint8Array): number {
  let count = 0;
  for (let g = 0; g < accessible.length; g++) count += accessible[g];
  return count / accessible.length;
}

export type SearchOutcome = 'reached' | 'not-reachable' | 'undecided';

/** Default cap on the genotypes one uphill search may visit. */
export const SEARCH_LIMIT = 100_000;

/** A genotype as a string key (one character per locus), in chunks that stay below engines' argument limits. */
function keyOf(x: Uint8Array): string {
  let key = '';
  for (let i = 0; i < x.length; i += 8192) key += String.fromCharCode.apply(null, x.subarray(i, i + 8192) as unknown as number[]);
  return key;
}

/**
 * Whether a strictly increasing path leads from `start` to a genotype of fitness at least `target`, by depth-first
 * search over increasing one-mutant steps (fittest first), visiting at most `limit` genotypes.
 */
export function searchAccessible(landscape: DiscreteLandscape, start: Uint8Array, target: number, limit = SEARCH_LIMIT): { outcome: SearchOutcome; visited: number } {
  const f0 = finiteFitness(landscape, start);
  if (f0 >= target) return { outcome: 'reached', visited: 1 };
  const neighbours = new NeighbourFitness(landscape);
  const visited = new Set<string>([keyOf(start)]);
  const stack: { x: Uint8Array; f: number }[] = [{ x: start.slice(), f: f0 }];
  const order: number[] = [];
  while (stack.length) {
    const { x, f } = stack.pop()!;
    const values = neighbours.evaluate(x, f);
    order.length = 0;
    for (let m = 0; m < values.length; m++) {
      if (values[m] >= target) return { outcome: 'reached', visited: visited.size };
      if (values[m] > f) order.push(m);
    }
    // Fittest last, so that it is explored first.
    order.sort((a, b) => values[a] - values[b] || a - b);
    for (const m of order) {
      const y = x.slice();
      neighbours.apply(y, m);
      const key = keyOf(y);
      if (visited.has(key)) continue;
      if (visited.size >= limit) return { outcome: 'undecided', visited: visited.size };
      visited.add(key);
      stack.push({ x: y, f: values[m] });
    }
  }
  return { outcome: 'not-reachable', visited: visited.size };
}
