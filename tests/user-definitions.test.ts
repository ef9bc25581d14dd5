/**
 * A researcher's own optimizer and landscape, registered without editing a registry: they race through the same run
 * bookkeeping as the built-in ones (budget, best so far, non-finite values, dead ends), bad definitions are refused
 * with what is wrong, built-in ids cannot be taken over, and a scenario naming modules is refused outside the CLI.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineLandscape, type ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { landscapeDef, registerLandscape } from '../src/core/landscapes/registry.ts';
import { defineOptimizer } from '../src/core/optimizers/optimizer.ts';
import { optimizerDef, registerOptimizer } from '../src/core/optimizers/registry.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { registerModule } from '../src/core/user-module.ts';
import { ScenarioError } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';

/** −Σ(xᵢ − 1)², poisoned with NaN where x₀ > 3 (a user's landscape may well produce NaN). */
const poisonedBowl = defineLandscape({
  id: 'test-poisoned-bowl',
  title: 'Poisoned bowl',
  summary: 'A shifted sphere that returns NaN where x0 > 3.',
  space: 'continuous',
  minDim: 1,
  box: [-5, 5],
  params: z.object({}),
  memoryBytes: () => 0,
  create: (dim): ContinuousLandscape => ({
    id: 'test-poisoned-bowl',
    space: 'continuous',
    dim,
    reading: 'loss',
    gradientCost: dim,
    lower: -5,
    upper: 5,
    optimumFitness: 0,
    fitnessAt(genes, offset) {
      if (genes[offset] > 3) return Number.NaN;
      let sum = 0;
      for (let i = 0; i < dim; i++) sum += (genes[offset + i] - 1) ** 2;
      return -sum;
    },
  }),
});

/** Random search with a wide proposal: reaches the NaN region often. */
const wideSearch = defineOptimizer({
  id: 'test-wide-search',
  title: 'Wide search',
  summary: 'Uniform proposals in [-6, 6]^N, keeps the best.',
  spaces: ['continuous'],
  needsGradient: false,
  escapesDeadEnds: true,
  params: z.object({ batch: z.int().min(1).optional() }),
  defaults: () => ({ batch: 10 }),
  memoryBytes: (problem, params) => 8 * problem.dim * (params.batch + 1),
  init: (_rng, problem, start, params) => ({ best: Float64Array.from(start.x0), bestFitness: start.fitness0, genes: new Float64Array(problem.dim * params.batch) }),
  ask(rng, state, params) {
    for (let i = 0; i < state.genes.length; i++) state.genes[i] = -6 + 12 * rng.uniform();
    return { kind: 'points', genes: state.genes, count: params.batch };
  },
  tell(_rng, _candidates, feedback, state) {
    const dim = state.best.length;
    feedback.fitness.forEach((fitness, c) => {
      if (fitness > state.bestFitness) {
        state.bestFitness = fitness;
        state.best.set(state.genes.subarray(c * dim, (c + 1) * dim));
      }
    });
  },
  incumbent: (state) => state.best,
});

const spec = (optimizer: string, evaluations = 2000): RunSpec => ({
  seed: 3,
  replicate: 0,
  landscape: { id: poisonedBowl.id, dim: 3, params: {} },
  optimizer: { id: optimizer, label: optimizer, params: {} },
  budget: { evaluations },
  stop: { atOptimum: true, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
});

describe('user definitions', () => {
  registerModule({ landscapes: [poisonedBowl], optimizers: [wideSearch] }, 'test module');

  it('race beside built-in optimizers through the shared bookkeeping', () => {
    const mine = createRun(spec(wideSearch.id));
    mine.finish();
    const result = mine.result();
    expect(result.evaluations).toBe(2000);
    expect(result.nonFinite).toBeGreaterThan(0);
    expect(Number.isFinite(result.bestFitness)).toBe(true);
    expect(result.endedAt).toBe('budget');
    const cma = createRun(spec('cma-es', 20_000));
    cma.finish();
    expect(cma.result().endedAt).toBe('optimum');
    expect(cma.result().bestFitness).toBeGreaterThan(result.bestFitness);
  });

  it('give the same numbers from the same seed', () => {
    const twice = [0, 1].map(() => {
      const run = createRun(spec(wideSearch.id));
      run.finish();
      return run.result();
    });
    expect(twice[0]).toEqual(twice[1]);
  });

  it('register once per definition: again is a no-op, another definition under a taken id is refused', () => {
    expect(() => registerOptimizer(wideSearch)).not.toThrow();
    expect(() => registerOptimizer({ ...wideSearch })).toThrow("cannot register optimizer 'test-wide-search': the id is taken by another registered optimizer");
    expect(() => registerOptimizer({ ...wideSearch, id: 'cma-es' })).toThrow("cannot register optimizer 'cma-es': the id is taken by a built-in optimizer");
    expect(() => registerLandscape({ ...poisonedBowl, id: 'sphere' })).toThrow('taken by a built-in landscape');
    expect(optimizerDef('cma-es')!.title).not.toBe(wideSearch.title);
    expect(landscapeDef('sphere')!.title).not.toBe(poisonedBowl.title);
  });

  it('refuses a malformed definition naming the module and the field', () => {
    const { tell: _tell, ...noTell } = wideSearch;
    expect(() => registerModule({ optimizers: [{ ...noTell, id: 'no-tell' }] }, 'mine.ts')).toThrow("mine.ts: cannot register optimizer 'no-tell': 'tell' must be a function");
    expect(() => registerModule({ landscapes: [{ ...poisonedBowl, id: 'has space', space: 'continuous' }] }, 'mine.ts')).toThrow("'id' must be a word");
    expect(() => registerModule({ landscapes: [{ ...poisonedBowl, id: 'bad-box', box: [1, -1] }] }, 'mine.ts')).toThrow("'box' must be [lower, upper]");
    expect(() => registerModule({ landscapes: [{ ...poisonedBowl, id: 'bad-bounds', bounds: 'wrap' }] }, 'mine.ts')).toThrow("'bounds' must be one of none, clip, reflect, penalty");
    expect(() => registerModule({ default: {} }, 'mine.ts')).toThrow("mine.ts: exports neither 'optimizers' nor 'landscapes'");
    expect(() => registerModule({ optimizers: wideSearch }, 'mine.ts')).toThrow("mine.ts: 'optimizers' must be a list");
    expect(optimizerDef('no-tell')).toBeUndefined();
  });

  it('makes registered ids scenario words, and a scenario with modules is refused where modules cannot load', () => {
    const text = [
      'schemaVersion: 1',
      'title: mine',
      'modules: [./mine.ts]',
      `landscape: { id: ${poisonedBowl.id}, dim: 3 }`,
      `optimizers: [{ id: ${wideSearch.id}, batch: 5 }, { id: cma-es }]`,
      'budget: { evaluations: 100 }',
    ].join('\n');
    expect(parseScenario(text, 'mine.yaml', { modulesLoaded: true }).optimizers.map((o) => o.id)).toEqual([wideSearch.id, 'cma-es']);
    let refusal: unknown;
    try {
      parseScenario(text, 'mine.yaml');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ScenarioError);
    expect((refusal as ScenarioError).issues).toEqual([
      expect.objectContaining({ file: 'mine.yaml', line: 3, path: 'modules', message: expect.stringContaining('only the command line can load') }),
    ]);
  });
});
