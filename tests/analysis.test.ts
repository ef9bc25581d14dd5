/**
 * Landscape analysis (src/core/metrics/landscape-analysis.ts and its parts) and the `analyze` command: every
 * measure against a naive reference implementation on small hand-built and random landscapes (with ties), against
 * values known by hand, exact against sampled, determinism, and the command end to end through `main()`.
 */
import { describe, expect, it } from 'vitest';
import { inProcess as cli } from './support/cli.ts';
import type { ContinuousLandscape, DiscreteLandscape } from '../src/core/landscapes/landscape.ts';
import { accessibleSet, searchAccessible } from '../src/core/metrics/accessibility.ts';
import { greedyExpectations, greedyWalkFrom, meanOver, randomWalkExpectations } from '../src/core/metrics/adaptive-walks.ts';
import { analysisCost } from '../src/core/metrics/analysis-cost.ts';
import { criticalIndex } from '../src/core/metrics/critical-index.ts';
import { countDirectPaths } from '../src/core/metrics/direct-paths.ts';
import { enumerateSpace, fitnessOrder, genotypeOf, indexOf } from '../src/core/metrics/genotype-space.ts';
import { analyze, analyzeInstance, analyzeRange, combineAnalysis, measureProblems, measuresFor, type MeasureId } from '../src/core/metrics/landscape-analysis.ts';
import { countLocalOptima } from '../src/core/metrics/local-optima.ts';
import { createNk } from '../src/core/landscapes/nk.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';
import { createLandscape } from '../src/core/run/instance.ts';
import type { LandscapeSpec } from '../src/core/run/spec.ts';

const Z = 4;

/** A discrete landscape from a table of fitness values indexed as in genotype-space.ts (locus 0 lowest digit). */
function tableLandscape(values: ArrayLike<number>, dim: number, alleles = 2): DiscreteLandscape {
  const strides = Array.from({ length: dim }, (_, i) => alleles ** i);
  let best = 0;
  for (let g = 1; g < values.length; g++) if (values[g] > values[best]) best = g;
  const optimum = new Uint8Array(dim);
  for (let i = 0, rest = best; i < dim; i++, rest = Math.floor(rest / alleles)) optimum[i] = rest % alleles;
  return {
    id: 'table',
    space: 'discrete',
    dim,
    alleles,
    reading: 'fitness',
    gradientCost: 1,
    optimumFitness: values[best],
    optimum,
    fitnessAt: (x, offset) => {
      let g = 0;
      for (let i = 0; i < dim; i++) g += x[offset + i] * strides[i];
      return values[g];
    },
  };
}

/** A random table with ties: values in {0, …, levels − 1}. */
function randomTable(size: number, levels: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: size }, () => rng.int(levels));
}

// ---- naive references: plain recursion over genotype indices, written independently of the library -------------

function neighbours(g: number, dim: number, alleles: number): number[] {
  const out: number[] = [];
  for (let i = 0, s = 1; i < dim; i++, s *= alleles) {
    const digit = Math.floor(g / s) % alleles;
    for (let a = 0; a < alleles; a++) if (a !== digit) out.push(g + (a - digit) * s);
  }
  return out;
}

function naive(values: ArrayLike<number>, dim: number, alleles: number) {
  const size = values.length;
  const max = Math.max(...Array.from(values));
  const fitter = (g: number) => neighbours(g, dim, alleles).filter((h) => values[h] > values[g]);
  const localOptima = Array.from({ length: size }, (_, g) => fitter(g).length === 0).filter(Boolean).length;
  const strict = Array.from({ length: size }, (_, g) => neighbours(g, dim, alleles).every((h) => values[h] < values[g])).filter(Boolean).length;
  const accessibleMemo = new Map<number, boolean>();
  const accessible = (g: number): boolean => {
    if (values[g] === max) return true;
    if (!accessibleMemo.has(g)) accessibleMemo.set(g, fitter(g).some(accessible));
    return accessibleMemo.get(g)!;
  };
  const greedyMemo = new Map<number, [number, number]>();
  const greedy = (g: number): [number, number] => {
    const up = fitter(g);
    if (!up.length) return [0, values[g] === max ? 1 : 0];
    if (!greedyMemo.has(g)) {
      const top = Math.max(...up.map((h) => values[h]));
      const best = up.filter((h) => values[h] === top);
      const parts = best.map(greedy);
      greedyMemo.set(g, [1 + parts.reduce((s, p) => s + p[0], 0) / best.length, parts.reduce((s, p) => s + p[1], 0) / best.length]);
    }
    return greedyMemo.get(g)!;
  };
  const randomMemo = new Map<number, number>();
  const random = (g: number): number => {
    const up = fitter(g);
    if (!up.length) return 0;
    if (!randomMemo.has(g)) randomMemo.set(g, 1 + up.reduce((s, h) => s + random(h), 0) / up.length);
    return randomMemo.get(g)!;
  };
  let accessibleCount = 0;
  let greedyLength = 0;
  let basin = 0;
  let randomLength = 0;
  for (let g = 0; g < size; g++) {
    if (accessible(g)) accessibleCount++;
    const [l, b] = greedy(g);
    greedyLength += l;
    basin += b;
    randomLength += random(g);
  }
  return {
    localOptima,
    strict,
    accessible,
    accessibleFraction: accessibleCount / size,
    greedyLength: greedyLength / size,
    basin: basin / size,
    randomLength: randomLength / size,
  };
}

