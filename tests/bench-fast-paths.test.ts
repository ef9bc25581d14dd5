/**
 * The performance paths behind `npm run bench` compute exactly what the straightforward code computes:
 * - NK: the K-specialised `fitnessAt` and the four-at-a-time `fitnessMany` against the textbook sum of table
 *   contributions, bit for bit, and the evaluator's use of `fitnessMany`;
 * - GA: the word-at-a-time copy and uniform crossover against the gene-by-gene GA (same draws, same children, same
 *   fitness, generation after generation);
 * - CMA-ES: the tiled products and covariance update against the textbook loops of purecmaes (same means, step
 *   sizes and samples over many generations and several eigendecompositions);
 * - GD: the unrolled sphere gradient, the split update, the evaluator's non-finite scan, and the one-pass step
 *   (gradient, fitness and update fused in place, the best point replayed when read) against the four-pass run;
 * - the bench's NK instance is the peers' instance.
 */
import { describe, expect, it } from 'vitest';
import { peerNkInstance } from '../bench/instances.ts';
import type { ContinuousLandscape, DiscreteLandscape } from '../src/core/landscapes/landscape.ts';
import { createNk } from '../src/core/landscapes/nk.ts';
import { symmetricEigen } from '../src/core/linalg/symmetric-eigen.ts';
import { cmaEs } from '../src/core/optimizers/cma-es.ts';
import { ga, type GaParams } from '../src/core/optimizers/ga.ts';
import { addScaled } from '../src/core/optimizers/gradient-method.ts';
import { initialPopulation } from '../src/core/optimizers/initial.ts';
import { geometricGap, logKeep, otherAllele } from '../src/core/optimizers/mutation.ts';
import type { Problem } from '../src/core/optimizers/optimizer.ts';
import { rankDescending } from '../src/core/optimizers/ranking.ts';
import { rankByFitness, tournament, truncation } from '../src/core/optimizers/selection.ts';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import { Rng } from '../src/core/rng.ts';
import { Evaluator } from '../src/core/run/evaluator.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';

/** An Rng that records its 32-bit draws, to rebuild an NK instance's tables (createNk draws them with uint32). */
class RecordingRng extends Rng {
  readonly drawn: number[] = [];
  override uint32(): number {
    const u = super.uint32();
    this.drawn.push(u);
    return u;
  }
}

/** A binary NK landscape and its textbook fitness: Σ_i table[i][x_i x_nb…] / (N·2^24), summed in locus order. */
function nkWithReference(n: number, k: number, kind: 'adjacent' | 'random', seed: string) {
  const rng = new RecordingRng(seed);
  const landscape = createNk(n, k, kind, 2, rng);
  const size = 1 << (k + 1);
  const table = rng.drawn.slice(-n * size).map((u) => u >>> 8);
  const nb = landscape.neighbours;
  const reference = (x: Uint8Array, offset: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let index = x[offset + i];
      for (let j = 0; j < k; j++) index = index * 2 + x[offset + nb[i * k + j]];
      sum += table[i * size + index];
    }
    return sum / (n * 2 ** 24);
  };
  return { landscape, reference };
}

function randomGenes(rng: Rng, length: number): Uint8Array {
  const genes = new Uint8Array(length);
  for (let i = 0; i < length; i++) genes[i] = rng.int(2);
  return genes;
}

