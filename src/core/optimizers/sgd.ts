/**
 * Stochastic gradient descent (Robbins & Monro 1951; Bottou 2010): on a landscape with training examples (`mlp`),
 * each step takes the gradient of a minibatch of `batchSize` examples, drawn without replacement from a permutation
 * reshuffled every epoch from the optimizer's own stream (the last minibatch of an epoch may be smaller), with
 * optional heavy-ball momentum: v ← βv + η∇f_B(x), x ← x + v. A minibatch is charged its share of a full gradient.
 * With `batchSize` at least the number of examples, or on a landscape without examples, every step takes the full
 * gradient: plain (momentum) gradient descent, through the same landscape code.
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import { learningRate } from './gradient-method.ts';
import { defineOptimizer, type PointBatch } from './optimizer.ts';

export interface SgdParams extends Record<string, unknown> {
  learningRate: number;
  batchSize: number;
  momentum: number;
}

export interface SgdState {
  x: Float64Array;
  v: Float64Array;
  /** The epoch's order of the training examples; the next minibatch starts at `position`. */
  order: Int32Array;
  position: number;
  epoch: number;
  t: number;
  batch: PointBatch<Float64Array>;
}

/** Fisher–Yates shuffle of `order` from `rng`. */
function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

export const sgd = defineOptimizer<SgdParams, SgdState>({
  id: 'sgd',
  title: 'Stochastic gradient descent',
  summary: 'Gradient steps on shuffled minibatches of the training examples, with optional momentum; full batch = gradient descent.',
  spaces: ['continuous'],
  needsGradient: true,
  // Minibatch noise moves it off critical points of the full loss; judged like the other noisy methods.
  escapesDeadEnds: true,
  params: z.strictObject({
    learningRate,
    batchSize: z.int().min(1).max(1_000_000_000).optional().describe('Training examples per step (default 32); at least all of them = full-batch gradient descent.'),
    momentum: z.number().min(0).lt(1).optional().describe('Heavy-ball coefficient β (default 0: plain SGD).'),
  }),
  defaults: () => ({ learningRate: 0.01, batchSize: 32, momentum: 0 }),
  memoryBytes: (problem) => 24 * problem.dim + 4 * (problem.samples ?? 0),
  init(_rng, problem, start, params) {
    const x = Float64Array.from(start.x0 as Float64Array);
    const samples = problem.samples ?? 0;
    const stochastic = samples > 0 && params.batchSize < samples;
    const order = new Int32Array(stochastic ? samples : 0);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const batch: PointBatch<Float64Array> = { kind: 'points', genes: x, count: 1 };
    if (stochastic) batch.minibatch = { indices: order, from: 0, to: 0 };
    return { x, v: new Float64Array(problem.dim), order, position: samples, epoch: 0, t: 0, batch };
  },
  ask(rng, state, params) {
    const minibatch = state.batch.minibatch;
    if (minibatch) {
      const n = state.order.length;
      if (state.position >= n) {
        shuffle(state.order, rng);
        state.position = 0;
        state.epoch++;
      }
      minibatch.from = state.position;
      minibatch.to = Math.min(n, state.position + params.batchSize);
      state.position = minibatch.to;
    }
    return state.batch;
  },
  tell(_rng, _candidates, feedback, state, params) {
    state.t++;
    const { x, v } = state;
    const g = feedback.gradient!;
    const eta = params.learningRate;
    const beta = params.momentum;
    if (beta === 0) {
      for (let i = 0; i < x.length; i++) x[i] += eta * g[i];
    } else {
      for (let i = 0; i < x.length; i++) {
        v[i] = beta * v[i] + eta * g[i];
        x[i] += v[i];
      }
    }
  },
  incumbent: (state) => state.x,
});
