/**
 * Newton's method with a trust region, its step found by truncated conjugate gradients on Hessian–vector products
 * (Newton–CG, Steihaug 1983; Nocedal & Wright 2006, Algorithms 4.1 and 7.2). No Hessian is formed: each CG
 * iteration asks for one product H·d (charged as landscapes/hessian-vector.ts says), and each outer step asks for one
 * gradient at the trial point x + p. CG stops when the residual falls below min(forcing, √‖g‖)·‖g‖ (superlinear
 * convergence near a minimum, N&W eq. 7.3), when it meets a direction of non-positive curvature (then it goes to the
 * trust-region boundary along it: this is how it leaves a saddle whose descent direction the Krylov space contains),
 * or at the boundary. The step is taken when the actual gain in fitness is at least 0.1 of the model's prediction;
 * the radius shrinks to ¼‖p‖ below ¼ of it and doubles above ¾ at the boundary. Work per CG iteration: 16N flops of
 * the method's own (counting of line-search-method.ts), besides the landscape's product.
 */
import { z } from 'zod';
import { dot } from './line-search-method.ts';
import { defineOptimizer, type PointBatch } from './optimizer.ts';

interface Params extends Record<string, unknown> {
  forcing: number;
  maxCgIterations: number;
  initialRadius?: number;
}

/** What the method asks for next: a gradient at the start, a Hessian–vector product along d, a gradient at x + p. */
const START = 0;
const PRODUCT = 1;
const TRIAL = 2;

/** Minimum ratio of actual to predicted gain for a step to be taken (N&W's η, in [0, ¼)). */
const ACCEPT_RATIO = 0.1;

interface State {
  x: Float64Array;
  g: Float64Array;
  f: number;
  /** CG on B·p = −∇L, B the loss Hessian: step p, residual r = B·p + ∇L, direction d, rᵀr. */
  p: Float64Array;
  r: Float64Array;
  d: Float64Array;
  rr: number;
  tolerance: number;
  cgIteration: number;
  /** The trial point x + p, the gain in fitness the quadratic model predicts for it, and whether p is on the boundary. */
  xt: Float64Array;
  predicted: number;
  stepLength: number;
  boundary: boolean;
  radius: number;
  maxRadius: number;
  phase: number;
  /** Steps taken, steps refused, and CG solves that ended on negative curvature. */
  iterations: number;
  rejections: number;
  negativeCurvature: number;
  flops: number;
  trialBatch: PointBatch<Float64Array>;
  productBatch: PointBatch<Float64Array>;
}

export const newton = defineOptimizer<Params, State>({
  id: 'newton',
  title: 'Newton–CG (trust region)',
  summary: 'Newton steps solved by conjugate gradients on Hessian–vector products, inside a trust region.',
  spaces: ['continuous'],
  needsGradient: true,
  escapesDeadEnds: false,
  params: z.strictObject({
    forcing: z.number().gt(0).max(0.5).optional().describe('CG stops at residual min(forcing, √‖g‖)·‖g‖ (default 0.5; tiny values solve each Newton system exactly).'),
    maxCgIterations: z.int().min(1).optional().describe('Hessian–vector products per Newton step at most (default N).'),
    initialRadius: z.number().gt(0).optional().describe('First trust-region radius (default 10·max(1, ‖x₀‖)).'),
  }),
  defaults: (problem) => ({ forcing: 0.5, maxCgIterations: problem.dim }),
  memoryBytes: (problem) => 8 * 7 * problem.dim,
  init(_rng, problem, start, params) {
    const n = problem.dim;
    const x = Float64Array.from(start.x0 as Float64Array);
    const d = new Float64Array(n);
    const xt = x.slice();
    const radius = params.initialRadius ?? 10 * Math.max(1, Math.sqrt(dot(x, x)));
    return {
      x,
      g: new Float64Array(n),
      f: start.fitness0,
      p: new Float64Array(n),
      r: new Float64Array(n),
      d,
      rr: 0,
      tolerance: 0,
      cgIteration: 0,
      xt,
      predicted: 0,
      stepLength: 0,
      boundary: false,
      radius,
      maxRadius: 1e6 * radius,
      phase: START,
      iterations: 0,
      rejections: 0,
      negativeCurvature: 0,
      flops: 0,
      trialBatch: { kind: 'points', genes: xt, count: 1 },
      productBatch: { kind: 'points', genes: x, count: 1, hessianVector: d },
    };
  },
  ask: (_rng, state) => (state.phase === PRODUCT ? state.productBatch : state.trialBatch),
  tell(_rng, _candidates, feedback, state, params) {
    if (state.phase === START) {
      state.f = feedback.fitness[0];
      state.g.set(feedback.gradient!);
      return startSolve(state, params);
    }
    if (state.phase === PRODUCT) return cgStep(state, params, feedback.hessianVector!);
    judgeTrial(state, params, feedback.fitness[0], feedback.gradient!);
  },
  incumbent: (state) => state.x,
  flops: (state) => state.flops,
});

