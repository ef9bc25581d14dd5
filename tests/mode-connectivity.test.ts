/**
 * Mode connectivity (docs/networks.md): the linear assignment solver against brute force, permuted networks compute
 * the same loss, weight matching recovers a planted permutation (shared across residual layers, with tanh sign
 * flips), the barrier of a network with itself is zero, and
 * after weight matching the barrier between independently trained networks is lower (Entezari et al. 2022;
 * Ainsworth et al. 2023).
 */
import { describe, expect, it } from 'vitest';
import { architectureOf, type MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import { interpolationCurve } from '../src/core/metrics/mode-connectivity.ts';
import { type Architecture, Network, parameterCount } from '../src/core/nets/mlp-net.ts';
import { AssignmentSolver, permutationClasses, permuteNetwork, solveAssignment, weightMatching } from '../src/core/nets/permutation.ts';
import { createLandscape } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';

const def = landscapeDef('mlp')!;

function make(fields: Record<string, unknown>): { landscape: MlpLandscape; arch: Architecture } {
  const params = def.params.parse(fields);
  const landscape = def.create(def.dimOf!(params), params, deriveRng('mode-connectivity-test', 0)) as MlpLandscape;
  return { landscape, arch: architectureOf(params as never) };
}

function randomWeights(dim: number, rng: Rng): Float64Array {
  const x = new Float64Array(dim);
  for (let i = 0; i < dim; i++) x[i] = 2 * rng.uniform() - 1;
  return x;
}

function randomPermutation(m: number, rng: Rng): Int32Array {
  const p = Int32Array.from({ length: m }, (_, j) => j);
  for (let i = m - 1; i > 0; i--) {
    const k = Math.floor(rng.uniform() * (i + 1));
    [p[i], p[k]] = [p[k], p[i]];
  }
  return p;
}

/** The least Σ cost[i, σ(i)] over all n! permutations σ (Heap's algorithm). */
function bruteForce(cost: Float64Array, n: number): number {
  const p = Array.from({ length: n }, (_, j) => j);
  const c = new Array<number>(n).fill(0);
  const total = () => p.reduce((s, j, i) => s + cost[i * n + j], 0);
  let best = total();
  let i = 1;
  while (i < n) {
    if (c[i] < i) {
      const k = i % 2 === 0 ? 0 : c[i];
      [p[k], p[i]] = [p[i], p[k]];
      best = Math.min(best, total());
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return best;
}

describe('linear assignment (Hungarian method)', () => {
  it('finds the optimum of random matrices, n = 1 … 7, against brute force over all permutations', () => {
    const rng = new Rng('lap');
    const solver = new AssignmentSolver(7);
    const out = new Int32Array(7);
    for (let n = 1; n <= 7; n++) {
      for (let trial = 0; trial < 20; trial++) {
        const cost = new Float64Array(n * n);
        // Continuous costs, small-integer costs (many ties) and negative costs.
        for (let i = 0; i < n * n; i++) cost[i] = trial % 3 === 0 ? rng.normal() : trial % 3 === 1 ? Math.floor(4 * rng.uniform()) : -10 * rng.uniform();
        const total = solver.solve(cost, n, out);
        // A permutation, whose cost is the returned total and the brute-force minimum.
        expect(new Set(Array.from(out.subarray(0, n))).size).toBe(n);
        let check = 0;
        for (let r = 0; r < n; r++) check += cost[r * n + out[r]];
        expect(total).toBe(check);
        expect(total).toBeCloseTo(bruteForce(cost, n), 10);
      }
    }
  });

  it('is deterministic and breaks ties towards low columns (an all-equal matrix gives the identity)', () => {
    const { assignment } = solveAssignment(new Float64Array(25).fill(1), 5);
    expect(Array.from(assignment)).toEqual([0, 1, 2, 3, 4]);
    const cost = Float64Array.from({ length: 36 }, (_, i) => Math.floor((i * 7) % 5));
    expect(solveAssignment(cost, 6)).toEqual(solveAssignment(cost, 6));
    expect(() => solveAssignment(Float64Array.from([0, NaN, 1, 2]), 2)).toThrow(/NaN/);
  });
});

describe('permutations of hidden units', () => {
  it.each([
    ['[7]', [7], 'relu'],
    ['[5, 4, 6]', [5, 4, 6], 'tanh'],
  ] as const)('a permuted network %s computes the same loss (within 1e-12 relative)', (_label, hidden, activation) => {
    const { landscape, arch } = make({ hidden, activation, dataset: 'spirals', samples: 120 });
    const rng = new Rng(`perm-${hidden}`);
    const w = randomWeights(landscape.dim, rng);
    const perms = arch.hidden.map((m) => randomPermutation(m, rng));
    const moved = permuteNetwork(arch, w, perms, new Float64Array(landscape.dim));
    expect(moved).not.toEqual(w);
    const f = landscape.fitnessAt(w, 0);
    expect(Math.abs(landscape.fitnessAt(moved, 0) - f)).toBeLessThanOrEqual(1e-12 * Math.abs(f));
  });

  it.each([
    ['[16]', [16]],
    ['[8, 6]', [8, 6]],
    ['[10, 10, 10]', [10, 10, 10]],
  ] as const)('weight matching recovers a planted permutation exactly, hidden %s', (_label, hidden) => {
    const arch: Architecture = { inputs: 3, hidden, activation: 'relu', residual: false, loss: 'mse' };
    const dim = parameterCount(arch);
    const rng = new Rng(`planted-${hidden}`);
    const a = randomWeights(dim, rng);
    const perms = arch.hidden.map((m) => randomPermutation(m, rng));
    const b = permuteNetwork(arch, a, perms, new Float64Array(dim));
    const m = weightMatching(arch, a, b);
    expect(m.converged).toBe(true);
    expect(m.aligned).toEqual(a);
  });

  it('a permutation that breaks a skip connection is refused; unequal widths have no skip connection', () => {
    const arch: Architecture = { inputs: 2, hidden: [4, 4], activation: 'tanh', residual: true, loss: 'mse' };
    const dim = parameterCount(arch);
    const w = randomWeights(dim, new Rng('res'));
    const id = Int32Array.from([0, 1, 2, 3]);
    expect(() => permuteNetwork(arch, w, [Int32Array.from([1, 0, 2, 3]), id], new Float64Array(dim))).toThrow(/same permutation/);
    const plus = new Int8Array(4).fill(1);
    expect(() => permuteNetwork(arch, w, [id, id], new Float64Array(dim), [Int8Array.from([1, -1, 1, 1]), plus])).toThrow(/same signs/);
    expect(Array.from(permutationClasses({ ...arch, hidden: [4, 4, 3, 3, 3, 5] }))).toEqual([0, 0, 2, 2, 2, 5]);
    expect(Array.from(permutationClasses({ ...arch, hidden: [4, 4, 3, 3, 3, 5], residual: false }))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

/** The outputs of network `w` on `rows` random inputs. */
function outputs(arch: Architecture, w: Float64Array, rows: number): Float64Array {
  const rng = new Rng('outputs');
  const x = Float64Array.from({ length: rows * arch.inputs }, () => 4 * rng.uniform() - 2);
  const out = new Float64Array(rows);
  new Network(arch, x, new Float64Array(rows)).predict(w, 0, x, rows, out);
  return out;
}

function expectSameFunction(arch: Architecture, w: Float64Array, v: Float64Array): void {
  const f = outputs(arch, w, 200);
  const g = outputs(arch, v, 200);
  let worst = 0;
  for (let i = 0; i < f.length; i++) worst = Math.max(worst, Math.abs(f[i] - g[i]) / Math.max(1, Math.abs(f[i])));
  expect(worst).toBeLessThanOrEqual(1e-12);
}

/** A random permutation (and, with `flip`, random signs) per class of layers that must share one. */
function plant(arch: Architecture, rng: Rng, flip: boolean): { perms: Int32Array[]; signs: Int8Array[] } {
  const first = permutationClasses(arch);
  const perms: Int32Array[] = [];
  const signs: Int8Array[] = [];
  arch.hidden.forEach((m, h) => {
    perms.push(first[h] === h ? randomPermutation(m, rng) : perms[h - 1]);
    signs.push(first[h] === h ? Int8Array.from({ length: m }, () => (flip && rng.uniform() < 0.5 ? -1 : 1)) : signs[h - 1]);
  });
  return { perms, signs };
}

describe('weight matching of residual networks and tanh sign flips', () => {
  it.each([
    ['[8, 8, 8]', [8, 8, 8], 'relu'],
    ['[6, 8, 8, 5, 5]', [6, 8, 8, 5, 5], 'relu'],
    ['[10, 10]', [10, 10], 'sigmoid'],
  ] as const)('recovers a planted shared permutation of a residual net %s exactly; the function is unchanged', (_label, hidden, activation) => {
    const arch: Architecture = { inputs: 3, hidden, activation, residual: true, loss: 'mse' };
    const dim = parameterCount(arch);
    const rng = new Rng(`residual-${hidden}`);
    const a = randomWeights(dim, rng);
    const { perms } = plant(arch, rng, false);
    const b = permuteNetwork(arch, a, perms, new Float64Array(dim));
    expect(b).not.toEqual(a);
    expectSameFunction(arch, a, b);
    const m = weightMatching(arch, a, b);
    expect(m.converged).toBe(true);
    expect(m.aligned).toEqual(a);
    expect(m.signs.every((s) => s.every((x) => x === 1))).toBe(true);
    // Every layer of a class reports the class's permutation.
    const first = permutationClasses(arch);
    for (let h = 1; h < hidden.length; h++) if (first[h] !== h) expect(m.permutations[h]).toEqual(m.permutations[h - 1]);
  });

  it('the barrier of a trained residual net with its own permuted copy is zero after matching (and not before)', () => {
    const params = { hidden: [8, 8], residual: true, activation: 'relu', loss: 'mse', dataset: 'circles', samples: 128 };
    const arch = architectureOf(def.params.parse(params) as never);
    expect(Array.from(permutationClasses(arch))).toEqual([0, 0]);
    const spec: RunSpec = {
      seed: 'residual-barrier',
      replicate: 0,
      landscape: { id: 'mlp', dim: parameterCount(arch), params },
      optimizer: { id: 'adam', label: 'adam', params: { learningRate: 0.02 } },
      budget: { evaluations: 3 * 200 },
      stop: { atOptimum: false, deadEnd: false, tolerance: 0, gradientTolerance: 0 },
    };
    const landscape = createLandscape(spec.landscape, spec.seed, 0) as MlpLandscape;
    const run = createRun(spec, { landscape });
    run.finish();
    // Random weights sit where shrinking them towards the midpoint lowers the loss; a trained net does not.
    const a = run.bestGenes().slice() as Float64Array;
    const b = permuteNetwork(arch, a, plant(arch, new Rng('residual-barrier'), false).perms, new Float64Array(landscape.dim));
    expect(interpolationCurve(landscape, a, b, 11).barrier).toBeGreaterThan(0.01);
    expect(interpolationCurve(landscape, a, weightMatching(arch, a, b).aligned, 11).barrier).toBe(0);
  });

  it.each([
    ['relu [12, 12, 12]', [12, 12, 12], 'relu'],
    ['tanh [12, 12, 8]', [12, 12, 8], 'tanh'],
    ['tanh [9, 9, 9, 9]', [9, 9, 9, 9], 'tanh'],
  ] as const)('never lowers the similarity objective from sweep to sweep, unrelated residual nets %s', (_label, hidden, activation) => {
    const arch: Architecture = { inputs: 4, hidden, activation, residual: true, loss: 'mse' };
    const dim = parameterCount(arch);
    let rose = 0;
    for (let trial = 0; trial < 5; trial++) {
      const rng = new Rng(`monotone-${hidden}-${trial}`);
      const a = randomWeights(dim, rng);
      const b = randomWeights(dim, rng);
      const m = weightMatching(arch, a, b);
      let start = 0;
      for (let i = 0; i < dim; i++) start += a[i] * b[i];
      expect(m.history[0]).toBe(start);
      for (let s = 1; s < m.history.length; s++) expect(m.history[s]).toBeGreaterThanOrEqual(m.history[s - 1]);
      expect(m.similarity).toBe(m.history[m.history.length - 1]);
      if (m.similarity > start) rose++;
      expectSameFunction(arch, b, m.aligned);
    }
    // The linearised assignment alone stopped at the identity in 1 to 5 of 20 random pairs per architecture; with the
    // cycle split and the local search, none of 20 did.
    expect(rose).toBe(5);
  });

  it('ends at a local optimum of a residual class: no swap of two units (or tanh flip of one) raises the objective', () => {
    for (const activation of ['relu', 'tanh'] as const) {
      const arch: Architecture = { inputs: 3, hidden: [7, 7, 7], activation, residual: true, loss: 'mse' };
      const dim = parameterCount(arch);
      const rng = new Rng(`local-${activation}`);
      const a = randomWeights(dim, rng);
      const b = randomWeights(dim, rng);
      const m = weightMatching(arch, a, b);
      const out = new Float64Array(dim);
      const objective = (perm: Int32Array, sign: Int8Array) => {
        permuteNetwork(arch, b, [perm, perm, perm], out, [sign, sign, sign]);
        return a.reduce((s, x, i) => s + x * out[i], 0);
      };
      expect(objective(m.permutations[0], m.signs[0])).toBeCloseTo(m.similarity, 12);
      for (let i = 0; i < 7; i++) {
        for (let j = i; j < 7; j++) {
          const perm = m.permutations[0].slice();
          const sign = m.signs[0].slice();
          if (i === j && activation === 'relu') continue;
          if (i === j) sign[i] = -sign[i];
          else {
            [perm[i], perm[j]] = [perm[j], perm[i]];
            [sign[i], sign[j]] = [sign[j], sign[i]];
          }
          expect(objective(perm, sign)).toBeLessThanOrEqual(m.similarity + 1e-9);
        }
      }
      // Sign search starts from the permutation-only optimum too, so it never ends below it.
      if (activation === 'tanh') expect(m.similarity).toBeGreaterThanOrEqual(weightMatching(arch, a, b, { signs: false }).similarity);
    }
  });

  it.each([
    ['[16]', [16], false],
    ['[8, 6]', [8, 6], false],
    ['residual [7, 7, 7]', [7, 7, 7], true],
    ['residual [6, 9, 9]', [6, 9, 9], true],
  ] as const)('tanh %s: a planted permutation with sign flips is recovered exactly; the function is unchanged', (_label, hidden, residual) => {
    const arch: Architecture = { inputs: 3, hidden, activation: 'tanh', residual, loss: 'mse' };
    const dim = parameterCount(arch);
    const rng = new Rng(`signs-${hidden}-${residual}`);
    const a = randomWeights(dim, rng);
    const { perms, signs } = plant(arch, rng, true);
    expect(signs.some((s) => s.includes(-1))).toBe(true);
    const b = permuteNetwork(arch, a, perms, new Float64Array(dim), signs);
    expectSameFunction(arch, a, b);
    const m = weightMatching(arch, a, b);
    expect(m.converged).toBe(true);
    expect(m.aligned).toEqual(a);
    expectSameFunction(arch, b, m.aligned);
    // Permutations alone cannot undo the flips.
    expect(weightMatching(arch, a, b, { signs: false }).aligned).not.toEqual(a);
  });

  it('ReLU and sigmoid nets never flip; asking them to, or a negative sign, is refused', () => {
    for (const activation of ['relu', 'sigmoid'] as const) {
      const arch: Architecture = { inputs: 2, hidden: [6, 6], activation, residual: true, loss: 'mse' };
      const dim = parameterCount(arch);
      const rng = new Rng(`noflip-${activation}`);
      const a = randomWeights(dim, rng);
      const b = randomWeights(dim, rng);
      // The negation of b correlates perfectly with −b, which tanh would fix by flipping every unit.
      const negated = b.map((x) => -x);
      for (const other of [b, negated]) expect(weightMatching(arch, a, other).signs.every((s) => s.every((x) => x === 1))).toBe(true);
      expect(() => weightMatching(arch, a, b, { signs: true })).toThrow(/odd activation/);
      const id = Int32Array.from({ length: 6 }, (_, j) => j);
      const flip = Int8Array.from([-1, 1, 1, 1, 1, 1]);
      expect(() => permuteNetwork(arch, a, [id, id], new Float64Array(dim), [flip, flip])).toThrow(/tanh/);
    }
  });
});

describe('loss barriers', () => {
  it('the barrier of a network with itself is zero; the curve ends at the end losses', () => {
    const { landscape } = make({ hidden: [6], dataset: 'circles', samples: 80 });
    const rng = new Rng('self');
    const a = randomWeights(landscape.dim, rng);
    const self = interpolationCurve(landscape, a, a, 11);
    expect(self.barrier).toBe(0);
    expect(self.peak).toBe(0);
    const b = randomWeights(landscape.dim, rng);
    const c = interpolationCurve(landscape, a, b, 11);
    expect(c.loss[0]).toBe(-landscape.fitnessAt(a, 0));
    expect(c.loss[10]).toBe(-landscape.fitnessAt(b, 0));
    expect(c.barrier).toBeGreaterThanOrEqual(0);
    expect(c.t[5]).toBe(0.5);
  });

  // Sample: 6 pairs of 2-16-1 ReLU networks, Adam (η = 0.01) for 400 steps from different seeds on one circles data
  // set (192 training rows, mse). Measured: barriers before 0.413, 0.193, 0.584, 0.218, 0.467, 0.540 (mean 0.403 ±
  // 0.067 s.e.), after weight matching 0.015, 0.050, 0.035, 0.017, 0.060, 0.018 (0.033 ± 0.008): every pair's barrier
  // fell, by a factor 4 to 30. The test asserts the direction per pair and a halving of the mean.
  it('after weight matching, the barrier between independently trained networks is lower', () => {
    const params = { hidden: [16], activation: 'relu', loss: 'mse', dataset: 'circles', samples: 256 };
    const arch = architectureOf(def.params.parse(params) as never);
    const spec = (replicate: number): RunSpec => ({
      seed: 'mode-connectivity-test',
      replicate,
      landscape: { id: 'mlp', dim: parameterCount(arch), params },
      optimizer: { id: 'adam', label: 'adam', params: { learningRate: 0.01 } },
      budget: { evaluations: 3 * 400 },
      stop: { atOptimum: false, deadEnd: false, tolerance: 0, gradientTolerance: 0 },
    });
    const landscape = createLandscape(spec(0).landscape, 'mode-connectivity-test', 0) as MlpLandscape;
    const train = (replicate: number): Float64Array => {
      const run = createRun(spec(replicate), { landscape });
      run.finish();
      return run.bestGenes().slice() as Float64Array;
    };
    const before: number[] = [];
    const after: number[] = [];
    for (let r = 0; r < 6; r++) {
      const a = train(2 * r);
      const b = train(2 * r + 1);
      before.push(interpolationCurve(landscape, a, b, 25).barrier);
      after.push(interpolationCurve(landscape, a, weightMatching(arch, a, b).aligned, 25).barrier);
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    for (let r = 0; r < 6; r++) expect(after[r]).toBeLessThan(before[r]);
    expect(mean(after)).toBeLessThan(mean(before) / 2);
  });
});
