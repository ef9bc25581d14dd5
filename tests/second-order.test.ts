/**
 * Newton–CG, L-BFGS and nonlinear conjugate gradients on problems whose answers are known: a convex quadratic (one
 * Newton step; at most N steps of L-BFGS and CG with exact line searches), Rosenbrock's optimum (1, …, 1), and the
 * strict saddle of low-rank matrix factorisation at U = 0; and how Hessian–vector products are computed and charged.
 */
import { describe, expect, it } from 'vitest';
import { HessianVectorProduct } from '../src/core/landscapes/hessian-vector.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { optimizerDef } from '../src/core/optimizers/registry.ts';
import { Evaluator } from '../src/core/run/evaluator.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import type { LandscapeSpec, RunSpec } from '../src/core/run/spec.ts';
import { Rng } from '../src/core/rng.ts';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

/** Drives an optimizer by ask/tell until `done(state)` (or `maxAsks`); returns its state and the start. */
function drive(optimizer: string, params: Record<string, unknown>, landscape: LandscapeSpec, done: (state: any) => boolean, maxAsks = 5000) {
  const instance = createLandscape(landscape, 3, 0) as ContinuousLandscape;
  const problem = problemOf(landscape);
  const def = optimizerDef(optimizer)!;
  const p = optimizerParams(def, problem, { id: optimizer, label: optimizer, params });
  const rng = new Rng('second-order');
  const start = createStart(instance, problem, 3, 0);
  const state: any = def.init(rng, problem, start, p);
  const evaluator = new Evaluator(instance, true);
  const g0 = new Float64Array(instance.dim);
  instance.gradient!(start.x0 as Float64Array, g0);
  let asks = 0;
  while (!done(state) && asks < maxAsks) {
    const candidates = def.ask(rng, state, p);
    def.tell(rng, candidates, evaluator.evaluate(candidates), state, p);
    asks++;
  }
  return { state, x0: start.x0 as Float64Array, g0, asks };
}

const exactSearch = { curvature: 1e-10, sufficientDecrease: 1e-12 };

describe('on a convex quadratic (N = 20)', () => {
  it('Newton–CG lands on the optimum in one step, to κ times the CG tolerance', () => {
    // ‖x − x*‖/‖x₀ − x*‖ ≤ κ‖r‖/‖g₀‖ ≤ κ·forcing: the error CG leaves, magnified by at most the condition number.
    const { state, x0, asks } = drive('newton', { forcing: 1e-12, maxCgIterations: 40 }, { id: 'quadratic', dim: 20, params: { condition: 100 } }, (s) => s.iterations === 1);
    expect(state.iterations).toBe(1);
    expect(state.rejections).toBe(0);
    expect(norm(state.x) / norm(x0)).toBeLessThan(100 * 1e-12);
    // One gradient at the start, one at the trial point, and the Hessian–vector products of the one CG solve.
    expect(asks - 2).toBeLessThanOrEqual(40);
  });

  it('L-BFGS with m = N and exact line searches ends in at most N steps', () => {
    const { state, g0 } = drive('lbfgs', { memory: 20, ...exactSearch }, { id: 'quadratic', dim: 20, params: { condition: 100 } }, (s) => s.iterations === 20);
    expect(norm(state.g) / norm(g0)).toBeLessThan(1e-12);
  });

  it('conjugate gradients with exact line searches end in at most N steps (κ = 10: rounding spares the orthogonality)', () => {
    // In exact arithmetic N steps at any κ; in floating point a wide spectrum loses conjugacy and needs more
    // (at κ = 100 this landscape needs about 1.5N for 10⁻⁸), so the finite-termination check is at κ = 10.
    const { state, g0 } = drive('conjugate-gradient', exactSearch, { id: 'quadratic', dim: 20, params: { condition: 10 } }, (s) => s.iterations === 20);
    expect(norm(state.g) / norm(g0)).toBeLessThan(1e-8);
  });
});

function spec(optimizer: string, landscape: LandscapeSpec, params: Record<string, unknown> = {}, evaluations = 100_000): RunSpec {
  return {
    seed: 11,
    replicate: 0,
    landscape,
    optimizer: { id: optimizer, label: optimizer, params },
    budget: { evaluations },
    stop: { atOptimum: true, deadEnd: true, tolerance: 1e-10, gradientTolerance: 1e-6 },
  };
}

describe('on Rosenbrock (N = 10)', () => {
  it.each(['lbfgs', 'conjugate-gradient', 'newton'])('%s reaches the optimum (1, …, 1)', (optimizer) => {
    const run = createRun(spec(optimizer, { id: 'rosenbrock', dim: 10, params: {} }));
    run.finish();
    expect(run.result().endedAt).toBe('optimum');
    for (const v of run.bestGenes()) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
  });
});

/**
 * Loss ½x² + ¼(y² − 1)²: a strict saddle at the origin (curvatures 1 and −1), global minima (0, ±1) and no other
 * critical point. Its stable set y = 0 is exact in floating point (the y-gradient y(y² − 1) is exactly 0 there),
 * unlike that of matrix factorisation, where rounding leaves a component along z that grows until the run escapes.
 */
