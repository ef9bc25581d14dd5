/**
 * The `mlp` landscape: backpropagation against central differences for every activation × loss × depth (with and
 * without residual connections), minibatch gradients, the data sets (deterministic per stream, the shapes they
 * promise), the train/test split, the derived dimension, the Glorot/He initial points, and every continuous
 * optimizer of the registry on the same weights.
 */
import { describe, expect, it } from 'vitest';
import { architectureOf, createMlp, type MlpLandscape } from '../src/core/landscapes/mlp.ts';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import { DATASET_IDS, makeDataset, type DatasetId } from '../src/core/nets/datasets.ts';
import { fastExp, fastTanh } from '../src/core/nets/fast-math.ts';
import { ACTIVATIONS, initScale, LOSSES } from '../src/core/nets/mlp-net.ts';
import { optimizers } from '../src/core/optimizers/registry.ts';
import { createLandscape, createStart, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';
import { expandCells } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { resultLine, summarise } from '../src/scenario/results.ts';

const def = landscapeDef('mlp')!;

function make(fields: Record<string, unknown>, replicate = 0): MlpLandscape {
  const params = def.params.parse(fields);
  return def.create(def.dimOf!(params), params, deriveRng('mlp-test', replicate)) as MlpLandscape;
}

function randomWeights(dim: number, rng: Rng, scale = 1): Float64Array {
  const x = new Float64Array(dim);
  for (let i = 0; i < dim; i++) x[i] = scale * (2 * rng.uniform() - 1);
  return x;
}

function expectGradientMatches(l: MlpLandscape, x: Float64Array, g: Float64Array, f: number): void {
  let worst = 0;
  for (let i = 0; i < l.dim; i++) {
    const h = 1e-6;
    const xp = x.slice();
    const xm = x.slice();
    xp[i] += h;
    xm[i] -= h;
    const numeric = (l.fitnessAt(xp, 0) - l.fitnessAt(xm, 0)) / (2 * h);
    worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1, Math.abs(g[i]), Math.abs(f)));
  }
  expect(worst).toBeLessThan(1e-6);
}

const depths: { hidden: number[]; residual: boolean }[] = [
  { hidden: [], residual: false },
  { hidden: [5], residual: false },
  { hidden: [4, 3], residual: false },
  { hidden: [4, 4, 4], residual: false },
  { hidden: [4, 4, 4], residual: true },
  { hidden: [3, 5, 5, 2], residual: true },
];