/**
 * Per-start means and variances of the sampled measures on a binary table (a start's value over a uniformly random
 * start and walk), by a dynamic programme over genotypes from the fittest down, written apart from the library.
 */
function perStartMoments(values: Float64Array, dim: number) {
  const size = values.length;
  const max = Math.max(...values);
  const order = Array.from({ length: size }, (_, g) => g).sort((a, b) => values[b] - values[a]);
  const accessible = new Uint8Array(size);
  const greedy = [new Float64Array(size), new Float64Array(size)]; // E[L], E[L²]
  const random = [new Float64Array(size), new Float64Array(size)];
  const basin = new Float64Array(size);
  let optima = 0;
  let strict = 0;
  for (const g of order) {
    const up: number[] = [];
    let top = -Infinity;
    let equal = false;
    for (let i = 0; i < dim; i++) {
      const h = g ^ (1 << i);
      if (values[h] > values[g]) up.push(h);
      if (values[h] === values[g]) equal = true;
      top = Math.max(top, values[h]);
    }
    if (!up.length) {
      optima++;
      if (!equal) strict++;
      accessible[g] = values[g] === max ? 1 : 0;
      basin[g] = values[g] === max ? 1 : 0;
      continue;
    }
    accessible[g] = up.some((h) => accessible[h]) ? 1 : 0;
    const step = (next: number[], [first, second]: Float64Array[]) => {
      for (const h of next) {
        first[g] += (1 + first[h]) / next.length;
        second[g] += (1 + 2 * first[h] + second[h]) / next.length;
      }
    };
    const best = up.filter((h) => values[h] === top);
    step(best, greedy);
    step(up, random);
    for (const h of best) basin[g] += basin[h] / best.length;
  }
  const average = (a: ArrayLike<number>) => {
    let sum = 0;
    for (let g = 0; g < size; g++) sum += a[g];
    return sum / size;
  };
  const spread = ([first, second]: Float64Array[]) => ({ mean: average(first), variance: average(second) - average(first) ** 2 });
  const share = (p: number) => ({ mean: p, variance: p * (1 - p) });
  const count = (c: number) => ({ mean: c, variance: size * size * (c / size) * (1 - c / size) });
  return {
    'local-optima': count(optima),
    'local-optima-fraction': share(optima / size),
    'strict-local-optima': count(strict),
    'accessible-from-random': share(average(accessible)),
    'basin-of-global': share(average(basin)),
    'greedy-walk-length': spread(greedy),
    'random-walk-length': spread(random),
  } as Record<string, { mean: number; variance: number }>;
}

/** Increasing orders of the differing loci, by trying every permutation. */
function naiveDirectPaths(fitnessOf: (x: Uint8Array) => number, from: Uint8Array, to: Uint8Array): number {
  const loci = [...from.keys()].filter((i) => from[i] !== to[i]);
  let count = 0;
  const permute = (rest: number[], x: Uint8Array, f: number) => {
    if (!rest.length) {
      count++;
      return;
    }
    for (const locus of rest) {
      const y = x.slice();
      y[locus] = to[locus];
      const fy = fitnessOf(y);
      if (fy > f) permute(rest.filter((l) => l !== locus), y, fy);
    }
  };
  permute(loci, from, fitnessOf(from));
  return count;
}

function valuesOf(result: Map<MeasureId, { value: number | null }>): Record<string, number | null> {
  return Object.fromEntries([...result].map(([id, v]) => [id, v.value]));
}

const DISCRETE = measuresFor('discrete');