const saddle: ContinuousLandscape = {
  id: 'saddle-2d',
  space: 'continuous',
  dim: 2,
  reading: 'loss',
  gradientCost: 2,
  lower: -2,
  upper: 2,
  optimumFitness: 0,
  optimum: Float64Array.of(0, 1),
  fitnessAt: (x, o) => -(0.5 * x[o] ** 2 + 0.25 * (x[o + 1] ** 2 - 1) ** 2),
  gradient(x, out) {
    out[0] = -x[0];
    out[1] = -x[1] * (x[1] ** 2 - 1);
    return -(0.5 * x[0] ** 2 + 0.25 * (x[1] ** 2 - 1) ** 2);
  },
};

describe('at a strict saddle', () => {
  const methods: [string, Record<string, unknown>][] = [['gd', { learningRate: 0.2 }], ['lbfgs', {}], ['conjugate-gradient', {}], ['newton', {}]];
  const run = (optimizer: string, params: Record<string, unknown>, x0: Float64Array) => {
    const r = createRun(spec(optimizer, { id: 'sphere', dim: 2, params: {} }, params), { landscape: saddle, x0 });
    r.finish();
    return r;
  };

  // Theory: a start on the stable set never sees the descent direction (gradients and, for Newton–CG, the Krylov
  // space stay in it), so every method converges to the saddle; any other start is repelled (Lee et al. 2016 for
  // gradient descent; Newton–CG once CG meets the negative curvature and steps to the trust-region boundary).
  it.each(methods)('%s started on its stable set (y = 0) ends at the saddle', (optimizer, params) => {
    const r = run(optimizer, params, Float64Array.of(1.5, 0));
    expect(r.result().endedAt).toBe('saddle');
    expect(norm(r.snapshot().incumbent)).toBeLessThan(1e-5);
  });

  it.each(methods)('%s started 10⁻³ off it is repelled to a global minimum (0, ±1)', (optimizer, params) => {
    const r = run(optimizer, params, Float64Array.of(1.5, 1e-3));
    expect(r.result().endedAt).toBe('optimum');
    expect(Math.abs(Math.abs(r.bestGenes()[1]) - 1)).toBeLessThan(1e-4);
  });

  it('Newton–CG leaves it by the negative curvature CG meets, to the trust-region boundary', () => {
    const def = optimizerDef('newton')!;
    const problem = problemOf({ id: 'sphere', dim: 2, params: {} });
    const params = optimizerParams(def, problem, { id: 'newton', label: 'newton', params: { initialRadius: 10, forcing: 1e-12 } });
    const rng = new Rng('saddle');
    const x0 = Float64Array.of(1.5, 1e-3);
    const state: any = def.init(rng, problem, { x0, fitness0: saddle.fitnessAt(x0, 0), rng }, params);
    const evaluator = new Evaluator(saddle, true);
    while (state.phase !== 2) {
      const candidates = def.ask(rng, state, params);
      def.tell(rng, candidates, evaluator.evaluate(candidates), state, params);
    }
    expect(state.negativeCurvature).toBe(1);
    expect(state.boundary).toBe(true);
    expect(norm(state.p)).toBeCloseTo(10, 12);
  });

  it.each(methods)('%s started near the saddle of matrix factorisation (U = 0) reaches a global optimum', (optimizer, params) => {
    const landscape: LandscapeSpec = { id: 'matrix-factorisation', dim: 20, params: { rank: 1 } };
    const instance = createLandscape(landscape, 11, 0) as ContinuousLandscape;
    const x0 = Float64Array.from({ length: 20 }, (_, i) => 1e-3 * Math.cos(3 * i));
    const r = createRun(spec(optimizer, landscape, params), { landscape: instance, x0 });
    r.finish();
    expect(r.result().endedAt).toBe('optimum');
  });
});

describe('Hessian–vector products', () => {
  it('by differences of the gradient agree with the analytic ones', () => {
    const rosenbrock = createLandscape({ id: 'rosenbrock', dim: 8, params: {} }, 1, 0) as ContinuousLandscape;
    const { hessianVector: _analytic, ...withoutProduct } = rosenbrock;
    const rng = new Rng('hv');
    const x = Float64Array.from({ length: 8 }, () => rng.normal());
    const v = Float64Array.from({ length: 8 }, () => 3 * rng.normal());
    const [exact, differenced] = [new Float64Array(8), new Float64Array(8)];
    new HessianVectorProduct(rosenbrock).apply(x, v, exact);
    const fallback = new HessianVectorProduct(withoutProduct as ContinuousLandscape);
    expect(fallback.analytic).toBe(false);
    fallback.apply(x, v, differenced);
    for (let i = 0; i < 8; i++) expect(differenced[i]).toBeCloseTo(exact[i], 4);
  });

  it('are charged 2 gradients unless the landscape declares their cost', () => {
    const sphere = createLandscape({ id: 'sphere', dim: 6, params: {} }, 1, 0) as ContinuousLandscape;
    const { hessianVector: _h, hessianVectorCost: _c, ...undeclared } = sphere;
    for (const [landscape, hvCost] of [[sphere, 1], [undeclared as ContinuousLandscape, 2]] as const) {
      const run = createRun(spec('newton', { id: 'sphere', dim: 6, params: {} }, {}, 1000), { landscape });
      run.finish();
      const r = run.result();
      expect(r.hessianVectorProducts).toBeGreaterThan(0);
      expect(r.evaluations).toBe(2 * (r.gradientEvaluations + hvCost * r.hessianVectorProducts!));
    }
  });
});
