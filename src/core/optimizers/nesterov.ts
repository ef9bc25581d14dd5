/**
 * Nesterov's accelerated gradient in the look-ahead form of Sutskever et al. (2013): the gradient is taken at
 * x + βv, then v ← βv + η∇f(x + βv), x ← x + v (Nesterov 1983). With `batchSize`, ∇f is that of a minibatch of the
 * training examples at the look-ahead point (minibatch.ts).
 */
import { z } from 'zod';
import { defineGradientMethod, learningRate } from './gradient-method.ts';
import { batchSizeField } from './minibatch.ts';

export const nesterov = defineGradientMethod<{ learningRate: number; beta: number; batchSize?: number }>({
  id: 'nesterov',
  title: 'Nesterov momentum',
  summary: 'Momentum that evaluates the gradient where the velocity is about to carry it.',
  escapesDeadEnds: false,
  params: z.strictObject({
    learningRate,
    beta: z.number().min(0).lt(1).optional().describe('Momentum coefficient β (default 0.9).'),
    batchSize: batchSizeField('Training examples per step, on landscapes with training examples (default: all of them, full-batch steps).'),
  }),
  defaults: () => ({ learningRate: 0.01, beta: 0.9 }),
  lookAhead({ x, m: v }, p, query) {
    for (let i = 0; i < x.length; i++) query[i] = x[i] + p.beta * v[i];
  },
  update(_rng, { x, m: v }, p, g) {
    for (let i = 0; i < x.length; i++) {
      v[i] = p.beta * v[i] + p.learningRate * g[i];
      x[i] += v[i];
    }
  },
});