describe('mlp gradients', () => {
  describe.each(ACTIVATIONS)('activation %s', (activation) => {
    it.each(LOSSES.flatMap((loss) => depths.map((d) => [loss, JSON.stringify(d.hidden), d.residual, d.hidden] as const)))(
      '%s, hidden %s, residual %s: backpropagation matches central differences',
      (loss, _label, residual, hidden) => {
        // 70 rows: one full chunk of 64 and a partial one, pairs and an odd row.
        const l = make({ hidden, residual, activation, loss, dataset: 'spirals', samples: 93, testFraction: 0.25 });
        const rng = new Rng(`fd-${activation}-${loss}-${hidden}-${residual}`);
        for (let trial = 0; trial < 2; trial++) {
          const x = randomWeights(l.dim, rng);
          const g = new Float64Array(l.dim);
          const f = l.gradient!(x, g);
          expect(f).toBe(l.fitnessAt(x, 0));
          expectGradientMatches(l, x, g, f);
        }
      },
    );
  });

  it('a teacher data set with many inputs and wide layers (blocked loops with remainders)', () => {
    const l = make({ hidden: [9, 9], residual: true, activation: 'tanh', dataset: 'teacher', inputs: 7, teacherWidth: 5, samples: 131 });
    const x = randomWeights(l.dim, new Rng('wide'), 0.7);
    const g = new Float64Array(l.dim);
    const f = l.gradient!(x, g);
    expect(f).toBe(l.fitnessAt(x, 0));
    expectGradientMatches(l, x, g, f);
  });

  it('minibatch gradients: all rows = the full gradient; a minibatch = the mean of its rows’ gradients', () => {
    const l = make({ hidden: [6, 6], residual: true, activation: 'relu', loss: 'cross-entropy', dataset: 'xor', samples: 100 });
    const n = l.samples;
    expect(n).toBe(75);
    const x = randomWeights(l.dim, new Rng('mb'));
    const full = new Float64Array(l.dim);
    const fFull = l.gradient!(x, full);
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const viaMinibatch = new Float64Array(l.dim);
    expect(l.minibatchGradient!(x, all, 0, n, viaMinibatch)).toBe(fFull);
    expect(viaMinibatch).toEqual(full);
    const rows = Int32Array.from([3, 70, 11, 42, 5]);
    const g = new Float64Array(l.dim);
    const f = l.minibatchGradient!(x, rows, 1, 4, g);
    const mean = new Float64Array(l.dim);
    const one = new Float64Array(l.dim);
    let fMean = 0;
    for (let r = 1; r < 4; r++) {
      fMean += l.minibatchGradient!(x, rows, r, r + 1, one) / 3;
      for (let i = 0; i < l.dim; i++) mean[i] += one[i] / 3;
    }
    expect(f).toBeCloseTo(fMean, 12);
    for (let i = 0; i < l.dim; i++) expect(g[i]).toBeCloseTo(mean[i], 12);
  });

  it('the loss of a set of rows does not depend on chunks or offsets (fitness of population rows)', () => {
    const l = make({ hidden: [5], dataset: 'circles', samples: 300 });
    const rng = new Rng('rows');
    const a = randomWeights(l.dim, rng);
    const b = randomWeights(l.dim, rng);
    const pop = new Float64Array(2 * l.dim);
    pop.set(a, 0);
    pop.set(b, l.dim);
    expect(l.fitnessAt(pop, l.dim)).toBe(l.fitnessAt(b, 0));
    expect(l.fitnessAt(pop, 0)).toBe(l.fitnessAt(a, 0));
    // By hand, one row at a time, for MSE: the mean of (output − target)².
    const { x, y } = l.data;
    let total = 0;
    for (let s = 0; s < l.samples; s++) {
      const h = new Float64Array(5);
      for (let j = 0; j < 5; j++) h[j] = Math.tanh(a[10 + j] + x[2 * s] * a[j] + x[2 * s + 1] * a[5 + j]);
      let out = a[20];
      for (let j = 0; j < 5; j++) out += h[j] * a[15 + j];
      total += (out - y[s]) ** 2;
    }
    expect(-l.fitnessAt(a, 0)).toBeCloseTo(total / l.samples, 12);
  });
});

describe('mlp predictions and residual connections', () => {
  it('predicts the outputs the loss is computed from', () => {
    for (const loss of LOSSES) {
      const l = make({ hidden: [6, 3], activation: 'sigmoid', loss, dataset: 'gaussians', samples: 150, testFraction: 0 });
      const x = randomWeights(l.dim, new Rng(`predict-${loss}`));
      const out = new Float64Array(150);
      l.network.predict(x, 0, l.data.x, 150, out);
      let total = 0;
      for (let s = 0; s < 150; s++) {
        const t = l.data.y[s];
        total += loss === 'mse' ? (out[s] - t) ** 2 : Math.log1p(Math.exp(-t * out[s]));
      }
      expect(-l.fitnessAt(x, 0)).toBeCloseTo(total / 150, 12);
    }
  });

  it('a residual layer with zero weights passes its input through; without the skip it outputs φ(0)', () => {
    const fields = { hidden: [4, 4], activation: 'tanh', dataset: 'xor', samples: 10 } as const;
    const plain = make({ ...fields, residual: false });
    const residual = make({ ...fields, residual: true });
    // Layer 0: 2 → 4 (12 numbers), layer 1: 4 → 4 (20, all zero), layer 2: 4 → 1 (5).
    const x = randomWeights(plain.dim, new Rng('skip'));
    x.fill(0, 12, 32);
    const point = Float64Array.from([0.3, -0.7]);
    const h = Array.from({ length: 4 }, (_, j) => Math.tanh(x[8 + j] + 0.3 * x[j] - 0.7 * x[4 + j]));
    const expected = x[36] + h.reduce((sum, v, j) => sum + v * x[32 + j], 0);
    const out = new Float64Array(1);
    residual.network.predict(x, 0, point, 1, out);
    expect(out[0]).toBeCloseTo(expected, 14);
    plain.network.predict(x, 0, point, 1, out);
    expect(out[0]).toBe(x[36]);
  });
});