describe('NK evaluation fast paths', () => {
  const cases: [number, number, 'adjacent' | 'random'][] = [
    [1, 0, 'random'],
    [5, 2, 'adjacent'],
    [8, 0, 'adjacent'],
    [12, 1, 'random'],
    [16, 2, 'random'],
    [21, 3, 'random'],
    [64, 4, 'random'],
    [64, 4, 'adjacent'],
    [40, 5, 'random'],
    [48, 6, 'random'],
    [32, 7, 'random'],
    [24, 8, 'random'],
    [200, 4, 'random'],
    [300, 2, 'random'],
  ];

  it.each(cases)('fitnessAt and fitnessMany equal the textbook sum bit for bit (N = %i, K = %i, %s)', (n, k, kind) => {
    const { landscape, reference } = nkWithReference(n, k, kind, `nk-${n}-${k}-${kind}`);
    const rng = new Rng(`genes-${n}-${k}`);
    const count = 23;
    // Rows start at several offsets, aligned and not, inside a larger buffer.
    for (const lead of [0, 1, 4, 6]) {
      const buffer = randomGenes(rng, lead + count * n + 3);
      const genes = buffer.subarray(lead);
      const out = new Float64Array(count);
      landscape.fitnessMany?.(genes, 0, count, out);
      for (let c = 0; c < count; c++) {
        const expected = reference(genes, c * n);
        expect(landscape.fitnessAt(genes, c * n)).toBe(expected);
        if (landscape.fitnessMany) expect(out[c]).toBe(expected);
      }
      if (landscape.fitnessMany) {
        const part = new Float64Array(count - 5);
        landscape.fitnessMany(buffer, lead + 5 * n, count - 5, part);
        for (let c = 0; c < count - 5; c++) expect(part[c]).toBe(out[c + 5]);
      }
    }
  });

  it('offers fitnessMany for binary K ≤ 7 only, and the evaluator uses it with the same results', () => {
    expect(nkWithReference(24, 7, 'random', 'a').landscape.fitnessMany).toBeTypeOf('function');
    expect(nkWithReference(24, 8, 'random', 'b').landscape.fitnessMany).toBeUndefined();
    expect(createNk(14, 2, 'random', 3, new Rng('c')).fitnessMany).toBeUndefined();
    const landscape = peerNkInstance();
    const genes = randomGenes(new Rng('evaluator'), 64 * 37);
    const fitness = new Evaluator(landscape, false).evaluate({ kind: 'points', genes, count: 37 }).fitness;
    for (let c = 0; c < 37; c++) expect(fitness[c]).toBe(landscape.fitnessAt(genes, c * 64));
  });

  it('builds the peers’ ga_nk instance (their neighbour checks)', () => {
    const landscape = peerNkInstance();
    expect(Array.from(landscape.neighbours.subarray(0, 8))).toEqual([40, 33, 62, 61, 17, 39, 46, 27]);
  });
});

/** The gene-by-gene GA of the first version of ga.ts (no elitism handling beyond copying, discrete genes only). */
function referenceGa(problem: Problem, p: GaParams, start: { x0: Uint8Array; rng: Rng }, landscape: DiscreteLandscape) {
  const size = p.populationSize;
  const dim = problem.dim;
  let pop = initialPopulation(problem, { x0: start.x0, fitness0: 0, rng: start.rng }, size) as Uint8Array;
  let next: Uint8Array = new Uint8Array(size * dim);
  let fitness = new Float64Array(size);
  let nextFitness = new Float64Array(size);
  const parents = new Int32Array(size - p.elites);
  const order = new Int32Array(size);
  const lk = logKeep(p.mutationRate);
  for (let c = 0; c < size; c++) fitness[c] = landscape.fitnessAt(pop, c * dim);
  return {
    fitness: () => fitness,
    pop: () => pop,
    generation(rng: Rng) {
      if (p.selection === 'tournament') tournament(rng, fitness, size, p.tournamentSize, parents);
      else {
        rankByFitness(fitness, size, order);
        truncation(rng, order, Math.max(1, Math.round(p.truncationShare * size)), parents);
      }
      const children = next.subarray(p.elites * dim);
      const count = parents.length;
      for (let c = 0; c < count; c++) for (let i = 0; i < dim; i++) children[c * dim + i] = pop[parents[c] * dim + i];
      if (p.crossover !== 'none') {
        for (let c = 0; c + 1 < count; c += 2) {
          if (rng.uniform() < p.crossoverRate) {
            const a = c * dim;
            const b = (c + 1) * dim;
            if (p.crossover === 'uniform') {
              for (let g = 0; g < dim; g += 32) {
                let bits = rng.uint32();
                for (let i = g; i < Math.min(dim, g + 32); i++, bits >>>= 1) {
                  if (bits & 1) [children[a + i], children[b + i]] = [children[b + i], children[a + i]];
                }
              }
            } else {
              for (let i = 1 + rng.int(dim - 1); i < dim; i++) [children[a + i], children[b + i]] = [children[b + i], children[a + i]];
            }
          }
        }
      }
      const total = count * dim;
      for (let i = geometricGap(rng, lk); i < total; i += 1 + geometricGap(rng, lk)) children[i] = otherAllele(rng, children[i], problem.alleles);
      if (p.elites > 0) {
        rankByFitness(fitness, size, order);
        for (let e = 0; e < p.elites; e++) {
          const from = p.elites === 1 ? fittestIndex(fitness) : order[e];
          for (let i = 0; i < dim; i++) next[e * dim + i] = pop[from * dim + i];
          nextFitness[e] = fitness[from];
        }
      }
      for (let c = 0; c < count; c++) nextFitness[p.elites + c] = landscape.fitnessAt(children, c * dim);
      [pop, next] = [next, pop];
      [fitness, nextFitness] = [nextFitness, fitness];
    },
  };
}

