/**
 * Run bookkeeping and stop rules: non-finite values never rank as best and are counted, dead ends are told apart
 * (local optimum, saddle, stalled), budgets are never exceeded, and sizes beyond memory are refused before
 * anything is allocated.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape, DiscreteLandscape } from '../src/core/landscapes/landscape.ts';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import { forEachGenotype } from '../src/core/landscapes/enumerate.ts';
import { classifyPoint, isLocalOptimum } from '../src/core/metrics/dead-end.ts';
import { createLandscape, createStart, problemOf, SizeError } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { deriveRng } from '../src/core/rng.ts';

const stop = { atOptimum: true, deadEnd: false, tolerance: 1e-9, gradientTolerance: 1e-6 };

function spec(landscape: string, dim: number, optimizer: string, params: Record<string, unknown> = {}, extra: Partial<RunSpec> = {}): RunSpec {
  return {
    seed: 4,
    replicate: 0,
    landscape: { id: landscape, dim, params: {} },
    optimizer: { id: optimizer, label: optimizer, params },
    budget: { evaluations: 3000 },
    stop,
    ...extra,
  };
}

/** A sphere that returns NaN on one half-space and +∞ on another: poisoned values a buggy model might produce. */
function poisonedSphere(dim: number): ContinuousLandscape {
  const sphere = landscapeDef('sphere')!.create(dim, {}, deriveRng('x')) as ContinuousLandscape;
  return {
    ...sphere,
    fitnessAt(x, offset) {
      if (x[offset] > 1) return Number.NaN;
      if (x[offset] < -1) return Number.POSITIVE_INFINITY;
      return sphere.fitnessAt(x, offset);
    },
  };
}

describe('non-finite fitness', () => {
  it('never ranks as best and is counted', () => {
    const run = createRun(spec('sphere', 4, 'ga', { populationSize: 30 }), { landscape: poisonedSphere(4) });
    run.finish();
    const result = run.result();
    expect(result.nonFinite).toBeGreaterThan(0);
    expect(Number.isFinite(result.bestFitness)).toBe(true);
    const best = run.snapshot().best as Float64Array;
    expect(Math.abs(best[0])).toBeLessThanOrEqual(1);
  });

  it('stops gradient methods from walking on NaN gradients', () => {
    const nan: ContinuousLandscape = {
      ...(landscapeDef('sphere')!.create(2, {}, deriveRng('x')) as ContinuousLandscape),
      gradient: (_x, out) => {
        out.fill(Number.NaN);
        return Number.NaN;
      },
    };
    const run = createRun(spec('sphere', 2, 'gd', {}, { budget: { evaluations: 20 } }), { landscape: nan });
    run.finish();
    expect(run.result().nonFinite).toBe(10);
    const x = run.snapshot().incumbent as Float64Array;
    expect(Array.from(x).every(Number.isFinite)).toBe(true);
  });
});