describe('mlp knobs for the experiments: depth, a dead layer, random labels', () => {
  const parseError = (landscape: string) => {
    try {
      parseScenario(`schemaVersion: 1\ntitle: net\nlandscape: ${landscape}\noptimizers: [{id: gd}]\nbudget: {evaluations: 100}\n`, 'net.yaml');
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };

  it('depth repeats the one width of hidden; with more widths it is a located error', () => {
    expect(architectureOf(def.params.parse({ hidden: [5], depth: 3 })).hidden).toEqual([5, 5, 5]);
    expect(architectureOf(def.params.parse({ hidden: [5, 2] })).hidden).toEqual([5, 2]);
    expect(parseError('{id: mlp, hidden: [4, 4], depth: 3}')).toMatch(/net\.yaml:3:\d+: landscape\.depth: .*exactly one/);
  });

  it('a dead layer starts at 0 and gets no gradient; plain, nothing before it learns either; residual, the rest does', () => {
    const fields = { hidden: [6], depth: 3, activation: 'relu', dataset: 'circles', samples: 40, stuckLayer: { layer: 1 } };
    const arch = architectureOf(def.params.parse(fields));
    // Weight layers: 2 → 6 (18 numbers), 6 → 6 (42, the dead one), 6 → 6 (42), 6 → 1 (7).
    const scale = problemOf({ id: 'mlp', dim: 109, params: fields }).scale!;
    expect(scale.subarray(18, 60)).toEqual(new Float64Array(42));
    expect(scale.subarray(0, 12).every((v) => v > 0) && scale.subarray(60, 96).every((v) => v > 0)).toBe(true);
    for (const residual of [false, true]) {
      const spec = { id: 'mlp', dim: 109, params: { ...fields, residual } };
      const landscape = createLandscape(spec, 'dead', 0) as MlpLandscape;
      const x0 = createStart(landscape, problemOf(spec), 'dead', 0).x0 as Float64Array;
      // −0 where the uniform draw was negative: zero all the same.
      expect(x0.subarray(18, 60).every((v) => v === 0)).toBe(true);
      const g = new Float64Array(109);
      landscape.gradient!(x0, g);
      expect(g.subarray(18, 60).every((v) => v === 0)).toBe(true);
      const before = g.subarray(0, 18).some((v) => v !== 0);
      const after = g.subarray(60, 96).some((v) => v !== 0);
      expect([before, after]).toEqual(residual ? [true, true] : [false, false]);
    }
    expect(arch.hidden.length).toBe(3);
  });

  it('branchScale scales the initial weights of the skip layers only, and only in a residual network', () => {
    const scaleOf = (fields: Record<string, unknown>) => problemOf({ id: 'mlp', dim: 109, params: { hidden: [6], depth: 3, activation: 'relu', ...fields } }).scale!;
    const plain = scaleOf({});
    const residual = scaleOf({ residual: true, branchScale: 0.25 });
    // Weight layers 1 and 2 (6 → 6, offsets 18 .. 102) carry skips; layer 0 (2 → 6) and the output layer do not.
    for (let i = 0; i < 109; i++) expect(residual[i]).toBe(i >= 18 && i < 102 ? 0.25 * plain[i] : plain[i]);
    expect(scaleOf({ branchScale: 0.25 })).toEqual(plain);
  });

  it('a dead layer must exist and be ReLU (zero is no trap for tanh)', () => {
    expect(parseError('{id: mlp, hidden: [4, 4], activation: relu, stuckLayer: {layer: 2}}')).toMatch(/landscape\.stuckLayer\.layer: the network has 2 hidden layers \(0 to 1\), not 2/);
    expect(parseError('{id: mlp, hidden: [4, 4], stuckLayer: {layer: 1}}')).toMatch(/landscape\.stuckLayer\.as: a dead layer needs activation relu: tanh/);
  });

  it('random labels and a shaped start are refused where they cannot apply: a CSV, a saved start', () => {
    const csv = '{text: "a,y\\n1,2\\n2,3\\n3,5\\n4,4\\n", inputs: [a], target: y, task: regression}';
    expect(parseError(`{id: mlp, data: ${csv}, labels: random}`)).toMatch(/landscape\.labels: random labels shuffle a generated data set/);
    expect(parseError('{id: mlp, activation: relu, hidden: [4, 4], stuckLayer: {layer: 1}, start: {text: "{}"}}')).toMatch(/landscape\.stuckLayer: a saved start fixes every weight/);
  });

  it('random labels: the same inputs, the targets a permutation of the true ones, one per stream', () => {
    for (const id of ['circles', 'teacher'] as const) {
      const options = { id, count: 120, noise: 0, inputs: 2, teacherWidth: 4, activation: 'tanh' as const };
      const truth = makeDataset(options, new Rng('labels'));
      const random = makeDataset({ ...options, labels: 'random' }, new Rng('labels'));
      expect(random.x).toEqual(truth.x);
      expect([...random.y].sort()).toEqual([...truth.y].sort());
      const moved = random.y.filter((v, i) => v !== truth.y[i]).length;
      // A random permutation of two balanced classes moves about half the labels; of distinct targets nearly all.
      expect(moved).toBeGreaterThan(id === 'circles' ? 40 : 100);
      expect(makeDataset({ ...options, labels: 'random' }, new Rng('labels')).y).toEqual(random.y);
      expect(makeDataset({ ...options, labels: 'true' }, new Rng('labels')).y).toEqual(truth.y);
    }
  });
});

describe('fast tanh and exp', () => {
  it('agree with Math.tanh and Math.exp to a few ulps, and at the edges', () => {
    const rng = new Rng('fast-math');
    let tanhUlps = 0;
    let expUlps = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (2 * rng.uniform() - 1) * [1e-6, 0.3, 3, 25][i % 4];
      tanhUlps = Math.max(tanhUlps, Math.abs(fastTanh(x) - Math.tanh(x)) / Math.max(Math.abs(Math.tanh(x)) * 2 ** -52, 2 ** -1074));
      const y = (2 * rng.uniform() - 1) * 700;
      expUlps = Math.max(expUlps, Math.abs(fastExp(y) - Math.exp(y)) / (Math.exp(y) * 2 ** -52));
    }
    expect(tanhUlps).toBeLessThan(4);
    expect(expUlps).toBeLessThan(4);
    expect([fastTanh(30), fastTanh(-30), fastTanh(Infinity), fastTanh(1e-300)]).toEqual([1, -1, 1, 1e-300]);
    expect(Number.isNaN(fastTanh(NaN)) && Number.isNaN(fastExp(NaN))).toBe(true);
    expect([fastExp(0), fastExp(-800), fastExp(800)]).toEqual([1, 0, Infinity]);
    expect(fastExp(-745)).toBe(Math.exp(-745));
  });
});

