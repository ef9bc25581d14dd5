/**
 * Sharpness (top loss-Hessian eigenvalue by Lanczos on Hessian–vector products) against quadratics whose spectrum is
 * known, and the optional sharpness trace of runs: recorded only when the scenario asks, uncharged (every other
 * number of the run unchanged), deterministic, and carried by result lines only when asked for.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { criticalIndex } from '../src/core/metrics/critical-index.ts';
import { sharpness, stabilityLimit } from '../src/core/metrics/sharpness.ts';
import { Rng } from '../src/core/rng.ts';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { resultLine, scenarioFingerprint } from '../src/scenario/results.ts';

/** Fitness −½ xᵀAx with A = Q diag(λ) Qᵀ, Q a random orthogonal matrix: the loss Hessian is A. */
function quadratic(eigenvalues: number[], seed: string): ContinuousLandscape {
  const n = eigenvalues.length;
  const rng = new Rng(seed);
  const q = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const col = new Float64Array(n);
    rng.fillNormal(col);
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += col[i] * q[i * n + p];
        for (let i = 0; i < n; i++) col[i] -= dot * q[i * n + p];
      }
    }
    const norm = Math.hypot(...col);
    for (let i = 0; i < n; i++) q[i * n + j] = col[i] / norm;
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += q[i * n + j] * eigenvalues[j] * q[k * n + j];
      a[i * n + k] = s;
    }
  }
  const ax = (x: Float64Array, offset: number, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * x[offset + k];
      out[i] = s;
    }
  };
  const tmp = new Float64Array(n);
  return {
    id: 'quadratic',
    space: 'continuous',
    dim: n,
    reading: 'loss',
    gradientCost: 2,
    lower: -1,
    upper: 1,
    fitnessAt(x, offset) {
      ax(x, offset, tmp);
      let s = 0;
      for (let i = 0; i < n; i++) s += x[offset + i] * tmp[i];
      return -0.5 * s;
    },
    gradient(x, out) {
      ax(x, 0, out);
      let s = 0;
      for (let i = 0; i < n; i++) {
        s += x[i] * out[i];
        out[i] = -out[i];
      }
      return -0.5 * s;
    },
  };
}

describe('sharpness', () => {
  it('equals the largest eigenvalue of a quadratic, at any point (Lanczos on Hessian–vector products)', () => {
    const cases: number[][] = [
      [3, 1, 0.5, 0.1],
      [10, 9.5, 2, 1, 0, -1, -4],
      Array.from({ length: 60 }, (_, i) => 1 + i * 0.05).concat([40]),
      [-1, -2, -3],
    ];
    for (const [c, eigenvalues] of cases.entries()) {
      const l = quadratic(eigenvalues, `quadratic-${c}`);
      const x = new Float64Array(l.dim);
      new Rng(`point-${c}`).fillNormal(x);
      const top = Math.max(...eigenvalues);
      expect(Math.abs(sharpness(l, x) - top)).toBeLessThan(1e-6 * Math.max(1, Math.abs(top)));
    }
  });

  it('is the Hessian index’s largest loss eigenvalue on the relu teacher–student (two routes agree)', () => {
    const spec = parseScenario(`schemaVersion: 1
title: t
landscape: {id: relu-teacher-student, inputs: 4, teacherUnits: 3, studentUnits: 4}
optimizers: [{id: gd}]
budget: {evaluations: 10}
`);
    const run = createRun(runSpecs(spec, 0)[0]);
    const l = run.landscape as ContinuousLandscape;
    const x = run.bestGenes() as Float64Array;
    const full = criticalIndex(l, x).eigenvalues;
    expect(Math.abs(sharpness(l, x) - -full[0])).toBeLessThan(1e-5 * Math.max(1, -full[0]));
  });
});

