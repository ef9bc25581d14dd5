/**
 * The shared shape of first-order methods as ask/tell (after EvoTorch's functional API): `ask` offers one point,
 * `tell` receives its fitness and gradient and moves. Ascent on fitness is descent on loss. Each method supplies
 * only its update rule and, for look-ahead methods, the point to evaluate. A method whose fields include
 * `batchSize` takes minibatches on landscapes with training examples (minibatch.ts); the others, and those without
 * a batch size, take full gradients.
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import { drawMinibatch, initMinibatches, minibatchBytes, type MinibatchState } from './minibatch.ts';
import { defineOptimizer, type OptimizerDef, type PointBatch, type Problem } from './optimizer.ts';

export interface GradientState extends MinibatchState {
  x: Float64Array;
  /** First and second moment buffers (velocity, Adam's m and v), zero-initialised. */
  m: Float64Array;
  v: Float64Array;
  t: number;
  batch: PointBatch<Float64Array>;
}

interface GradientMethod<P extends Record<string, unknown>> {
  id: string;
  title: string;
  summary: string;
  escapesDeadEnds: boolean;
  params: z.ZodObject;
  defaults(problem: Problem): P;
  /** Writes the point whose gradient is wanted into `query`; default: x itself. */
  lookAhead?(state: GradientState, params: P, query: Float64Array): void;
  /** The update's arithmetic per step, in flops (optimizer.ts's `flops`); absent: not counted. */
  flopsPerStep?(dim: number): number;
  /** Moves `state.x` given the gradient `g` at the queried point. */
  update(rng: Rng, state: GradientState, params: P, g: Float64Array): void;
  /** Methods whose `update` is exactly x ← x + a·g with g at x itself: a, for the run's one-pass step. */
  stepSize?(params: P): number;
}

/**
 * x ← x + a·g, element by element (each x[i] += a·g[i], as the plain loop computes it). The two halves of the
 * vectors are walked together: on vectors far beyond the caches, more memory streams in flight make this pass
 * memory-bound rather than latency-bound.
 */
export function addScaled(x: Float64Array, a: number, g: Float64Array): void {
  const n = x.length;
  const h = n >> 1;
  for (let i = 0, j = h; i < h; i = (i + 1) | 0, j = (j + 1) | 0) {
    x[i] += a * g[i];
    x[j] += a * g[j];
  }
  if (n & 1) x[n - 1] += a * g[n - 1];
}

/** The batch size of methods with a `batchSize` field (undefined: full batches). */
function batchSizeOf(params: Record<string, unknown>): number | undefined {
  return params.batchSize as number | undefined;
}

/** Learning-rate field shared by every gradient method. */
export const learningRate = z.number().gt(0).optional().describe('Step size η (default 0.01).');

export function defineGradientMethod<P extends Record<string, unknown>>(method: GradientMethod<P>): OptimizerDef<P, GradientState> {
  return defineOptimizer<P, GradientState>({
    id: method.id,
    title: method.title,
    summary: method.summary,
    spaces: ['continuous'],
    needsGradient: true,
    escapesDeadEnds: method.escapesDeadEnds,
    params: method.params,
    defaults: method.defaults,
    memoryBytes: (problem, params) => 32 * problem.dim + (batchSizeOf(params) === undefined ? 0 : minibatchBytes(problem)),
    init(_rng, problem, start, params) {
      const x = Float64Array.from(start.x0 as Float64Array);
      const query = method.lookAhead ? new Float64Array(problem.dim) : x;
      const batch: PointBatch<Float64Array> = { kind: 'points', genes: query, count: 1 };
      const minibatches = initMinibatches(problem, batchSizeOf(params), batch);
      return { x, m: new Float64Array(problem.dim), v: new Float64Array(problem.dim), t: 0, batch, ...minibatches };
    },
    ask(rng, state, params) {
      method.lookAhead?.(state, params, state.batch.genes);
      drawMinibatch(rng, state, state.batch, batchSizeOf(params));
      return state.batch;
    },
    tell(rng, _candidates, feedback, state, params) {
      state.t++;
      method.update(rng, state, params, feedback.gradient!);
    },
    incumbent: (state) => state.x,
    ...(method.flopsPerStep && { flops: (state: GradientState) => state.t * method.flopsPerStep!(state.x.length) }),
    ...(method.stepSize && !method.lookAhead
      ? {
          fusedStepSize: (_state: GradientState, params: P) => (batchSizeOf(params) === undefined ? method.stepSize!(params) : undefined),
          adoptPoint(state: GradientState, next: Float64Array) {
            state.t++;
            state.x = next;
            state.batch.genes = next;
          },
        }
      : {}),
  });
}
