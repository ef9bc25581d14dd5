/**
 * The landscape analysis (`analyze`, src/core/metrics/landscape-analysis.ts) against exact results from the
 * literature and elementary derivations; docs/theory.md, section 11, states each result and its source. Every
 * per-instance value here is exact (the spaces are enumerated) unless said otherwise, so the only randomness is
 * the draw of the instances, and each tolerance is 4 standard errors of the mean over instances (support.ts).
 */
import { describe, expect, it } from 'vitest';
import { enumerateOptimum } from '../../src/core/landscapes/enumerate.ts';
import type { DiscreteLandscape } from '../../src/core/landscapes/landscape.ts';
import { createNk } from '../../src/core/landscapes/nk.ts';
import { analyze, analyzeInstance, type MeasureId } from '../../src/core/metrics/landscape-analysis.ts';
import { NeighbourFitness } from '../../src/core/metrics/neighbour-fitness.ts';
import { deriveRng } from '../../src/core/rng.ts';
import { createLandscape } from '../../src/core/run/instance.ts';
import type { LandscapeSpec } from '../../src/core/run/spec.ts';
import { report, summarise, Z } from './support.ts';

/** Mean of `measure` over instances, checked to lie within Z standard errors (plus `bias`) of `exact`. */
function checkMean(topic: string, spec: LandscapeSpec, measure: MeasureId, instances: number, exact: number, bias = 0, starts?: number) {
  const result = analyze(spec, `theory-analysis-${topic}`, { instances, measures: [measure], ...(starts && { starts }) });
  const m = result.measures[measure];
  report(`analysis ${topic}`, { instances, exact, mean: m.mean!, se: m.se!, z: (m.mean! - exact) / m.se!, ...(bias && { biasBound: bias }) });
  expect(m.mean).not.toBeNull();
  expect(Math.abs(m.mean! - exact)).toBeLessThanOrEqual(Z * m.se! + bias);
  return m;
}

describe('house of cards: mean number of local optima A^N/(N(A − 1) + 1) (Kauffman & Levin 1987)', () => {
  for (const [n, alleles, instances] of [
    [12, 2, 300],
    [7, 3, 400],
    [5, 4, 400],
    [4, 6, 400],
  ] as const) {
    it(`N = ${n}, A = ${alleles}`, () => {
      const m = checkMean(`hoc-optima N=${n} A=${alleles}`, { id: 'house-of-cards', dim: n, params: { alleles } }, 'local-optima', instances, alleles ** n / (n * (alleles - 1) + 1));
      expect(m.exact).toBe(true);
    });
  }
});

describe('NK, K = 0 (Kauffman 1993): one peak, reached by every adaptive walk', () => {
  it('exactly one local optimum, every start accessible, every walk ends on the optimum; walk lengths', () => {
    let instances = 0;
    for (const [n, alleles, neighbours] of [
      [10, 2, 'random'],
      [12, 2, 'adjacent'],
      [6, 3, 'block'],
      [5, 4, 'random'],
    ] as const) {
      const spec: LandscapeSpec = { id: 'nk', dim: n, params: { k: 0, alleles, neighbours } };
      for (let r = 0; r < 10; r++) {
        const landscape = createLandscape(spec, 'theory-analysis-k0', r);
        const v = analyzeInstance(landscape, spec, 'theory-analysis-k0', r, ['local-optima', 'accessible-from-random', 'basin-of-global', 'greedy-walk-length', 'random-walk-length', 'direct-paths-from-antipode']);
        const value = (id: MeasureId) => v.get(id)!.value!;
        expect(value('local-optima')).toBe(1);
        expect(value('accessible-from-random')).toBe(1);
        expect(value('basin-of-global')).toBe(1);
        // Additive fitness: from the antipode every locus moves once, to its best allele, in any order.
        let factorial = 1;
        for (let i = 2; i <= n; i++) factorial *= i;
        expect(value('direct-paths-from-antipode')).toBe(factorial);
        // The greedy walk sets one locus to its best allele per step: its length is the Hamming distance to the
        // optimum, N(A − 1)/A on average over starts. The random walk may stop at a second-best allele on the way.
        expect(value('greedy-walk-length')).toBeCloseTo((n * (alleles - 1)) / alleles, 12);
        if (alleles === 2) expect(value('random-walk-length')).toBeCloseTo(n / 2, 12);
        else expect(value('random-walk-length')).toBeGreaterThan((n * (alleles - 1)) / alleles);
        instances++;
      }
    }
    report('analysis nk-k0', { instances, localOptimaPerInstance: 1 });
  });
});

