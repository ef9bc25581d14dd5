/**
 * Known results on neural-network landscapes, reproduced at sizes that run in seconds (docs/theory.md, section 10):
 * - spurious local minima of the two-layer ReLU teacher–student (Safran & Shamir 2018): with as many student as
 *   teacher units, gradient descent from random starts ends at spurious local minima in a substantial share of runs;
 *   mild over-parameterisation removes most of them;
 * - the edge of stability (Cohen et al. 2021): full-batch gradient descent raises the sharpness until it reaches
 *   2/η and then keeps it there, while the loss still falls (non-monotonically).
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../../src/core/landscapes/landscape.ts';
import { sharpness } from '../../src/core/metrics/sharpness.ts';
import { Rng } from '../../src/core/rng.ts';
import type { RunSpec } from '../../src/core/run/spec.ts';
import { logChoose, normalCdf, report, runReplicates, Z } from './support.ts';

describe('spurious local minima of the ReLU teacher–student (Safran & Shamir 2018)', () => {
  const k = 8;
  const runs = 200;
  const spec = (n: number): Omit<RunSpec, 'replicate'> => ({
    seed: 'safran-shamir',
    landscape: { id: 'relu-teacher-student', dim: n * k, params: { inputs: k, teacherUnits: k, studentUnits: n } },
    optimizer: { id: 'gd', label: 'gd', params: { learningRate: 0.5 } },
    budget: { evaluations: 2 * 20_000 },
    // The teacher counts as reached at loss 1e-4 (spurious minima sit at 0.0215); critical below |∇L| = 1e-5.
    stop: { atOptimum: true, deadEnd: true, tolerance: 1e-4, gradientTolerance: 1e-5 },
  });

  it(`k = n = ${k} ends at spurious minima far more often than n = k + 1 (Fisher's exact test, ${runs} runs each)`, () => {
    const counts: number[] = [];
    for (const n of [k, k + 1]) {
      const results = runReplicates(spec(n), runs);
      const spurious = results.filter((r) => r.endedAt === 'local-optimum');
      // Every run ends: at the teacher (loss ≤ 1e-4, the stop tolerance) or at a local minimum the Hessian test confirms.
      expect(results.every((r) => r.endedAt === 'optimum' || r.endedAt === 'local-optimum')).toBe(true);
      for (const r of results.filter((r) => r.endedAt === 'optimum')) expect(-r.bestFitness).toBeLessThanOrEqual(1e-4);
      for (const r of spurious) expect(-r.bestFitness).toBeGreaterThan(1e-3);
      counts.push(spurious.length);
      const losses = spurious.map((r) => -r.bestFitness);
      const p = spurious.length / runs;
      report(`relu teacher-student k=${k} d=${k} n=${n}, gd η=0.5`, {
        runs,
        spurious: spurious.length,
        rate: p,
        se: Math.sqrt((p * (1 - p)) / runs),
        'min spurious loss': losses.length ? Math.min(...losses) : 'none',
        'max spurious loss': losses.length ? Math.max(...losses) : 'none',
      });
    }
    // Fisher's exact test, one-sided: under equal rates, given the total t of spurious ends, the count of the first
    // group is hypergeometric; the p-value is P(X ≥ observed). The counts are too small for a normal approximation,
    // so the exact test is held to the one-sided normal tail of Z (the suite's false-alarm rate per check).
    const [a, b] = counts;
    const total = a + b;
    let pValue = 0;
    for (let x = a; x <= Math.min(total, runs); x++) pValue += Math.exp(logChoose(runs, x) + logChoose(runs, total - x) - logChoose(2 * runs, total));
    report(`spurious minima, n = k against n = k + 1`, { 'spurious ends': `${a} vs ${b}`, 'one-sided p (Fisher)': pValue, threshold: 1 - normalCdf(Z) });
    expect(pValue).toBeLessThan(1 - normalCdf(Z));
  });
});

/**
 * A small tanh network, f(x) = Σⱼ aⱼ tanh(wⱼ·x + bⱼ) with 16 hidden units, fitted by mean squared error to 32 points
 * x ~ N(0, I₂) with targets sin(2x₁)cos(x₂): weights W (16 × 2), then b (16), then a (16); fitness = −loss.
 */
