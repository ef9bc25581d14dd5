/**
 * The ReLU teacher–student landscape: the closed-form population loss against a Monte Carlo estimate (tolerance
 * from the sample size), its analytic gradient against central differences (also at the kinks θ = 0, π and at
 * zero-norm units, where it must stay finite), zero loss at the teacher and its permutations, determinism of the
 * instance, and the scenario rules for its derived dimension.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { reluTeacherStudent } from '../src/core/landscapes/relu-teacher-student.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';
import { expandCells } from '../src/scenario/cells.ts';
import { ScenarioError } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { landscapeFromFlags } from '../src/cli/analyze-command.ts';
import { analyze } from '../src/core/metrics/landscape-analysis.ts';
import { GRADIENT_DEFAULTS, gradientEndpoint } from '../src/core/metrics/gradient-endpoints.ts';
import { createLandscape } from '../src/core/run/instance.ts';

function make(fields: Record<string, unknown>, replicate = 0): ContinuousLandscape {
  const p = reluTeacherStudent.params.parse(fields);
  return reluTeacherStudent.create(reluTeacherStudent.dimOf!(p), p, deriveRng('relu-test', replicate)) as ContinuousLandscape;
}

function randomWeights(l: ContinuousLandscape, rng: Rng, scale = 1): Float64Array {
  const x = new Float64Array(l.dim);
  for (let i = 0; i < l.dim; i++) x[i] = scale * rng.normal();
  return x;
}

/** max |analytic − central difference| relative to max(1, |g|). */
function gradientError(l: ContinuousLandscape, x: Float64Array): number {
  const g = new Float64Array(l.dim);
  const f = l.gradient!(x, g);
  expect(f).toBe(l.fitnessAt(x, 0));
  let worst = 0;
  for (let i = 0; i < l.dim; i++) {
    const h = 1e-6;
    const xp = x.slice();
    const xm = x.slice();
    xp[i] += h;
    xm[i] -= h;
    const numeric = (l.fitnessAt(xp, 0) - l.fitnessAt(xm, 0)) / (2 * h);
    worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1, Math.abs(g[i])));
  }
  return worst;
}