describe('genotype space', () => {
  it('indexes genotypes with locus 0 as the lowest digit and orders them fittest first', () => {
    const values = Float64Array.from({ length: 27 }, (_, g) => (g * 7) % 11);
    const landscape = tableLandscape(values, 3, 3);
    const space = enumerateSpace(landscape);
    expect(Array.from(space.fitness)).toEqual(Array.from(values));
    const x = new Uint8Array(3);
    for (let g = 0; g < 27; g++) expect(indexOf(space, genotypeOf(space, g, x))).toBe(g);
    expect(Array.from(genotypeOf(space, 5, x))).toEqual([2, 1, 0]);
    const order = fitnessOrder(space);
    for (let r = 1; r < order.length; r++) expect(space.fitness[order[r - 1]]).toBeGreaterThanOrEqual(space.fitness[order[r]]);
    expect(new Set(order).size).toBe(27);
  });

  it('reads NaN and ±∞ as −∞, never fitter than anything', () => {
    const space = enumerateSpace(tableLandscape([NaN, Infinity, -1, 2], 2));
    expect(Array.from(space.fitness)).toEqual([-Infinity, -Infinity, -1, 2]);
    expect(space.maxFitness).toBe(2);
    expect(Array.from(fitnessOrder(space)).slice(0, 2)).toEqual([3, 2]);
  });
});

describe('measures on hand-built landscapes', () => {
  // Index g = x0 + 2·x1: f(00) = 1, f(10) = 3, f(01) = 2, f(11) = 0.
  const square = tableLandscape([1, 3, 2, 0], 2);

  it('a square with two peaks: optima, accessibility, paths and walks by hand', () => {
    const values = valuesOf(analyzeInstance(square, { id: 'table', dim: 2, params: {} }, 1, 0, DISCRETE));
    expect(values).toEqual({
      'local-optima': 2, // 10 and 01
      'local-optima-fraction': 0.5,
      'strict-local-optima': 2,
      // The optimum is 10; its antipode 01 is the other peak, so nothing leads uphill from it.
      'accessible-from-antipode': 0,
      'accessible-from-random': 0.75, // all but 01
      'direct-paths-from-antipode': 0,
      // Greedy from 00 goes to 10 (3 > 2), from 11 to 10 (3 > 2): lengths 1, 0, 0, 1.
      'greedy-walk-length': 0.5,
      // Random walk from 00 goes to 10 or 01, from 11 to 10 or 01: also one step.
      'random-walk-length': 0.5,
      // Greedy: 00, 10, 11 end at 10; 01 stays at 01.
      'basin-of-global': 0.75,
    });
  });

  it('a plateau: every genotype is a dead end, none is a strict local optimum', () => {
    const space = enumerateSpace(tableLandscape([4, 4, 4, 4, 4, 4, 4, 4], 3));
    expect(countLocalOptima(space)).toEqual({ count: 8, strict: 0 });
  });

  it('OneMax: one optimum, every one of the N! direct paths increases, walks climb one locus a step', () => {
    for (const dim of [4, 5, 7]) {
      const onemax = createLandscape({ id: 'onemax', dim, params: {} }, 1, 0) as DiscreteLandscape;
      const values = valuesOf(analyzeInstance(onemax, { id: 'onemax', dim, params: {} }, 1, 0, DISCRETE));
      let factorial = 1;
      for (let i = 2; i <= dim; i++) factorial *= i;
      expect(values).toEqual({
        'local-optima': 1,
        'local-optima-fraction': 1 / 2 ** dim,
        'strict-local-optima': 1,
        'accessible-from-antipode': 1,
        'accessible-from-random': 1,
        'direct-paths-from-antipode': factorial,
        'greedy-walk-length': dim / 2, // the number of zeros of a random start
        'random-walk-length': dim / 2,
        'basin-of-global': 1,
      });
    }
  });

  it('ties between best neighbours are broken uniformly in the exact greedy expectation', () => {
    // f(00) = 0, f(10) = f(01) = 5, f(11) = 6: 00 goes to 10 or 01, and both go on to 11.
    const space = enumerateSpace(tableLandscape([0, 5, 5, 6], 2));
    expect(Array.from(greedyExpectations(space).length)).toEqual([2, 1, 1, 0]);
    // Genotypes x0 x1 x2: 000 goes to 100 (7, a local optimum) or 010 (7, then on to 011 = 9, the top), so the
    // expected length is ½·1 + ½·2 and half the walks reach the top.
    const cube = enumerateSpace(tableLandscape([0, 7, 7, 1, 2, 3, 9, 4], 3));
    const g = greedyExpectations(cube);
    expect(g.length[0]).toBe(1.5);
    expect(g.basin[0]).toBe(0.5);
  });

  it('direct paths: the dynamic programme counts what trying every order counts (A = 2 and 3, with ties)', () => {
    const rng = new Rng('analysis-direct-paths');
    for (let trial = 0; trial < 30; trial++) {
      const alleles = trial % 2 ? 3 : 2;
      const dim = alleles === 2 ? 6 : 4;
      const values = randomTable(alleles ** dim, trial % 3 === 0 ? 6 : 1000, rng);
      const landscape = tableLandscape(values, dim, alleles);
      const from = Uint8Array.from({ length: dim }, () => rng.int(alleles));
      const to = Uint8Array.from({ length: dim }, () => rng.int(alleles));
      const f = (x: Uint8Array) => landscape.fitnessAt(x, 0);
      expect(countDirectPaths(f, from, to)).toBe(naiveDirectPaths(f, from, to));
    }
  });

  it('every enumerated measure equals a naive recursion on random tables with ties (A = 2, 3, 4)', () => {
    const rng = new Rng('analysis-naive');
    for (let trial = 0; trial < 24; trial++) {
      const [dim, alleles] = ([[6, 2], [3, 3], [3, 4], [8, 2]] as const)[trial % 4];
      const levels = [3, 8, 1 << 20][trial % 3];
      const values = randomTable(alleles ** dim, levels, rng);
      const landscape = tableLandscape(values, dim, alleles);
      const space = enumerateSpace(landscape);
      const ref = naive(values, dim, alleles);
      expect(countLocalOptima(space)).toEqual({ count: ref.localOptima, strict: ref.strict });
      const accessible = accessibleSet(space);
      for (let g = 0; g < space.size; g++) expect(accessible[g]).toBe(ref.accessible(g) ? 1 : 0);
      const greedy = greedyExpectations(space);
      expect(meanOver(greedy.length)).toBeCloseTo(ref.greedyLength, 12);
      expect(meanOver(greedy.basin)).toBeCloseTo(ref.basin, 12);
      expect(meanOver(randomWalkExpectations(space))).toBeCloseTo(ref.randomLength, 12);
      const values2 = valuesOf(analyzeInstance(landscape, { id: 'table', dim, params: {} }, 1, 0, DISCRETE));
      expect(values2['accessible-from-random']).toBe(ref.accessibleFraction);
    }
  });

  it('the uphill search beyond enumeration decides what the enumerated set says', () => {
    const rng = new Rng('analysis-search');
    for (let trial = 0; trial < 20; trial++) {
      const values = randomTable(256, trial % 2 ? 5 : 1 << 20, rng);
      const landscape = tableLandscape(values, 8);
      const space = enumerateSpace(landscape);
      const accessible = accessibleSet(space);
      const x = new Uint8Array(8);
      for (let g = 0; g < 256; g += 7) {
        const { outcome } = searchAccessible(landscape, genotypeOf(space, g, x), space.maxFitness);
        expect(outcome).toBe(accessible[g] ? 'reached' : 'not-reachable');
      }
      expect(searchAccessible(landscape, genotypeOf(space, 0, x), space.maxFitness + 1, 3).outcome).not.toBe('reached');
    }
  });
});

