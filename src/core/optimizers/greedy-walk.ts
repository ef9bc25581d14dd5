/**
 * Greedy adaptive walk (steepest ascent): evaluate every one-mutant neighbour and move to the fittest if it is
 * fitter; stop at a local optimum. Ties between equally fit best neighbours are broken uniformly at random.
 * (Kauffman & Levin 1987; Orr 2003 for its walk lengths.) With `neutral`, a point with no fitter neighbour is
 * left for a random equally fit one (neutral drift), so the walk stops only at a strict local optimum.
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import { neighbourBatch, refreshLocus, moveLocus, neighbourCount } from '../landscapes/neighbourhood.ts';
import { defineOptimizer, type MoveBatch } from './optimizer.ts';

interface Params extends Record<string, unknown> {
  neutral: boolean;
}

interface State {
  x: Uint8Array;
  fx: number;
  alleles: number;
  batch: MoveBatch;
  stuck: boolean;
  steps: number;
}

export const greedyWalk = defineOptimizer<Params, State>({
  id: 'greedy-walk',
  title: 'Greedy walk',
  summary: 'Steepest-ascent adaptive walk: move to the fittest fitter one-mutant neighbour until none is fitter.',
  spaces: ['discrete'],
  needsGradient: false,
  escapesDeadEnds: false,
  params: z.strictObject({
    neutral: z.boolean().optional().describe('With no fitter neighbour, step to a random equally fit one (neutral drift); default false.'),
  }),
  defaults: () => ({ neutral: false }),
  memoryBytes: (problem) => problem.dim + 9 * neighbourCount(problem.dim, problem.alleles),
  init(_rng, problem, start) {
    const x = Uint8Array.from(start.x0 as Uint8Array);
    return { x, fx: start.fitness0, alleles: problem.alleles, batch: neighbourBatch(x, start.fitness0, problem.alleles), stuck: false, steps: 0 };
  },
  ask(_rng, state) {
    state.batch.baseFitness = state.fx;
    return state.batch;
  },
  tell(rng, _candidates, feedback, state, params) {
    const { fitness } = feedback;
    let chosen = fittestFitter(fitness, state.fx, rng, state.batch.count);
    if (chosen < 0 && params.neutral) {
      let equal = 0;
      for (let m = 0; m < state.batch.count; m++) if (fitness[m] === state.fx && rng.int(++equal) === 0) chosen = m;
    }
    if (chosen < 0) {
      state.stuck = true;
      return;
    }
    const locus = moveLocus(chosen, state.alleles);
    state.x[locus] = state.batch.values[chosen];
    state.fx = fitness[chosen];
    state.steps++;
    refreshLocus(state.batch, locus, state.alleles);
  },
  incumbent: (state) => state.x,
  stuck: (state) => state.stuck,
});

/**
 * The greedy walk's step: the index of the fittest neighbour fitter than `fx` (ties drawn uniformly from `rng`, by
 * reservoir sampling in index order) among the first `count`, or −1 when none is fitter. The walk optimizer and
 * the walks of the analysis and the dead-end meter all step with it, so they walk alike.
 */
export function fittestFitter(values: Float64Array, fx: number, rng: Rng, count = values.length): number {
  let best = fx;
  let chosen = -1;
  let ties = 0;
  for (let m = 0; m < count; m++) {
    const f = values[m];
    if (f > best) {
      best = f;
      chosen = m;
      ties = 1;
    } else if (f === best && chosen >= 0 && rng.int(++ties) === 0) {
      chosen = m;
    }
  }
  return chosen;
}
