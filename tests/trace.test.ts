/**
 * The improvement trace of result lines (`measure.trace`, core/run/trace.ts): bounded by `points`, never early and
 * late by less than its stated factor past the bound, exact at the fixed budgets, and covered by the line's digest.
 */
import { describe, expect, it } from 'vitest';
import { createRun } from '../src/core/run/run.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { budgetGrid } from '../src/core/run/trace.ts';
import { digestCheck, resultLine } from '../src/scenario/results.ts';

function spec(optimizer: string, params: Record<string, unknown>, trace: RunSpec['measure']): RunSpec {
  return {
    seed: 3,
    replicate: 0,
    landscape: { id: 'sphere', dim: 4, params: {} },
    optimizer: { id: optimizer, label: optimizer, params },
    budget: { evaluations: 4000 },
    stop: { atOptimum: false, deadEnd: false, tolerance: 0, gradientTolerance: 1e-9 },
    measure: trace,
  };
}

/** The best so far after `evaluations` read from (evaluations, best) pairs: the last pair at or before it. */
function bestAt(pairs: ArrayLike<number>, evaluations: number): number {
  let best = -Infinity;
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] <= evaluations) best = pairs[i + 1];
  return best;
}

describe('improvement trace', () => {
  it('keeps every improvement while there is room, and the best at each fixed budget', () => {
    const run = createRun(spec('cma-es', {}, { trace: { points: 100_000, budgets: 20 } }));
    run.finish();
    const trace = run.result().traceRecord!;
    const full = run.snapshot().trace;
    expect(trace.spacing).toBe(1);
    expect(trace.improvements.flat()).toEqual([...full]);
    expect(trace.budgets.map(([e]) => e)).toEqual(budgetGrid(4000, 20));
    for (const [e, best] of trace.budgets) expect(best).toBe(bestAt(full, e));
  });

  it('past its bound holds at most `points` entries, never reads a target early, and is late by less than its factor', () => {
    // Gradient ascent on a sphere improves at every step: about 2000 improvements into 16 places.
    const run = createRun(spec('gd', { learningRate: 0.001 }, { trace: { points: 16, budgets: 30 } }));
    run.finish();
    const { improvements, spacing, budgets } = run.result().traceRecord!;
    const full = run.snapshot().trace;
    expect(full.length / 2).toBeGreaterThan(1000);
    expect(improvements.length).toBeLessThanOrEqual(16);
    expect(spacing).toBeGreaterThan(1);
    expect(improvements.at(-1)).toEqual([full.at(-2), full.at(-1)]);
    for (let i = 0; i < full.length; i += 2) {
      const [e, target] = [full[i], full[i + 1]];
      const hit = improvements.find(([, best]) => best >= target)!;
      expect(hit[0]).toBeGreaterThanOrEqual(e);
      expect(1 + hit[0]).toBeLessThan(spacing * (1 + e));
    }
    // The fixed budgets are exact whatever was merged.
    for (const [e, best] of budgets) expect(best).toBe(bestAt(full, e));
  });

  it('flows into the result line and its digest', () => {
    const run = createRun(spec('cma-es', {}, { trace: true }));
    run.finish();
    const outcome = { optimizer: 'cma-es', label: 'cma-es', result: run.result(), wallMs: 1 };
    const line = resultLine(0, {}, 0, 3, outcome, '1x1x1-0123456789abcdef');
    expect(line.trace!.improvements[0][0]).toBe(0);
    expect(line.trace!.budgets).toHaveLength(budgetGrid(4000, 50).length);
    expect(digestCheck(line)).toBe('ok');
    const edited = JSON.parse(JSON.stringify(line));
    edited.trace.budgets[3][1] += 1;
    expect(digestCheck(edited)).toBe('changed');
    const without = createRun(spec('cma-es', {}, undefined));
    without.finish();
    expect(resultLine(0, {}, 0, 3, { ...outcome, result: without.result() }).trace).toBeUndefined();
  });

  it('grids budgets log-spaced from 1 to the budget, without repeats', () => {
    expect(budgetGrid(1000, 4)).toEqual([1, 10, 100, 1000]);
    expect(budgetGrid(3, 10)).toEqual([1, 2, 3]);
  });
});
