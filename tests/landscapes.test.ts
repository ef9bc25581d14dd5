/**
 * Every registered landscape, checked the same way: gradients against central finite differences, the declared
 * optimum against its own fitness and against random points, the box, instances determined by their stream, and
 * delta evaluation equal to full evaluation bit for bit. A new registry entry is covered without a new test.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape, DiscreteLandscape, Landscape } from '../src/core/landscapes/landscape.ts';
import { landscapes } from '../src/core/landscapes/registry.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';

const continuous = landscapes.filter((def) => def.space === 'continuous');
const discrete = landscapes.filter((def) => def.space === 'discrete');

/**
 * Fields that give a landscape whose dimension is derived from its fields (`dimOf`, e.g. a network's weight count)
 * the dimension a generic test asks for; other landscapes take any dimension with their defaults.
 */
const fieldsForDim: Record<string, (dim: number) => Record<string, unknown>> = {
  'relu-teacher-student': (dim) =>
    dim % 2 === 0 && dim >= 4 ? { inputs: dim / 2, studentUnits: 2, teacherUnits: 2 } : { inputs: dim, studentUnits: 1, teacherUnits: 1 },
  // A linear model on a teacher data set has inputs + 1 weights (tests/mlp.test.ts covers hidden layers).
  mlp: (dim) => ({ hidden: [], dataset: 'teacher', inputs: dim - 1, samples: 40 }),
};

/** Landscapes whose global optimum is not known (a network's training loss, a random field on all of R^N). */
const unknownOptimum = new Set(['mlp', 'random-field']);

/** Landscapes of one fixed dimension (the eye's three traits): the generic tests use it whatever they ask for. */
const fixedDim: Record<string, number> = { eye: 3 };

/** Continuous landscapes whose natural reading is fitness, not loss (the eye's acuity). */
const naturalFitness = new Set(['eye']);

function make(id: string, dim: number, params: Record<string, unknown> = fieldsForDim[id]?.(dim) ?? {}, replicate = 0): Landscape {
  const def = landscapes.find((d) => d.id === id)!;
  return def.create(fixedDim[id] ?? dim, def.params.parse(params), deriveRng('test', id, replicate));
}

function randomPoint(l: ContinuousLandscape, rng: Rng): Float64Array {
  const x = new Float64Array(l.dim);
  for (let i = 0; i < l.dim; i++) x[i] = l.lower + (l.upper - l.lower) * rng.uniform();
  return x;
}