describe('exact and sampled values agree', () => {
  it('NK, N = 12: sampled estimates lie within 4 within-instance standard errors of the exact values; exact-by-nature ones are equal', () => {
    const spec: LandscapeSpec = { id: 'nk', dim: 12, params: { k: 3 } };
    const instances = 12;
    const starts = 400;
    const options = { instances, measures: DISCRETE, starts };
    const exact = analyze(spec, 'agree', options);
    const sampled = analyze(spec, 'agree', { ...options, enumerate: false });
    // Both are means over the same instances, so their difference is the sampling error within instances alone:
    // the per-start variance of each instance over `starts` starts, not the spread between instances.
    const mean = new Map<string, number>();
    const variance = new Map<string, number>();
    const x = new Uint8Array(12);
    for (let instance = 0; instance < instances; instance++) {
      const landscape = createLandscape(spec, 'agree', instance) as DiscreteLandscape;
      const values = Float64Array.from({ length: 1 << 12 }, (_, g) => {
        for (let i = 0; i < 12; i++) x[i] = (g >> i) & 1;
        return landscape.fitnessAt(x, 0);
      });
      for (const [id, moments] of Object.entries(perStartMoments(values, 12))) {
        mean.set(id, (mean.get(id) ?? 0) + moments.mean / instances);
        variance.set(id, (variance.get(id) ?? 0) + moments.variance);
      }
    }
    for (const id of DISCRETE) {
      const e = exact.measures[id];
      const s = sampled.measures[id];
      expect(e.exact).toBe(true);
      expect(e.mean).not.toBeNull();
      if (id === 'accessible-from-antipode' || id === 'direct-paths-from-antipode') {
        // Decided without sampling either way.
        expect(s).toEqual(e);
        continue;
      }
      expect(s.exact).toBe(false);
      expect(s.starts).toBe(starts);
      expect(e.mean!, id).toBeCloseTo(mean.get(id)!, 9);
      const withinSe = Math.sqrt(variance.get(id)! / starts) / instances;
      expect(withinSe, id).toBeGreaterThan(0);
      expect(Math.abs(s.mean! - e.mean!), id).toBeLessThanOrEqual(Z * withinSe);
    }
  });

  it('greedy walks sampled from every start of a small space average to the exact expectation', () => {
    const landscape = createLandscape({ id: 'house-of-cards', dim: 8, params: { alleles: 2 } }, 'walks', 3) as DiscreteLandscape;
    const space = enumerateSpace(landscape);
    const exact = greedyExpectations(space).length;
    const rng = new Rng('walks');
    const x = new Uint8Array(8);
    for (let g = 0; g < space.size; g++) {
      genotypeOf(space, g, x);
      expect(greedyWalkFrom(landscape, x, rng).steps).toBe(exact[g]); // no ties: the walk is deterministic
    }
  });
});

