/**
 * (1+1)-ES on the sphere. (a) The success probability of one offspring at normalised step size σ* = σN/‖x‖ is
 * p_N(σ*) = P(‖z + (N/σ*)e₁‖² ≤ (N/σ*)²) with z ~ N(0, I_N), which tends to 1 − Φ(σ* / 2) as N → ∞ (Rechenberg
 * 1973; Beyer 2001). (b) Under the 1/5th rule the ES runs at a stationary σ*; the test checks its successes against
 * the exact success probability of the state it was in at every step (a martingale test), the rule's exact
 * bookkeeping identity, and how close the long-run success rate comes to 1/5. See docs/theory.md, section 3.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../../src/core/landscapes/landscape.ts';
import type { PointBatch } from '../../src/core/optimizers/optimizer.ts';
import { optimizerDef } from '../../src/core/optimizers/registry.ts';
import { deriveRng } from '../../src/core/rng.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../../src/core/run/instance.ts';
import type { LandscapeSpec } from '../../src/core/run/spec.ts';
import { logGamma, normalCdf, report, simpson, Z } from './support.ts';

/**
 * Exact success probability at normalised step σ* in dimension N. With a = N/σ* and z = (z₁, rest), success is
 * (z₁ + a)² + W ≤ a² with W = ‖rest‖² ~ χ²_{N−1}; integrating over W:
 *   p_N(σ*) = ∫ f_{χ²_{N−1}}(w) [Φ(−a + √(a² − w)) − Φ(−a − √(a² − w))] dw,  0 ≤ w ≤ a².
 */
export function successProbability(n: number, sigmaStar: number, intervals = 4000): number {
  const a = n / sigmaStar;
  const nu = n - 1;
  const logNorm = -(nu / 2) * Math.log(2) - logGamma(nu / 2);
  const width = Math.sqrt(2 * nu);
  // The χ² density outside [ν − 14·√(2ν), ν + 30·√(2ν) + 60] is below 1e-40 for ν ≥ 100.
  const lo = Math.max(0, nu - 14 * width);
  const hi = Math.min(a * a, nu + 30 * width + 60);
  if (hi <= lo) return 0;
  return simpson(
    (w) => {
      if (w <= 0) return 0;
      const r = Math.sqrt(Math.max(0, a * a - w));
      return Math.exp(logNorm + (nu / 2 - 1) * Math.log(w) - w / 2) * (normalCdf(-a + r) - normalCdf(-a - r));
    },
    lo,
    hi,
    intervals,
  );
}

/** p_N on a grid in ln σ*, linearly interpolated (the table's own interpolation error is checked below). */
function successTable(n: number, from: number, to: number, points: number) {
  const l0 = Math.log(from);
  const step = (Math.log(to) - l0) / (points - 1);
  const values = Float64Array.from({ length: points }, (_, i) => successProbability(n, Math.exp(l0 + i * step), 2000));
  return (sigmaStar: number): number => {
    const u = (Math.log(sigmaStar) - l0) / step;
    if (u <= 0 || u >= points - 1) return successProbability(n, sigmaStar, 2000);
    const i = Math.floor(u);
    return values[i] + (u - i) * (values[i + 1] - values[i]);
  };
}

function norm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

const N = 1000;
const SPHERE: LandscapeSpec = { id: 'sphere', dim: N, params: {} };

/** The engine's (1+1)-ES on the sphere, driven through its ask/tell interface as a run drives it. */
function esOnSphere(seed: string, optimizer: Record<string, unknown>) {
  const def = optimizerDef('one-plus-one-es')!;
  const problem = problemOf(SPHERE);
  const landscape = createLandscape(SPHERE, seed, 0) as ContinuousLandscape;
  const start = createStart(landscape, problem, seed, 0);
  const params = optimizerParams(def, problem, { id: 'one-plus-one-es', label: 'es', params: optimizer });
  const rng = deriveRng(seed, 'optimizer', 'es', 0);
  const state = def.init(rng, problem, start, params);
  const fitness = new Float64Array(1);
  const step = (): boolean => {
    const before = state.successes as number;
    const candidates = def.ask(rng, state, params);
    fitness[0] = landscape.fitnessAt((candidates as PointBatch<Float64Array>).genes, 0);
    def.tell(rng, candidates, { fitness }, state, params);
    return (state.successes as number) > before;
  };
  return { def, params, state, start, step };
}

