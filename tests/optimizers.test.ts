/**
 * Every registered optimizer, checked the same way on an easy landscape of each space it supports: it runs within
 * its budget, the same seed gives the same numbers, it improves on its start, its state is plain data that can be
 * cloned and resumed, and presets name real parameters.
 */
import { describe, expect, it } from 'vitest';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import type { Space } from '../src/core/landscapes/landscape.ts';
import { optimizers, presets, optimizerDef } from '../src/core/optimizers/registry.ts';
import { Evaluator } from '../src/core/run/evaluator.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { Rng } from '../src/core/rng.ts';

const easy: Record<Space, { id: string; dim: number }> = {
  discrete: { id: 'onemax', dim: 20 },
  continuous: { id: 'sphere', dim: 5 },
};

function spec(optimizer: string, space: Space, seed: string | number = 1, replicate = 0): RunSpec {
  const landscape = easy[space];
  return {
    seed,
    replicate,
    landscape: { id: landscape.id, dim: landscape.dim, params: {} },
    optimizer: { id: optimizer, label: optimizer, params: optimizer === 'gd' || optimizer === 'langevin' ? { learningRate: 0.1 } : {} },
    budget: { evaluations: 5000 },
    stop: { atOptimum: true, deadEnd: false, tolerance: space === 'continuous' ? 1e-6 : 0, gradientTolerance: 1e-6 },
  };
}

const cases = optimizers.flatMap((def) => def.spaces.map((space) => [def.id, space] as const));

describe.each(cases)('optimizer %s on a %s landscape', (id, space) => {
  it('runs within its budget and improves on its start', () => {
    const run = createRun(spec(id, space));
    const start = run.snapshot();
    run.finish();
    const result = run.result();
    expect(result.evaluations).toBeLessThanOrEqual(5000);
    expect(result.evaluations).toBeGreaterThan(0);
    expect(result.bestFitness).toBeGreaterThan(start.bestFitness);
    expect(result.nonFinite).toBe(0);
    const def = optimizerDef(id)!;
    if (def.needsGradient) {
      expect(result.gradientEvaluations).toBeGreaterThan(0);
      expect(result.fitnessEvaluations).toBe(0);
      // A Hessian–vector product on the sphere is charged what the sphere declares: 1 gradient.
      expect(result.evaluations).toBe((result.gradientEvaluations + (result.hessianVectorProducts ?? 0)) * 2);
    } else {
      expect(result.evaluations).toBe(result.fitnessEvaluations);
    }
  });

  it('gives the same numbers for the same seed and different ones for other seeds', () => {
    const a = createRun(spec(id, space, 5));
    const b = createRun(spec(id, space, 5));
    a.finish();
    b.finish();
    expect(b.result()).toEqual(a.result());
    expect(b.snapshot().best).toEqual(a.snapshot().best);
    expect(b.snapshot().trace).toEqual(a.snapshot().trace);
    const others = [6, 7, 8].map((seed) => {
      const run = createRun(spec(id, space, seed));
      run.finish();
      return JSON.stringify([...run.snapshot().trace]);
    });
    expect(new Set([JSON.stringify([...a.snapshot().trace]), ...others]).size).toBeGreaterThan(1);
  });

  it('keeps its state as plain data that can be cloned and resumed', () => {
    const runSpec = spec(id, space, 9);
    const def = optimizerDef(id)!;
    const problem = problemOf(runSpec.landscape);
    const landscape = createLandscape(runSpec.landscape, runSpec.seed, 0);
    const params = optimizerParams(def, problem, runSpec.optimizer);
    const rng = new Rng('resume');
    const state = def.init(rng, problem, createStart(landscape, problem, runSpec.seed, 0), params);
    const evaluator = new Evaluator(landscape, def.needsGradient);
    const cycle = (r: Rng, s: unknown) => {
      const candidates = def.ask(r, s, params);
      const feedback = evaluator.evaluate(candidates);
      const fitness = Array.from(feedback.fitness);
      def.tell(r, candidates, feedback, s, params);
      return fitness;
    };
    for (let i = 0; i < 5; i++) cycle(rng, state);
    const copy = structuredClone(state);
    const rngCopy = new Rng('', rng.state());
    const original = [cycle(rng, state), cycle(rng, state), cycle(rng, state)];
    const resumed = [cycle(rngCopy, copy), cycle(rngCopy, copy), cycle(rngCopy, copy)];
    expect(resumed).toEqual(original);
  });
});