describe('determinism', () => {
  const spec: LandscapeSpec = { id: 'nk', dim: 24, params: { k: 2, neighbours: 'adjacent' } };
  it('the same spec, seed and options give the same numbers; a measure does not depend on the others asked for', () => {
    const measures: MeasureId[] = ['local-optima-fraction', 'greedy-walk-length', 'random-walk-length', 'basin-of-global'];
    const a = analyze(spec, 5, { instances: 3, measures, starts: 20 });
    const b = analyze(spec, 5, { instances: 3, measures, starts: 20 });
    expect(b).toEqual(a);
    const alone = analyze(spec, 5, { instances: 3, measures: ['random-walk-length'], starts: 20 });
    expect(alone.measures['random-walk-length']).toEqual(a.measures['random-walk-length']);
    const otherSeed = analyze(spec, 6, { instances: 3, measures, starts: 20 });
    expect(otherSeed.measures['greedy-walk-length'].mean).not.toBe(a.measures['greedy-walk-length'].mean);
  });

  it('instance r is the race’s landscape instance of replicate r', () => {
    const small: LandscapeSpec = { id: 'house-of-cards', dim: 6, params: {} };
    const result = analyze(small, 'same', { instances: 4, measures: ['local-optima'] });
    let total = 0;
    for (let r = 0; r < 4; r++) total += countLocalOptima(enumerateSpace(createLandscape(small, 'same', r) as DiscreteLandscape)).count;
    expect(result.measures['local-optima'].mean).toBe(total / 4);
  });
});

describe('continuous measures', () => {
  it('the critical index is the fraction of ascent directions: ½ at the saddle of x² − y², 0 at a peak, 1 in a pit', () => {
    const quadratic = (a: number, b: number): ContinuousLandscape => ({
      id: 'quadratic',
      space: 'continuous',
      dim: 2,
      lower: -1,
      upper: 1,
      reading: 'fitness',
      gradientCost: 1,
      fitnessAt: (x, o) => a * x[o] ** 2 + b * x[o + 1] ** 2,
      gradient: (x, out) => {
        out[0] = 2 * a * x[0];
        out[1] = 2 * b * x[1];
        return a * x[0] ** 2 + b * x[1] ** 2;
      },
    });
    const origin = new Float64Array(2);
    expect(criticalIndex(quadratic(1, -1), origin).index).toBe(0.5);
    expect(criticalIndex(quadratic(-1, -3), origin).index).toBe(0);
    expect(criticalIndex(quadratic(2, 1), origin).index).toBe(1);
  });

  it('the sphere has no dead ends; Rastrigin has them almost everywhere, and they are local optima (index 0)', () => {
    const sphere = analyze({ id: 'sphere', dim: 3, params: {} }, 1, { instances: 1, measures: ['gd-dead-end-rate', 'critical-index'], starts: 3 });
    expect(sphere.measures['gd-dead-end-rate']).toMatchObject({ mean: 0, exact: false, n: 1 });
    expect(sphere.measures['critical-index'].mean).toBe(0);
    const rastrigin = analyze({ id: 'rastrigin', dim: 2, params: {} }, 1, { instances: 2, measures: ['gd-dead-end-rate', 'critical-index'], starts: 4 });
    expect(rastrigin.measures['gd-dead-end-rate'].mean).toBeGreaterThan(0.5);
    expect(rastrigin.measures['critical-index'].mean).toBe(0);
  });

  it('says which measures cannot be computed, and why', () => {
    const big = createLandscape({ id: 'house-of-cards', dim: 30, params: {} }, 1, 0);
    const problems = measureProblems(big, ['local-optima', 'basin-of-global', 'direct-paths-from-antipode']);
    expect([...problems.keys()]).toEqual(['basin-of-global', 'direct-paths-from-antipode']);
    expect(problems.get('basin-of-global')).toContain('global optimum');
    expect(measureProblems(createLandscape({ id: 'sphere', dim: 400, params: {} }, 1, 0), ['critical-index']).get('critical-index')).toContain('N = 300');
    expect(() => measureProblems(big, ['gd-dead-end-rate'])).toThrow(/continuous/);
    // NK with adjacent neighbours knows its optimum beyond enumeration (dynamic programme).
    expect(measureProblems(createLandscape({ id: 'nk', dim: 30, params: { k: 2, neighbours: 'adjacent' } }, 1, 0), ['basin-of-global']).size).toBe(0);
  });

  it('reports no mean when some instance gave no value, rather than a mean over the decided ones', () => {
    const result = analyze({ id: 'nk', dim: 40, params: { k: 3, neighbours: 'adjacent' } }, 1, {
      instances: 2,
      measures: ['accessible-from-random'],
      starts: 2,
      searchLimit: 50,
    });
    expect(result.measures['accessible-from-random']).toMatchObject({ mean: null, se: null });
    expect(result.measures['accessible-from-random'].note).toContain('no mean is reported');
  });
});