describe('stop rules', () => {
  it('ends at the optimum, within the budget, or at a dead end', () => {
    const optimum = createRun(spec('onemax', 30, 'one-plus-one-ea', {}, { budget: { evaluations: 100_000 } }));
    optimum.finish();
    expect(optimum.result()).toMatchObject({ endedAt: 'optimum', bestFitness: 30, optimumFitness: 30 });

    const budget = createRun(spec('onemax', 300, 'one-plus-one-ea', {}, { budget: { evaluations: 50 } }));
    budget.finish();
    expect(budget.result()).toMatchObject({ endedAt: 'budget', evaluations: 50 });

    const walk = createRun(spec('house-of-cards', 14, 'greedy-walk', {}, { budget: { evaluations: 100_000 }, stop: { ...stop, atOptimum: false } }));
    walk.finish();
    expect(walk.result().endedAt).toBe('local-optimum');
  });

  it('never starts a generation the budget cannot pay for', () => {
    const run = createRun(spec('onemax', 100, 'greedy-walk', {}, { budget: { evaluations: 250 } }));
    run.finish();
    expect(run.result()).toMatchObject({ endedAt: 'budget', evaluations: 200 });
  });

  it('tells a local optimum from a saddle for gradient descent', () => {
    // Rastrigin: GD from near a non-global minimum ends there (a local optimum of fitness).
    const local = createRun(spec('rastrigin', 3, 'gd', { learningRate: 0.001 }, { budget: { evaluations: 100_000 }, stop: { ...stop, deadEnd: true } }));
    local.finish();
    expect(local.result().endedAt).toBe('local-optimum');
    // fitness = (y − y0)² − x²: GD started at height y0 never feels the ascent along y and converges to the saddle.
    const saddleSpec = spec('sphere', 2, 'gd', { learningRate: 0.1 }, { budget: { evaluations: 10_000 }, stop: { ...stop, deadEnd: true, atOptimum: false } });
    const sphere = createLandscape(saddleSpec.landscape, saddleSpec.seed, 0) as ContinuousLandscape;
    const y0 = (createStart(sphere, problemOf(saddleSpec.landscape), saddleSpec.seed, 0).x0 as Float64Array)[1];
    const saddle: ContinuousLandscape = {
      ...sphere,
      optimumFitness: undefined,
      fitnessAt: (x, o) => (x[o + 1] - y0) ** 2 - x[o] ** 2,
      gradient: (x, out) => {
        out[0] = -2 * x[0];
        out[1] = 2 * (x[1] - y0);
        return (x[1] - y0) ** 2 - x[0] ** 2;
      },
    };
    const run = createRun(saddleSpec, { landscape: saddle });
    run.finish();
    expect(run.result().endedAt).toBe('saddle');
  });

  it('ends a stalled run as stalled, or as a dead end when its incumbent is one', () => {
    const ea = createRun(spec('house-of-cards', 12, 'one-plus-one-ea', {}, { budget: { evaluations: 50_000 }, stop: { ...stop, atOptimum: false, deadEnd: true, stalledEvaluations: 2000 } }));
    ea.finish();
    expect(ea.result().endedAt).toBe('local-optimum');
    const noDeadEnd = createRun(spec('house-of-cards', 12, 'one-plus-one-ea', {}, { budget: { evaluations: 50_000 }, stop: { ...stop, atOptimum: false, stalledEvaluations: 2000 } }));
    noDeadEnd.finish();
    expect(noDeadEnd.result().endedAt).toBe('stalled');
  });
});

describe('dead-end tests', () => {
  it('find exactly the local optima of a discrete landscape', () => {
    const l = landscapeDef('nk')!.create(10, { k: 3, neighbours: 'random', alleles: 2 }, deriveRng('lo')) as DiscreteLandscape;
    forEachGenotype(2, 10, (x) => {
      const fx = l.fitnessAt(x, 0);
      let fitter = false;
      for (let i = 0; i < 10 && !fitter; i++) {
        x[i] ^= 1;
        fitter = l.fitnessAt(x, 0) > fx;
        x[i] ^= 1;
      }
      expect(isLocalOptimum(l, x, fx)).toBe(!fitter);
    });
  });

  it('classify Rastrigin’s critical points', () => {
    const l = landscapeDef('rastrigin')!.create(2, {}, deriveRng('r')) as ContinuousLandscape;
    // Critical points of one term x² − 10 cos 2πx: minima at 0 and ≈ ±0.995, maxima at ≈ ±0.4975.
    const criticalNear = (x0: number) => {
      let x = x0;
      for (let i = 0; i < 100; i++) x -= (2 * x + 20 * Math.PI * Math.sin(2 * Math.PI * x)) / (2 + 40 * Math.PI ** 2 * Math.cos(2 * Math.PI * x));
      return x;
    };
    const [min, max] = [criticalNear(0.99), criticalNear(0.5)];
    const kind = (a: number, b: number) => classifyPoint(l, Float64Array.of(a, b), { gradientTolerance: 1e-6 }).kind;
    expect(kind(0, 0)).toBe('local-optimum');
    expect(kind(min, 0)).toBe('local-optimum');
    expect(kind(max, 0)).toBe('saddle');
    expect(kind(max, max)).toBe('saddle');
    expect(kind(0.3, 0)).toBe('regular');
  });
});

describe('sizes beyond memory', () => {
  it('are refused before allocation, with the size in the message', () => {
    // Its tables would take about 776 GiB: allocating first would fail with a RangeError (or run out of memory), not this.
    expect(() => createLandscape({ id: 'nk', dim: 100_000_000, params: { k: 10 } }, 1, 0)).toThrow(SizeError);
    expect(() => createLandscape({ id: 'nk', dim: 100_000_000, params: { k: 10 } }, 1, 0)).toThrow(/needs about .* above the limit/);
  });
});
