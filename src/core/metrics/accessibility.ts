/**
 * Accessibility of the global optimum (Weinreich et al. 2006, Science 312:111; Franke, Klözer, de Visser & Krug
 * 2011, PLoS Comput Biol 7:e1002134): a genotype is accessible when a path of one-mutant steps along which fitness
 * strictly increases leads from it to a genotype of the largest fitness. Steps may move away from the optimum
 * (back-steps allowed); paths without back-steps are counted in `direct-paths.ts`.
 *
 * Exact: genotypes in order of decreasing fitness; one is accessible when it has the largest fitness or a strictly
 * fitter accessible neighbour.
 * Beyond enumeration: a depth-first search uphill from one start, fittest steps first, with a cap on the genotypes
 * it may visit; it decides "reached" or "not reachable" exactly, or gives up ("undecided").
 */
import type { DiscreteLandscape } from '../landscapes/landscape.ts';
import { fitnessOrder, neighbourBuffer, neighboursOf, uphillMoves, type GenotypeSpace } from './genotype-space.ts';
import { finiteFitness, NeighbourFitness } from './neighbour-fitness.ts';

/** 1 for every genotype from which a strictly increasing path leads to a genotype of the largest fitness. */
export function accessibleSet(space: GenotypeSpace): Uint8Array {
  const { fitness, maxFitness } = space;
  const accessible = new Uint8Array(space.size);
  const order = fitnessOrder(space);
  const { fitterMask } = uphillMoves(space);
  const nb = neighbourBuffer(space);
  // Fittest first: when g is reached, every strictly fitter neighbour has been decided.
  for (let r = 0; r < order.length; r++) {
    const g = order[r];
    const f = fitness[g];
    if (f === maxFitness) {
      accessible[g] = 1;
      continue;
    }
    const mask = fitterMask ? fitterMask[g] : -1;
    if (mask === 0) continue;
    const m = neighboursOf(space, g, nb);
    for (let k = 0; k < m; k++) {
      const h = nb[k];
      if ((fitterMask ? mask & (1 << k) : fitness[h] > f) && accessible[h]) {
        accessible[g] = 1;
        break;
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