describe('NK neutrality (p, q) and block neighbourhoods', () => {
  it('p unset, p = 0 and the original draws give the same instance, bit for bit', () => {
    const x = Uint8Array.from({ length: 30 }, (_, i) => (i * 7) % 2);
    for (const kind of ['random', 'adjacent'] as const) {
      const plain = createNk(30, 3, kind, 2, deriveRng('nk-same', kind));
      const zero = createNk(30, 3, kind, 2, deriveRng('nk-same', kind), { p: 0 });
      const spec = createLandscape({ id: 'nk', dim: 30, params: { k: 3, neighbours: kind } }, 'nk-same', 0) as DiscreteLandscape;
      const specP0 = createLandscape({ id: 'nk', dim: 30, params: { k: 3, neighbours: kind, p: 0 } }, 'nk-same', 0) as DiscreteLandscape;
      expect(zero.fitnessAt(x, 0)).toBe(plain.fitnessAt(x, 0));
      expect(specP0.fitnessAt(x, 0)).toBe(spec.fitnessAt(x, 0));
      expect(specP0.optimumFitness).toBe(spec.optimumFitness);
    }
  });

  it('with p and q, delta and batch evaluation equal evaluation from scratch, and fitness stays in [0, 1]', () => {
    const rng = new Rng('nk-neutral-delta');
    for (const [n, k, alleles, neutrality] of [
      [20, 2, 2, { q: 2 }],
      [24, 4, 2, { q: 5, p: 0.3 }],
      [16, 3, 2, { p: 0.7 }],
      [12, 2, 3, { q: 4 }],
      [12, 3, 2, { q: 1 << 24 }],
    ] as const) {
      const nk = createNk(n, k, 'random', alleles, deriveRng('nk-neutral', n, k), neutrality);
      const batch = new Uint8Array(8 * n);
      for (let i = 0; i < batch.length; i++) batch[i] = rng.int(alleles);
      const out = new Float64Array(8);
      nk.fitnessMany?.(batch, 0, 8, out);
      for (let row = 0; row < 8; row++) {
        const x = batch.subarray(row * n, (row + 1) * n);
        const fx = nk.fitnessAt(x, 0);
        expect(fx).toBeGreaterThanOrEqual(0);
        expect(fx).toBeLessThanOrEqual(1);
        if (nk.fitnessMany) expect(out[row]).toBe(fx);
        const loci = Int32Array.from([row % n, (row * 5 + 1) % n]);
        const values = Uint8Array.from([(x[loci[0]] + 1) % alleles, (x[loci[1]] + 1) % alleles]);
        const y = x.slice();
        y[loci[0]] = values[0];
        y[loci[1]] = values[1];
        expect(nk.deltaFitness(x, 0, fx, loci, values, 0, 2)).toBe(nk.fitnessAt(y, 0));
      }
    }
  });

  it('NKq draws contributions from {0, …, q − 1}: with q = 2 and K = 0, fitness is a multiple of 1/N', () => {
    const nk = createNk(10, 0, 'random', 2, deriveRng('nk-q2'), { q: 2 });
    const x = new Uint8Array(10);
    for (let trial = 0; trial < 20; trial++) {
      for (let i = 0; i < 10; i++) x[i] = (trial >> (i % 5)) & 1;
      expect(Number.isInteger(nk.fitnessAt(x, 0) * 10)).toBe(true);
    }
  });

  it('block neighbourhoods: each locus reads the other loci of its block of K + 1', () => {
    const nk = createNk(12, 3, 'block', 2, deriveRng('nk-block'));
    const lists = Array.from({ length: 12 }, (_, i) => Array.from(nk.neighbours.subarray(i * 3, i * 3 + 3)));
    expect(lists[0]).toEqual([1, 2, 3]);
    expect(lists[5]).toEqual([4, 6, 7]);
    expect(lists[11]).toEqual([8, 9, 10]);
    expect(() => createNk(10, 2, 'block', 2, deriveRng('nk-block'))).toThrow(/divisible/);
  });
});

