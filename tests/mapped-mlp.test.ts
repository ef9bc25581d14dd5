/**
 * A network through a genotype–phenotype map keeps what the unmapped network has: its Glorot/He initial scale
 * (carried to the genotype by each map's rule), its minibatches and its test loss (read through the map). The maps
 * that are the identity at one copy, one unit or no neutral site give the unmapped numbers exactly; a map with no
 * rule for the initial scale is refused with a located error.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { mapDef } from '../src/core/maps/registry.ts';
import { randomPoint } from '../src/core/optimizers/initial.ts';
import { createLandscape, phenotypeProblem, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { LandscapeSpec, RunSpec } from '../src/core/run/spec.ts';
import { Rng } from '../src/core/rng.ts';
import { parseScenario } from '../src/scenario/parse.ts';

const network: LandscapeSpec = { id: 'mlp', dim: 33, params: { hidden: [8], dataset: 'circles', samples: 64 } }; // 48 training rows

function spec(landscape: LandscapeSpec, id: string, params: Record<string, unknown>, evaluations = 150): RunSpec {
  return {
    seed: 7,
    replicate: 0,
    landscape,
    optimizer: { id, label: id, params },
    budget: { evaluations },
    stop: { atOptimum: true, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
  };
}

function finished(s: RunSpec) {
  const run = createRun(s);
  run.finish();
  return { run, result: run.result(), trace: run.snapshot().trace };
}

/** Per-coordinate variance of the phenotype of `draws` random genotypes of the mapped landscape's problem. */
function phenotypeVariance(landscape: LandscapeSpec, draws: number, decode: (genes: Float64Array, x: Float64Array) => void): Float64Array {
  const problem = problemOf(landscape);
  const rng = new Rng('variance');
  const genes = new Float64Array(problem.dim);
  const x = new Float64Array(landscape.dim);
  const sum = new Float64Array(landscape.dim);
  for (let d = 0; d < draws; d++) {
    randomPoint(problem, rng, genes, 0);
    decode(genes, x);
    for (let i = 0; i < x.length; i++) sum[i] += x[i] * x[i];
  }
  return sum.map((s) => s / draws);
}

