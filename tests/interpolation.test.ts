/**
 * Interpolation once parameters outnumber data (docs/networks.md): with true and with random labels, by full-batch
 * GD and by SGD, a network with more weights than training rows ends at a lower training loss than one with fewer,
 * by more than three standard errors of the paired difference over the replicates (each replicate its own data set,
 * the same at both widths). Losses are read relative to the replicate's targets' variance (the loss of the best
 * constant), so that a replicate with widely spread targets does not swamp the others.
 */
import { describe, expect, it } from 'vitest';
import type { MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { meanAndSe } from '../src/scenario/results.ts';

const replicates = 8;
// 20 training rows; widths 1 and 20 give 7 and 121 weights: 0.35 and 6 parameters per training row.
const scenario = parseScenario(`schemaVersion: 1
title: interpolation
seed: 5
landscape: {id: mlp, hidden: [1], activation: relu, dataset: teacher, inputs: 4, teacherWidth: 4, noise: 0.2, samples: 40, testFraction: 0.5}
optimizers: [{id: gd, label: GD, learningRate: 0.1}, {id: sgd, label: SGD, batchSize: 5, learningRate: 0.05}]
budget: {evaluations: 4500}
stop: {atOptimum: false}
replicates: ${replicates}
sweep: {landscape.labels: ['true', random], landscape.hidden.0: [1, 20]}
`);
const cells = expandCells(scenario);

function relativeTrainingLosses(cell: number, racer: number): number[] {
  return Array.from({ length: replicates }, (_, r) => {
    const run = createRun(runSpecs(cells[cell].scenario, r)[racer]);
    run.finish();
    const landscape = run.landscape as MlpLandscape;
    const y = landscape.data.y.subarray(0, landscape.samples);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const variance = y.reduce((a, v) => a + (v - mean) ** 2, 0) / y.length;
    return -run.result().bestFitness / variance;
  });
}

describe('interpolation', () => {
  it.each([
    ['true', 'GD', 0, 0],
    ['true', 'SGD', 0, 1],
    ['random', 'GD', 2, 0],
    ['random', 'SGD', 2, 1],
  ] as const)('%s labels, %s: the over-parameterised network fits the training rows better', (labels, _racer, narrowCell, racer) => {
    expect(cells[narrowCell].params).toEqual({ 'landscape.labels': labels, 'landscape.hidden.0': 1 });
    expect(cells[narrowCell + 1].params).toEqual({ 'landscape.labels': labels, 'landscape.hidden.0': 20 });
    const narrow = relativeTrainingLosses(narrowCell, racer);
    const wide = relativeTrainingLosses(narrowCell + 1, racer);
    const difference = meanAndSe(narrow.map((loss, r) => loss - wide[r]));
    expect(difference.mean!).toBeGreaterThan(3 * difference.se!);
  });
});