describe('block NK (Perelson & Macken 1995): independent house-of-cards blocks', () => {
  // A genotype is a local optimum iff each block is a local optimum of its block (a mutation changes one block's
  // contributions only), blocks are independent, and a block of B = K + 1 loci is a house of cards on A^B block
  // genotypes: E[#optima] = (A^B/(B(A − 1) + 1))^(N/B).
  for (const [n, k, alleles, instances] of [
    [12, 2, 2, 300],
    [12, 3, 2, 300],
    [12, 5, 2, 300],
    [14, 1, 2, 300],
    [6, 1, 3, 400],
  ] as const) {
    const b = k + 1;
    const exact = ((alleles ** b) / (b * (alleles - 1) + 1)) ** (n / b);
    it(`N = ${n}, K = ${k}, A = ${alleles}: E[#optima] = ${exact.toPrecision(6)}`, () => {
      checkMean(`block-nk N=${n} K=${k} A=${alleles}`, { id: 'nk', dim: n, params: { k, alleles, neighbours: 'block' } }, 'local-optima', instances, exact);
    });
  }

  it('the block optimum (each block maximised on its own) equals the enumerated maximum exactly', () => {
    let count = 0;
    for (const [n, k, alleles] of [
      [12, 2, 2],
      [12, 5, 2],
      [9, 2, 3],
      [8, 1, 4],
      [10, 4, 2],
    ] as const) {
      for (let r = 0; r < 6; r++) {
        for (const neutrality of [{}, { p: 0.5 }, { q: 3 }]) {
          const nk = createNk(n, k, 'block', alleles, deriveRng('theory-analysis-block-opt', n, k, alleles, r), neutrality);
          expect(nk.optimumFitness).toBe(enumerateOptimum(alleles, n, nk.fitnessAt).fitness);
          expect(nk.fitnessAt(nk.optimum!, 0)).toBe(nk.optimumFitness);
          count++;
        }
      }
    }
    report('analysis block-nk-optimum', { instances: count, mismatches: 0 });
  });
});

/** The exact probability that some direct path from the antipode to the top increases, by trying every order. */
function exactDirectAccessibility(n: number): number {
  // House of cards conditioned on the top being the global maximum: the other 2^N − 1 values are exchangeable,
  // so every ranking of them is equally likely.
  const others = (1 << n) - 1;
  const rank = new Int32Array(others);
  const used = new Uint8Array(others);
  let hits = 0;
  let total = 0;
  const reach = new Uint8Array(1 << n);
  const assign = (v: number) => {
    if (v === others) {
      total++;
      // reach[S]: an increasing path from the antipode (the empty set of changed loci) to S exists.
      reach.fill(0);
      reach[0] = 1;
      for (let s = 1; s < others; s++) {
        for (let i = 0; i < n && !reach[s]; i++) if (s & (1 << i) && reach[s ^ (1 << i)] && rank[s ^ (1 << i)] < rank[s]) reach[s] = 1;
      }
      let top = 0;
      for (let i = 0; i < n; i++) if (reach[others ^ (1 << i)]) top = 1; // the top beats everything
      hits += top;
      return;
    }
    for (let r = 0; r < others; r++) {
      if (used[r]) continue;
      used[r] = 1;
      rank[v] = r;
      assign(v + 1);
      used[r] = 0;
    }
  };
  assign(0);
  return hits / total;
}

