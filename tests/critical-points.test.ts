/**
 * Critical points of every index (src/core/metrics/critical-points.ts) and analyze's measures of them: the search
 * finds saddles and maxima as well as minima on a landscape whose critical points are all known, the analytic
 * Hessian of the random field equals the finite-difference one, and on the random field the share of minima falls
 * with N while higher points have higher index.
 */
import { describe, expect, it } from 'vitest';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { analysisCost } from '../src/core/metrics/analysis-cost.ts';
import { fitnessHessian } from '../src/core/metrics/critical-index.ts';
import { findCriticalPoints, summariseCriticalPoints } from '../src/core/metrics/critical-points.ts';
import { analyze, CRITICAL_POINT_MEASURES } from '../src/core/metrics/landscape-analysis.ts';
import { deriveRng } from '../src/core/rng.ts';
import { createLandscape } from '../src/core/run/instance.ts';

describe('critical points of every index', () => {
  it('finds all 3^N critical points of Styblinski–Tang (N = 2), each with its index, once', () => {
    // Each term has a minimum near −2.90, a maximum near 0.16 and a minimum near 2.75: 9 critical points in the box,
    // and the index is the share of coordinates at the term's maximum (a descent method would find only the 4 minima).
    const landscape = createLandscape({ id: 'styblinski-tang', dim: 2, params: {} }, 1, 0) as ContinuousLandscape;
    const points = findCriticalPoints(landscape, (s) => deriveRng('st', s), 200);
    expect(points).toHaveLength(9);
    for (const p of points) {
      const atMaximum = [...p.x].filter((v) => Math.abs(v - 0.1567) < 1e-3).length;
      expect(p.index).toBe(atMaximum / 2);
    }
    const summary = summariseCriticalPoints(points);
    expect(summary.optimaShare).toBe(4 / 9);
    expect(summary.meanIndex).toBeCloseTo(6 / 18, 12);
    expect(summary.indexLossCorrelation).toBeGreaterThan(0.9);
  });

  it("forms the random field's Hessian from its analytic products, equal to central differences of its gradient", () => {
    const field = createLandscape({ id: 'random-field', dim: 5, params: { features: 200 } }, 1, 0) as ContinuousLandscape;
    const { hessianVector: _analytic, ...withoutProducts } = field;
    const x = Float64Array.from([0.3, -1.2, 2.5, 0.1, -4]);
    const analytic = fitnessHessian(field, x);
    const differences = fitnessHessian(withoutProducts as ContinuousLandscape, x);
    for (let i = 0; i < analytic.length; i++) expect(Math.abs(analytic[i] - differences[i])).toBeLessThan(1e-6);
  });

  it('on the random field: fewer of the critical points are minima at N = 4 than at N = 1, and higher ones have higher index', () => {
    const options = { instances: 4, starts: 30, measures: [...CRITICAL_POINT_MEASURES] };
    const low = analyze({ id: 'random-field', dim: 1, params: { features: 200 } }, 1, options).measures;
    const high = analyze({ id: 'random-field', dim: 4, params: { features: 200 } }, 1, options).measures;
    // In one dimension minima and maxima alternate: about half of the points are minima.
    expect(low['critical-points-optima-share'].mean).toBeGreaterThan(0.35);
    expect(high['critical-points-optima-share'].mean).toBeLessThan(0.2);
    for (const m of [low, high]) {
      expect(m['critical-points'].mean).toBeGreaterThan(3);
      expect(m['critical-points-index-loss-correlation'].mean).toBeGreaterThan(0.5);
      expect(m['critical-points-mean-index'].se).toBeGreaterThan(0);
    }
  });

  it('announces the cost of the searches: a Hessian (N analytic products or 2N gradients) and a gradient per step', () => {
    const field = createLandscape({ id: 'random-field', dim: 3, params: { features: 10 } }, 1, 0) as ContinuousLandscape;
    const wells = createLandscape({ id: 'styblinski-tang', dim: 3, params: {} }, 1, 0) as ContinuousLandscape;
    expect(analysisCost(field, ['critical-points'], 10).perInstance).toBe(10 * 200 * (3 + 1) * field.gradientCost);
    expect(analysisCost(wells, ['critical-points'], 10).perInstance).toBe(10 * 200 * (6 + 1) * wells.gradientCost);
    expect(analysisCost(field, ['critical-points', 'gd-dead-end-rate'], 10, { steps: 100 }).perInstance).toBe(10 * 100 * 2 + 10 * 200 * 4 * 2);
  });
});
