/**
 * Lazy training (docs/networks.md): the `weightChange` measure is ‖w_T − w_0‖ / ‖w_0‖ of the run's own start and end
 * points, recorded without changing the run, carried by result lines (and their digest) and summaries; and on small
 * networks it falls with width, by a margin judged against the spread of the exponent over replicates.
 */
import { describe, expect, it } from 'vitest';
import { exponentOverReplicates, logLogFit } from '../src/core/metrics/power-law.ts';
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
    const { weightChange, ...rest } = run.result();
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
  it('the relative weight change falls with width (exponent below 0 by three standard errors over replicates)', () => {
    const parsed = parseScenario(scenario('measure: {weightChange: true}'));
    const cells = expandCells(parsed);
    const replicates = Array.from({ length: parsed.replicates }, (_, replicate) => {
      const x: number[] = [];
      const y: number[] = [];
      for (const cell of cells) {
        const run = createRun(runSpecs(cell.scenario, replicate)[0]);
        run.finish();
        x.push(cell.params['landscape.hidden.0'] as number);
        y.push(run.result().weightChange!);
      }
      return { x, y };
    });
    const { mean, se } = exponentOverReplicates(replicates);
    // One-sided, z = 3 on the replicates' own spread: the direction, not a tuned size.
    expect(mean + 3 * se!).toBeLessThan(0);
  });
});
