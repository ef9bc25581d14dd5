/**
 * `sgd`: minibatches from a seeded per-epoch shuffle, charged as their share of a full gradient; full batch is
 * gradient descent through the same code; the best so far is the observed training loss, never a minibatch's.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import type { GradientState } from '../src/core/optimizers/gradient-method.ts';
import { sgd } from '../src/core/optimizers/sgd.ts';
import { Evaluator } from '../src/core/run/evaluator.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { Rng } from '../src/core/rng.ts';

const landscape = { id: 'mlp', dim: 33, params: { hidden: [8], dataset: 'circles', samples: 64 } }; // 48 training rows

function spec(params: Record<string, unknown>, evaluations = 300, seed: string | number = 2, id = 'sgd', replicate = 0): RunSpec {
  return {
    seed,
    replicate,
    landscape,
    optimizer: { id, label: id, params },
    budget: { evaluations },
    stop: { atOptimum: true, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
  };
}

describe('sgd', () => {
  it('visits every training example once per epoch, in a new order each epoch', () => {
    const problem = problemOf(landscape);
    const params = optimizerParams(sgd, problem, { id: 'sgd', label: 'sgd', params: { batchSize: 20 } }) as never;
    const l = createLandscape(landscape, 1, 0);
    const rng = new Rng('epochs');
    const state = sgd.init(rng, problem, createStart(l, problem, 1, 0), params) as GradientState;
    const epochs: number[][] = [];
    for (let e = 0; e < 3; e++) {
      const seen: number[] = [];
      for (const size of [20, 20, 8]) {
        const batch = sgd.ask(rng, state, params);
        if (batch.kind !== 'points' || !batch.minibatch) throw new Error('expected a minibatch');
        const { indices, from, to } = batch.minibatch;
        expect(to - from).toBe(size);
        seen.push(...indices.subarray(from, to));
      }
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 48 }, (_, i) => i));
      epochs.push(seen);
    }
    expect(epochs[1]).not.toEqual(epochs[0]);
    expect(epochs[2]).not.toEqual(epochs[1]);
  });

  it('charges a minibatch its share of a gradient and spends the budget exactly', () => {
    // gradientCost 3 × 16/48 = 1 evaluation per step.
    const run = createRun(spec({ batchSize: 16, learningRate: 0.1 }, 300));
    run.finish();
    const r = run.result();
    expect(r.endedAt).toBe('budget');
    expect(r.generations).toBe(300);
    expect(r.gradientEvaluations).toBe(100);
    expect(r.evaluations).toBe(300);
    expect(r.fitnessEvaluations).toBe(0);
  });

  it('reports as best the training fitness of a point it visited, observed each epoch and at the end', () => {
    const run = createRun(spec({ batchSize: 7, learningRate: 0.2, momentum: 0.5 }, 250));
    run.finish();
    const snap = run.snapshot();
    expect((run.landscape as ContinuousLandscape).fitnessAt(snap.best as Float64Array, 0)).toBe(snap.bestFitness);
    // One observation per epoch of 48 examples at most (plus the first step and the end).
    const epochs = (snap.generations * 7) / 48;
    expect(snap.trace.length / 2).toBeLessThanOrEqual(Math.ceil(epochs) + 3);
  });

  it('with the whole training set per step is gradient descent, number for number', () => {
    for (const [sgdParams, gdId, gdParams] of [
      [{ batchSize: 48, learningRate: 0.3 }, 'gd', { learningRate: 0.3 }],
      [{ batchSize: 1000, learningRate: 0.1, momentum: 0.9 }, 'momentum', { learningRate: 0.1, beta: 0.9 }],
    ] as const) {
      const a = createRun(spec(sgdParams, 120));
      const b = createRun(spec(gdParams, 120, 2, gdId));
      a.finish();
      b.finish();
      expect(a.result()).toEqual(b.result());
      expect(a.snapshot().trace).toEqual(b.snapshot().trace);
    }
  });

  it('gives the same numbers for the same seed, others for another seed, and resumes from a cloned state', () => {
    const a = createRun(spec({ batchSize: 8, learningRate: 0.1 }, 200, 5));
    const b = createRun(spec({ batchSize: 8, learningRate: 0.1 }, 200, 5));
    const c = createRun(spec({ batchSize: 8, learningRate: 0.1 }, 200, 6));
    for (const r of [a, b, c]) r.finish();
    expect(b.snapshot().trace).toEqual(a.snapshot().trace);
    expect(c.snapshot().trace).not.toEqual(a.snapshot().trace);

    const problem = problemOf(landscape);
    const params = optimizerParams(sgd, problem, { id: 'sgd', label: 'sgd', params: { batchSize: 10, momentum: 0.9 } }) as never;
    const l = createLandscape(landscape, 3, 0);
    const rng = new Rng('resume');
    const state = sgd.init(rng, problem, createStart(l, problem, 3, 0), params);
    const evaluator = new Evaluator(l, true);
    const cycle = (r: Rng, s: unknown) => {
      const candidates = sgd.ask(r, s as GradientState, params);
      const feedback = evaluator.evaluate(candidates);
      const f = feedback.fitness[0];
      sgd.tell(r, candidates, feedback, s as GradientState, params);
      return f;
    };
    for (let i = 0; i < 7; i++) cycle(rng, state);
    const copy = structuredClone(state);
    const rngCopy = new Rng('', rng.state());
    const original = Array.from({ length: 8 }, () => cycle(rng, state));
    const resumed = Array.from({ length: 8 }, () => cycle(rngCopy, copy));
    expect(resumed).toEqual(original);
  });

  it('small minibatches reach a lower training loss than full-batch steps for the same budget', () => {
    // Same learning rate, same charged cost: batch 8 takes 6 updates per epoch, the full batch one.
    let wins = 0;
    for (let replicate = 0; replicate < 5; replicate++) {
      const small = createRun(spec({ batchSize: 8, learningRate: 0.1 }, 600, 11, 'sgd', replicate));
      const full = createRun(spec({ batchSize: 48, learningRate: 0.1 }, 600, 11, 'sgd', replicate));
      small.finish();
      full.finish();
      if (small.result().bestFitness > full.result().bestFitness) wins++;
    }
    expect(wins).toBeGreaterThanOrEqual(4);
  });
});
