/**
 * The shared ask/tell shape of the line-search methods (L-BFGS, nonlinear conjugate gradients): from x, a method
 * chooses an ascent direction d of fitness (a descent direction of the loss), a strong Wolfe line search
 * (line-search.ts) picks the step α along it one gradient at a time, and the method updates what it remembers from
 * the step s = αd and the change of gradient. Every trial of the search is a gradient evaluation charged to the
 * budget like any other. A direction that does not ascend, or a search that fails, restarts the method along the
 * gradient. Buffers are allocated at `init`; a step allocates nothing.
 *
 * Arithmetic work (`flops`, counted as the method goes): one floating-point addition, subtraction, multiplication or
 * division is one flop, so a dot product or an update x + a·y of length N costs 2N; copies cost nothing. The
 * landscape's own work (its gradients) is counted by the run, not here.
 */
import { z } from 'zod';
import { createLineSearch, lineSearchStep, type LineSearchState, startLineSearch } from './line-search.ts';
import { defineOptimizer, type OptimizerDef, type PointBatch, type Problem } from './optimizer.ts';

export interface LineSearchMethodState {
  x: Float64Array;
  /** Fitness gradient at x, and fitness at x. */
  g: Float64Array;
  f: number;
  /** Direction of the current search: an ascent direction of fitness. */
  d: Float64Array;
  /** The trial point x + αd and its fitness gradient. */
  xt: Float64Array;
  gt: Float64Array;
  /** 0 until the start point is evaluated, then 1 (searching). */
  phase: number;
  ls: LineSearchState;
  /** The step taken by the last search (for the next first trial), and whether the next search is a restart. */
  lastAlpha: number;
  lastSlope: number;
  restart: boolean;
  /** Successive failed searches from the same point (each restart tries a 1000 times shorter first step). */
  failures: number;
  /** Accepted steps, and restarts along the gradient. */
  iterations: number;
  restarts: number;
  flops: number;
  batch: PointBatch<Float64Array>;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Sufficient-decrease and curvature fields of the strong Wolfe conditions, with their defaults in the text. */
export function wolfeFields(c2: number) {
  return {
    sufficientDecrease: z.number().gt(0).lt(0.5).optional().describe('Armijo constant c₁ of the strong Wolfe conditions (default 1e-4).'),
    curvature: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe(`Curvature constant c₂ of the strong Wolfe conditions, |φ′(α)| ≤ c₂|φ′(0)| (default ${c2}; tiny values make the search exact).`),
  };
}

interface LineSearchParams extends Record<string, unknown> {
  sufficientDecrease: number;
  curvature: number;
}

interface LineSearchMethod<P extends LineSearchParams, S extends LineSearchMethodState> {
  id: string;
  title: string;
  summary: string;
  params: z.ZodObject;
  defaults(problem: Problem): P;
  /** Bytes of the method's own buffers beyond the shared ones. */
  extraBytes(problem: Problem, params: P): number;
  /** The method's own fields, allocated once. */
  initExtra(problem: Problem, params: P): Omit<S, keyof LineSearchMethodState>;
  /** Writes the next ascent direction into state.d, from state.g at state.x (restart: forget the past, d = g). */
  direction(state: S, params: P, restart: boolean): void;
  /** After an accepted step, before x and g become xt and gt: remember what the step taught. */
  accepted(state: S, params: P): void;
  /** The first trial step of a search that is not a restart. */
  firstTrial(state: S, params: P): number;
  /** Forgets the past (memory, previous direction) on a restart. */
  forget?(state: S): void;
}

export function defineLineSearchMethod<P extends LineSearchParams, S extends LineSearchMethodState>(method: LineSearchMethod<P, S>): OptimizerDef<P, S> {
  /** Begins a search from x along d; a d that does not ascend is replaced by the gradient. */
  function beginSearch(state: S, params: P): void {
    let slope = dot(state.g, state.d);
    state.flops += 2 * state.x.length;
    if (!(slope > 0) && !state.restart) {
      state.restart = true;
      state.restarts++;
      method.forget?.(state);
      method.direction(state, params, true);
      slope = dot(state.g, state.d);
      state.flops += 2 * state.x.length;
    }
    const gradientNorm = Math.sqrt(dot(state.g, state.g));
    state.flops += 2 * state.x.length;
    // A restart (or the first search) knows no scale: a first step of length 1 along the gradient, shorter after failures.
    const alpha0 = state.restart ? Math.min(1, 1 / Math.max(gradientNorm, 1e-300)) * Math.pow(1e-3, state.failures) : method.firstTrial(state, params);
    state.lastSlope = slope;
    startLineSearch(state.ls, -state.f, -slope, alpha0);
    moveTrial(state);
  }

  function moveTrial(state: S): void {
    const { x, xt, d } = state;
    const alpha = state.ls.alpha;
    for (let i = 0; i < x.length; i++) xt[i] = x[i] + alpha * d[i];
    state.flops += 2 * x.length;
  }

  return defineOptimizer<P, S>({
    id: method.id,
    title: method.title,
    summary: method.summary,
    spaces: ['continuous'],
    needsGradient: true,
    escapesDeadEnds: false,
    params: method.params,
    defaults: method.defaults,
    check: (_problem, params) =>
      params.sufficientDecrease < params.curvature
        ? []
        : [{ path: ['sufficientDecrease'], message: `must be below curvature (${params.curvature}): the strong Wolfe conditions need c₁ < c₂` }],
    memoryBytes: (problem, params) => 40 * problem.dim + method.extraBytes(problem, params),
    init(_rng, problem, start, params) {
      const n = problem.dim;
      const xt = Float64Array.from(start.x0 as Float64Array);
      const base: LineSearchMethodState = {
        x: xt.slice(),
        g: new Float64Array(n),
        f: start.fitness0,
        d: new Float64Array(n),
        xt,
        gt: new Float64Array(n),
        phase: 0,
        ls: createLineSearch(params.sufficientDecrease, params.curvature),
        lastAlpha: 0,
        lastSlope: 0,
        restart: true,
        failures: 0,
        iterations: 0,
        restarts: 0,
        flops: 0,
        batch: { kind: 'points', genes: xt, count: 1 },
      };
      return { ...base, ...method.initExtra(problem, params) } as S;
    },
    ask: (_rng, state) => state.batch,
    tell(_rng, _candidates, feedback, state, params) {
      const n = state.x.length;
      const ft = feedback.fitness[0];
      state.gt.set(feedback.gradient!);
      if (state.phase === 0) {
        state.phase = 1;
        state.f = ft;
        state.g.set(state.gt);
        method.direction(state, params, true);
        return beginSearch(state, params);
      }
      const slope = dot(state.gt, state.d);
      state.flops += 2 * n;
      const outcome = lineSearchStep(state.ls, -ft, -slope);
      if (outcome === 'continue') return moveTrial(state);
      if (outcome === 'fail') {
        // Back to x: the next search restarts along the gradient with a shorter first step.
        state.failures++;
        state.restarts++;
        state.restart = true;
        method.forget?.(state);
        method.direction(state, params, true);
        return beginSearch(state, params);
      }
      method.accepted(state, params);
      state.lastAlpha = state.ls.alpha;
      state.x.set(state.xt);
      state.g.set(state.gt);
      state.f = ft;
      state.iterations++;
      state.failures = 0;
      state.restart = false;
      method.direction(state, params, false);
      beginSearch(state, params);
    },
    incumbent: (state) => state.x,
    flops: (state) => state.flops,
  });
}
