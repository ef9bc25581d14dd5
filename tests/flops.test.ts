/**
 * Arithmetic work (`measure.flops`, run/flops.ts): the landscape's declared work per gradient and Hessian–vector
 * product plus the method's own count, exact by the stated convention; null where a part is not counted; carried by
 * result lines under their digest and summarised per racer; and changing no other number of the run.
 */
import { describe, expect, it } from 'vitest';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { digestCheck, resultLine, summarise } from '../src/scenario/results.ts';

const scenario = (landscape: string, optimizer: string, measure = 'measure: {flops: true}') => `schemaVersion: 1
title: flops
seed: 5
landscape: ${landscape}
optimizers: [${optimizer}]
budget: {evaluations: 400}
stop: {atOptimum: false}
${measure}
replicates: 2
`;

function result(landscape: string, optimizer: string, measure?: string, replicate = 0) {
  const [spec] = runSpecs(expandCells(parseScenario(scenario(landscape, optimizer, measure)))[0].scenario, replicate);
  const run = createRun(spec);
  run.finish();
  return run.result();
}

describe('flops', () => {
  it('of gradient descent on the sphere are 3N per gradient and 2N per step', () => {
    const r = result('{id: sphere, dim: 7}', '{id: gd, learningRate: 0.01}');
    expect(r.gradientEvaluations).toBe(200);
    expect(r.flops).toBe(200 * 3 * 7 + r.generations * 2 * 7);
  });

  it('of Newton–CG count its Hessian–vector products and its own CG work', () => {
    const r = result('{id: rosenbrock, dim: 6}', '{id: newton}');
    const landscapeWork = r.gradientEvaluations * 15 * 5 + r.hessianVectorProducts! * 14 * 5;
    // The method's own: at least its CG iterations (16N each) on top of the landscape's.
    expect(r.flops! - landscapeWork).toBeGreaterThanOrEqual(16 * 6 * r.hessianVectorProducts!);
  });

  it('are null where a part is not counted (an evolution strategy’s fitness-only evaluations)', () => {
    expect(result('{id: sphere, dim: 4}', '{id: cma-es}').flops).toBeNull();
  });

  it('change no other number of the run', () => {
    const { flops, ...measured } = result('{id: rosenbrock, dim: 6}', '{id: lbfgs}');
    expect(flops).toBeGreaterThan(0);
    expect(measured).toEqual(result('{id: rosenbrock, dim: 6}', '{id: lbfgs}', ''));
  });

  it('are carried by result lines under their digest, and summarised per racer', () => {
    const lines = [0, 1].map((replicate) =>
      resultLine(0, {}, replicate, 5, { optimizer: 'lbfgs', label: 'lbfgs', result: result('{id: rosenbrock, dim: 6}', '{id: lbfgs}', undefined, replicate), wallMs: 1 }, 'fp'),
    );
    expect(typeof lines[0].flops).toBe('number');
    expect(digestCheck(lines[0])).toBe('ok');
    expect(digestCheck({ ...lines[0], flops: lines[0].flops! * 2 })).toBe('changed');
    const [summary] = summarise(lines, [{ optimizer: 'lbfgs', label: 'lbfgs' }])[0].results;
    expect(summary.meanFlops).toBeCloseTo((lines[0].flops! + lines[1].flops!) / 2, 6);
  });

  it('is refused on a discrete landscape, naming the measure block', () => {
    expect(() => parseScenario(scenario('{id: onemax, dim: 8}', '{id: one-plus-one-ea}'))).toThrow(/measure.*continuous landscapes, as are flops/s);
  });
});
