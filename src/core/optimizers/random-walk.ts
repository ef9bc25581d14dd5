/**
 * Random adaptive walk: move to a uniformly random fitter one-mutant neighbour; stop at a local optimum. Neighbours
 * are tried one at a time in random order and the first fitter one is taken, which picks uniformly among the
 * fitter ones while evaluating only as many as needed (Gillespie 1984; Flyvbjerg & Lautrup 1992). With `neutral`,
 * a point with no fitter neighbour is left for a uniformly random equally fit one (neutral drift, Kimura 1968), so
 * the walk explores neutral networks and stops only at a strict local optimum.
 */
import { z } from 'zod';
import { moveLocus, moveValue, neighbourCount } from '../landscapes/neighbourhood.ts';
import { defineOptimizer, type MoveBatch } from './optimizer.ts';

interface Params extends Record<string, unknown> {
  neutral: boolean;
}

interface State {
  x: Uint8Array;
  fx: number;
  alleles: number;
  /** Move indices; the first `tried` have been evaluated at the current point and were not fitter. */
  order: Int32Array;
  tried: number;
  /** Neutral moves: how many equally fit neighbours were seen at the current point, and one of them at random. */
  equal: number;
  equalMove: number;
  batch: MoveBatch;
  stuck: boolean;
  steps: number;
}

export const randomWalk = defineOptimizer<Params, State>({
  id: 'random-walk',
  title: 'Random adaptive walk',
  summary: 'Move to a uniformly random fitter one-mutant neighbour until none is fitter (optionally drifting on equal fitness).',
  spaces: ['discrete'],
  needsGradient: false,
  escapesDeadEnds: false,
  params: z.strictObject({
    neutral: z.boolean().optional().describe('With no fitter neighbour, step to a random equally fit one (neutral drift); default false.'),
  }),
  defaults: () => ({ neutral: false }),
  memoryBytes: (problem) => problem.dim + 4 * neighbourCount(problem.dim, problem.alleles) + 64,
  init(_rng, problem, start) {
    const x = Uint8Array.from(start.x0 as Uint8Array);
    const count = neighbourCount(problem.dim, problem.alleles);
    const order = new Int32Array(count);
    for (let m = 0; m < count; m++) order[m] = m;
    return {
      x,
      fx: start.fitness0,
      alleles: problem.alleles,
      order,
      tried: 0,
      equal: 0,
      equalMove: -1,
      batch: {
        kind: 'moves',
        base: x,
        baseFitness: start.fitness0,
        count: 1,
        offsets: Int32Array.of(0, 1),
        loci: new Int32Array(1),
        values: new Uint8Array(1),
      },
      stuck: false,
      steps: 0,
    };
  },
  ask(rng, state) {
    const { order, batch } = state;
    // Partial Fisher–Yates: draw the next untried move uniformly and swap it to the front of the untried part.
    const pick = state.tried + rng.int(order.length - state.tried);
    const m = order[pick];
    order[pick] = order[state.tried];
    order[state.tried] = m;
    batch.loci[0] = moveLocus(m, state.alleles);
    batch.values[0] = moveValue(state.x, m, state.alleles);
    batch.baseFitness = state.fx;
    return batch;
  },
  tell(rng, _candidates, feedback, state, params) {
    const f = feedback.fitness[0];
    if (f > state.fx) {
      state.x[state.batch.loci[0]] = state.batch.values[0];
      state.fx = f;
      state.tried = 0;
      state.equal = 0;
      state.steps++;
      return;
    }
    // Reservoir sampling keeps one equally fit neighbour, uniform among those seen.
    if (params.neutral && f === state.fx && rng.int(++state.equal) === 0) state.equalMove = state.order[state.tried];
    if (++state.tried < state.order.length) return;
    if (state.equal === 0) {
      state.stuck = true;
      return;
    }
    const m = state.equalMove;
    state.x[moveLocus(m, state.alleles)] = moveValue(state.x, m, state.alleles);
    state.tried = 0;
    state.equal = 0;
    state.steps++;
  },
  incumbent: (state) => state.x,
  stuck: (state) => state.stuck,
});
