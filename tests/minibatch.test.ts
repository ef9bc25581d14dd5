/**
 * `batchSize` on momentum, nesterov and adam: the same minibatch machinery as `sgd` (one seeded per-epoch shuffle,
 * a minibatch charged its share of a gradient), and with every example per step the full-batch method exactly.
 */
import { describe, expect, it } from 'vitest';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';

const landscape = { id: 'mlp', dim: 33, params: { hidden: [8], dataset: 'circles', samples: 64 } }; // 48 training rows

function spec(id: string, params: Record<string, unknown>, evaluations = 240, seed = 2, label = id): RunSpec {
  return {
    seed,
    replicate: 0,
    landscape,
    optimizer: { id, label, params },
    budget: { evaluations },
    stop: { atOptimum: true, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
  };
}

function finished(s: RunSpec) {
  const run = createRun(s);
  run.finish();
  return { result: run.result(), trace: run.snapshot().trace, best: run.snapshot().best };
}

const methods = [
  ['momentum', { learningRate: 0.1, beta: 0.9 }],
  ['nesterov', { learningRate: 0.1, beta: 0.9 }],
  ['adam', { learningRate: 0.02 }],
] as const;

describe('minibatches for momentum, nesterov and adam', () => {
  it.each(methods)('%s with every training example per step is the full-batch method, number for number', (id, params) => {
    const full = finished(spec(id, params));
    for (const batchSize of [48, 1000]) {
      const all = finished(spec(id, { ...params, batchSize }));
      expect(all.result).toEqual(full.result);
      expect(all.trace).toEqual(full.trace);
    }
  });

  it.each(methods)('%s on minibatches is charged their share, is deterministic and differs from full batches', (id, params) => {
    // gradientCost 3 × 16/48 = 1 evaluation per step.
    const a = finished(spec(id, { ...params, batchSize: 16 }, 240, 5));
    const b = finished(spec(id, { ...params, batchSize: 16 }, 240, 5));
    const otherSeed = finished(spec(id, { ...params, batchSize: 16 }, 240, 6));
    const full = finished(spec(id, params, 240, 5));
    expect(a.result.generations).toBe(240);
    expect(a.result.gradientEvaluations).toBe(80);
    expect(a.result.evaluations).toBe(240);
    expect(full.result.generations).toBe(80);
    expect(b.result).toEqual(a.result);
    expect(b.trace).toEqual(a.trace);
    expect(otherSeed.trace).not.toEqual(a.trace);
    expect(a.best).not.toEqual(full.best);
    expect(a.result.bestFitness).toBeGreaterThan(a.trace[1]);
  });

  it('momentum on minibatches is sgd with momentum: one shuffle, one update, the same numbers on the same stream', () => {
    // Equal labels give both racers the same optimizer stream, hence the same minibatches.
    const heavyBall = finished(spec('momentum', { learningRate: 0.1, beta: 0.8, batchSize: 10 }, 240, 3, 'racer'));
    const sgd = finished(spec('sgd', { learningRate: 0.1, momentum: 0.8, batchSize: 10 }, 240, 3, 'racer'));
    expect(heavyBall.result).toEqual(sgd.result);
    expect(heavyBall.trace).toEqual(sgd.trace);
    expect(heavyBall.best).toEqual(sgd.best);
  });
});