describe('relu-teacher-student landscape', () => {
  it('has the analytic gradient of its closed-form loss (central differences, several shapes)', () => {
    const rng = new Rng('relu-grad');
    for (const fields of [
      { inputs: 4, teacherUnits: 3, studentUnits: 5 },
      { inputs: 6, teacherUnits: 6, studentUnits: 6, teacher: 'random' },
      { inputs: 3, teacherUnits: 2, studentUnits: 1 },
      { inputs: 10, teacherUnits: 4, studentUnits: 8 },
    ]) {
      const l = make(fields);
      for (let trial = 0; trial < 5; trial++) expect(gradientError(l, randomWeights(l, rng))).toBeLessThan(1e-6);
    }
  });

  it('stays finite and matches one-sided limits at θ = 0, θ = π and zero-norm units', () => {
    const l = make({ inputs: 4, teacherUnits: 3, studentUnits: 4 });
    const d = 4;
    const x = randomWeights(l, new Rng('relu-kinks'));
    // Unit 0 parallel to teacher unit 0 (θ = 0), unit 1 antiparallel to teacher unit 1 (θ = π), unit 2 parallel to
    // unit 3 (θ = 0 between students), and a copy with unit 3 at zero.
    x.fill(0, 0, d);
    x[0] = 0.7;
    x.fill(0, d, 2 * d);
    x[d + 1] = -1.3;
    for (let t = 0; t < d; t++) x[2 * d + t] = 2 * x[3 * d + t];
    const g = new Float64Array(l.dim);
    expect(Number.isFinite(l.gradient!(x, g))).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
    // The loss is C¹ away from zero units: central differences straddle the kink and still agree.
    expect(gradientError(l, x)).toBeLessThan(1e-5);
    const dead = x.slice();
    dead.fill(0, 3 * d, 4 * d);
    const gd = new Float64Array(l.dim);
    const f = l.gradient!(dead, gd);
    expect(Number.isFinite(f) && gd.every(Number.isFinite)).toBe(true);
    // relu′(0) = 0: a unit at zero gets no gradient (it stays dead), the others match differences.
    for (let t = 3 * d; t < 4 * d; t++) expect(gd[t] === 0).toBe(true);
    const all = new Float64Array(l.dim);
    expect(l.fitnessAt(all, 0)).toBeCloseTo(-(3 / 2 + (3 * 2) / (2 * Math.PI)) / 2, 12);
    expect(l.gradient!(all, gd)).toBe(l.fitnessAt(all, 0));
    expect(gd.every((v) => v === 0)).toBe(true);
  });

  it('agrees with a Monte Carlo estimate of ½E[(f − g)²] within 4 standard errors', () => {
    const l = make({ inputs: 5, teacherUnits: 3, studentUnits: 4, teacher: 'random' });
    const d = 5;
    const rng = new Rng('relu-mc');
    const w = randomWeights(l, rng, 0.6);
    // The random teacher's units are not exposed: recover them as the optimum's first k rows.
    const v = l.optimum!;
    const samples = 200_000;
    const x = new Float64Array(d);
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < samples; s++) {
      rng.fillNormal(x);
      let f = 0;
      for (let i = 0; i < 4; i++) {
        let a = 0;
        for (let t = 0; t < d; t++) a += w[i * d + t] * x[t];
        f += Math.max(0, a);
      }
      for (let j = 0; j < 3; j++) {
        let a = 0;
        for (let t = 0; t < d; t++) a += v[j * d + t] * x[t];
        f -= Math.max(0, a);
      }
      const loss = 0.5 * f * f;
      sum += loss;
      sumSq += loss * loss;
    }
    const mean = sum / samples;
    const se = Math.sqrt((sumSq / samples - mean * mean) / samples);
    const exact = -l.fitnessAt(w, 0);
    console.log(`[theory] relu-teacher-student population loss: closed form ${exact.toFixed(5)}, Monte Carlo ${mean.toFixed(5)} ± ${se.toFixed(5)} (${samples} samples), z = ${((mean - exact) / se).toFixed(2)}`);
    expect(Math.abs(mean - exact)).toBeLessThanOrEqual(4 * se);
  });

  it('is zero at the teacher, at its permutations and with extra units at zero, and positive elsewhere', () => {
    for (const teacher of ['identity', 'random'] as const) {
      const l = make({ inputs: 6, teacherUnits: 4, studentUnits: 6, teacher });
      const d = 6;
      const opt = l.optimum!;
      expect(l.optimumFitness).toBe(0);
      expect(Math.abs(l.fitnessAt(opt, 0))).toBeLessThan(1e-12);
      const perm = [5, 2, 0, 4, 1, 3];
      const permuted = new Float64Array(l.dim);
      perm.forEach((to, from) => permuted.set(opt.subarray(from * d, (from + 1) * d), to * d));
      expect(Math.abs(l.fitnessAt(permuted, 0))).toBeLessThan(1e-12);
      const g = new Float64Array(l.dim);
      l.gradient!(permuted, g);
      expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-12);
      // Splitting a teacher unit into two parallel halves computes the same function: still zero loss.
      const split = opt.slice();
      for (let t = 0; t < d; t++) {
        split[4 * d + t] = 0.3 * opt[t];
        split[t] = 0.7 * opt[t];
      }
      expect(Math.abs(l.fitnessAt(split, 0))).toBeLessThan(1e-12);
      const rng = new Rng(`relu-pos-${teacher}`);
      for (let trial = 0; trial < 200; trial++) expect(l.fitnessAt(randomWeights(l, rng), 0)).toBeLessThan(0);
    }
    // Fewer student than teacher units: no zero-loss point, so no known optimum.
    expect(make({ inputs: 4, teacherUnits: 4, studentUnits: 3 }).optimumFitness).toBeUndefined();
  });

  it('draws the same instance from the same stream and another from another', () => {
    const fields = { inputs: 5, teacherUnits: 3, studentUnits: 4, teacher: 'random' };
    const w = randomWeights(make(fields), new Rng('relu-det'));
    expect(make(fields, 0).fitnessAt(w, 0)).toBe(make(fields, 0).fitnessAt(w, 0));
    expect(make(fields, 0).optimum).toEqual(make(fields, 0).optimum);
    expect(make(fields, 1).fitnessAt(w, 0)).not.toBe(make(fields, 0).fitnessAt(w, 0));
    const l = make({ ...fields, teacher: 'identity' });
    expect(make({ ...fields, teacher: 'identity' }, 7).fitnessAt(w, 0)).toBe(l.fitnessAt(w, 0));
  });

  it('derives dim from its fields in scenarios and sweeps, and names a dim that disagrees', () => {
    const base = `schemaVersion: 1
title: t
landscape: {id: relu-teacher-student, inputs: 4, teacherUnits: 4, studentUnits: 4}
optimizers: [{id: gd}]
budget: {evaluations: 100}
`;
    expect(parseScenario(base).landscape.dim).toBe(16);
    const swept = parseScenario(`${base}sweep: {landscape.studentUnits: [4, 5, 6]}\n`);
    expect(expandCells(swept).map((c) => c.scenario.landscape.dim)).toEqual([16, 20, 24]);
    const wrong = base.replace('studentUnits: 4}', 'studentUnits: 4, dim: 12}');
    expect(() => parseScenario(wrong, 'w.yaml')).toThrow(ScenarioError);
    for (const part of ['w.yaml:3', 'landscape.dim', 'dim is 16, not 12']) expect(() => parseScenario(wrong, 'w.yaml')).toThrow(part);
    const tooMany = base.replace('teacherUnits: 4', 'teacherUnits: 5');
    expect(() => parseScenario(tooMany)).toThrow(/at most d = 4 units/);
  });

  it('is analysed by hyperclimb analyze with a derived dim, its gradient runs taking the learning rate given', () => {
    const spec = landscapeFromFlags('{id: relu-teacher-student, inputs: 4, teacherUnits: 4, studentUnits: 4}');
    expect(spec.dim).toBe(16);
    const result = analyze(spec, 1, { instances: 2, starts: 5, measures: ['gd-dead-end-rate', 'critical-index'], gradient: { learningRate: 0.5 } });
    expect(result.measures['gd-dead-end-rate'].n).toBe(2);
    // At the default η = 0.001 these runs are still moving after their steps (and a note says so); at η = 0.5 all
    // finish. The measures cannot tell η = 0.5 from η = 0.05, where the runs end at the same points.
    expect(result.measures['gd-dead-end-rate'].note).toBeUndefined();
    // The same gradient runs, taken one by one at η = 0.5: the measure must be their dead-end share.
    let deadEnds = 0;
    let critical = 0;
    for (let instance = 0; instance < 2; instance++) {
      const landscape = createLandscape(spec, 1, instance) as ContinuousLandscape;
      for (let start = 0; start < 5; start++) {
        const end = gradientEndpoint(spec, landscape, 1, instance, start, { ...GRADIENT_DEFAULTS, learningRate: 0.5 });
        if (end.critical) critical++;
        if (end.critical && !end.global) deadEnds++;
      }
    }
    expect(critical).toBe(10);
    expect(result.measures['gd-dead-end-rate'].mean).toBeCloseTo(deadEnds / 10, 12);
    expect(result.measures['critical-index'].mean).toBe(0);
  });
});
