/**
 * (1+1) EA: one parent; each generation every gene mutates independently with probability `rate` (default 1/N)
 * and the offspring replaces the parent if it is at least as fit. The algorithm of runtime analysis: expected
 * evaluations e·N·ln N − O(N) on OneMax, ≈ 0.86·N² on LeadingOnes (Droste, Jansen & Wegener 2002; Böttcher,
 * Doerr & Neumann 2010).
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import { geometricGap, logKeep, otherAllele } from './mutation.ts';
import { defineOptimizer, type MoveBatch } from './optimizer.ts';

interface Params extends Record<string, unknown> {
  rate: number;
  acceptEqual: boolean;
}

interface State {
  x: Uint8Array;
  fx: number;
  alleles: number;
  logKeepRate: number;
  move: MoveBatch;
}

export const onePlusOneEa = defineOptimizer<Params, State>({
  id: 'one-plus-one-ea',
  title: '(1+1) EA',
  summary: 'One parent, per-gene mutation at rate 1/N, keep the offspring if it is at least as fit.',
  spaces: ['discrete'],
  needsGradient: false,
  escapesDeadEnds: true,
  params: z.strictObject({
    rate: z.number().gt(0).max(1).optional().describe('Per-gene mutation probability (default 1/N).'),
    acceptEqual: z.boolean().optional().describe('Accept offspring of equal fitness (default true, as in the theory).'),
  }),
  defaults: (problem) => ({ rate: 1 / problem.dim, acceptEqual: true }),
  memoryBytes: (problem) => 10 * problem.dim,
  init(_rng, problem, start, params) {
    const dim = problem.dim;
    const x = Uint8Array.from(start.x0 as Uint8Array);
    return {
      x,
      fx: start.fitness0,
      alleles: problem.alleles,
      logKeepRate: logKeep(params.rate),
      move: {
        kind: 'moves',
        base: x,
        baseFitness: start.fitness0,
        count: 1,
        offsets: new Int32Array(2),
        loci: new Int32Array(dim),
        values: new Uint8Array(dim),
      },
    };
  },
  ask(rng: Rng, state) {
    const { x, move } = state;
    const dim = x.length;
    let changes = 0;
    for (let i = geometricGap(rng, state.logKeepRate); i < dim; i += 1 + geometricGap(rng, state.logKeepRate)) {
      move.loci[changes] = i;
      move.values[changes] = otherAllele(rng, x[i], state.alleles);
      changes++;
    }
    move.offsets[1] = changes;
    move.baseFitness = state.fx;
    return move;
  },
  tell(_rng, _candidates, feedback, state, params) {
    const f = feedback.fitness[0];
    if (f > state.fx || (params.acceptEqual && f === state.fx)) {
      const { move, x } = state;
      for (let k = 0; k < move.offsets[1]; k++) x[move.loci[k]] = move.values[k];
      state.fx = f;
    }
  },
  incumbent: (state) => state.x,
});