// ---- the command -------------------------------------------------------------------------------------------

describe('hyperclimb analyze', () => {
  it('house of cards, N = 10: the mean number of local optima over 200 instances is near 2^10/11', async () => {
    const { code, stdout, stderr } = await cli('analyze', '--landscape', '{id: house-of-cards, dim: 10}', '--instances', '200', '--measures', 'local-optima', '--json');
    // The cost, said up front; then at most the expected time and progress (on a loaded machine), nothing else.
    const [cost, ...rest] = stderr.trimEnd().split('\n');
    expect(cost).toBe('analyze: 200 instances × every one of 2^10 = 1,024 genotypes (exact by enumeration): up to 204,800 evaluations');
    for (const line of rest) expect(line).toMatch(/^(analyze: the first instance took [\d.]+ s; all 200 will take about |\d+\/200 instances · )/);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['instances', 'measures']);
    expect(result.instances).toBe(200);
    expect(Object.keys(result.measures)).toEqual(['local-optima']);
    const m = result.measures['local-optima'];
    expect(m).toMatchObject({ exact: true, n: 200 });
    expect(Math.abs(m.mean - 1024 / 11)).toBeLessThanOrEqual(Z * m.se);
    // The command gives what the library gives.
    expect(result).toEqual(JSON.parse(JSON.stringify(analyze({ id: 'house-of-cards', dim: 10, params: { alleles: 2 } }, 1, { instances: 200, measures: ['local-optima'] }))));
  });

  it('prints a table by default, with every measure of the space, and goes through maps', async () => {
    const { code, stdout } = await cli('analyze', '--landscape', '{id: onemax, dim: 4}', '--map', '{id: duplicate, copies: 2}', '--instances', '2');
    expect(code).toBe(0);
    for (const id of DISCRETE) expect(stdout).toContain(id);
    expect(stdout).toContain('through map {id: duplicate');
    // Two copies with a majority vote (ties to the allele seen first): the first copy decides, the second is
    // neutral, so the 2^4 genotypes of the top phenotype form a plateau: dead ends, none of them strict.
    expect(stdout).toMatch(/\nlocal-optima\s+16\s+± 0\s+exact/);
    expect(stdout).toMatch(/\nstrict-local-optima\s+0\s+± 0\s+exact/);
    expect(stdout).toMatch(/\nbasin-of-global\s+1\s+± 0\s+exact/);
  });

  it('samples beyond 2^20 genotypes and leaves out, with a word, what it cannot compute', async () => {
    const { code, stdout, stderr } = await cli('analyze', '--landscape', '{id: house-of-cards, dim: 24}', '--instances', '3', '--starts', '30', '--seed', 'x', '--json');
    expect(code).toBe(0);
    expect(stderr).toContain('leaving out basin-of-global');
    const result = JSON.parse(stdout);
    expect(result.measures['greedy-walk-length']).toMatchObject({ exact: false, starts: 30, n: 3 });
    expect(result.measures['basin-of-global']).toBeUndefined();
  });

  it.each([
    [['--landscape', '{id: house-of-cards, dim: ten}'], '--landscape: dim: expected a number, got "ten"'],
    [['--landscape', '{id: nk, dim: 12, kk: 2}'], "--landscape: kk: unknown field 'kk' (did you mean 'k'?)"],
    [['--landscape', '{id: nkk, dim: 12}'], `--landscape: id: unknown landscape "nkk" (did you mean 'nk'?)`],
    [['--landscape', '{id: nk, dim: 12'], '--landscape: not valid YAML'],
    [['--landscape', '[1, 2]'], '--landscape: expected a mapping of fields'],
    [['--landscape', '{id: nk, dim: 10, k: 2, neighbours: block}'], '--landscape: neighbours: block neighbourhoods need dim divisible by k + 1 = 3; dim is 10'],
    [['--landscape', '{id: nk, dim: 8, k: 8}'], '--landscape: k: k must be at most dim − 1 = 7, got 8'],
    [['--landscape', '{id: nk, dim: 8, p: 2}'], '--landscape: p: must be at most 1, got 2'],
    [['--landscape', '{id: onemax, dim: 8}', '--map', '{id: duplicat}'], `--map: id: unknown map "duplicat" (did you mean 'duplicate'?)`],
    [['--landscape', '{id: nk, dim: 8}', '--measures', 'local-optma'], "--measures: unknown measure 'local-optma' (did you mean 'local-optima'?)"],
    [['--landscape', '{id: sphere, dim: 8}', '--measures', 'local-optima'], '--measures: local-optima is a measure of discrete landscapes, and sphere is continuous'],
    [['--landscape', '{id: house-of-cards, dim: 30}', '--measures', 'basin-of-global'], '--measures: basin-of-global cannot be computed here: needs the global optimum'],
    [['--landscape', '{id: nk, dim: 8}', '--instances', '0'], '--instances needs a whole number from 1'],
    [['--landscape', '{id: nk, dim: 8}', '--starts', 'many'], '--starts needs a whole number from 1'],
    [['--landscape', '{id: nk, dim: 8}', '--bogus'], "analyze has no option '--bogus'; its options: --landscape, --map, --instances"],
    [[], 'analyze needs --landscape'],
  ])('bad input %j: exit 2 and one clear message, no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await cli('analyze', ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('is listed in the usage', async () => {
    const { stdout } = await cli('--help');
    expect(stdout).toContain('hyperclimb analyze --landscape');
  });
});