/** CG from p = 0: r = ∇L = −g, d = g. */
function startSolve(state: State, params: Params): void {
  const { g, p, r, d } = state;
  const n = g.length;
  p.fill(0);
  for (let i = 0; i < n; i++) r[i] = -g[i];
  d.set(g);
  state.rr = dot(r, r);
  const norm = Math.sqrt(state.rr);
  state.tolerance = Math.min(params.forcing, Math.sqrt(norm)) * norm;
  state.cgIteration = 0;
  state.flops += 3 * n + 2;
  // At an exact critical point there is no Newton step to solve for: the method stays (re-evaluating x).
  if (!(state.rr > 0)) return finishSolve(state, false);
  state.phase = PRODUCT;
}

/** One CG iteration with hv = (fitness Hessian)·d, i.e. B·d = −hv. */
function cgStep(state: State, params: Params, hv: Float64Array): void {
  const { p, r, d } = state;
  const n = p.length;
  let curvature = 0;
  let pd = 0;
  let dd = 0;
  let pp = 0;
  for (let i = 0; i < n; i++) {
    curvature -= d[i] * hv[i];
    pd += p[i] * d[i];
    dd += d[i] * d[i];
    pp += p[i] * p[i];
  }
  state.flops += 8 * n;
  state.cgIteration++;
  const alpha = state.rr / curvature;
  if (!(curvature > 0) || pp + 2 * alpha * pd + alpha * alpha * dd >= state.radius * state.radius) {
    if (!(curvature > 0)) state.negativeCurvature++;
    // To the boundary along d: the positive root τ of ‖p + τd‖ = Δ.
    const c = pp - state.radius * state.radius;
    const tau = (-pd + Math.sqrt(Math.max(0, pd * pd - dd * c))) / dd;
    for (let i = 0; i < n; i++) {
      p[i] += tau * d[i];
      r[i] -= tau * hv[i];
    }
    state.flops += 4 * n;
    return finishSolve(state, true);
  }
  let rrNext = 0;
  for (let i = 0; i < n; i++) {
    p[i] += alpha * d[i];
    r[i] -= alpha * hv[i];
    rrNext += r[i] * r[i];
  }
  state.flops += 6 * n;
  if (Math.sqrt(rrNext) <= state.tolerance || state.cgIteration >= params.maxCgIterations) return finishSolve(state, false);
  const beta = rrNext / state.rr;
  state.rr = rrNext;
  for (let i = 0; i < n; i++) d[i] = beta * d[i] - r[i];
  state.flops += 2 * n;
}

/**
 * The trial point x + p and the model's predicted gain in fitness, −m(p) with m(p) = ∇Lᵀp + ½pᵀBp = ½(∇L + r)ᵀp
 * (r = Bp + ∇L), so the prediction needs no further product.
 */
function finishSolve(state: State, boundary: boolean): void {
  const { x, g, p, r, xt } = state;
  const n = x.length;
  let gp = 0;
  let rp = 0;
  let pp = 0;
  for (let i = 0; i < n; i++) {
    xt[i] = x[i] + p[i];
    gp += g[i] * p[i];
    rp += r[i] * p[i];
    pp += p[i] * p[i];
  }
  state.flops += 7 * n;
  state.predicted = 0.5 * (gp - rp);
  state.stepLength = Math.sqrt(pp);
  state.boundary = boundary;
  state.phase = TRIAL;
}

/** Takes or refuses the trial step by the ratio of actual to predicted gain, and adapts the radius (N&W Alg. 4.1). */
function judgeTrial(state: State, params: Params, ft: number, gt: Float64Array): void {
  const actual = ft - state.f;
  // Gains within rounding of the fitness itself carry no information: a step that does not lose counts as a good one.
  const noise = 1e-14 * Math.max(1, Math.abs(state.f));
  const ratio = state.predicted > noise ? actual / state.predicted : actual >= -noise ? 1 : -Infinity;
  if (!(ratio >= 0.25)) state.radius = 0.25 * state.stepLength;
  else if (ratio > 0.75 && state.boundary) state.radius = Math.min(2 * state.radius, state.maxRadius);
  if (ratio > ACCEPT_RATIO) {
    state.x.set(state.xt);
    state.g.set(gt);
    state.f = ft;
    state.iterations++;
  } else state.rejections++;
  startSolve(state, params);
}
