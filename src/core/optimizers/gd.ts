/** Gradient descent on the loss, i.e. ascent on fitness: x ← x + η∇f(x) (Cauchy 1847). */
import { z } from 'zod';
import { addScaled, defineGradientMethod, learningRate } from './gradient-method.ts';

export const gd = defineGradientMethod<{ learningRate: number }>({
  id: 'gd',
  title: 'Gradient descent',
  summary: 'Plain gradient steps of fixed size η.',
  escapesDeadEnds: false,
  params: z.strictObject({ learningRate }),
  defaults: () => ({ learningRate: 0.01 }),
  flopsPerStep: (dim) => 2 * dim,
  update(_rng, { x }, p, g) {
    addScaled(x, p.learningRate, g);
  },
  stepSize: (p) => p.learningRate,
});