describe('mlp data sets', () => {
  const options = (id: DatasetId) => ({ id, count: 200, noise: 0, inputs: id === 'teacher' ? 3 : 2, teacherWidth: 4, activation: 'tanh' as const });

  it.each(DATASET_IDS)('%s is one fixed set per stream and another per other stream', (id) => {
    const a = makeDataset(options(id), new Rng('data-1'));
    const b = makeDataset(options(id), new Rng('data-1'));
    const c = makeDataset(options(id), new Rng('data-2'));
    expect(b.x).toEqual(a.x);
    expect(b.y).toEqual(a.y);
    expect(c.x).not.toEqual(a.x);
    expect(a.x.length).toBe(a.count * a.inputs);
    for (const v of a.x) expect(Number.isFinite(v)).toBe(true);
  });

  it('the 2-D sets have balanced ±1 classes laid out as promised', () => {
    for (const id of ['xor', 'circles', 'spirals', 'gaussians'] as const) {
      const { x, y, count } = makeDataset(options(id), new Rng(`shape-${id}`));
      expect(y.filter((v) => v === 1).length).toBe(count / 2);
      expect(y.filter((v) => v === -1).length).toBe(count / 2);
      for (let i = 0; i < count; i++) {
        const u = x[2 * i];
        const v = x[2 * i + 1];
        if (id === 'xor') expect(Math.sign(u * v)).toBe(y[i]);
        if (id === 'circles') expect(Math.hypot(u, v) < 0.5).toBe(y[i] === 1);
        if (id === 'spirals') expect(Math.hypot(u, v)).toBeLessThan(1);
        if (id !== 'gaussians') expect(Math.max(Math.abs(u), Math.abs(v))).toBeLessThanOrEqual(1);
      }
      // Shuffled: the first half holds both classes.
      expect(new Set(y.subarray(0, 20))).toEqual(new Set([1, -1]));
    }
  });

  it('the teacher data set: targets from a random network, with noise when asked', () => {
    const clean = makeDataset(options('teacher'), new Rng('teacher'));
    const noisy = makeDataset({ ...options('teacher'), noise: 0.5 }, new Rng('teacher'));
    // The same inputs and teacher (drawn first); the noise draws change the shuffle, so rows are matched by input.
    const target = new Map<number, number>();
    for (let s = 0; s < clean.count; s++) target.set(clean.x[3 * s], clean.y[s]);
    const diff = Array.from(noisy.y, (v, s) => v - target.get(noisy.x[3 * s])!);
    const sd = Math.sqrt(diff.reduce((s, v) => s + v * v, 0) / diff.length);
    expect(sd).toBeGreaterThan(0.4);
    expect(sd).toBeLessThan(0.6);
    expect(new Set(clean.y).size).toBe(clean.count);
  });

  it('splits rows into training (the fitness) and test (testFitness) rows; cross-entropy on a teacher reads its sign', () => {
    const l = make({ hidden: [4], dataset: 'teacher', inputs: 3, samples: 100, testFraction: 0.3, loss: 'cross-entropy' });
    expect(l.samples).toBe(70);
    for (const v of l.data.y) expect(Math.abs(v)).toBe(1);
    const x = randomWeights(l.dim, new Rng('split'));
    const train = createMlp(architectureOf(def.params.parse({ hidden: [4], inputs: 3, loss: 'cross-entropy' })), l.data.x.slice(0, 210), l.data.y.slice(0, 70), 70);
    const test = createMlp(architectureOf(def.params.parse({ hidden: [4], inputs: 3, loss: 'cross-entropy' })), l.data.x.slice(210), l.data.y.slice(70), 30);
    expect(l.fitnessAt(x, 0)).toBe(train.fitnessAt(x, 0));
    expect(l.testFitness!(x, 0)).toBe(test.fitnessAt(x, 0));
    expect(Number.isNaN(make({ testFraction: 0 }).testFitness!(x.subarray(0, 33), 0))).toBe(true);
  });

  it('the same replicate is the same instance, another replicate another one', () => {
    const x = randomWeights(33, new Rng('inst'));
    expect(make({}, 0).fitnessAt(x, 0)).toBe(make({}, 0).fitnessAt(x, 0));
    expect(make({}, 1).fitnessAt(x, 0)).not.toBe(make({}, 0).fitnessAt(x, 0));
  });
});

