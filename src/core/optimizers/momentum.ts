/**
 * Heavy-ball momentum (Polyak 1964): v ← βv + η∇f(x), x ← x + v; with `batchSize`, ∇f of a minibatch of the training
 * examples (minibatch.ts), the same steps as `sgd` with `momentum`.
 */
import { z } from 'zod';
import { defineGradientMethod, learningRate } from './gradient-method.ts';
import { batchSizeField } from './minibatch.ts';

export const momentum = defineGradientMethod<{ learningRate: number; beta: number; batchSize?: number }>({
  id: 'momentum',
  title: 'Momentum',
  summary: 'Gradient steps with a velocity that remembers past gradients (heavy ball).',
  escapesDeadEnds: false,
  params: z.strictObject({
    learningRate,
    beta: z.number().min(0).lt(1).optional().describe('Momentum coefficient β (default 0.9).'),
    batchSize: batchSizeField('Training examples per step, on landscapes with training examples (default: all of them, full-batch steps).'),
  }),
  defaults: () => ({ learningRate: 0.01, beta: 0.9 }),
  flopsPerStep: (dim) => 4 * dim,
  update(_rng, { x, m: v }, p, g) {
    for (let i = 0; i < x.length; i++) {
      v[i] = p.beta * v[i] + p.learningRate * g[i];
      x[i] += v[i];
    }
  },
});