describe('house of cards: direct (shortest) accessible paths from the antipode to the global optimum', () => {
  it('the exact probability of at least one: 1 for N = 1, 2/3 for N = 2 (by hand), and N = 3 by all 7! rankings', () => {
    expect(exactDirectAccessibility(1)).toBe(1);
    expect(exactDirectAccessibility(2)).toBeCloseTo(2 / 3, 15);
    expect(exactDirectAccessibility(3)).toBeGreaterThan(0);
  });

  // Each of the N! paths increases iff its N values below the top come in increasing order: probability 1/N!, so
  // E[#paths] = 1 for every N (Franke, Klözer, de Visser & Krug 2011). Yet the probability that at least one path
  // exists falls towards 0 as N grows (Hegarty & Martinsson 2014): the count is 0 mostly, and large sometimes.
  const instances = 6000;
  // Samples are drawn once per N, by whichever test asks first, so every test also runs alone.
  const samples = new Map<number, { paths: Float64Array; accessible: number }>();
  const sample = (n: number) => {
    let found = samples.get(n);
    if (!found) {
      const spec: LandscapeSpec = { id: 'house-of-cards', dim: n, params: { alleles: 2 } };
      const paths = new Float64Array(instances);
      let accessible = 0;
      for (let r = 0; r < instances; r++) {
        const landscape = createLandscape(spec, 'theory-analysis-direct', r);
        paths[r] = analyzeInstance(landscape, spec, 'theory-analysis-direct', r, ['direct-paths-from-antipode']).get('direct-paths-from-antipode')!.value!;
        if (paths[r] > 0) accessible++;
      }
      samples.set(n, (found = { paths, accessible: accessible / instances }));
    }
    return found;
  };
  for (const n of [2, 3, 4, 6]) {
    it(`N = ${n}: E[#direct paths] = 1 over ${instances} instances`, () => {
      const { paths, accessible: p } = sample(n);
      const s = summarise(paths);
      const fields: Record<string, number> = { instances, exactMean: 1, mean: s.mean, se: s.se, z: (s.mean - 1) / s.se, 'P(>=1 path)': p };
      if (n <= 3) {
        const exact = exactDirectAccessibility(n);
        const sd = Math.sqrt((exact * (1 - exact)) / instances);
        Object.assign(fields, { 'P(>=1) exact': exact, zP: (p - exact) / sd });
        expect(Math.abs(p - exact)).toBeLessThanOrEqual(Z * sd);
      }
      report(`analysis hoc-direct-paths N=${n}`, fields);
      expect(Math.abs(s.mean - 1)).toBeLessThanOrEqual(Z * s.se);
    });
  }

  it('the probability of at least one direct path falls from N = 2 to 3 to 4 to 6 (each step beyond 4 standard errors)', () => {
    const ns = [2, 3, 4, 6];
    const se = (p: number) => Math.sqrt((p * (1 - p)) / instances);
    for (let i = 1; i < ns.length; i++) {
      const a = sample(ns[i - 1]).accessible;
      const b = sample(ns[i]).accessible;
      expect(a - b).toBeGreaterThan(Z * Math.hypot(se(a), se(b)));
    }
  });
});

/** Orr's record process for the greedy walk on the binary house of cards (as in greedy-walk.test.ts; theory.md §8). */
function greedyMean(n: number): number {
  let tail = 1;
  let seen = 1;
  let mean = 0;
  for (let k = 1; k <= 60; k++) {
    const b = k === 1 ? n : k === 2 ? n - 1 : n - 2;
    seen += b;
    tail = (tail * b) / seen;
    mean += tail;
  }
  return mean;
}

/** Bound on the effect of walks that return next to an earlier point (greedy-walk.test.ts). */
function loopBound(n: number): number {
  let bound = 0;
  for (let k = 5; k <= 80; k++) {
    let pLoop = 0;
    for (let t = 3; t <= k - 2; t++) pLoop += (3 * Math.ceil((t - 2) / 2)) / (n - 2);
    bound += Math.min(1, pLoop) * 0.5 * 3 ** -(k - 2);
  }
  return bound;
}

describe('house of cards: greedy walk length from a random start (Orr 2003)', () => {
  it('N = 14, every start of 200 enumerated instances: the record process', () => {
    checkMean('hoc-greedy N=14', { id: 'house-of-cards', dim: 14, params: { alleles: 2 } }, 'greedy-walk-length', 200, greedyMean(14), loopBound(14));
  });

  it('N = 100, 20 sampled walks on each of 300 instances: the record process', () => {
    const m = checkMean('hoc-greedy N=100', { id: 'house-of-cards', dim: 100, params: { alleles: 2 } }, 'greedy-walk-length', 300, greedyMean(100), loopBound(100), 20);
    expect(m.exact).toBe(false);
  });
});

/** P(Σ_{j ≤ m} (a_j − b_j) = 0) for a_j, b_j independent and uniform on {0, …, q − 1}. */
function equalSumsProbability(m: number, q: number): number {
  let dist = new Map<number, number>([[0, 1]]);
  for (let j = 0; j < m; j++) {
    const next = new Map<number, number>();
    for (const [s, p] of dist) for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) next.set(s + a - b, (next.get(s + a - b) ?? 0) + p / (q * q));
    dist = next;
  }
  return dist.get(0) ?? 0;
}

