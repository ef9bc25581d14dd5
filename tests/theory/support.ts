/**
 * Shared numerics and statistics for the theory tests (tests/theory/*.test.ts). Nothing here is tuned to make a
 * test pass: every tolerance a test uses is computed from its sample by the helpers below, and docs/theory.md
 * states the rule for each one.
 */
import { expect } from 'vitest';
import { forEachGenotype } from '../../src/core/landscapes/enumerate.ts';
import type { DiscreteLandscape } from '../../src/core/landscapes/landscape.ts';
import { isLocalOptimum } from '../../src/core/metrics/dead-end.ts';
import { createLandscape } from '../../src/core/run/instance.ts';
import { createRun } from '../../src/core/run/run.ts';
import type { LandscapeSpec, RunResult, RunSpec } from '../../src/core/run/spec.ts';

// ---------------------------------------------------------------------------------------------------------------
// Special functions

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** C(n, k) as a double (exact for the small n used here). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * erfc(x): Taylor series of erf for |x| < 2.5, Lentz continued fraction for erfc beyond; absolute error below
 * 1e-14 everywhere (checked in special-functions.test.ts against tabulated values).
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + 2/(x + …))))), evaluated by modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Composite Simpson rule on [a, b] with `intervals` (made even) sub-intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, intervals: number): number {
  const n = intervals % 2 === 0 ? intervals : intervals + 1;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

// ---------------------------------------------------------------------------------------------------------------
// Sample statistics

export interface Summary {
  n: number;
  mean: number;
  /** Sample variance (divisor n − 1). */
  variance: number;
  sd: number;
  /** Standard error of the mean, sd / √n. */
  se: number;
}

export function summarise(xs: ArrayLike<number>): Summary {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  const variance = ss / (n - 1);
  const sd = Math.sqrt(variance);
  return { n, mean, variance, sd, se: sd / Math.sqrt(n) };
}

/**
 * Standard error of the sample variance, √((m4 − s⁴)/n) with m4 the sample fourth central moment: the
 * delta-method error of s² (it needs no normality).
 */
export function varianceStandardError(xs: ArrayLike<number>): number {
  const { n, mean, variance } = summarise(xs);
  let m4 = 0;
  for (let i = 0; i < n; i++) m4 += (xs[i] - mean) ** 4;
  m4 /= n;
  return Math.sqrt(Math.max(0, m4 - variance * variance) / n);
}

/** The z-score multiple every statistical test of this suite allows (two-sided false-alarm rate 6.3e-5 each). */
export const Z = 4;

// ---------------------------------------------------------------------------------------------------------------
// Runs

export const STOP_AT_OPTIMUM = { atOptimum: true, deadEnd: false, tolerance: 0, gradientTolerance: 1e-6 } as const;
export const NO_STOP = { atOptimum: false, deadEnd: false, tolerance: 0, gradientTolerance: 1e-6 } as const;

/** Runs replicates 0 .. count−1 of a spec to the end; each replicate has its own landscape instance and start. */
export function runReplicates(base: Omit<RunSpec, 'replicate'>, count: number): RunResult[] {
  const results: RunResult[] = [];
  for (let r = 0; r < count; r++) {
    const run = createRun({ ...base, replicate: r });
    run.finish();
    results.push(run.result());
  }
  return results;
}

/** One line of measured numbers, printed so that docs/theory.md can quote a run of the suite. */
export function report(topic: string, fields: Record<string, number | string>): void {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`);
  console.log(`[theory] ${topic}: ${parts.join(', ')}`);
}

function fmt(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(4) : v.toPrecision(6);
}

// ---------------------------------------------------------------------------------------------------------------
// Local optima by enumeration

/** Genotypes of a discrete landscape with no strictly fitter one-mutant neighbour, by full enumeration. */
export function localOptima(landscape: DiscreteLandscape): { count: number; first: Uint8Array | null } {
  let count = 0;
  let first: Uint8Array | null = null;
  forEachGenotype(landscape.alleles, landscape.dim, (x) => {
    if (isLocalOptimum(landscape, x, landscape.fitnessAt(x, 0))) {
      if (count === 0) first = x.slice();
      count++;
    }
  });
  return { count, first };
}

/** Mean and variance of the number of local optima of an uncorrelated landscape on A^N genotypes. */
export function uncorrelatedOptima(n: number, alleles: number): { mean: number; variance: number } {
  const m = n * (alleles - 1);
  const size = alleles ** n;
  return { mean: size / (m + 1), variance: (size * (n - 1) * (alleles - 1)) / (2 * (m + 1) ** 2) };
}

/** Counts local optima on `instances` independent instances (replicates 0..instances−1) and checks the law. */
export function checkOptimaLaw(topic: string, spec: LandscapeSpec, alleles: number, instances: number): void {
  const counts = new Float64Array(instances);
  for (let r = 0; r < instances; r++) {
    const landscape = createLandscape(spec, `theory-${topic}`, r) as DiscreteLandscape;
    counts[r] = localOptima(landscape).count;
  }
  const exact = uncorrelatedOptima(spec.dim, alleles);
  const s = summarise(counts);
  const seVar = varianceStandardError(counts);
  report(topic, {
    N: spec.dim,
    A: alleles,
    instances,
    exactMean: exact.mean,
    simMean: s.mean,
    se: s.se,
    z: (s.mean - exact.mean) / s.se,
    exactVar: exact.variance,
    simVar: s.variance,
    zVar: (s.variance - exact.variance) / seVar,
  });
  expect(Math.abs(s.mean - exact.mean)).toBeLessThanOrEqual(Z * s.se);
  expect(Math.abs(s.variance - exact.variance)).toBeLessThanOrEqual(Z * seVar);
}

