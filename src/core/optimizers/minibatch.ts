/**
 * Minibatches for gradient methods on landscapes with training examples (`mlp`): each step takes the gradient of
 * `batchSize` examples, drawn without replacement from a permutation reshuffled (Fisher–Yates) every epoch from the
 * optimizer's own stream; the last minibatch of an epoch holds the remainder. The run charges a minibatch its share
 * of a full gradient (run/run.ts). With `batchSize` at least the number of examples, no batch size, or on a
 * landscape without examples, no minibatch is attached and every step takes the full gradient through the same code.
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import type { PointBatch, Problem } from './optimizer.ts';

/** The scenario field; each method states its own default. */
export function batchSizeField(description: string) {
  return z.int().min(1).max(1_000_000_000).optional().describe(description);
}

/** The epoch's order of the training examples; the next minibatch starts at `position`. */
export interface MinibatchState {
  order: Int32Array;
  position: number;
  epoch: number;
}

/** Bytes of the example order a method with minibatches keeps. */
export function minibatchBytes(problem: Problem): number {
  return 4 * (problem.samples ?? 0);
}

/**
 * The starting order (0 .. samples − 1, shuffled at the first step) and, when steps are stochastic, the minibatch
 * attached to `batch`, whose range `drawMinibatch` moves.
 */
export function initMinibatches(problem: Problem, batchSize: number | undefined, batch: PointBatch<Float64Array>): MinibatchState {
  const samples = problem.samples ?? 0;
  const stochastic = samples > 0 && batchSize !== undefined && batchSize < samples;
  const order = new Int32Array(stochastic ? samples : 0);
  for (let i = 0; i < order.length; i++) order[i] = i;
  if (stochastic) batch.minibatch = { indices: order, from: 0, to: 0 };
  return { order, position: samples, epoch: 0 };
}

/** Moves `batch`'s minibatch to the next `batchSize` examples, reshuffling at each epoch's start (no-op for full batches). */
export function drawMinibatch(rng: Rng, state: MinibatchState, batch: PointBatch<Float64Array>, batchSize: number | undefined): void {
  const minibatch = batch.minibatch;
  if (!minibatch || batchSize === undefined) return;
  const n = state.order.length;
  if (state.position >= n) {
    shuffle(state.order, rng);
    state.position = 0;
    state.epoch++;
  }
  minibatch.from = state.position;
  minibatch.to = Math.min(n, state.position + batchSize);
  state.position = minibatch.to;
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