function tanhNetwork(): ContinuousLandscape {
  const h = 16;
  const m = 32;
  const rng = new Rng('eos-data');
  const xs = new Float64Array(2 * m);
  rng.fillNormal(xs);
  const ys = new Float64Array(m);
  for (let i = 0; i < m; i++) ys[i] = Math.sin(2 * xs[2 * i]) * Math.cos(xs[2 * i + 1]);
  const dim = 4 * h;
  const t = new Float64Array(h);
  const evaluate = (p: Float64Array, o: number, out: Float64Array | null): number => {
    if (out) out.fill(0);
    let loss = 0;
    for (let i = 0; i < m; i++) {
      let f = 0;
      for (let j = 0; j < h; j++) {
        t[j] = Math.tanh(p[o + 2 * j] * xs[2 * i] + p[o + 2 * j + 1] * xs[2 * i + 1] + p[o + 2 * h + j]);
        f += p[o + 3 * h + j] * t[j];
      }
      const r = f - ys[i];
      loss += r * r;
      if (!out) continue;
      for (let j = 0; j < h; j++) {
        out[3 * h + j] += r * t[j];
        const g = r * p[o + 3 * h + j] * (1 - t[j] * t[j]);
        out[2 * j] += g * xs[2 * i];
        out[2 * j + 1] += g * xs[2 * i + 1];
        out[2 * h + j] += g;
      }
    }
    if (out) for (let q = 0; q < dim; q++) out[q] = -out[q] / m;
    return -loss / (2 * m);
  };
  return {
    id: 'tanh-network',
    space: 'continuous',
    dim,
    reading: 'loss',
    gradientCost: 2,
    lower: -1,
    upper: 1,
    fitnessAt: (x, offset) => evaluate(x, offset, null),
    gradient: (x, out) => evaluate(x, 0, out),
  };
}

interface Descent {
  /** Sharpness and loss every `every` steps. */
  trace: { step: number; sharpness: number; loss: number }[];
  /** Steps of the second half after which the loss was higher than before. */
  rises: number;
}

/** Full-batch gradient descent x ← x − η∇L for `steps` steps. */
function descend(l: ContinuousLandscape, eta: number, steps: number, every: number): Descent {
  const rng = new Rng('eos-init');
  const h = l.dim / 4;
  const x = new Float64Array(l.dim);
  for (let j = 0; j < 2 * h; j++) x[j] = rng.normal();
  for (let j = 0; j < h; j++) x[3 * h + j] = rng.normal() / Math.sqrt(h);
  const g = new Float64Array(l.dim);
  const trace: Descent['trace'] = [];
  let rises = 0;
  let previous = Infinity;
  for (let s = 0; s <= steps; s++) {
    const loss = -l.gradient!(x, g);
    if (s > steps / 2 && loss > previous) rises++;
    previous = loss;
    if (s % every === 0) trace.push({ step: s, sharpness: sharpness(l, x), loss });
    for (let q = 0; q < l.dim; q++) x[q] += eta * g[q];
  }
  return { trace, rises };
}

describe('edge of stability (Cohen et al. 2021)', () => {
  const l = tanhNetwork();
  const steps = 4000;

  it('drives the sharpness to 2/η and keeps it there, for two learning rates', () => {
    for (const eta of [0.35, 0.4]) {
      const { trace, rises } = descend(l, eta, steps, 100);
      const late = trace.filter((p) => p.step >= steps / 2);
      const mean = late.reduce((s, p) => s + p.sharpness, 0) / late.length;
      const worst = Math.max(...late.map((p) => Math.abs(p.sharpness * eta / 2 - 1)));
      report(`tanh network 2-16-1, 32 points, full-batch gd η=${eta}`, {
        '2/η': 2 / eta,
        'sharpness at start': trace[0].sharpness,
        'mean sharpness, second half': mean,
        'largest relative gap to 2/η, second half': worst,
        'loss at start': trace[0].loss,
        'loss at end': trace[trace.length - 1].loss,
        'steps of the second half where the loss rose': rises,
      });
      // Progressive sharpening first: the sharpness starts well below 2/η …
      expect(trace[0].sharpness).toBeLessThan(0.9 * (2 / eta));
      // … and in the second half stays within 10% of 2/η (Cohen et al.: it "hovers just above 2/η").
      expect(worst).toBeLessThan(0.1);
      expect(Math.abs(mean * eta / 2 - 1)).toBeLessThan(0.05);
      // The loss still falls overall, though not monotonically at the edge.
      expect(trace[trace.length - 1].loss).toBeLessThan(0.05 * trace[0].loss);
      expect(rises).toBeGreaterThan(0);
    }
  });

  it('with a small step the sharpness rises but stays far below 2/η (stable regime)', () => {
    const eta = 0.05;
    const { trace, rises } = descend(l, eta, steps, 500);
    const last = trace[trace.length - 1];
    report('tanh network, full-batch gd η=0.05', { '2/η': 2 / eta, 'sharpness at start': trace[0].sharpness, 'sharpness at end': last.sharpness, 'steps of the second half where the loss rose': rises });
    expect(last.sharpness).toBeGreaterThan(1.2 * trace[0].sharpness);
    expect(last.sharpness).toBeLessThan(0.25 * (2 / eta));
    expect(rises).toBe(0);
  });
});