describe('networks through maps', () => {
  it.each([
    ['identity', {}],
    ['neutral', { sites: 0 }],
    ['duplicate', { copies: 1 }],
    ['permute', { units: 1 }],
  ])('%s %j gives the unmapped numbers: initial weights, minibatches, test loss', (id, params) => {
    const mapped = { ...network, map: { id, params } };
    expect(problemOf(mapped)).toEqual(problemOf(network));
    for (const [optimizer, p] of [
      ['sgd', { batchSize: 8, learningRate: 0.2 }],
      ['adam', { learningRate: 0.02 }],
    ] as const) {
      const a = finished(spec(network, optimizer, p));
      const b = finished(spec(mapped, optimizer, p));
      expect(b.result.testLoss).toBeGreaterThan(0);
      expect(b.result).toEqual(a.result);
      expect(b.trace).toEqual(a.trace);
    }
  });

  it('duplicate and permute start every weight with its own Glorot/He variance; biases at 0', () => {
    const scale = phenotypeProblem(network).scale!;
    const target = scale.map((s) => (s * s) / 3);
    const copies = 3;
    const units = 4;
    const duplicated = phenotypeVariance({ ...network, map: { id: 'duplicate', params: { copies } } }, 3000, (g, x) => {
      for (let i = 0; i < x.length; i++) x[i] = (g[i * copies] + g[i * copies + 1] + g[i * copies + 2]) / copies;
    });
    const permuted = phenotypeVariance({ ...network, map: { id: 'permute', params: { units } } }, 3000, (g, x) => {
      for (let i = 0; i < x.length; i++) x[i] = (g[i] + g[33 + i] + g[66 + i] + g[99 + i]) / units;
    });
    for (const variance of [duplicated, permuted]) {
      for (let i = 0; i < 33; i++) {
        if (target[i] === 0) expect(variance[i]).toBe(0);
        else expect(Math.abs(variance[i] / target[i] - 1)).toBeLessThan(0.1);
      }
    }
  });

  it('neutral sites start at the typical weight scale; an embedding gives every weight the mean variance', () => {
    const scale = phenotypeProblem(network).scale!;
    const meanSquare = scale.reduce((s, v) => s + v * v, 0) / scale.length;
    const neutral = problemOf({ ...network, map: { id: 'neutral', params: { sites: 5 } } }).scale!;
    expect(neutral.subarray(0, 33)).toEqual(scale);
    expect([...neutral.subarray(33)]).toEqual(new Array(5).fill(Math.sqrt(meanSquare)));
    // The embedding's phenotypes, read by a phenotype landscape that records what it is asked.
    const embedded = { ...network, map: { id: 'embed', params: { genes: 50 } } };
    let seen: Float64Array = new Float64Array(0);
    const recorder: ContinuousLandscape = { ...(createLandscape(network, 1, 0) as ContinuousLandscape), fitnessAt: (x) => ((seen = x), 0) };
    const embed = mapDef('embed')!;
    const l = embed.create(recorder, embed.params.parse({ genes: 50 }), new Rng('embed')) as ContinuousLandscape;
    const variance = phenotypeVariance(embedded, 3000, (g, x) => {
      l.fitnessAt(g, 0);
      x.set(seen);
    });
    for (let i = 0; i < 33; i++) expect(Math.abs(variance[i] / (meanSquare / 3) - 1)).toBeLessThan(0.1);
  });

  it('minibatches and the test loss work through a redundant map, charged as without it', () => {
    const mapped = { ...network, map: { id: 'duplicate', params: { copies: 2 } } };
    // gradientCost 3 × 16/48 = 1 evaluation per step.
    const { run, result } = finished(spec(mapped, 'momentum', { learningRate: 0.1, beta: 0.9, batchSize: 16 }, 120));
    expect(result.generations).toBe(120);
    expect(result.gradientEvaluations).toBe(40);
    const best = run.snapshot().best as Float64Array;
    const phenotype = createLandscape(network, 7, 0) as ContinuousLandscape;
    const x = Float64Array.from({ length: 33 }, (_, i) => (best[2 * i] + best[2 * i + 1]) / 2);
    expect(result.testLoss).toBe(-phenotype.testFitness!(x, 0));
    expect(result.bestFitness).toBe(phenotype.fitnessAt(x, 0));
    expect(result.bestFitness).toBeGreaterThan(run.snapshot().trace[1]);
  });

  it('product carries a scale without zeros factor by factor (the student network), and refuses one with zeros', () => {
    const student: LandscapeSpec = { id: 'relu-teacher-student', dim: 12, params: { inputs: 4, teacherUnits: 3, studentUnits: 3 } };
    const s = phenotypeProblem(student).scale!;
    const depth = 3;
    const variance = phenotypeVariance({ ...student, map: { id: 'product', params: { depth } } }, 4000, (g, x) => {
      for (let i = 0; i < x.length; i++) x[i] = g[i * depth] * g[i * depth + 1] * g[i * depth + 2];
    });
    for (let i = 0; i < 12; i++) expect(Math.abs(variance[i] / ((s[i] * s[i]) / 3) - 1)).toBeLessThan(0.15);
    expect(problemOf({ ...network, map: { id: 'product', params: { depth } } }).scale).toBeUndefined();
  });

  it('refuses a map with no rule for the initial weights, naming file, line and field', () => {
    const text = `schemaVersion: 1
title: net
landscape: {id: mlp, hidden: [8]}
map: {id: product, depth: 2}
optimizers: [{id: gd}]
budget: {evaluations: 100}
`;
    expect(() => parseScenario(text, 'net.yaml')).toThrow(/net\.yaml:4:\d+: map\.id: the product map cannot start mlp at its own initial weight scale: .*bias.*; maps that can: identity, duplicate, neutral, embed, permute/);
    // Landscapes without their own scale keep every map.
    expect(() => parseScenario(text.replace('{id: mlp, hidden: [8]}', '{id: sphere, dim: 4}'), 'net.yaml')).not.toThrow();
  });
});
