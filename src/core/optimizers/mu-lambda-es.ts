/**
 * (μ/μ_I, λ)-ES with cumulative step-size adaptation (Ostermeier, Gawelczyk & Hansen 1994; Hansen & Ostermeier
 * 2001): λ offspring m + σz, the mean moves to the average of the μ best, and σ follows the length of the evolution
 * path of the mean's steps. No covariance learning: the isotropic baseline for CMA-ES.
 */
import { z } from 'zod';
import { defineOptimizer, type PointBatch } from './optimizer.ts';
import { rankDescending } from './ranking.ts';

interface Params extends Record<string, unknown> {
  lambda: number;
  mu: number;
  sigma0: number;
}

interface State {
  dim: number;
  mean: Float64Array;
  sigma: number;
  path: Float64Array;
  z: Float64Array;
  order: Int32Array;
  step: Float64Array;
  cs: number;
  ds: number;
  chi: number;
  batch: PointBatch<Float64Array>;
}

export const muLambdaEs = defineOptimizer<Params, State>({
  id: 'mu-lambda-es',
  title: '(μ/μ, λ)-ES',
  summary: 'λ Gaussian offspring around a mean, the μ best averaged, step size by cumulative path length.',
  spaces: ['continuous'],
  needsGradient: false,
  escapesDeadEnds: true,
  params: z.strictObject({
    lambda: z.int().min(2).max(1_000_000).optional().describe('Offspring per generation (default 4 + ⌊3 ln N⌋).'),
    mu: z.int().min(1).optional().describe('Parents averaged into the new mean (default ⌊λ/2⌋).'),
    sigma0: z.number().gt(0).optional().describe('Initial step size (default 0.3 × box width).'),
  }),
  defaults(problem, given) {
    // μ follows the λ in use, the scenario's or the default.
    const lambda = typeof given?.lambda === 'number' ? given.lambda : 4 + Math.floor(3 * Math.log(problem.dim));
    return { lambda, mu: Math.floor(lambda / 2), sigma0: 0.3 * (problem.upper - problem.lower) };
  },
  check: (_problem, p) => (p.mu > p.lambda ? [{ path: ['mu'], message: `mu must be at most lambda (${p.lambda})` }] : []),
  memoryBytes: (problem, p) => 8 * problem.dim * (2 * p.lambda + 4),
  init(_rng, problem, start, p) {
    const n = problem.dim;
    const mueff = p.mu;
    const cs = (mueff + 2) / (n + mueff + 5);
    return {
      dim: n,
      mean: Float64Array.from(start.x0 as Float64Array),
      sigma: p.sigma0,
      path: new Float64Array(n),
      z: new Float64Array(p.lambda * n),
      order: new Int32Array(p.lambda),
      step: new Float64Array(n),
      cs,
      ds: 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs,
      chi: Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n)),
      batch: { kind: 'points', genes: new Float64Array(p.lambda * n), count: p.lambda },
    };
  },
  ask(rng, state) {
    const { z, mean, sigma, dim } = state;
    const x = state.batch.genes;
    rng.fillNormal(z);
    for (let k = 0, o = 0; k < state.batch.count; k++) {
      for (let i = 0; i < dim; i++, o++) x[o] = mean[i] + sigma * z[o];
    }
    return state.batch;
  },
  tell(_rng, _candidates, feedback, state, p) {
    const { dim, z, step, path, mean } = state;
    rankDescending(feedback.fitness, p.lambda, state.order);
    step.fill(0);
    for (let r = 0; r < p.mu; r++) {
      const o = state.order[r] * dim;
      for (let i = 0; i < dim; i++) step[i] += z[o + i];
    }
    const coefficient = Math.sqrt(state.cs * (2 - state.cs) * p.mu);
    let norm2 = 0;
    for (let i = 0; i < dim; i++) {
      step[i] /= p.mu;
      mean[i] += state.sigma * step[i];
      path[i] = (1 - state.cs) * path[i] + coefficient * step[i];
      norm2 += path[i] * path[i];
    }
    state.sigma *= Math.exp((state.cs / state.ds) * (Math.sqrt(norm2) / state.chi - 1));
  },
  incumbent: (state) => state.mean,
  population: (state) => state.batch,
});