function fittestIndex(fitness: Float64Array): number {
  let best = 0;
  for (let i = 1; i < fitness.length; i++) if (fitness[i] > fitness[best]) best = i;
  return best;
}

describe('GA fast path', () => {
  it.each([
    [64, 4, { crossover: 'uniform', elites: 0, populationSize: 100 }],
    [64, 4, { crossover: 'uniform', elites: 1, populationSize: 51 }],
    [36, 2, { crossover: 'uniform', elites: 3, populationSize: 40, crossoverRate: 0.5 }],
    [100, 3, { crossover: 'none', elites: 0, populationSize: 30 }],
    [68, 1, { crossover: 'uniform', elites: 0, populationSize: 21, mutationRate: 0.2 }],
    [30, 2, { crossover: 'uniform', elites: 0, populationSize: 20 }],
    [40, 2, { crossover: 'one-point', elites: 0, populationSize: 20 }],
  ] as const)('breeds exactly the gene-by-gene GA’s children (N = %i, K = %i, %o)', (n, k, overrides) => {
    const { landscape } = nkWithReference(n, k, 'random', `ga-${n}-${k}`);
    const problem: Problem = { space: 'discrete', dim: n, alleles: 2, lower: 0, upper: 0 };
    const p = { ...ga.defaults(problem), ...overrides } as GaParams;
    const x0 = randomGenes(new Rng('x0'), n);
    const rngA = new Rng('ga-draws');
    const rngB = new Rng('ga-draws');
    const state = ga.init(rngA, problem, { x0, fitness0: 0, rng: new Rng('population') }, p);
    const reference = referenceGa(problem, p, { x0, rng: new Rng('population') }, landscape);
    const evaluator = new Evaluator(landscape, false);
    const first = ga.ask(rngA, state, p);
    ga.tell(rngA, first, evaluator.evaluate(first), state, p);
    expect(state.fitness).toEqual(reference.fitness());
    for (let generation = 0; generation < 25; generation++) {
      const candidates = ga.ask(rngA, state, p);
      ga.tell(rngA, candidates, evaluator.evaluate(candidates), state, p);
      reference.generation(rngB);
      expect(state.pop).toEqual(reference.pop());
      expect(state.fitness).toEqual(reference.fitness());
    }
    expect(rngA.uint32()).toBe(rngB.uint32());
  });
});

