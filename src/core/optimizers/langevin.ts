/**
 * Langevin dynamics (unadjusted Langevin algorithm; Roberts & Tweedie 1996): x ← x + η∇f(x) + √(2ηT)·ξ with
 * ξ ~ N(0, I). Gradient steps plus Gaussian noise at temperature T: the stand-in for SGD noise on analytic
 * landscapes (Welling & Teh 2011), able to leave shallow local optima.
 */
import { z } from 'zod';
import { defineGradientMethod, learningRate } from './gradient-method.ts';

export const langevin = defineGradientMethod<{ learningRate: number; temperature: number }>({
  id: 'langevin',
  title: 'Langevin',
  summary: 'Gradient steps plus Gaussian noise at a temperature T (a model of SGD noise).',
  escapesDeadEnds: true,
  params: z.strictObject({
    learningRate,
    temperature: z.number().min(0).optional().describe('Noise temperature T (default 0.01).'),
  }),
  defaults: () => ({ learningRate: 0.01, temperature: 0.01 }),
  update(rng, { x }, p, g) {
    const noise = Math.sqrt(2 * p.learningRate * p.temperature);
    for (let i = 0; i < x.length; i++) x[i] += p.learningRate * g[i] + noise * rng.normal();
  },
});
