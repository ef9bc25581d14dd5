/**
 * Bound policies (src/core/landscapes/bounds.ts): the identity inside the box, the repaired point's value outside it,
 * gradients by the chain rule, and the promise they exist for: no optimizer scores above a landscape's declared
 * optimum by leaving its box.
 */
import { describe, expect, it } from 'vitest';
import { BOUND_POLICIES, boundedLandscape, type BoundPolicy } from '../src/core/landscapes/bounds.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { HessianVectorProduct } from '../src/core/landscapes/hessian-vector.ts';
import { landscapeDef, landscapes } from '../src/core/landscapes/registry.ts';
import { optimizers } from '../src/core/optimizers/registry.ts';
import { checkLandscape, checkOptimizer, createLandscape } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { LandscapeSpec, RunSpec } from '../src/core/run/spec.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { runSpecs } from '../src/scenario/cells.ts';

const schwefel = (dim: number) => landscapeDef('schwefel')!.create(dim, {}, deriveRng('bounds')) as ContinuousLandscape;

/** Points with some coordinates beyond the box (up to two box widths out), some inside. */
function straddling(l: ContinuousLandscape, rng: Rng): Float64Array {
  const width = l.upper - l.lower;
  return Float64Array.from({ length: l.dim }, (_, i) => (i % 2 ? l.lower + width * rng.uniform() : l.lower + width * (5 * rng.uniform() - 2)));
}

