/**
 * Adam (Kingma & Ba 2015): steps η·m̂/(√v̂ + ε) from bias-corrected moment estimates of the gradient; with
 * `batchSize`, of minibatch gradients (minibatch.ts), the stochastic setting Adam was made for.
 */
import { z } from 'zod';
import { defineGradientMethod, learningRate } from './gradient-method.ts';
import { batchSizeField } from './minibatch.ts';

interface Params extends Record<string, unknown> {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  batchSize?: number;
}

export const adam = defineGradientMethod<Params>({
  id: 'adam',
  title: 'Adam',
  summary: 'Per-coordinate step sizes from running moments of the gradient.',
  escapesDeadEnds: false,
  params: z.strictObject({
    learningRate,
    beta1: z.number().min(0).lt(1).optional().describe('Decay of the first moment (default 0.9).'),
    beta2: z.number().min(0).lt(1).optional().describe('Decay of the second moment (default 0.999).'),
    epsilon: z.number().gt(0).optional().describe('Denominator guard ε (default 1e-8).'),
    batchSize: batchSizeField('Training examples per step, on landscapes with training examples (default: all of them, full-batch steps).'),
  }),
  defaults: () => ({ learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }),
  // Per coordinate: 4 for m, 5 for v, 7 for the step (the square root counted as one).
  flopsPerStep: (dim) => 16 * dim,
  update(_rng, { x, m, v, t }, p, g) {
    const c1 = 1 / (1 - Math.pow(p.beta1, t));
    const c2 = 1 / (1 - Math.pow(p.beta2, t));
    for (let i = 0; i < x.length; i++) {
      m[i] = p.beta1 * m[i] + (1 - p.beta1) * g[i];
      v[i] = p.beta2 * v[i] + (1 - p.beta2) * g[i] * g[i];
      x[i] += (p.learningRate * m[i] * c1) / (Math.sqrt(v[i] * c2) + p.epsilon);
    }
  },
});