describe.each(continuous.map((def) => [def.id, def] as const))('continuous landscape %s', (id, def) => {
  const dims = fixedDim[id] ? [fixedDim[id]] : [def.minDim, 3, 10];

  it.each(dims)('has a gradient that matches central differences (dim %i)', (dim) => {
    const l = make(id, dim) as ContinuousLandscape;
    const rng = new Rng(`grad-${id}-${dim}`);
    for (let trial = 0; trial < 5; trial++) {
      const x = randomPoint(l, rng);
      const g = new Float64Array(dim);
      const f = l.gradient!(x, g);
      expect(f).toBe(l.fitnessAt(x, 0));
      for (let i = 0; i < dim; i++) {
        const h = 1e-6 * Math.max(1, Math.abs(x[i]));
        const xp = x.slice();
        const xm = x.slice();
        xp[i] += h;
        xm[i] -= h;
        const numeric = (l.fitnessAt(xp, 0) - l.fitnessAt(xm, 0)) / (2 * h);
        expect(Math.abs(numeric - g[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(g[i]), Math.abs(f)));
      }
    }
  });

  it.each(dims)('has an analytic Hessian–vector product, if any, that matches differences of its gradient (dim %i)', (dim) => {
    const l = make(id, dim) as ContinuousLandscape;
    if (!l.hessianVector) return;
    const rng = new Rng(`hv-${id}-${dim}`);
    const [hv, gPlus, gMinus] = [0, 0, 0].map(() => new Float64Array(dim));
    for (let trial = 0; trial < 5; trial++) {
      const x = randomPoint(l, rng);
      const v = Float64Array.from({ length: dim }, () => rng.normal());
      l.hessianVector(x, v, hv);
      const h = 1e-6;
      l.gradient!(x.map((xi, i) => xi + h * v[i]), gPlus);
      l.gradient!(x.map((xi, i) => xi - h * v[i]), gMinus);
      for (let i = 0; i < dim; i++) {
        const numeric = (gPlus[i] - gMinus[i]) / (2 * h);
        expect(Math.abs(numeric - hv[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(hv[i]), Math.abs(numeric)));
      }
    }
  });

  it('declares an optimum whose fitness it reaches and no random point beats', () => {
    const l = make(id, 6) as ContinuousLandscape;
    if (unknownOptimum.has(id)) return void expect(l.optimum ?? l.optimumFitness).toBeUndefined();
    expect(l.optimum).toBeDefined();
    expect(l.optimumFitness).toBeDefined();
    expect(Math.abs(l.fitnessAt(l.optimum!, 0) - l.optimumFitness!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(l.optimumFitness!)));
    const rng = new Rng(`opt-${id}`);
    for (let trial = 0; trial < 2000; trial++) expect(l.fitnessAt(randomPoint(l, rng), 0)).toBeLessThanOrEqual(l.optimumFitness! + 1e-9);
  });

  it('has a box with the optimum inside and reports loss as its natural reading', () => {
    const l = make(id, 4) as ContinuousLandscape;
    expect(l.lower).toBeLessThan(l.upper);
    expect(def.box).toEqual([l.lower, l.upper]);
    for (const v of l.optimum ?? []) expect(v >= l.lower && v <= l.upper).toBe(true);
    expect(l.reading).toBe(naturalFitness.has(id) ? 'fitness' : 'loss');
    expect(l.gradientCost).toBeGreaterThan(0);
  });

  it('evaluates rows of a population at their offsets', () => {
    const l = make(id, 5) as ContinuousLandscape;
    const rng = new Rng('rows');
    const a = randomPoint(l, rng);
    const b = randomPoint(l, rng);
    const pop = new Float64Array(10);
    pop.set(a, 0);
    pop.set(b, 5);
    expect(l.fitnessAt(pop, 0)).toBe(l.fitnessAt(a, 0));
    expect(l.fitnessAt(pop, 5)).toBe(l.fitnessAt(b, 0));
  });
});

const discreteCases: [string, Record<string, unknown>][] = [
  ['onemax', {}],
  ['leading-ones', {}],
  ['nk', { k: 3, neighbours: 'random' }],
  ['nk', { k: 2, neighbours: 'adjacent', alleles: 3 }],
  ['house-of-cards', {}],
  ['house-of-cards', { alleles: 3 }],
  ['rough-mount-fuji', { theta: 0.3 }],
];

describe('discrete landscapes', () => {
  it('are all covered by the cases below', () => {
    expect(new Set(discreteCases.map(([id]) => id))).toEqual(new Set(discrete.map((d) => d.id)));
  });

  describe.each(discreteCases)('%s %j', (id, params) => {
    it('knows its exact optimum on a space small enough to enumerate', () => {
      const l = make(id, 9, params) as DiscreteLandscape;
      // Counted here rather than with the engine's forEachGenotype, which the landscapes' own enumeration uses.
      const x = new Uint8Array(9);
      let best = -Infinity;
      for (let g = 0; g < l.alleles ** 9; g++) {
        for (let i = 0, rest = g; i < 9; i++, rest = Math.floor(rest / l.alleles)) x[i] = rest % l.alleles;
        best = Math.max(best, l.fitnessAt(x, 0));
      }
      expect(l.optimumFitness).toBe(best);
      expect(l.fitnessAt(l.optimum!, 0)).toBe(best);
    });

    it('keeps alleles in range and evaluates rows at offsets', () => {
      const l = make(id, 12, params) as DiscreteLandscape;
      expect(l.alleles).toBeGreaterThanOrEqual(2);
      const rng = new Rng('rows');
      const pop = new Uint8Array(3 * 12);
      for (let i = 0; i < pop.length; i++) pop[i] = rng.int(l.alleles);
      for (let r = 0; r < 3; r++) expect(l.fitnessAt(pop, r * 12)).toBe(l.fitnessAt(pop.slice(r * 12, r * 12 + 12), 0));
    });

    it('is one fixed instance per stream, and another per other stream', () => {
      const x = new Uint8Array(40).map((_, i) => (i * 7) % 2);
      const a = make(id, 40, params, 0) as DiscreteLandscape;
      const b = make(id, 40, params, 0) as DiscreteLandscape;
      expect(a.fitnessAt(x, 0)).toBe(b.fitnessAt(x, 0));
      if (id !== 'onemax' && id !== 'leading-ones') {
        const values = new Set<number>();
        for (let r = 0; r < 5; r++) values.add((make(id, 40, params, r) as DiscreteLandscape).fitnessAt(x, 0));
        expect(values.size).toBeGreaterThan(1);
      }
    });
  });

  // Only landscapes that offer delta evaluation get this test, so none passes it by having nothing to check.
  const withDelta = discreteCases.filter(([id, params]) => (make(id, 30, params) as DiscreteLandscape).deltaFitness);
  describe.each(withDelta)('%s %j', (id, params) => {
    it('gives the same fitness by delta evaluation as from scratch, bit for bit', () => {
      const l = make(id, 30, params) as DiscreteLandscape;
      if (!l.deltaFitness) throw new Error(`${id} lost its deltaFitness`);
      const rng = new Rng(`delta-${id}`);
      const x = new Uint8Array(30);
      for (let i = 0; i < 30; i++) x[i] = rng.int(l.alleles);
      const before = x.slice();
      for (let trial = 0; trial < 300; trial++) {
        const changes = 1 + rng.int(6);
        const loci = new Int32Array(changes);
        const values = new Uint8Array(changes);
        for (let c = 0; c < changes; c++) {
          loci[c] = rng.int(30);
          values[c] = rng.int(l.alleles);
        }
        const savedValues = values.slice();
        const fx = l.fitnessAt(x, 0);
        const delta = l.deltaFitness(x, 0, fx, loci, values, 0, changes);
        expect(x).toEqual(before);
        expect(values).toEqual(savedValues);
        const y = x.slice();
        for (let c = 0; c < changes; c++) y[loci[c]] = values[c];
        expect(delta).toBe(l.fitnessAt(y, 0));
        // Walk on, so the base point changes too.
        x.set(y);
        before.set(y);
      }
    });
  });

  it('refuses NK tables beyond their limit and K ≥ N with a field-level message', () => {
    const def = landscapes.find((d) => d.id === 'nk')!;
    expect(def.check!(8, def.params.parse({ k: 8 }))).toEqual([{ path: ['k'], message: expect.stringContaining('at most dim − 1 = 7') }]);
    expect(def.check!(100, def.params.parse({ k: 30 }))[0].message).toContain('table limit');
  });

  it('finds the NK optimum of adjacent neighbourhoods by dynamic programming beyond enumeration', () => {
    // N = 40 cannot be enumerated; the optimum must still be known and no adaptive walk may beat it.
    const l = make('nk', 40, { k: 3, neighbours: 'adjacent' }) as DiscreteLandscape;
    expect(l.optimumFitness).toBeDefined();
    expect(l.fitnessAt(l.optimum!, 0)).toBe(l.optimumFitness);
    const rng = new Rng('walks');
    for (let walk = 0; walk < 50; walk++) {
      const x = new Uint8Array(40).map(() => rng.int(2));
      let f = l.fitnessAt(x, 0);
      for (let improved = true; improved; ) {
        improved = false;
        for (let i = 0; i < 40; i++) {
          x[i] ^= 1;
          const g = l.fitnessAt(x, 0);
          if (g > f) {
            f = g;
            improved = true;
          } else x[i] ^= 1;
        }
      }
      expect(f).toBeLessThanOrEqual(l.optimumFitness!);
    }
  });
});
