/**
 * Where gradient descent stops on a continuous landscape: plain gradient steps (the engine's `gd`, through
 * `createRun`, so with exactly the race's code and stop rules) from a random start until the gradient norm is at most
 * the tolerance — then the point is classified as a local optimum or a saddle (`classifyPoint`) — or until the step
 * limit. An end point is a *dead end* when it is critical and not the global optimum (fitness more than `tolerance`
 * below the known optimum).
 */
import type { ContinuousLandscape } from '../landscapes/landscape.ts';
import { streamSeed } from '../rng.ts';
import { createRun } from '../run/run.ts';
import type { EndedAt, LandscapeSpec } from '../run/spec.ts';

export interface GradientRunOptions {
  /** Step size η of x ← x + η∇f. */
  readonly learningRate: number;
  /** Most gradient steps per run. */
  readonly steps: number;
  /** Gradient norm at or below which a point is critical. */
  readonly gradientTolerance: number;
  /** Fitness distance from the optimum that counts as reaching it. */
  readonly tolerance: number;
}

/**
 * Defaults: η = 0.001 keeps plain gradient steps stable on the registry's test functions near their optima
 * (η·curvature < 2 needs η < 0.005 on Rastrigin), 20 000 steps, tolerances as in scenario files.
 */
export const GRADIENT_DEFAULTS: GradientRunOptions = { learningRate: 0.001, steps: 20_000, gradientTolerance: 1e-6, tolerance: 1e-6 };

export interface GradientEndpoint {
  readonly endedAt: EndedAt;
  /** The point gradient descent stopped at. */
  readonly x: Float64Array;
  readonly fitness: number;
  /** The run ended at a critical point (local optimum or saddle) within the step limit. */
  readonly critical: boolean;
  /** Critical and within `tolerance` of the known global optimum. */
  readonly global: boolean;
  /** Gradient evaluations used. */
  readonly gradients: number;
}

/**
 * Gradient descent from start `start` of instance `instance`: the start comes from the stream
 * (seed, 'analysis-gd', instance) as replicate `start`, so every (instance, start) pair has its own.
 */
export function gradientEndpoint(
  spec: LandscapeSpec,
  landscape: ContinuousLandscape,
  seed: string | number,
  instance: number,
  start: number,
  options: GradientRunOptions = GRADIENT_DEFAULTS,
): GradientEndpoint {
  const run = createRun(
    {
      seed: streamSeed(seed, 'analysis-gd', instance),
      replicate: start,
      landscape: spec,
      optimizer: { id: 'gd', label: 'analysis-gd', params: { learningRate: options.learningRate } },
      budget: { evaluations: options.steps * landscape.gradientCost },
      stop: { atOptimum: false, deadEnd: true, tolerance: options.tolerance, gradientTolerance: options.gradientTolerance },
    },
    { landscape },
  );
  run.finish();
  const snapshot = run.snapshot();
  const x = snapshot.incumbent as Float64Array;
  const fitness = landscape.fitnessAt(x, 0);
  const critical = snapshot.endedAt === 'local-optimum' || snapshot.endedAt === 'saddle';
  const optimum = landscape.optimumFitness;
  const global = critical && optimum !== undefined && fitness >= optimum - options.tolerance;
  return { endedAt: snapshot.endedAt, x, fitness, critical, global, gradients: snapshot.gradientEvaluations };
}
