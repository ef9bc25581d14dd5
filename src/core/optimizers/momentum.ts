/** Heavy-ball momentum (Polyak 1964): v ← βv + η∇f(x), x ← x + v. */
import { z } from 'zod';
import { defineGradientMethod, learningRate } from './gradient-method.ts';

export const momentum = defineGradientMethod<{ learningRate: number; beta: number }>({
  id: 'momentum',
  title: 'Momentum',
  summary: 'Gradient steps with a velocity that remembers past gradients (heavy ball).',
  escapesDeadEnds: false,
  params: z.strictObject({
    learningRate,
    beta: z.number().min(0).lt(1).optional().describe('Momentum coefficient β (default 0.9).'),
  }),
  defaults: () => ({ learningRate: 0.01, beta: 0.9 }),
  update(_rng, { x, m: v }, p, g) {
    for (let i = 0; i < x.length; i++) {
      v[i] = p.beta * v[i] + p.learningRate * g[i];
      x[i] += v[i];
    }
  },
});
