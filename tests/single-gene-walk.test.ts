/**
 * The (1+1)-ES's `mutate` option: `one` moves exactly one gene per offspring, runs are reproducible, and the
 * default (`all`) gives the same numbers as before the option existed.
 */
import { describe, expect, it } from 'vitest';
import { optimizerDef } from '../src/core/optimizers/registry.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { Rng } from '../src/core/rng.ts';

function spec(landscape: 'sphere' | 'eye', optimizer: Record<string, unknown>, seed = 3): RunSpec {
  return {
    seed,
    replicate: 0,
    landscape: landscape === 'eye' ? { id: 'eye', dim: 3, params: { start: 'flat' } } : { id: 'sphere', dim: 5, params: {} },
    optimizer: { id: 'one-plus-one-es', label: 'es', params: optimizer },
    budget: { evaluations: 2000 },
    stop: { atOptimum: false, deadEnd: false, tolerance: 1e-9, gradientTolerance: 1e-9 },
  };
}

function finished(runSpec: RunSpec) {
  const run = createRun(runSpec);
  run.finish();
  return { result: run.result(), best: Array.from(run.snapshot().best as Float64Array) };
}

describe('one-plus-one-es mutate option', () => {
  it('leaves the default walk as it was before the option (numbers recorded from the code before it)', () => {
    // Recorded with commit 0ccc09f, before `mutate` existed: the default must not draw one random number more. The
    // sphere's fitness was re-recorded when its Σx² took four partial sums (the last digit moved; the walk and its
    // best point did not).
    const sphere = finished(spec('sphere', {}));
    expect(sphere.result.bestFitness).toBe(-1.5638230638591822e-50);
    expect(sphere.best).toEqual([9.091761573267987e-27, -3.794881080394023e-26, 1.1069537290110967e-25, -3.2406701827132155e-26, -2.8492075453098294e-26]);
    const eye = finished(spec('eye', { sigma0: 0.05, adaptation: 'none' }));
    expect(eye.result.bestFitness).toBe(77.47332187926862);
    expect(eye.best).toEqual([1.3834597205444201, -0.7187604006647601, -0.701587168470528]);
    expect(finished(spec('eye', { sigma0: 0.05, adaptation: 'none', mutate: 'all' }))).toEqual(eye);
  });

  it('with mutate: one changes exactly one gene per offspring, each gene about equally often', () => {
    const def = optimizerDef('one-plus-one-es')!;
    const runSpec = spec('sphere', { mutate: 'one', sigma0: 0.1, adaptation: 'none' });
    const problem = problemOf(runSpec.landscape);
    const landscape = createLandscape(runSpec.landscape, runSpec.seed, 0);
    const params = optimizerParams(def, problem, runSpec.optimizer);
    const rng = new Rng('one-gene');
    const state = def.init(rng, problem, createStart(landscape, problem, runSpec.seed, 0), params) as { x: Float64Array };
    const chosen = new Array<number>(problem.dim).fill(0);
    const offspring = 5000;
    for (let t = 0; t < offspring; t++) {
      const parent = Float64Array.from(state.x);
      const batch = def.ask(rng, state, params) as { genes: Float64Array; count: number };
      expect(batch.count).toBe(1);
      const changed = [...batch.genes.keys()].filter((i) => batch.genes[i] !== parent[i]);
      expect([t, changed.length]).toEqual([t, 1]);
      chosen[changed[0]]++;
      // Accept every second offspring so the walk moves and the copy of the parent is checked against a new x.
      const fitness = Float64Array.of(t % 2 === 0 ? Infinity : -Infinity);
      def.tell(rng, batch as never, { fitness } as never, state, params);
      expect(state.x).toEqual(t % 2 === 0 ? batch.genes : parent);
    }
    // Uniform choice: each of 5 genes about 1000 times (binomial sd ≈ 28).
    for (const count of chosen) expect(Math.abs(count - offspring / problem.dim)).toBeLessThan(150);
  });

  it('with mutate: one gives the same numbers for the same seed and others for other seeds', () => {
    const params = { mutate: 'one', sigma0: 0.05, adaptation: 'none' };
    const a = finished(spec('eye', params, 11));
    expect(finished(spec('eye', params, 11))).toEqual(a);
    expect(finished(spec('eye', params, 12)).best).not.toEqual(a.best);
    expect(finished(spec('eye', { sigma0: 0.05, adaptation: 'none' }, 11)).best).not.toEqual(a.best);
  });
});