/** Mean share of neutral one-mutant neighbours over sampled genotypes, with its standard error over instances. */
function neutralShare(spec: LandscapeSpec, instances: number, samples: number): { mean: number; se: number } {
  const shares = new Float64Array(instances);
  for (let r = 0; r < instances; r++) {
    const landscape = createLandscape(spec, 'theory-analysis-neutral', r) as DiscreteLandscape;
    const rng = deriveRng('theory-analysis-neutral', 'genotypes', r);
    const neighbours = new NeighbourFitness(landscape);
    const x = new Uint8Array(spec.dim);
    let neutral = 0;
    for (let s = 0; s < samples; s++) {
      for (let i = 0; i < x.length; i++) x[i] = rng.int(landscape.alleles);
      const fx = landscape.fitnessAt(x, 0);
      const values = neighbours.evaluate(x, fx);
      for (let m = 0; m < values.length; m++) if (values[m] === fx) neutral++;
    }
    shares[r] = neutral / (samples * neighbours.count);
  }
  const s = summarise(shares);
  return { mean: s.mean, se: s.se };
}

describe('neutrality: NKp (Barnett 1998) and NKq (Newman & Engelhardt 1998)', () => {
  // With adjacent or block neighbourhoods a mutation at one locus changes exactly K + 1 contributions, each from one
  // table entry to another entry of the same table: 2(K + 1) independent entries. The mutation is neutral iff the
  // K + 1 old entries sum to the K + 1 new ones. NKp: entries are 0 with probability p and otherwise (almost surely)
  // unequal, so P(neutral) = p^(2(K+1)) up to exact coincidences of 24-bit integer sums (below 10⁻⁶ here).
  // NKq: P(neutral) = P(Σ (a_j − b_j) = 0) for 2(K + 1) integers uniform on {0, …, q − 1}.
  const cases: [string, Record<string, unknown>, number][] = [
    ['NK p unset', { k: 2 }, 0],
    ['NKp p=0.5 K=0', { k: 0, p: 0.5 }, 0.5 ** 2],
    ['NKp p=0.5 K=2', { k: 2, p: 0.5 }, 0.5 ** 6],
    ['NKp p=0.8 K=2', { k: 2, p: 0.8 }, 0.8 ** 6],
    ['NKp p=0.9 K=2 block', { k: 2, p: 0.9, neighbours: 'block' }, 0.9 ** 6],
    ['NKq q=2 K=0', { k: 0, q: 2 }, equalSumsProbability(1, 2)],
    ['NKq q=2 K=2', { k: 2, q: 2 }, equalSumsProbability(3, 2)],
    ['NKq q=3 K=2', { k: 2, q: 3 }, equalSumsProbability(3, 3)],
    ['NKq q=16 K=1 block', { k: 1, q: 16, neighbours: 'block' }, equalSumsProbability(2, 16)],
  ];
  it('the closed forms: P = 1/2 for q = 2, K = 0; C(6, 3)/2^6 for q = 2, K = 2', () => {
    expect(equalSumsProbability(1, 2)).toBe(0.5);
    expect(equalSumsProbability(3, 2)).toBeCloseTo(20 / 64, 15);
  });
  it.each(cases)('%s: the share of neutral neighbours is the exact probability', (topic, params, exact) => {
    const spec: LandscapeSpec = { id: 'nk', dim: 24, params: { neighbours: 'adjacent', ...params } };
    const { mean, se } = neutralShare(spec, 150, 10);
    report(`analysis neutral ${topic}`, { exact, mean, se, z: se ? (mean - exact) / se : 0 });
    expect(Math.abs(mean - exact)).toBeLessThanOrEqual(Z * se + 1e-6);
  });

  it('more neutrality, more plateaus: NKp has dead ends that are not strict local optima, more as p grows', () => {
    const shares = [0, 0.5, 0.9].map((p) => {
      const spec: LandscapeSpec = { id: 'nk', dim: 12, params: { k: 2, ...(p && { p }) } };
      const r = analyze(spec, 'theory-analysis-plateaus', { instances: 40, measures: ['local-optima', 'strict-local-optima'] });
      return r.measures['local-optima'].mean! - r.measures['strict-local-optima'].mean!;
    });
    report('analysis nkp-plateaus', { 'p=0': shares[0], 'p=0.5': shares[1], 'p=0.9': shares[2] });
    expect(shares[0]).toBe(0);
    expect(shares[1]).toBeGreaterThan(0);
    expect(shares[2]).toBeGreaterThan(shares[1]);
  });
});