/** purecmaes.m's loops as the first version of cma-es.ts wrote them (eigenvectors as rows, axpy sampling). */
function referenceCma(n: number, lambda: number, x0: Float64Array, sigma0: number) {
  const mu = Math.floor(lambda / 2);
  const weights = new Float64Array(mu);
  for (let i = 0; i < mu; i++) weights[i] = Math.log(mu + 0.5) - Math.log(i + 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  let sumSq = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] /= sum;
    sumSq += weights[i] * weights[i];
  }
  const mueff = 1 / sumSq;
  const cs = (mueff + 2) / (n + mueff + 5);
  const c1 = 2 / ((n + 1.3) ** 2 + mueff);
  const cmu = Math.min(1 - c1, (2 * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff));
  const cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
  const damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const mean = x0.slice();
  let sigma = sigma0;
  const pc = new Float64Array(n);
  const ps = new Float64Array(n);
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) C[i * n + i] = 1;
  const B = new Float64Array(n * n);
  const D = new Float64Array(n).fill(1);
  let identityB = true;
  const Z = new Float64Array(lambda * n);
  const Y = new Float64Array(lambda * n);
  const X = new Float64Array(lambda * n);
  const order = new Int32Array(lambda);
  let counteval = 0;
  let eigeneval = 0;
  return {
    mean,
    sigma: () => sigma,
    ask(rng: Rng): Float64Array {
      rng.fillNormal(Z);
      if (identityB) for (let o = 0; o < lambda * n; o++) Y[o] = D[o % n] * Z[o];
      else {
        Y.fill(0);
        for (let j = 0; j < n; j++) {
          for (let k = 0; k < lambda; k++) {
            const coefficient = D[j] * Z[k * n + j];
            for (let i = 0; i < n; i++) Y[k * n + i] += coefficient * B[j * n + i];
          }
        }
      }
      for (let o = 0; o < lambda * n; o++) X[o] = mean[o % n] + sigma * Y[o];
      return X;
    },
    tell(fitness: Float64Array): void {
      counteval += lambda;
      rankDescending(fitness, lambda, order);
      const zw = new Float64Array(n);
      const yw = new Float64Array(n);
      for (let r = 0; r < mu; r++) {
        for (let i = 0; i < n; i++) {
          zw[i] += weights[r] * Z[order[r] * n + i];
          yw[i] += weights[r] * Y[order[r] * n + i];
        }
      }
      const bz = new Float64Array(n);
      if (identityB) bz.set(zw);
      else for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) bz[i] += zw[j] * B[j * n + i];
      const csFactor = Math.sqrt(cs * (2 - cs) * mueff);
      let psNorm2 = 0;
      for (let i = 0; i < n; i++) {
        mean[i] += sigma * yw[i];
        ps[i] = (1 - cs) * ps[i] + csFactor * bz[i];
        psNorm2 += ps[i] * ps[i];
      }
      const psNorm = Math.sqrt(psNorm2);
      const hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, (2 * counteval) / lambda)) / chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
      const ccFactor = hsig * Math.sqrt(cc * (2 - cc) * mueff);
      for (let i = 0; i < n; i++) pc[i] = (1 - cc) * pc[i] + ccFactor * yw[i];
      const decay = 1 - c1 - cmu + c1 * (1 - hsig) * cc * (2 - cc);
      for (let i = 0; i < n; i++) {
        const pci = c1 * pc[i];
        for (let j = i; j < n; j++) C[i * n + j] = decay * C[i * n + j] + pci * pc[j];
        for (let r = 0; r < mu; r++) {
          const coefficient = cmu * weights[r] * Y[order[r] * n + i];
          for (let j = i; j < n; j++) C[i * n + j] += coefficient * Y[order[r] * n + j];
        }
      }
      sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
      if (counteval - eigeneval > lambda / (c1 + cmu) / n / 10) {
        eigeneval = counteval;
        const values = new Float64Array(n);
        symmetricEigen(n, C, values, B);
        const floor = Math.max(values[n - 1], 0) * 1e-20 || 1e-300;
        for (let i = 0; i < n; i++) D[i] = Math.sqrt(Math.max(values[i], floor));
        identityB = false;
      }
    },
  };
}

describe('CMA-ES fast path', () => {
  it.each([
    [3, 6],
    [10, 10],
    [24, 13],
  ])('samples and adapts exactly like the textbook loops (N = %i, λ = %i)', (n, lambda) => {
    const rastrigin = landscapeDef('rastrigin')!.create(n, {}, new Rng('r')) as { fitnessAt(x: Float64Array, o: number): number };
    const problem: Problem = { space: 'continuous', dim: n, alleles: 0, lower: -5.12, upper: 5.12 };
    const x0 = Float64Array.from({ length: n }, (_, i) => -4 + (8 * i) / n);
    const params = { lambda, mu: Math.floor(lambda / 2), sigma0: 0.7 };
    const rngA = new Rng('cma');
    const rngB = new Rng('cma');
    const state = cmaEs.init(rngA, problem, { x0, fitness0: 0, rng: new Rng('p') }, params);
    const reference = referenceCma(n, lambda, x0, 0.7);
    const fitness = new Float64Array(lambda);
    let decompositions = 0;
    for (let generation = 0; generation < 150; generation++) {
      const candidates = cmaEs.ask(rngA, state, params);
      const X = reference.ask(rngB);
      expect((candidates as { genes: Float64Array }).genes).toEqual(X);
      for (let c = 0; c < lambda; c++) fitness[c] = rastrigin.fitnessAt(X, c * n);
      const before = state.eigeneval;
      cmaEs.tell(rngA, candidates, { fitness }, state, params);
      reference.tell(fitness);
      if (state.eigeneval !== before) decompositions++;
      expect(state.mean).toEqual(reference.mean);
      expect(state.sigma).toBe(reference.sigma());
    }
    expect(decompositions).toBeGreaterThan(2);
  });
});

