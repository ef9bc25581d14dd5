/**
 * Stochastic gradient descent (Robbins & Monro 1951; Bottou 2010): on a landscape with training examples (`mlp`),
 * each step takes the gradient of a minibatch of `batchSize` examples (minibatch.ts: a seeded per-epoch shuffle,
 * charged as its share of a full gradient), with optional heavy-ball momentum: v ← βv + η∇f_B(x), x ← x + v. With
 * `batchSize` at least the number of examples, or on a landscape without examples, every step takes the full
 * gradient: plain (momentum) gradient descent, through the same landscape code.
 */
import { z } from 'zod';
import { defineGradientMethod, learningRate } from './gradient-method.ts';
import { batchSizeField } from './minibatch.ts';

interface SgdParams extends Record<string, unknown> {
  learningRate: number;
  batchSize: number;
  momentum: number;
}

export const sgd = defineGradientMethod<SgdParams>({
  id: 'sgd',
  title: 'Stochastic gradient descent',
  summary: 'Gradient steps on shuffled minibatches of the training examples, with optional momentum; full batch = gradient descent.',
  // Minibatch noise moves it off critical points of the full loss; judged like the other noisy methods.
  escapesDeadEnds: true,
  params: z.strictObject({
    learningRate,
    batchSize: batchSizeField('Training examples per step (default 32); at least all of them = full-batch gradient descent.'),
    momentum: z.number().min(0).lt(1).optional().describe('Heavy-ball coefficient β (default 0: plain SGD).'),
  }),
  defaults: () => ({ learningRate: 0.01, batchSize: 32, momentum: 0 }),
  update(_rng, { x, m: v }, p, g) {
    const eta = p.learningRate;
    const beta = p.momentum;
    if (beta === 0) {
      for (let i = 0; i < x.length; i++) x[i] += eta * g[i];
      return;
    }
    for (let i = 0; i < x.length; i++) {
      v[i] = beta * v[i] + eta * g[i];
      x[i] += v[i];
    }
  },
});