describe('sharpness trace of a run', () => {
  const base = `schemaVersion: 1
title: t
seed: 3
landscape: {id: relu-teacher-student, inputs: 4, teacherUnits: 3, studentUnits: 4}
optimizers: [{id: gd, learningRate: 0.5}, {id: ga, populationSize: 10}]
budget: {evaluations: 400}
`;
  const measured = `${base}measure: {sharpnessEvery: 25, hessianIndex: true}\n`;

  it('records sharpness every K generations and at the end, without changing the run', () => {
    const plain = runSpecs(parseScenario(base), 0).map((s) => {
      const run = createRun(s);
      run.finish();
      return run.result();
    });
    const withTrace = runSpecs(parseScenario(measured), 0).map((s) => {
      const run = createRun(s);
      run.finish();
      return run.result();
    });
    for (let r = 0; r < 2; r++) {
      const { sharpness: trace, hessianIndex, ...rest } = withTrace[r];
      expect(rest).toEqual(plain[r]);
      expect(plain[r]).not.toHaveProperty('sharpness');
      expect(plain[r]).not.toHaveProperty('hessianIndex');
      expect(trace!.length).toBeGreaterThan(2);
      expect(trace![0][0]).toBe(0);
      expect(trace![trace!.length - 1][0]).toBe(rest.evaluations);
      expect(trace!.every(([, s]) => Number.isFinite(s) && s > 0)).toBe(true);
      expect(hessianIndex).toBeGreaterThanOrEqual(0);
      expect(hessianIndex).toBeLessThanOrEqual(1);
    }
    // GD: generation g costs 2g evaluations, so K = 25 generations apart is 50 evaluations apart.
    expect(withTrace[0].sharpness!.slice(0, 3).map(([e]) => e)).toEqual([0, 50, 100]);
    // Deterministic: the same numbers again.
    const again = createRun(runSpecs(parseScenario(measured), 0)[0]);
    again.finish();
    expect(again.result()).toEqual(withTrace[0]);
  });

  it('adds sharpness fields to result lines and the fingerprint only when asked for', () => {
    const plain = parseScenario(base);
    const line = (scenario: typeof plain) => {
      const spec = runSpecs(expandCells(scenario)[0].scenario, 0)[0];
      const run = createRun(spec);
      run.finish();
      return resultLine(0, {}, 0, scenario.seed, { optimizer: 'gd', label: 'gd', result: run.result(), wallMs: 0 }, scenarioFingerprint(scenario));
    };
    const a = line(plain);
    expect(Object.keys(a)).toEqual([
      'cell', 'params', 'optimizer', 'label', 'replicate', 'seed', 'endedAt', 'bestFitness', 'optimumFitness', 'evaluations',
      'gradientEvaluations', 'fitnessEvaluations', 'generations', 'nonFinite', 'fingerprint', 'digest', 'wallMs',
    ]);
    expect(runSpecs(plain, 0)[0]).not.toHaveProperty('measure');
    const b = line(parseScenario(measured));
    expect(Object.keys(b).slice(14)).toEqual(['sharpness', 'hessianIndex', 'fingerprint', 'digest', 'wallMs']);
    expect(b.fingerprint).not.toBe(a.fingerprint);
  });

  it('refuses sharpness on a discrete landscape with a located message', () => {
    expect(() =>
      parseScenario(`schemaVersion: 1
title: t
landscape: {id: onemax, dim: 8}
optimizers: [{id: ga}]
budget: {evaluations: 100}
measure: {sharpnessEvery: 5}
`, 'd.yaml'),
    ).toThrow(/d\.yaml:6:\d+: measure: sharpness and the Hessian index are measures of continuous landscapes/);
  });
});

describe('stability limits', () => {
  // A limit is right if the method's own update, on a bowl of curvature λ = 2 (the sphere: loss Σx²), contracts
  // when the limit is 2 % above λ and blows up when it is 2 % below.
  const cases: [string, Record<string, number>][] = [
    ['gd', {}],
    ['langevin', { temperature: 0 }],
    ['sgd', { momentum: 0.5 }],
    ['momentum', { beta: 0.9 }],
    ['nesterov', { beta: 0.9 }],
  ];
  it.each(cases)('%s diverges on a quadratic exactly past its limit', (id, extra) => {
    const scale = stabilityLimit(id, { learningRate: 1, ...extra })!.value; // limit = scale / η
    const magnitude = (ratio: number) => {
      const learningRate = (scale * ratio) / 2;
      expect(stabilityLimit(id, { learningRate, ...extra })!.value).toBeCloseTo(2 / ratio, 10);
      const spec = parseScenario(`schemaVersion: 1
title: t
landscape: {id: sphere, dim: 1}
optimizers: [${JSON.stringify({ id, learningRate, ...extra })}]
budget: {evaluations: 1600}
stop: {atOptimum: false}
`);
      const run = createRun(runSpecs(spec, 0)[0]);
      const x0 = Math.abs(run.points().genes[0]);
      run.finish();
      return Math.abs(run.points().genes[0]) / x0;
    };
    expect(magnitude(0.98)).toBeLessThan(1e-3);
    expect(magnitude(1.02)).toBeGreaterThan(1e3);
  });

  it('is labelled with its formula, and absent for methods without one', () => {
    expect(stabilityLimit('gd', { learningRate: 0.4 })).toEqual({ value: 5, label: '2/η = 5' });
    expect(stabilityLimit('momentum', { learningRate: 0.1, beta: 0.9 })!.label).toBe('2(1+β)/η = 38');
    expect(stabilityLimit('adam', { learningRate: 0.01 })).toBeUndefined();
    expect(stabilityLimit('ga', {})).toBeUndefined();
  });
});