describe('optimizers as a whole', () => {
  it('reach the optimum of the easy landscapes when they can', () => {
    const reach: [string, Space][] = [
      ['one-plus-one-ea', 'discrete'],
      ['greedy-walk', 'discrete'],
      ['random-walk', 'discrete'],
      ['ga', 'discrete'],
      ['one-plus-one-es', 'continuous'],
      ['mu-lambda-es', 'continuous'],
      ['cma-es', 'continuous'],
      ['gd', 'continuous'],
      ['momentum', 'continuous'],
      ['nesterov', 'continuous'],
    ];
    for (const [id, space] of reach) {
      const run = createRun(spec(id, space));
      run.finish();
      expect([id, run.result().endedAt]).toEqual([id, 'optimum']);
    }
  });

  it('declare spaces, parameters and defaults that agree', () => {
    for (const def of optimizers) {
      expect(def.spaces.length).toBeGreaterThan(0);
      for (const space of def.spaces) {
        const problem = problemOf({ id: easy[space].id, dim: easy[space].dim, params: {} });
        const defaults = def.defaults(problem);
        // Every default is a field the scenario may set, and the defaults pass the field schema.
        expect(Object.keys(defaults).every((key) => key in def.params.shape)).toBe(true);
        expect([def.id, def.params.safeParse(defaults).error?.issues]).toEqual([def.id, undefined]);
        expect(def.check?.(problem, defaults) ?? []).toEqual([]);
        expect(def.memoryBytes(problem, defaults)).toBeGreaterThan(0);
      }
    }
  });

  it("take μ = ⌊λ/2⌋ of the λ a scenario sets, not of the default λ", () => {
    const problem = problemOf({ id: 'rastrigin', dim: 1000, params: {} });
    for (const id of ['cma-es', 'mu-lambda-es']) {
      const def = optimizerDef(id)!;
      for (const lambda of [5, 32]) {
        const params = optimizerParams(def, problem, { id, label: id, params: { lambda } });
        expect([id, lambda, params.mu, def.check?.(problem, params) ?? []]).toEqual([id, lambda, Math.floor(lambda / 2), []]);
      }
      expect(optimizerParams(def, problem, { id, label: id, params: { lambda: 32, mu: 3 } }).mu).toBe(3);
    }
  });

  it('have presets that name real optimizers and valid parameters', () => {
    for (const preset of presets) {
      const def = optimizerDef(preset.optimizer);
      expect(def, preset.name).toBeDefined();
      expect(def!.params.safeParse(preset.params).success, preset.name).toBe(true);
    }
  });

  it('charge a gradient what the landscape declares, or the budget’s gradientCost', () => {
    const base = spec('gd', 'continuous');
    const declared = createRun({ ...base, budget: { evaluations: 100 }, stop: { ...base.stop, atOptimum: false } });
    declared.finish();
    expect(declared.result().evaluations).toBe(100);
    expect(declared.result().gradientEvaluations).toBe(100 / landscapeDef('sphere')!.create(5, {}, new Rng('x')).gradientCost);
    const custom = createRun({ ...base, budget: { evaluations: 100, gradientCost: 10 }, stop: { ...base.stop, atOptimum: false } });
    custom.finish();
    expect(custom.result().gradientEvaluations).toBe(10);
  });
});

describe('neutral drift of adaptive walks', () => {
  // OneMax read through three copies per site by majority vote: a site whose copies are all 0 needs two flips, the
  // first of them neutral, so strict walks stop on plateaus that drifting walks can cross. Every genotype there has
  // an equally fit neighbour (a minority copy, or one copy of an all-0 site), so a drifting walk may never stop on
  // its own; on LeadingOnes (many neutral bits, one strict optimum) it must stop, where nothing is at least as fit.
  const plateau = { id: 'onemax', dim: 12, params: {}, map: { id: 'duplicate', params: { copies: 3 } } };
  const stop = { atOptimum: true, deadEnd: false, stalledEvaluations: 5_000, tolerance: 0, gradientTolerance: 1e-6 };
  const walk = (id: string, landscape: RunSpec['landscape'], neutral: boolean, replicate: number, atOptimum = true) => {
    const run = createRun({ seed: 3, replicate, landscape, optimizer: { id, label: id, params: { neutral } }, budget: { evaluations: 200_000 }, stop: { ...stop, atOptimum } });
    run.finish();
    return run;
  };
  /** Fitness of every one-bit neighbour of the run's incumbent, by flipping each bit in turn. */
  const neighbourFitness = (run: ReturnType<typeof createRun>) => {
    const x = (run.snapshot().incumbent as Uint8Array).slice();
    const f = run.landscape.fitnessAt(x as never, 0);
    const around = Array.from(x, (_, i) => {
      x[i] ^= 1;
      const g = run.landscape.fitnessAt(x as never, 0);
      x[i] ^= 1;
      return g;
    });
    return { f, around };
  };

  it.each(['random-walk', 'greedy-walk'])('%s with neutral: true drifts over plateaus and stops only where nothing is at least as fit', (id) => {
    let strictOnPlateau = 0;
    let reachedStrict = 0;
    let reachedDrifting = 0;
    for (let replicate = 0; replicate < 10; replicate++) {
      const strict = walk(id, plateau, false, replicate);
      const drifting = walk(id, plateau, true, replicate);
      expect(['optimum', 'local-optimum']).toContain(strict.result().endedAt);
      if (strict.result().endedAt === 'local-optimum') {
        const { f, around } = neighbourFitness(strict);
        expect(Math.max(...around)).toBeLessThanOrEqual(f);
        if (around.includes(f)) strictOnPlateau++;
      }
      expect(drifting.result().endedAt).not.toBe('local-optimum');
      reachedStrict += strict.result().endedAt === 'optimum' ? 1 : 0;
      reachedDrifting += drifting.result().endedAt === 'optimum' ? 1 : 0;

      const leading = walk(id, { id: 'leading-ones', dim: 12, params: {} }, true, replicate, false);
      expect(leading.result().endedAt).toBe('local-optimum');
      const { f, around } = neighbourFitness(leading);
      expect(Math.max(...around)).toBeLessThan(f);
    }
    expect(strictOnPlateau).toBeGreaterThan(0);
    expect(reachedDrifting).toBeGreaterThan(reachedStrict);
  });
});
