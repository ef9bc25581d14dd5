/**
 * Every genotype–phenotype map, checked the same way: it keeps the phenotype's optimum reachable and its value, its
 * gradients match finite differences, it exposes the phenotype and decoder that views draw with, and its redundancy
 * is of the promised kind (copies, inert sites, unit permutations, flat directions).
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape, DiscreteLandscape, Landscape } from '../src/core/landscapes/landscape.ts';
import { maps } from '../src/core/maps/registry.ts';
import { createLandscape, problemOf } from '../src/core/run/instance.ts';
import type { LandscapeSpec } from '../src/core/run/spec.ts';
import { Rng } from '../src/core/rng.ts';
import { parseScenario } from '../src/scenario/parse.ts';

const PARAMS: Record<string, Record<string, unknown>> = { identity: {}, duplicate: { copies: 3 }, neutral: { sites: 5 }, embed: { genes: 11 }, product: { depth: 3 }, permute: { units: 3 } };
const PHENOTYPES: Record<'continuous' | 'discrete', LandscapeSpec> = {
  continuous: { id: 'rastrigin', dim: 4, params: {} },
  discrete: { id: 'nk', dim: 8, params: { k: 2 } },
};

const cases = maps.flatMap((def) => def.spaces.map((space) => [def.id, space] as const));

function withMap(space: 'continuous' | 'discrete', id: string): LandscapeSpec {
  return { ...PHENOTYPES[space], map: { id, params: PARAMS[id] } };
}

function evaluate(l: Landscape, x: Float64Array | Uint8Array): number {
  return l.space === 'continuous' ? l.fitnessAt(x as Float64Array, 0) : l.fitnessAt(x as Uint8Array, 0);
}

describe.each(cases)('map %s on a %s landscape', (id, space) => {
  const spec = withMap(space, id);
  const phenotype = createLandscape(PHENOTYPES[space], 'maps', 0);
  const genotype = createLandscape(spec, 'maps', 0);
  const problem = problemOf(spec);

  it('declares the genotype space it builds', () => {
    expect(genotype.dim).toBe(problem.dim);
    expect(genotype.space).toBe(space);
    if (genotype.space === 'discrete') expect(genotype.alleles).toBe(problem.alleles);
    else expect([genotype.lower, genotype.upper]).toEqual([problem.lower, problem.upper]);
  });

  it('keeps the phenotype optimum: same value, and a genotype that reaches it', () => {
    expect(genotype.optimumFitness).toBe(phenotype.optimumFitness);
    expect(genotype.optimum).toBeDefined();
    expect(evaluate(genotype, genotype.optimum!)).toBeCloseTo(phenotype.optimumFitness!, 9);
  });

  it('never beats the phenotype optimum', () => {
    const rng = new Rng(`never-${id}`);
    for (let t = 0; t < 300; t++) {
      const g = genotype.space === 'continuous' ? Float64Array.from({ length: genotype.dim }, () => genotype.lower + (genotype.upper - genotype.lower) * rng.uniform()) : Uint8Array.from({ length: genotype.dim }, () => rng.int((genotype as DiscreteLandscape).alleles));
      expect(evaluate(genotype, g)).toBeLessThanOrEqual(phenotype.optimumFitness! + 1e-12);
    }
  });

  it('exposes the phenotype it reads and its decoder: a genotype is worth what its decoding is worth there', () => {
    if (!genotype.phenotype) {
      expect(id).toBe('identity');
      return;
    }
    const rng = new Rng(`decode-${id}`);
    for (let t = 0; t < 20; t++) {
      if (genotype.space === 'continuous') {
        const g = Float64Array.from({ length: genotype.dim }, () => genotype.lower + (genotype.upper - genotype.lower) * rng.uniform());
        const x = new Float64Array(genotype.phenotype!.dim);
        genotype.decode!(g, 0, x);
        expect(genotype.phenotype!.fitnessAt(x, 0)).toBe(genotype.fitnessAt(g, 0));
        expect(phenotype.fitnessAt(x as never, 0)).toBe(genotype.fitnessAt(g, 0));
      } else {
        const g = Uint8Array.from({ length: genotype.dim }, () => rng.int(genotype.alleles));
        const x = new Uint8Array(genotype.phenotype!.dim);
        genotype.decode!(g, 0, x);
        expect(genotype.phenotype!.fitnessAt(x, 0)).toBe(genotype.fitnessAt(g, 0));
        expect(phenotype.fitnessAt(x as never, 0)).toBe(genotype.fitnessAt(g, 0));
      }
    }
  });

  it.runIf(space === 'continuous')('has gradients that match central differences', () => {
    const l = genotype as ContinuousLandscape;
    const rng = new Rng(`grad-${id}`);
    for (let t = 0; t < 4; t++) {
      const x = Float64Array.from({ length: l.dim }, () => l.lower + (l.upper - l.lower) * rng.uniform());
      const g = new Float64Array(l.dim);
      const f = l.gradient!(x, g);
      expect(f).toBe(l.fitnessAt(x, 0));
      for (let i = 0; i < l.dim; i++) {
        const h = 1e-6 * Math.max(1, Math.abs(x[i]));
        const xp = x.slice();
        const xm = x.slice();
        xp[i] += h;
        xm[i] -= h;
        const numeric = (l.fitnessAt(xp, 0) - l.fitnessAt(xm, 0)) / (2 * h);
        expect(Math.abs(numeric - g[i])).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(g[i])));
      }
    }
  });
});

describe('kinds of redundancy', () => {
  const rng = new Rng('kinds');

  it('duplicate: majority vote with ties to the allele seen first, or any copy', () => {
    const majority = createLandscape({ id: 'onemax', dim: 2, params: {}, map: { id: 'duplicate', params: { copies: 4 } } }, 1, 0) as DiscreteLandscape;
    expect(majority.fitnessAt(Uint8Array.of(1, 1, 0, 0, 0, 1, 1, 0), 0)).toBe(1);
    expect(majority.fitnessAt(Uint8Array.of(1, 0, 1, 1, 0, 0, 0, 1), 0)).toBe(1);
    const any = createLandscape({ id: 'onemax', dim: 2, params: {}, map: { id: 'duplicate', params: { copies: 3, vote: 'any' } } }, 1, 0) as DiscreteLandscape;
    expect(any.fitnessAt(Uint8Array.of(0, 0, 1, 0, 0, 0), 0)).toBe(1);
  });

  it('neutral: changing a neutral gene never changes fitness', () => {
    const l = createLandscape(withMap('discrete', 'neutral'), 1, 0) as DiscreteLandscape;
    const g = Uint8Array.from({ length: l.dim }, () => rng.int(2));
    const f = l.fitnessAt(g, 0);
    for (let i = 8; i < l.dim; i++) {
      g[i] ^= 1;
      expect(l.fitnessAt(g, 0)).toBe(f);
    }
  });

  it('permute: permuting units never changes fitness', () => {
    const l = createLandscape(withMap('discrete', 'permute'), 1, 0) as DiscreteLandscape;
    const g = Uint8Array.from({ length: l.dim }, () => rng.int(2));
    const swapped = Uint8Array.from([...g.subarray(8, 16), ...g.subarray(0, 8), ...g.subarray(16)]);
    expect(l.fitnessAt(swapped, 0)).toBe(l.fitnessAt(g, 0));
  });

  it('embed: moving along the null space of the embedding changes nothing', () => {
    const l = createLandscape(withMap('continuous', 'embed'), 1, 0) as ContinuousLandscape;
    const random = () => Float64Array.from({ length: l.dim }, () => rng.normal());
    // Genotype gradients are Aᵀ·∇f, so gradients at a few points span A's row space (dimension 4).
    const basis: Float64Array[] = [];
    for (let t = 0; t < 8; t++) {
      const g = new Float64Array(l.dim);
      l.gradient!(random(), g);
      for (const b of basis) {
        const d = g.reduce((s, v, i) => s + v * b[i], 0);
        for (let i = 0; i < l.dim; i++) g[i] -= d * b[i];
      }
      const norm = Math.hypot(...g);
      if (norm > 1e-6) basis.push(g.map((v) => v / norm));
    }
    expect(basis.length).toBe(4);
    const w = random();
    for (const b of basis) {
      const d = w.reduce((s, v, i) => s + v * b[i], 0);
      for (let i = 0; i < l.dim; i++) w[i] -= d * b[i];
    }
    const x = random();
    const moved = x.map((v, i) => v + 3 * w[i]);
    expect(l.fitnessAt(moved, 0)).toBeCloseTo(l.fitnessAt(x, 0), 8);
  });
});

describe('maps in scenario files', () => {
  const base = 'schemaVersion: 1\ntitle: t\nlandscape: {id: nk, dim: 8}\noptimizers: [{id: ga}]\nbudget: {evaluations: 10}\n';

  it('validate their fields and the space they work on', () => {
    expect(parseScenario(`${base}map: {id: duplicate, copies: 3}\n`).map).toEqual({ id: 'duplicate', copies: 3, vote: 'majority' });
    expect(() => parseScenario(`${base.replace('nk, dim: 8', 'nk, dim: 8, alleles: 3')}map: {id: embed}\n`)).toThrow('map.id: the embed map works on bit strings (alleles 2), not 3 alleles');
    expect(() => parseScenario(`${base}map: {id: duplicate, copies: 0}\n`)).toThrow('map.copies: must be at least 1');
    expect(() => parseScenario(`${base}map: {id: duplicat}\n`)).toThrow("unknown map \"duplicat\" (did you mean 'duplicate'?)");
    expect(() => parseScenario(base.replace('nk, dim: 8', 'sphere, dim: 8') + 'map: {id: embed, genes: 4}\n')).toThrow("genes must be at least the phenotype's dimension 8");
  });
});

describe('pleiotropic embedding of bit strings removes dead ends', () => {
  // With the map x = A·g over GF(2), a one-gene mutation moves the phenotype by a column of A, the same move from
  // every genotype. If A has D distinct columns (D ≤ M: two extra genes may flip the same sites), a genotype's
  // mutants reach D distinct phenotypes; on a house of cards their fitness values and the genotype's are
  // independent, so a genotype is a local optimum with probability exactly 1/(D + 1), against 1/(N + 1) without the
  // map. D is counted from the decoded phenotypes of one-gene genotypes, local optima by brute force over a table of
  // all 2^M fitness values; the mean of fraction − 1/(D + 1) over instances must be 0 within 4 standard errors, and
  // with M > N genes D must exceed N and the fraction fall below 1/(N + 1) (docs/theory.md, docs/maps.md).
  const meanAndSe = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    return { mean, se: sd / Math.sqrt(values.length) };
  };

  it.each([
    [8, 8],
    [8, 14],
    [8, 16],
  ])('house of cards N = %i read through M = %i genes: local optimum fraction 1/(D + 1)', (n, m) => {
    const gaps: number[] = [];
    const fractions: number[] = [];
    const distinct: number[] = [];
    for (let r = 0; r < 24; r++) {
      const spec: LandscapeSpec = { id: 'house-of-cards', dim: n, params: {}, ...(m > n && { map: { id: 'embed', params: { genes: m } } }) };
      const l = createLandscape(spec, 'embed-theory', r) as DiscreteLandscape;
      const genes = new Uint8Array(m);
      const moves = new Set<string>();
      const phenotype = new Uint8Array(n);
      for (let j = 0; j < m; j++) {
        genes[j] = 1;
        if (l.decode) l.decode(genes, 0, phenotype);
        else phenotype.set(genes);
        moves.add(phenotype.join(''));
        genes[j] = 0;
      }
      const table = Float64Array.from({ length: 2 ** m }, (_, g) => {
        for (let j = 0; j < m; j++) genes[j] = (g >> j) & 1;
        return l.fitnessAt(genes, 0);
      });
      // House-of-cards values of distinct phenotypes differ, so the mutants of genotype 0 show D distinct values.
      expect(new Set(Array.from({ length: m }, (_, j) => table[1 << j])).size).toBe(moves.size);
      let optima = 0;
      for (let g = 0; g < table.length; g++) {
        let fitter = false;
        for (let j = 0; j < m && !fitter; j++) fitter = table[g ^ (1 << j)] > table[g];
        if (!fitter) optima++;
      }
      fractions.push(optima / 2 ** m);
      gaps.push(optima / 2 ** m - 1 / (moves.size + 1));
      distinct.push(moves.size);
    }
    const gap = meanAndSe(gaps);
    const fraction = meanAndSe(fractions);
    const meanDistinct = distinct.reduce((a, b) => a + b, 0) / distinct.length;
    console.log(`[theory] embed N=${n} M=${m}: mean distinct moves ${meanDistinct.toFixed(2)}; local-optimum fraction ${fraction.mean.toFixed(5)} ± ${fraction.se.toFixed(5)}, − 1/(D+1) = ${gap.mean.toFixed(5)} ± ${gap.se.toFixed(5)}`);
    expect(Math.abs(gap.mean)).toBeLessThanOrEqual(4 * gap.se);
    expect(Math.max(...distinct)).toBeLessThanOrEqual(m);
    if (m === n) expect(distinct.every((d) => d === n)).toBe(true);
    else {
      expect(Math.min(...distinct)).toBeGreaterThan(n);
      expect(fraction.mean + 4 * fraction.se).toBeLessThan(1 / (n + 1));
    }
  });
});
