/**
 * Depth and residual connections (docs/networks.md, "Depth: plain against residual"): the mechanism behind the
 * measured result. With He-scaled branches every skip of a residual ReLU stack adds a branch as large as its input,
 * so a deep residual network starts with a loss far above the plain network's of the same depth and width, and
 * `branchScale` brings it back down; judged over replicates by three standard errors of the paired difference. The
 * degradation itself (plain deep networks stalling) is reported with its numbers, not asserted: at this scale its
 * difference is within a few standard errors at the replicates a test can afford.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { createLandscape, createStart, problemOf } from '../src/core/run/instance.ts';
import { meanAndSe } from '../src/scenario/results.ts';

const replicates = 8;
const base = { hidden: [8], depth: 16, activation: 'relu', dataset: 'circles', samples: 64, testFraction: 0.25 };
const dim = 3 * 8 + 15 * 72 + 9;

/** The training loss at the start of each replicate (a replicate's racers and landscapes share it). */
function startLosses(fields: Record<string, unknown>): number[] {
  const spec = { id: 'mlp', dim, params: { ...base, ...fields } };
  return Array.from({ length: replicates }, (_, r) => {
    const landscape = createLandscape(spec, 'depth', r) as ContinuousLandscape;
    const x0 = createStart(landscape, problemOf(spec), 'depth', r).x0;
    return -landscape.fitnessAt(x0 as Float64Array, 0);
  });
}

const pairedGap = (a: number[], b: number[]) => meanAndSe(a.map((v, r) => Math.log(v) - Math.log(b[r])));

describe('a 16-layer residual ReLU network at its start', () => {
  it('starts far above the plain network with He-scaled branches, and near it with branchScale 0.1', () => {
    const plain = startLosses({});
    const residual = startLosses({ residual: true });
    const scaled = startLosses({ residual: true, branchScale: 0.1 });
    // On a log scale: the gap is orders of magnitude, and the replicates' spread is multiplicative.
    const heGap = pairedGap(residual, plain);
    expect(heGap.mean!).toBeGreaterThan(3 * heGap.se!);
    const fixed = pairedGap(residual, scaled);
    expect(fixed.mean!).toBeGreaterThan(3 * fixed.se!);
  });
});
