/**
 * A stuck layer is bypassed (docs/networks.md): with one hidden layer started dead, a plain network can do no better
 * than a constant (exactly: nothing passes the layer), while the residual network of the same depth and width
 * trains, by more than three standard errors of the difference over the replicates.
 */
import { describe, expect, it } from 'vitest';
import type { MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { meanAndSe } from '../src/scenario/results.ts';

const replicates = 6;
const scenario = parseScenario(`schemaVersion: 1
title: stuck layer
seed: 3
landscape: {id: mlp, hidden: [4, 4, 4], activation: relu, dataset: circles, samples: 48, testFraction: 0.25, stuckLayer: {layer: 1}}
optimizers: [{id: gd, learningRate: 0.05}]
budget: {evaluations: 1500}
stop: {atOptimum: false}
replicates: ${replicates}
sweep: {landscape.residual: [false, true]}
`);

function finalLosses(cell: number): { loss: number; constant: number }[] {
  return Array.from({ length: replicates }, (_, r) => {
    const run = createRun(runSpecs(expandCells(scenario)[cell].scenario, r)[0]);
    run.finish();
    const { y } = (run.landscape as MlpLandscape).data;
    const rows = (run.landscape as MlpLandscape).samples;
    const mean = y.subarray(0, rows).reduce((a, b) => a + b, 0) / rows;
    // The best any constant output can do: the training targets' variance.
    const constant = y.subarray(0, rows).reduce((a, v) => a + (v - mean) ** 2, 0) / rows;
    return { loss: -run.result().bestFitness, constant };
  });
}

describe('a dead hidden layer', () => {
  it('leaves a plain network no better than a constant, and a residual one trains around it', () => {
    const plain = finalLosses(0);
    const residual = finalLosses(1);
    for (const { loss, constant } of plain) expect(loss).toBeGreaterThanOrEqual(constant - 1e-12);
    const a = meanAndSe(plain.map((p) => p.loss));
    const b = meanAndSe(residual.map((p) => p.loss));
    const seDifference = Math.hypot(a.se!, b.se!);
    expect(a.mean! - b.mean!).toBeGreaterThan(3 * seDifference);
    // Not only better than the plain network: better than any constant, in every replicate.
    residual.forEach(({ loss, constant }) => expect(loss).toBeLessThan(constant));
  });
});