describe('mlp in scenarios and runs', () => {
  const yaml = (landscape: string, extra = '') => `schemaVersion: 1
title: net
landscape: ${landscape}
optimizers: [{id: sgd}]
budget: {evaluations: 100}
${extra}`;

  it('derives dim from the architecture; a wrong dim is a located error naming the right one', () => {
    expect(parseScenario(yaml('{id: mlp, hidden: [16, 16], dataset: xor}')).landscape.dim).toBe(3 * 16 + 17 * 16 + 17);
    expect(parseScenario(yaml('{id: mlp, dim: 337, hidden: [16, 16]}')).landscape.dim).toBe(337);
    const error = (() => {
      try {
        parseScenario(yaml('{id: mlp, dim: 30, hidden: [8]}'), 'net.yaml');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/net\.yaml:3:\d+: landscape\.dim: .*33/);
    const cross = (() => {
      try {
        parseScenario(yaml('{id: mlp, dataset: xor, inputs: 5}'), 'net.yaml');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(cross).toMatch(/landscape\.inputs: the xor data set has 2 inputs/);
  });

  it('derives dim in every cell of a width sweep', () => {
    const cells = expandCells(parseScenario(yaml('{id: mlp, hidden: [4]}', 'sweep: {landscape.hidden.0: [2, 8]}')));
    expect(cells.map((c) => c.scenario.landscape.dim)).toEqual([9, 33]);
  });

  it('draws initial weights from the Glorot/He scale, biases 0; other landscapes keep their box', () => {
    const spec = { id: 'mlp', dim: 33, params: { hidden: [8] } };
    const problem = problemOf(spec);
    const scale = initScale(architectureOf(def.params.parse({ hidden: [8] })));
    expect(problem.scale).toEqual(scale);
    expect(problem.samples).toBe(192);
    expect(scale[0]).toBeCloseTo(Math.sqrt(6 / 10), 15);
    expect(scale.subarray(16, 24)).toEqual(new Float64Array(8));
    const start = createStart(createLandscape(spec, 1, 0), problem, 1, 0);
    for (let i = 0; i < 33; i++) expect(Math.abs(start.x0[i])).toBeLessThanOrEqual(scale[i]);
    const relu = initScale(architectureOf(def.params.parse({ hidden: [8], activation: 'relu' })));
    expect(relu[0]).toBeCloseTo(Math.sqrt(6 / 2), 15);
    expect(problemOf({ id: 'sphere', dim: 3, params: {} })).toEqual({ space: 'continuous', dim: 3, alleles: 0, lower: -5.12, upper: 5.12 });
    // Through a map the genotype takes the map's rule for the scale (tests/mapped-mlp.test.ts) and the same examples.
    const mapped = problemOf({ ...spec, map: { id: 'duplicate', params: { copies: 2 } } });
    expect(mapped.scale![1]).toBe(scale[0] * Math.SQRT2);
    expect(mapped.samples).toBe(192);
    expect(mapped.dim).toBe(66);
  });

  it('reports the test loss of the best point (uncharged); other landscapes report none', () => {
    const spec: RunSpec = {
      seed: 8,
      replicate: 0,
      landscape: { id: 'mlp', dim: 33, params: { hidden: [8], dataset: 'xor', samples: 80 } },
      optimizer: { id: 'adam', label: 'adam', params: { learningRate: 0.05 } },
      budget: { evaluations: 300 },
      stop: { atOptimum: true, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
    };
    const run = createRun(spec);
    run.finish();
    const l = run.landscape as MlpLandscape;
    const r = run.result();
    expect(r.testLoss).toBe(-l.testFitness!(run.snapshot().best as Float64Array, 0));
    expect(r.evaluations).toBe(300);
    const line = resultLine(0, {}, 0, 8, { optimizer: 'adam', label: 'adam', result: r, wallMs: 1 });
    expect(line.testLoss).toBe(r.testLoss);
    const [summary] = summarise([line], [{ optimizer: 'adam', label: 'adam' }]);
    expect(summary.results[0].meanTestLoss).toBe(r.testLoss);
    const sphere = createRun({ ...spec, landscape: { id: 'sphere', dim: 3, params: {} } });
    sphere.finish();
    expect('testLoss' in sphere.result()).toBe(false);
    const noTest = createRun({ ...spec, landscape: { ...spec.landscape, params: { ...spec.landscape.params, testFraction: 0 } } });
    noTest.finish();
    expect('testLoss' in noTest.result()).toBe(false);
  });

  const continuousOptimizers = optimizers.filter((o) => o.spaces.includes('continuous')).map((o) => o.id);

  it.each(continuousOptimizers)('%s trains the same weights within its budget, deterministically', (id) => {
    const spec: RunSpec = {
      seed: 4,
      replicate: 0,
      landscape: { id: 'mlp', dim: 33, params: { hidden: [8], dataset: 'gaussians', samples: 64 } },
      optimizer: { id, label: id, params: ['gd', 'momentum', 'nesterov', 'langevin', 'sgd'].includes(id) ? { learningRate: 0.1 } : {} },
      budget: { evaluations: 600 },
      stop: { atOptimum: true, deadEnd: false, tolerance: 1e-6, gradientTolerance: 1e-6 },
    };
    const a = createRun(spec);
    const start = a.snapshot().bestFitness;
    a.finish();
    const b = createRun(spec);
    b.finish();
    expect(a.result().evaluations).toBeLessThanOrEqual(600);
    expect(a.result().bestFitness).toBeGreaterThan(start);
    expect(b.result()).toEqual(a.result());
    expect(b.snapshot().best).toEqual(a.snapshot().best);
  });
});
