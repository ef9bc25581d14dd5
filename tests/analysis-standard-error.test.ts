/**
 * The standard error `analyze` reports for a sampled share. On a deterministic landscape every instance is the same
 * landscape, so the instance values are only batches of starts: their spread from a handful of batches can fall far
 * below the binomial standard error of all the starts, which is then the honest figure.
 */
import { describe, expect, it } from 'vitest';
import { analyze, summariseInstances, type InstanceValue } from '../src/core/metrics/landscape-analysis.ts';

const binomialSe = (p: number, trials: number) => Math.sqrt((p * (1 - p)) / trials);

describe('analyze: standard error of sampled shares', () => {
  it('is the pooled binomial one when ten batches of ten starts happen to agree exactly', () => {
    // Every batch 5 of 10: the spread over batches is zero, but 100 Bernoulli(1/2) trials have a binomial SE of 0.05.
    const batches: InstanceValue[] = Array.from({ length: 10 }, () => ({ value: 0.5, exact: false, binomial: { trials: 10, scale: 1 } }));
    const r = summariseInstances(batches, 10);
    expect(r.mean).toBe(0.5);
    expect(r.se).toBeCloseTo(binomialSe(0.5, 100), 12);
  });

  it('keeps the spread over instances when instances really differ (it exceeds the binomial floor)', () => {
    const values: InstanceValue[] = [0, 1, 0, 1].map((value) => ({ value, exact: false, binomial: { trials: 50, scale: 1 } }));
    const r = summariseInstances(values, 50);
    const spread = Math.sqrt((4 * 0.25) / 3 / 4);
    expect(spread).toBeGreaterThan(binomialSe(0.5, 200));
    expect(r.se).toBeCloseTo(spread, 12);
  });

  it('scales the floor with a count estimated from a share (local optima = share × size)', () => {
    const values: InstanceValue[] = Array.from({ length: 3 }, () => ({ value: 0.25 * 1024, exact: false, binomial: { trials: 100, scale: 1024 } }));
    expect(summariseInstances(values, 100).se).toBeCloseTo(1024 * binomialSe(0.25, 300), 9);
  });

  it('on a deterministic continuous landscape, gradient descent dead ends get at least the binomial error of all starts', () => {
    // Styblinski–Tang in one dimension: one double well, no instance-to-instance variation at all.
    const instances = 10;
    const starts = 10;
    const r = analyze({ id: 'styblinski-tang', dim: 1, params: {} }, 3, { instances, starts, measures: ['gd-dead-end-rate'] }).measures['gd-dead-end-rate']!;
    expect(r.mean).toBeGreaterThan(0);
    expect(r.mean).toBeLessThan(1);
    expect(r.se).toBeGreaterThanOrEqual(binomialSe(r.mean!, instances * starts) - 1e-15);
  });

  it('leaves exact (enumerated) values with the spread over instances alone', () => {
    const r = summariseInstances([0.1, 0.2, 0.3].map((value) => ({ value, exact: true })), 0);
    expect(r.se).toBeCloseTo(0.1 / Math.sqrt(3), 12);
  });
});
