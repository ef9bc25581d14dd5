/**
 * Lazy training (docs/networks.md): the `weightChange` measure is ‖w_T − w_0‖ / ‖w_0‖ of the run's own start and end
 * points, recorded without changing the run, carried by result lines (and their digest) and summaries; and on small
 * networks it falls with width, by a margin judged against the spread of the exponent over replicates.
 */
import { describe, expect, it } from 'vitest';
import { exponentOverReplicates, logLogFit } from '../src/core/metrics/power-law.ts';
import { linearisationGap } from '../src/core/nets/linearisation.ts';
import { Network } from '../src/core/nets/mlp-net.ts';
import { createStart, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { digestCheck, resultLine, summarise } from '../src/scenario/results.ts';

const scenario = (measure: string, widths = '[4, 8, 16, 32]', replicates = 5) => `schemaVersion: 1
title: lazy
seed: 11
landscape: {id: mlp, hidden: [8], activation: relu, dataset: teacher, inputs: 3, teacherWidth: 3, samples: 16, testFraction: 0.25}
optimizers: [{id: gd, learningRate: 0.02}]
budget: {evaluations: 3000}
stop: {atOptimum: false}
${measure}
replicates: ${replicates}
sweep: {landscape.hidden.0: ${widths}}
`;

describe('weightChange', () => {
  it('is ‖w_T − w_0‖ / ‖w_0‖ of the run’s start and end, and changes no other number of the run', () => {
    const [spec] = runSpecs(parseScenario(scenario('measure: {weightChange: true}')), 1);
    const [plainSpec] = runSpecs(parseScenario(scenario('')), 1);
    const run = createRun(spec);
    const start = createStart(run.landscape, problemOf(spec.landscape), spec.seed, spec.replicate).x0 as Float64Array;
    run.finish();
    const end = run.snapshot().incumbent as Float64Array;
    let moved = 0;
    let norm0 = 0;
    for (let i = 0; i < start.length; i++) {
      moved += (end[i] - start[i]) ** 2;
      norm0 += start[i] ** 2;
    }
    const { weightChange, linearisationGap: _gap, ...rest } = run.result();
    expect(weightChange).toBeGreaterThan(0);
    expect(weightChange).toBeCloseTo(Math.sqrt(moved / norm0), 12);
    const plain = createRun(plainSpec);
    plain.finish();
    expect(rest).toEqual(plain.result());
  });

  it('is carried by result lines under their digest, and summarised per racer', () => {
    const parsed = parseScenario(scenario('measure: {weightChange: true}', '[4]', 2));
    const lines = [0, 1].map((replicate) => {
      const [spec] = runSpecs(expandCells(parsed)[0].scenario, replicate);
      const run = createRun(spec);
      run.finish();
      return resultLine(0, {}, replicate, spec.seed, { optimizer: 'gd', label: 'gd', result: run.result(), wallMs: 1 }, 'fp');
    });
    expect(typeof lines[0].weightChange).toBe('number');
    expect(digestCheck(lines[0])).toBe('ok');
    expect(digestCheck({ ...lines[0], weightChange: lines[0].weightChange! * 2 })).toBe('changed');
    const [summary] = summarise(lines, [{ optimizer: 'gd', label: 'gd' }])[0].results;
    expect(summary.meanWeightChange).toBeCloseTo((lines[0].weightChange! + lines[1].weightChange!) / 2, 12);
    const unmeasured = parseScenario(scenario('', '[4]', 1));
    const run = createRun(runSpecs(expandCells(unmeasured)[0].scenario, 0)[0]);
    run.finish();
    expect(run.result()).not.toHaveProperty('weightChange');
  });

  it('is refused on a discrete landscape, naming the measure block', () => {
    expect(() =>
      parseScenario(`schemaVersion: 1
title: discrete
landscape: {id: onemax, dim: 8}
optimizers: [{id: greedy-walk}]
budget: {evaluations: 10}
measure: {weightChange: true}
`),
    ).toThrow(/measure.*weight change.*discrete/s);
  });
});

describe('linearisationGap', () => {
  const x = new Float64Array([1, 0, 0, 1, -1, 0.5, 0.3, -0.7]);
  const y = new Float64Array([1, -1, 0.5, 0.2]);
  const w0 = new Float64Array([0.4, -0.6, 0.3, 0.8, 0.1, -0.2, 0.5, -0.9, 0.7, 0.05]);
  it('is 0 for a model linear in its weights, and grows with the move for a tanh network', () => {
    const linear = new Network({ inputs: 2, hidden: [], activation: 'tanh', residual: false, loss: 'mse' }, x, y);
    expect(linearisationGap(linear, x, 4, new Float64Array([0.2, -0.1, 0.3]), new Float64Array([1.5, 0.7, -2]))).toBeLessThan(1e-9);
    const net = new Network({ inputs: 2, hidden: [2], activation: 'tanh', residual: false, loss: 'mse' }, x, y);
    const moved = (t: number) => w0.map((v, i) => v + t * Math.cos(i + 1));
    const small = linearisationGap(net, x, 4, w0, moved(1e-3));
    const large = linearisationGap(net, x, 4, w0, moved(1));
    expect(small).toBeLessThan(1e-2);
    expect(large).toBeGreaterThan(10 * small);
  });
});

describe('power-law fits', () => {
  it('recover the exponent of an exact power law, with zero standard error', () => {
    const x = [2, 4, 8, 16];
    const fit = logLogFit(x, x.map((v) => 3 * v ** -0.75));
    expect(fit.slope).toBeCloseTo(-0.75, 12);
    expect(fit.intercept).toBeCloseTo(Math.log(3), 12);
    expect(fit.slopeSe).toBeCloseTo(0, 12);
    const over = exponentOverReplicates([
      { x, y: x.map((v) => v ** -0.5) },
      { x, y: x.map((v) => v ** -1) },
    ]);
    expect(over.mean).toBeCloseTo(-0.75, 12);
    expect(over.se).toBeCloseTo(0.25, 12);
  });
});

describe('lazy training, measured', () => {
  it('the relative weight change and the linearisation gap fall with width (exponents below 0 by three standard errors over replicates)', () => {
    const parsed = parseScenario(scenario('measure: {weightChange: true}'));
    const cells = expandCells(parsed);
    const change: { x: number[]; y: number[] }[] = [];
    const gap: { x: number[]; y: number[] }[] = [];
    for (let replicate = 0; replicate < parsed.replicates; replicate++) {
      change.push({ x: [], y: [] });
      gap.push({ x: [], y: [] });
      for (const cell of cells) {
        const run = createRun(runSpecs(cell.scenario, replicate)[0]);
        run.finish();
        const width = cell.params['landscape.hidden.0'] as number;
        change[replicate].x.push(width);
        change[replicate].y.push(run.result().weightChange!);
        gap[replicate].x.push(width);
        gap[replicate].y.push(run.result().linearisationGap!);
      }
    }
    // One-sided, z = 3 on the replicates' own spread: the direction, not a tuned size.
    for (const fit of [exponentOverReplicates(change), exponentOverReplicates(gap)]) expect(fit.mean + 3 * fit.se!).toBeLessThan(0);
  });
});