describe('GD fast paths', () => {
  it('computes the sphere gradient and fitness as the plain loops do', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 1001]) {
      const sphere = landscapeDef('sphere')!.create(n, {}, new Rng('s')) as {
        gradient(x: Float64Array, out: Float64Array): number;
        fitnessAt(x: Float64Array, o: number): number;
      };
      const rng = new Rng(`sphere-${n}`);
      const x = Float64Array.from({ length: n }, () => 10 * rng.normal());
      const g = new Float64Array(n);
      const f = sphere.gradient(x, g);
      // The documented order (sphere.ts): a partial sum per index mod 4, (s0 + s2) + (s1 + s3), then the rest.
      const partial = [0, 0, 0, 0];
      const quads = n - (n % 4);
      for (let i = 0; i < quads; i++) partial[i % 4] += x[i] * x[i];
      let s = partial[0] + partial[2] + (partial[1] + partial[3]);
      for (let i = quads; i < n; i++) s += x[i] * x[i];
      expect(f).toBe(-s);
      expect(f).toBe(sphere.fitnessAt(x, 0));
      expect(g).toEqual(x.map((v) => -2 * v));
    }
  });

  it('updates x ← x + η·g element by element', () => {
    for (const n of [1, 2, 3, 10, 11]) {
      const rng = new Rng(`add-${n}`);
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const g = Float64Array.from({ length: n }, () => rng.normal());
      const expected = x.map((v, i) => v + 0.37 * g[i]);
      addScaled(x, 0.37, g);
      expect(x).toEqual(expected);
    }
  });

  it('replaces non-finite gradients wherever the bad entry sits', () => {
    for (const n of [1, 2, 3, 4, 5, 9, 16, 17]) {
      const sphere = landscapeDef('sphere')!.create(n, {}, new Rng('s'));
      for (let at = 0; at < n; at++) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          const poisoned = { ...sphere, gradient: (x: Float64Array, out: Float64Array) => (out.fill(1), (out[at] = bad), 0) };
          const evaluator = new Evaluator(poisoned as typeof sphere, true);
          const feedback = evaluator.evaluate({ kind: 'points', genes: new Float64Array(n), count: 1 });
          expect(feedback.fitness[0]).toBe(-Infinity);
          expect(Array.from(feedback.gradient!)).toEqual(new Array(n).fill(0));
          expect(evaluator.nonFinite).toBe(1);
        }
      }
      const fine = new Evaluator(sphere, true).evaluate({ kind: 'points', genes: Float64Array.from({ length: n }, (_, i) => i), count: 1 });
      expect(Number.isFinite(fine.fitness[0])).toBe(true);
    }
  });

  it("takes one-pass sphere steps in place, in the kernel's memory, exactly as gradient, copy and update do", () => {
    for (const [n, learningRate, evaluations] of [
      [7, 0.1, 60], // improves every step: the best is always the point just overwritten
      [5, 1, 40], // x ← −x: never strictly better, the best stays the start
      [9, 3, 2000], // x ← −5x until Σx² overflows: diverged, counted as non-finite
      [1001, 0.45, 30],
    ]) {
      const spec: RunSpec = {
        seed: 3,
        replicate: 0,
        landscape: { id: 'sphere', dim: n, params: {} },
        optimizer: { id: 'gd', label: 'gd', params: { learningRate } },
        budget: { evaluations },
        stop: { atOptimum: false, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
        // The run's bookkeeping of measures (its trace, its arithmetic) must not see which path took the step.
        measure: { flops: true, trace: { points: 8, budgets: 5 } },
      };
      const sphere = landscapeDef('sphere')!.create(n, {}, new Rng('s'));
      const fourPass = { ...sphere, gradientStep: undefined };
      const fusedCalls = { count: 0 };
      const counted = {
        ...sphere,
        gradientStep(x: Float64Array, a: number, next: Float64Array) {
          fusedCalls.count++;
          return (sphere as ContinuousLandscape).gradientStep!(x, a, next);
        },
        stepBuffers: (count: number) => (sphere as ContinuousLandscape).stepBuffers!(count),
      };
      // Read after every step: the best point is recomputed each time from the one recomputed before.
      const fused = createRun(spec, { landscape: counted });
      const reference = createRun(spec, { landscape: fourPass });
      fused.step();
      reference.step();
      const point = fused.points().genes;
      const best = fused.bestGenes();
      while (!fused.done) {
        expect(fused.snapshot()).toEqual(reference.snapshot());
        fused.step();
        reference.step();
        expect(fused.points().genes).toBe(point);
        expect(fused.bestGenes()).toBe(best);
      }
      expect(fused.snapshot()).toEqual(reference.snapshot());
      expect(reference.done).toBe(true);
      const result = fused.result();
      expect(result).toEqual(reference.result());
      // Each step replayed at most once (plus, for a diverged run, the steps back to the point it ended on).
      expect(fusedCalls.count).toBeLessThanOrEqual(2 * result.gradientEvaluations + (result.endedAt === 'diverged' ? result.generations : 0));
      // The points lived in the kernel's memory (its step buffers), so the kernel took the steps.
      expect(fused.bestGenes().buffer).toBe(fused.points().genes.buffer);
      expect(fused.bestGenes().buffer).not.toBe(reference.bestGenes().buffer);
      if (learningRate === 3) expect([result.endedAt, result.nonFinite]).toEqual(['diverged', 1]);

      // Read only at the end: no step costs more than the step itself until then.
      fusedCalls.count = 0;
      const unread = createRun(spec, { landscape: counted });
      unread.finish();
      // A diverged run ends on the point it evaluated last, which its last step overwrote: replayed from the start.
      expect(fusedCalls.count).toBe(result.gradientEvaluations + (result.endedAt === 'diverged' ? result.generations : 0));
      expect(unread.snapshot()).toEqual(reference.snapshot());
      // The best's generation: the last for a descent improving every step, the start's for one that never improves.
      if (learningRate === 0.1) expect(fusedCalls.count).toBe(2 * result.gradientEvaluations - 1);
      if (learningRate === 1) expect(fusedCalls.count).toBe(result.gradientEvaluations);
    }
  });

  it("keeps the start as the best when the first one-pass step improves on it, out of the optimizer's own buffer", () => {
    // A start whose fitness reads as −∞ (as a non-finite one does): the first step, which evaluates the start again,
    // improves on it, so the start must move into the step buffers as the best.
    const n = 6;
    const sphere = landscapeDef('sphere')!.create(n, {}, new Rng('s')) as ContinuousLandscape;
    const unread = { ...sphere, fitnessAt: () => -Infinity };
    const fused = {
      ...unread,
      gradientStep: (x: Float64Array, a: number, next: Float64Array) => sphere.gradientStep!(x, a, next),
      stepBuffers: (count: number) => sphere.stepBuffers!(count),
    };
    const spec: RunSpec = {
      seed: 5,
      replicate: 0,
      landscape: { id: 'sphere', dim: n, params: {} },
      optimizer: { id: 'gd', label: 'gd', params: { learningRate: 1 } },
      budget: { evaluations: 20 },
      stop: { atOptimum: false, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
    };
    const a = createRun(spec, { landscape: fused });
    const b = createRun(spec, { landscape: unread });
    a.finish();
    b.finish();
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.snapshot().trace.length).toBe(4); // the start, then the first step
    expect(a.bestGenes().buffer).toBe(a.points().genes.buffer);
  });

  it('keeps the best point through one-pass steps that improve and steps that do not', () => {
    // f(x) = cos(Σx): with a large step the sum jumps around chaotically, so improvements come irregularly.
    const n = 6;
    const step = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i];
      return s;
    };
    const wave = {
      ...(landscapeDef('sphere')!.create(n, {}, new Rng('s')) as ContinuousLandscape),
      id: 'wave',
      optimumFitness: undefined,
      gradientStep: undefined,
      fitnessAt: (x: Float64Array, o: number) => Math.cos(step(o === 0 ? x : x.subarray(o, o + n))),
      gradient(x: Float64Array, out: Float64Array) {
        const s = step(x);
        out.fill(-Math.sin(s));
        return Math.cos(s);
      },
    };
    const fused = {
      ...wave,
      gradientStep(x: Float64Array, a: number, next: Float64Array) {
        const s = step(x);
        const g = -Math.sin(s);
        for (let i = 0; i < n; i++) next[i] = x[i] + a * g;
        return Math.cos(s);
      },
    };
    const spec: RunSpec = {
      seed: 4,
      replicate: 0,
      landscape: { id: 'sphere', dim: n, params: {} },
      optimizer: { id: 'gd', label: 'gd', params: { learningRate: 2.7 } },
      budget: { evaluations: 400 },
      stop: { atOptimum: false, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
    };
    const a = createRun(spec, { landscape: fused });
    const b = createRun(spec, { landscape: wave });
    a.finish();
    b.finish();
    const [sa, sb] = [a.snapshot(), b.snapshot()];
    expect(sa).toEqual(sb);
    expect(sa.best).toEqual(Float64Array.from(sa.best)); // not aliased to the incumbent by accident
    const improvements = sa.trace.length / 2;
    expect(improvements).toBeGreaterThan(3);
    expect(improvements).toBeLessThan(sa.generations);
  });
});
