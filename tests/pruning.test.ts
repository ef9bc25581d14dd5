/**
 * The pieces of the lottery-ticket script (examples/lottery-ticket.ts): magnitude masks keep the largest weights of
 * each layer and never a bias; masked training holds pruned weights at 0 and, with nothing pruned, is exactly the
 * `gd` optimizer's run. (The ticket effect itself is not asserted: at this scale it is not significant, see
 * docs/networks.md.)
 */
import { describe, expect, it } from 'vitest';
import type { MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { magnitudeMask, trainMasked } from '../src/core/nets/pruning.ts';
import { createRun } from '../src/core/run/run.ts';
import { runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';

const arch = { inputs: 2, hidden: [3], activation: 'relu' as const, residual: false, loss: 'mse' as const };

describe('magnitudeMask', () => {
  it('keeps the largest |w| of each weight matrix, and every bias', () => {
    // W0 (6 weights), b0 (3), W1 (3), b1 (1).
    const w = new Float64Array([0.1, -0.9, 0.3, 0.05, -0.5, 0.2, 0.01, 0.02, 0.03, -0.4, 0.05, 0.6, 0.001]);
    const mask = magnitudeMask(arch, w, 0.5);
    expect([...mask]).toEqual([0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1]);
  });
});

describe('trainMasked', () => {
  const text = `schemaVersion: 1
title: masked
seed: 2
landscape: {id: mlp, hidden: [6], activation: relu, samples: 32}
optimizers: [{id: gd, learningRate: 0.1}]
budget: {evaluations: 60}
stop: {atOptimum: false}
`;
  it('with nothing pruned is the gd run, step for step', () => {
    const run = createRun(runSpecs(parseScenario(text), 0)[0]);
    const start = run.snapshot().incumbent as Float64Array;
    run.finish();
    const masked = trainMasked(run.landscape as MlpLandscape, start, new Uint8Array(start.length).fill(1), 0.1, 20);
    expect(masked.gradients).toBe(run.result().gradientEvaluations);
    expect([...masked.weights]).toEqual([...(run.snapshot().incumbent as Float64Array)]);
  });

  it('holds pruned weights at 0 and moves the others', () => {
    const run = createRun(runSpecs(parseScenario(text), 0)[0]);
    const start = run.snapshot().incumbent as Float64Array;
    const mask = magnitudeMask((run.landscape as MlpLandscape).network.arch, start, 0.3);
    const { weights } = trainMasked(run.landscape as MlpLandscape, start, mask, 0.1, 20);
    for (let i = 0; i < weights.length; i++) {
      if (!mask[i]) expect(weights[i]).toBe(0);
    }
    expect(weights.some((v, i) => mask[i] && v !== start[i])).toBe(true);
  });
});
