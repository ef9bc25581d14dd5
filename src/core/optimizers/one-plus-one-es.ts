/**
 * (1+1)-ES with the 1/5th success rule (Rechenberg 1973; Schwefel 1981): one parent x, offspring x + σ·N(0, I),
 * kept if at least as fit. The step size grows after a success and shrinks after a failure so that about one
 * offspring in five succeeds, in the smooth form σ ← σ·exp((s − 1/5) / (d·4/5)) with d = √(N + 1)
 * (Kern et al. 2004). On the sphere the success probability at normalised step σ* = σN/‖x‖ tends to 1 − Φ(σ* / 2).
 *
 * `mutate: one` moves a single uniformly chosen gene by σ·N(0, 1) instead of all of them: the one-mutation-at-a-time
 * walk of population genetics, which can only climb along the gene axes and so stops where every uphill direction
 * is diagonal to them.
 */
import { z } from 'zod';
import { defineOptimizer, type PointBatch } from './optimizer.ts';

interface Params extends Record<string, unknown> {
  sigma0: number;
  adaptation: 'one-fifth' | 'none';
  damping: number;
  mutate: 'all' | 'one';
}

interface State {
  x: Float64Array;
  fx: number;
  sigma: number;
  successes: number;
  trials: number;
  batch: PointBatch<Float64Array>;
}

export const onePlusOneEs = defineOptimizer<Params, State>({
  id: 'one-plus-one-es',
  title: '(1+1)-ES',
  summary: 'One parent, Gaussian offspring, step size tuned by the 1/5th success rule.',
  spaces: ['continuous'],
  needsGradient: false,
  escapesDeadEnds: true,
  params: z.strictObject({
    sigma0: z.number().gt(0).optional().describe('Initial step size (default a tenth of the box width).'),
    adaptation: z.enum(['one-fifth', 'none']).optional().describe('Step-size rule (default one-fifth; none keeps σ fixed).'),
    damping: z.number().gt(0).optional().describe('Damping d of the 1/5th rule (default √(N+1)).'),
    mutate: z.enum(['all', 'one']).optional().describe('Genes each offspring changes: all (default) or one chosen at random, a single-gene walk.'),
  }),
  defaults: (problem) => ({
    sigma0: (problem.upper - problem.lower) / 10,
    adaptation: 'one-fifth',
    damping: Math.sqrt(problem.dim + 1),
    mutate: 'all',
  }),
  memoryBytes: (problem) => 16 * problem.dim,
  init(_rng, problem, start, p) {
    return {
      x: Float64Array.from(start.x0 as Float64Array),
      fx: start.fitness0,
      sigma: p.sigma0,
      successes: 0,
      trials: 0,
      batch: { kind: 'points', genes: new Float64Array(problem.dim), count: 1 },
    };
  },
  ask(rng, state, p) {
    const { x, sigma } = state;
    const y = state.batch.genes;
    if (p.mutate === 'one') {
      y.set(x);
      const i = rng.int(x.length);
      y[i] += sigma * rng.normal();
    } else {
      for (let i = 0; i < x.length; i++) y[i] = x[i] + sigma * rng.normal();
    }
    return state.batch;
  },
  tell(_rng, _candidates, feedback, state, p) {
    const f = feedback.fitness[0];
    const success = f >= state.fx;
    state.trials++;
    if (success) {
      state.x.set(state.batch.genes);
      state.fx = f;
      state.successes++;
    }
    if (p.adaptation === 'one-fifth') state.sigma *= Math.exp(((success ? 1 : 0) - 0.2) / (p.damping * 0.8));
  },
  incumbent: (state) => state.x,
});