describe('(1+1)-ES on the sphere: success probability (Rechenberg 1973; Beyer 2001)', () => {
  it('the exact p_N(σ*) is converged in its quadrature and tends to 1 − Φ(σ* / 2)', () => {
    for (const s of [0.5, 1, 2, 3]) {
      const p = successProbability(N, s);
      expect(Math.abs(p - successProbability(N, s, 16000))).toBeLessThan(1e-10);
      const limit = 1 - normalCdf(s / 2);
      // The gap to the limit shrinks like 1/N: ten times smaller from N = 1000 to N = 10000.
      const gap1e3 = Math.abs(p - limit);
      const gap1e4 = Math.abs(successProbability(10 * N, s) - limit);
      expect(gap1e4).toBeLessThan(0.15 * gap1e3);
      expect(gap1e3).toBeLessThan(1e-3);
    }
  });

  const samples = 12000;
  for (const sigmaStar of [0.5, 1, 2, 3]) {
    it(`σ* = ${sigmaStar}, N = ${N}: success frequency of ${samples} offspring of the engine's ES`, () => {
      const seed = `theory-es-sigma-${sigmaStar}`;
      const problem = problemOf(SPHERE);
      const landscape = createLandscape(SPHERE, seed, 0) as ContinuousLandscape;
      const x0 = createStart(landscape, problem, seed, 0).x0 as Float64Array;
      const sigma = (sigmaStar * norm(x0)) / N;
      const es = esOnSphere(seed, { adaptation: 'none', sigma0: sigma });
      const f0 = es.state.fx as number;
      let successes = 0;
      for (let k = 0; k < samples; k++) {
        if (es.step()) successes++;
        // Put the parent back, so that every offspring is drawn around the same x at the same σ*.
        es.state.x.set(x0);
        es.state.fx = f0;
        expect(es.state.sigma).toBe(sigma);
      }
      const exact = successProbability(N, sigmaStar);
      const limit = 1 - normalCdf(sigmaStar / 2);
      const freq = successes / samples;
      const sd = Math.sqrt((exact * (1 - exact)) / samples);
      report(`es-success sigma*=${sigmaStar}`, {
        N,
        samples,
        exactFiniteN: exact,
        limit,
        simulated: freq,
        binomialSd: sd,
        z: (freq - exact) / sd,
      });
      expect(Math.abs(freq - exact)).toBeLessThanOrEqual(Z * sd);
    });
  }

  it(`1/5th rule, N = ${N}: successes match the exact success probability of each visited state`, () => {
    const es = esOnSphere('theory-es-one-fifth', { adaptation: 'one-fifth' });
    const d = es.params.damping as number;
    const burnIn = 3000;
    const steps = 20000;
    for (let t = 0; t < burnIn; t++) es.step();
    const table = successTable(N, 0.02, 50, 500);
    for (const s of [0.3, 0.77, 1.234, 1.7, 2.71, 4.4]) expect(Math.abs(table(s) - successProbability(N, s))).toBeLessThan(2e-5);
    const s0 = es.state.successes as number;
    const t0 = es.state.trials as number;
    const sigma0 = es.state.sigma as number;
    const r0 = norm(es.state.x);
    let expected = 0;
    let variance = 0;
    let sumSigmaStar = 0;
    let sumLog = 0;
    let sumLogSquared = 0;
    for (let t = 0; t < steps; t++) {
      const sigmaStar = ((es.state.sigma as number) * N) / norm(es.state.x);
      const p = table(sigmaStar);
      expected += p;
      variance += p * (1 - p);
      sumSigmaStar += sigmaStar;
      sumLog += Math.log(sigmaStar);
      sumLogSquared += Math.log(sigmaStar) ** 2;
      es.step();
    }
    const successes = (es.state.successes as number) - s0;
    const trials = (es.state.trials as number) - t0;
    expect(trials).toBe(steps);
    const rate = successes / steps;
    const sigmaT = es.state.sigma as number;
    const rT = norm(es.state.x);
    // The smooth rule multiplies σ by exp((s − 1/5)/(0.8·d)) per step, so exactly
    //   successes/T = 1/5 + 0.8·d·ln(σ_T/σ_0)/T.
    const identity = 0.2 + (0.8 * d * Math.log(sigmaT / sigma0)) / steps;
    // Normalised convergence rate φ = −(N/T)·ln(‖x_T‖/‖x_0‖); with σ* stationary, ln(σ_T/σ_0) ≈ ln(‖x_T‖/‖x_0‖),
    // so the long-run rate is 1/5 − 0.8·(d/N)·φ + O(d/T).
    const phi = (-N / steps) * Math.log(rT / r0);
    const drift = (0.8 * d * phi) / N;
    const sigmaStarDrift = (0.8 * d * Math.log(((sigmaT * N) / rT) / ((sigma0 * N) / r0))) / steps;
    // That O(d/T) term is 0.8·d/T times ln σ*_T − ln σ*_0: with σ* stationary, two draws of ln σ* far apart in time,
    // whose difference has standard deviation √2 times the spread of ln σ* seen over the run.
    const logSpread = Math.sqrt(Math.max(0, sumLogSquared / steps - (sumLog / steps) ** 2));
    const stationaryTolerance = (Z * Math.SQRT2 * logSpread * 0.8 * d) / steps;
    report('es-one-fifth', {
      N,
      steps,
      successRate: rate,
      predictedFromStates: expected / steps,
      martingaleSd: Math.sqrt(variance) / steps,
      z: (successes - expected) / Math.sqrt(variance),
      meanSigmaStar: sumSigmaStar / steps,
      phi,
      oneFifthMinusDrift: 0.2 - drift,
      sigmaStarTerm: sigmaStarDrift,
      stationaryTolerance,
    });
    expect(Math.abs(successes - expected)).toBeLessThanOrEqual(Z * Math.sqrt(variance));
    // The long-run rate sits below 1/5 by the drift its own progress predicts, and by nothing else.
    expect(Math.abs(rate - (0.2 - drift))).toBeLessThanOrEqual(stationaryTolerance);
    expect(Math.abs(rate - identity)).toBeLessThan(1e-9);
  });
});