describe('bound policies', () => {
  it("give second-order methods the bounded function's curvature, not the unbounded landscape's analytic one", () => {
    // Rosenbrock's analytic product is of the unbounded function; outside the box under clip the bounded function is
    // flat along clipped axes, and the product callers get must say so (differences of the bounded gradient).
    const inner = landscapeDef('rosenbrock')!.create(4, {}, deriveRng('hv')) as ContinuousLandscape;
    expect(inner.hessianVector).toBeDefined();
    const clipped = boundedLandscape(inner, 'clip');
    const product = new HessianVectorProduct(clipped);
    expect(product.analytic).toBe(false);
    const x = Float64Array.from([inner.upper + 1, 0.5, 0.2, 0.1]);
    const v = Float64Array.from([1, 0, 0, 0]);
    const out = new Float64Array(4);
    product.apply(x, v, out);
    // Along the clipped first axis the bounded fitness does not change, so H·e₁ is zero.
    for (const value of out) expect(Math.abs(value)).toBeLessThan(1e-6);
    inner.hessianVector!(x, v, out);
    expect(Math.abs(out[0])).toBeGreaterThan(1);
  });

  it("give one-pass gradient steps no way around the box (a landscape's own gradientStep is the unbounded function's)", () => {
    const sphere = landscapeDef('sphere')!.create(3, {}, deriveRng('step')) as ContinuousLandscape;
    // A researcher's landscape may carry the step as an ordinary field, which a copy of its fields would keep.
    const own = { ...sphere, gradientStep: sphere.gradientStep!.bind(sphere) };
    expect(boundedLandscape(own, 'clip').gradientStep).toBeUndefined();
  });

  it('leave fitness and gradient inside the box bit for bit as they were, and none returns the instance itself', () => {
    const inner = schwefel(5);
    expect(boundedLandscape(inner, 'none')).toBe(inner);
    const rng = new Rng('inside');
    for (const policy of BOUND_POLICIES) {
      const bounded = boundedLandscape(inner, policy);
      for (let trial = 0; trial < 50; trial++) {
        const x = Float64Array.from({ length: 5 }, () => -500 + 1000 * rng.uniform());
        const g = new Float64Array(5);
        const h = new Float64Array(5);
        expect(bounded.fitnessAt(x, 0)).toBe(inner.fitnessAt(x, 0));
        expect(bounded.gradient!(x, g)).toBe(inner.gradient!(x, h));
        expect(g).toEqual(h);
      }
    }
  });

  it('score a point outside as its clipped or mirrored image, or as the clipped one less the squared distance', () => {
    const inner = schwefel(3);
    const x = new Float64Array([713, -1700, 12]);
    const clipped = new Float64Array([500, -500, 12]);
    // 713 mirrors at 500 to 287; −1700 is 1200 below −500: once past the lower face and 200 back from the upper one.
    const mirrored = new Float64Array([287, 300, 12]);
    expect(boundedLandscape(inner, 'clip').fitnessAt(x, 0)).toBe(inner.fitnessAt(clipped, 0));
    expect(boundedLandscape(inner, 'reflect').fitnessAt(x, 0)).toBeCloseTo(inner.fitnessAt(mirrored, 0), 9);
    expect(boundedLandscape(inner, 'penalty').fitnessAt(x, 0)).toBe(inner.fitnessAt(clipped, 0) - (213 ** 2 + 1200 ** 2));
    // Without a policy the point beats the optimum: what the policies are for.
    expect(inner.fitnessAt(new Float64Array([713, 713, 713]), 0)).toBeGreaterThan(inner.optimumFitness!);
  });

  it('read rows of a population at their offsets outside the box too', () => {
    const bounded = boundedLandscape(schwefel(2), 'reflect');
    const rows = new Float64Array([1, 2, 900, -800, 3, 4]);
    expect(bounded.fitnessAt(rows, 2)).toBe(bounded.fitnessAt(new Float64Array([900, -800]), 0));
  });

  it.each(['clip', 'reflect', 'penalty'] as const)('%s: gradients outside the box match central differences of its fitness', (policy) => {
    const bounded = boundedLandscape(schwefel(4), policy);
    const rng = new Rng(`gradient-${policy}`);
    for (let trial = 0; trial < 20; trial++) {
      const x = straddling(bounded, rng);
      const g = new Float64Array(4);
      expect(bounded.gradient!(x, g)).toBe(bounded.fitnessAt(x, 0));
      for (let i = 0; i < 4; i++) {
        const step = 1e-6 * Math.max(1, Math.abs(x[i]));
        const up = x.slice();
        const down = x.slice();
        up[i] += step;
        down[i] -= step;
        const numeric = (bounded.fitnessAt(up, 0) - bounded.fitnessAt(down, 0)) / (2 * step);
        expect(Math.abs(numeric - g[i])).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(g[i])));
      }
    }
  });

  it('rank non-numbers as non-numbers, never as a point of the box', () => {
    for (const policy of ['reflect', 'penalty'] as const) {
      const bounded = boundedLandscape(schwefel(2), policy);
      expect(Number.isFinite(bounded.fitnessAt(new Float64Array([Number.POSITIVE_INFINITY, 0]), 0))).toBe(false);
    }
    expect(Number.isNaN(boundedLandscape(schwefel(2), 'clip').fitnessAt(new Float64Array([Number.NaN, 0]), 0))).toBe(true);
  });
});

/** Fields that keep a landscape's evaluations cheap (its dimension follows from them). */
const smallFields: Record<string, Record<string, unknown>> = { 'relu-teacher-student': { inputs: 2, teacherUnits: 2, studentUnits: 2 } };

/** A landscape spec for the generic race: dimension 2 (8 bits) where the landscape allows it, its own where it fixes one. */
function landscapeSpec(id: string, bounds?: BoundPolicy): LandscapeSpec {
  const def = landscapeDef(id)!;
  const params = smallFields[id] ?? {};
  const dim = def.dimOf?.(def.params.parse(params)) ?? Math.max(def.minDim, def.space === 'discrete' ? 8 : 2);
  return { id, dim, params, ...(bounds && { bounds }) };
}

const noStop = { atOptimum: false, deadEnd: false, tolerance: 0, gradientTolerance: 1e-6 };

/**
 * Above the optimum by more than rounding: points next to an optimum may evaluate a few ulps above its declared value
 * (Schwefel's does, by 6e-14).
 */