describe('analysisCost', () => {
  it('counts every genotype of an enumerated space, and every gradient step of the gradient runs', () => {
    const nk = createLandscape({ id: 'nk', dim: 20, params: { k: 10 } }, 1, 0);
    expect(analysisCost(nk, ['local-optima'], 100).perInstance).toBe(2 ** 20);
    const sphere = createLandscape({ id: 'sphere', dim: 3, params: {} }, 1, 0);
    expect(analysisCost(sphere, ['gd-dead-end-rate'], 10, { steps: 500 }).perInstance).toBe(10 * 500 * sphere.gradientCost);
  });

  it('grows with the walks and searches a sampled space asks for', () => {
    const nk = createLandscape({ id: 'nk', dim: 40, params: { k: 3 } }, 1, 0);
    const optima = analysisCost(nk, ['local-optima'], 100).perInstance;
    expect(optima).toBe(100 * 40);
    expect(analysisCost(nk, ['local-optima', 'greedy-walk-length'], 100).perInstance).toBeGreaterThan(optima);
    expect(analysisCost(nk, ['accessible-from-random'], 100).perInstance).toBeGreaterThan(analysisCost(nk, ['greedy-walk-length'], 100).perInstance);
  });
});

describe('analyze split into ranges (analyze --workers)', () => {
  it('combines ranges into exactly the one-process result, also where a search gives up part-way', () => {
    // Instance 1's antipode search and instance 3's random searches give up at this limit, so analyze stops trying
    // them; ranges that start later cannot know it and compute values (checked below), which combineAnalysis drops.
    const spec = { id: 'nk', dim: 24, params: { k: 1, neighbours: 'adjacent' } };
    const options = { measures: ['accessible-from-random', 'accessible-from-antipode', 'local-optima'] as MeasureId[], starts: 3, searchLimit: 10_000 };
    const whole = analyze(spec, 2, { instances: 8, ...options });
    const ranges = [[0, 2], [2, 4], [4, 5], [5, 8]].map(([from, to]) => analyzeRange(spec, 2, from, to, options));
    for (const id of ['accessible-from-random', 'accessible-from-antipode'] as const) {
      expect(whole.measures[id].n).toBeLessThan(ranges.flatMap((range) => range.values).filter((v) => v[id]!.value !== null).length);
    }
    expect(combineAnalysis(ranges, { instances: 8, ...options })).toEqual(whole);
  });

  it('gives the same JSON with --workers 1 and 2', async () => {
    const args = ['analyze', '--landscape', '{id: nk, dim: 12, k: 3}', '--instances', '5', '--measures', 'local-optima,greedy-walk-length', '--json'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });
});
