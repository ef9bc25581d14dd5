/**
 * Adaptive walks from a start to a local optimum (Kauffman & Levin 1987): the greedy walk moves to the fittest
 * fitter one-mutant neighbour (ties uniformly at random), the random adaptive walk to a uniformly random fitter one
 * (Gillespie 1984; the engine's `greedy-walk` and `random-walk`). Length = number of steps.
 *
 * Exact over all starts of an enumerated space: a walk only ever moves to strictly fitter genotypes, so the
 * expected length from x is 0 at a local optimum and otherwise 1 + the mean over x's possible next genotypes of
 * their expected lengths — a dynamic programme over genotypes in order of decreasing fitness (`fitnessOrder`). The same recursion gives the probability that the greedy walk from x ends on
 * a genotype of the largest fitness (the basin of the global optimum).
 *
 * Beyond enumeration: single walks from sampled starts (`greedyWalkFrom`, `randomWalkFrom`).
 */
import type { DiscreteLandscape } from '../landscapes/landscape.ts';
import type { Rng } from '../rng.ts';
import { fittestFitter } from '../optimizers/greedy-walk.ts';
import { fitnessOrder, neighbourBuffer, neighboursOf, uphillMoves, type GenotypeSpace } from './genotype-space.ts';
import { finiteFitness, NeighbourFitness } from './neighbour-fitness.ts';

export interface GreedyExpectations {
  /** Expected greedy walk length from each genotype. */
  readonly length: Float64Array;
  /** Probability that the greedy walk from each genotype ends on a genotype of the largest fitness. */
  readonly basin: Float64Array;
}

/** Exact expectations of the greedy walk from every genotype (ties between best neighbours broken uniformly). */
export function greedyExpectations(space: GenotypeSpace): GreedyExpectations {
  const { fitness, maxFitness } = space;
  const length = new Float64Array(space.size);
  const basin = new Float64Array(space.size);
  const order = fitnessOrder(space);
  const { greedyNext } = uphillMoves(space);
  const nb = neighbourBuffer(space);
  for (let r = 0; r < order.length; r++) {
    const g = order[r];
    const next = greedyNext[g];
    if (next >= 0) {
      length[g] = 1 + length[next];
      basin[g] = basin[next];
    } else if (next === -1) {
      basin[g] = fitness[g] === maxFitness ? 1 : 0;
    } else {
      // Several fittest neighbours tie: the walk picks one uniformly.
      const m = neighboursOf(space, g, nb);
      let best = fitness[g];
      let count = 0;
      let l = 0;
      let b = 0;
      for (let k = 0; k < m; k++) {
        const h = nb[k];
        const f = fitness[h];
        if (f > best) {
          best = f;
          count = 1;
          l = length[h];
          b = basin[h];
        } else if (f === best && count > 0) {
          count++;
          l += length[h];
          b += basin[h];
        }
      }
      length[g] = 1 + l / count;
      basin[g] = b / count;
    }
  }
  return { length, basin };
}

/** Exact expected length of the random adaptive walk from every genotype. */
export function randomWalkExpectations(space: GenotypeSpace): Float64Array {
  const { fitness } = space;
  const length = new Float64Array(space.size);
  const order = fitnessOrder(space);
  const { fitterMask } = uphillMoves(space);
  const nb = neighbourBuffer(space);
  for (let r = 0; r < order.length; r++) {
    const g = order[r];
    let count = 0;
    let l = 0;
    if (fitterMask) {
      const mask = fitterMask[g];
      if (mask === 0) continue;
      const m = neighboursOf(space, g, nb);
      for (let k = 0; k < m; k++) {
        if (mask & (1 << k)) {
          count++;
          l += length[nb[k]];
        }
      }
    } else {
      const f = fitness[g];
      const m = neighboursOf(space, g, nb);
      for (let k = 0; k < m; k++) {
        if (fitness[nb[k]] > f) {
          count++;
          l += length[nb[k]];
        }
      }
    }
    if (count > 0) length[g] = 1 + l / count;
  }
  return length;
}

/** The mean of an array (the expectation over a uniformly random start). */
export function meanOver(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export interface WalkOutcome {
  readonly steps: number;
  /** Fitness of the local optimum the walk ended on. */
  readonly fitness: number;
}

/** One greedy walk from x (changed in place into the end point); ties drawn from `rng`. */
export function greedyWalkFrom(landscape: DiscreteLandscape, x: Uint8Array, rng: Rng, neighbours = new NeighbourFitness(landscape)): WalkOutcome {
  let fx = finiteFitness(landscape, x);
  let steps = 0;
  for (;;) {
    const values = neighbours.evaluate(x, fx);
    const chosen = fittestFitter(values, fx, rng);
    if (chosen < 0) return { steps, fitness: fx };
    fx = values[chosen];
    neighbours.apply(x, chosen);
    steps++;
  }
}

/** One random adaptive walk from x (changed in place into the end point), choices drawn from `rng`. */
export function randomWalkFrom(landscape: DiscreteLandscape, x: Uint8Array, rng: Rng, neighbours = new NeighbourFitness(landscape)): WalkOutcome {
  let fx = finiteFitness(landscape, x);
  let steps = 0;
  const fitter = new Int32Array(neighbours.count);
  for (;;) {
    const values = neighbours.evaluate(x, fx);
    let count = 0;
    for (let m = 0; m < values.length; m++) if (values[m] > fx) fitter[count++] = m;
    if (count === 0) return { steps, fitness: fx };
    const m = fitter[rng.int(count)];
    fx = values[m];
    neighbours.apply(x, m);
    steps++;
  }
}