const beats = (fitness: number, optimum: number) => fitness > optimum + 1e-9 * Math.max(1, Math.abs(optimum));

/** The best fitness of every optimizer that runs on the landscape, over a small budget, by optimizer id. */
function race(landscape: LandscapeSpec, evaluations = 1000): Map<string, number> {
  const instance = createLandscape(landscape, 'bounds', 0);
  const best = new Map<string, number>();
  for (const def of optimizers) {
    const optimizer = { id: def.id, label: def.id, params: {} };
    if (checkOptimizer(landscape, optimizer).length) continue;
    const spec: RunSpec = { seed: 'bounds', replicate: 0, landscape, optimizer, budget: { evaluations }, stop: noStop };
    const run = createRun(spec, { landscape: instance });
    run.finish();
    best.set(def.id, run.result().bestFitness);
  }
  return best;
}

describe('no optimizer beats a declared optimum', () => {
  const declared = landscapes.filter((def) => !checkLandscape(landscapeSpec(def.id)).length && createLandscape(landscapeSpec(def.id), 'bounds', 0).optimumFitness !== undefined);

  it.each(declared.map((def) => def.id))('%s, under its own bound policy', (id) => {
    const optimum = createLandscape(landscapeSpec(id), 'bounds', 0).optimumFitness!;
    const best = race(landscapeSpec(id));
    expect(best.size).toBeGreaterThan(0);
    for (const [optimizer, fitness] of best) expect({ optimizer, above: beats(fitness, optimum) }).toEqual({ optimizer, above: false });
  });

  it('schwefel, under every policy but none, where population methods walk off to fitness far above the optimum', () => {
    const escaped = [...race(landscapeSpec('schwefel', 'none'), 3000)].filter(([, fitness]) => beats(fitness, 0)).map(([id]) => id);
    expect(escaped).toEqual(expect.arrayContaining(['cma-es', 'ga']));
    for (const policy of ['clip', 'reflect', 'penalty'] as const) {
      for (const [optimizer, fitness] of race(landscapeSpec('schwefel', policy), 3000)) expect({ policy, optimizer, above: beats(fitness, 0) }).toEqual({ policy, optimizer, above: false });
    }
  });

  it('schwefel read through a map: the policy bounds the phenotype, whatever genes the optimizers move', () => {
    const mapped = (bounds?: BoundPolicy): LandscapeSpec => ({ ...landscapeSpec('schwefel', bounds), map: { id: 'embed', params: {} } });
    expect([...race(mapped('none'), 3000)].some(([, fitness]) => beats(fitness, 0))).toBe(true);
    for (const [optimizer, fitness] of race(mapped(), 3000)) expect({ optimizer, above: beats(fitness, 0) }).toEqual({ optimizer, above: false });
  });
});

describe('bounds in a scenario', () => {
  const text = (bounds: string, id = 'schwefel') => `schemaVersion: 1
title: bounds
landscape: { id: ${id}, dim: 2${bounds} }
optimizers: [{ id: cma-es }]
budget: { evaluations: 100 }
`;

  it('is carried to the run spec only when given, so scenarios without it keep their fingerprints', () => {
    expect(runSpecs(parseScenario(text(''), 'a.yaml'), 0)[0].landscape).not.toHaveProperty('bounds');
    expect(runSpecs(parseScenario(text(', bounds: reflect'), 'a.yaml'), 0)[0].landscape.bounds).toBe('reflect');
  });

  it('is refused, with its line, on a landscape without a box and for a policy that does not exist', () => {
    expect(() => parseScenario(text(', bounds: clip', 'onemax'), 'a.yaml')).toThrow(/a\.yaml:3:\d+: landscape\.bounds/);
    expect(() => parseScenario(text(', bounds: wrap'), 'a.yaml')).toThrow(/a\.yaml:3:\d+: landscape\.bounds.*clip/);
  });
});
