/**
 * L-BFGS (Nocedal 1980; Liu & Nocedal 1989; Nocedal & Wright 2006, Algorithm 7.5): a quasi-Newton method that keeps
 * the last m steps s and gradient changes y and applies the inverse-Hessian estimate they define by the two-loop
 * recursion (8kN + N flops for k ≤ m pairs, in the counting of line-search-method.ts), scaled by γ = sᵀy / yᵀy,
 * with a strong Wolfe line search (c₂ = 0.9) whose every trial is a charged gradient. A pair with sᵀy ≤ 0 (possible
 * only after a search that gave up) is not stored, so the estimate stays positive definite.
 */
import { z } from 'zod';
import { defineLineSearchMethod, type LineSearchMethodState, wolfeFields } from './line-search-method.ts';

interface Params extends Record<string, unknown> {
  memory: number;
  sufficientDecrease: number;
  curvature: number;
}

interface State extends LineSearchMethodState {
  /** Ring buffers of the last `memory` pairs, row k at k·N: steps s and loss-gradient changes y, and 1/(sᵀy). */
  s: Float64Array;
  y: Float64Array;
  rho: Float64Array;
  /** The two-loop recursion's coefficients αᵢ. */
  a: Float64Array;
  /** Pairs stored (≤ memory), and the row the newest one is in. */
  pairs: number;
  newest: number;
}

export const lbfgs = defineLineSearchMethod<Params, State>({
  id: 'lbfgs',
  title: 'L-BFGS',
  summary: 'Quasi-Newton steps from the last m gradient changes, with a strong Wolfe line search.',
  params: z.strictObject({
    memory: z.int().min(1).max(1000).optional().describe('Pairs (s, y) remembered, m (default 10).'),
    ...wolfeFields(0.9),
  }),
  defaults: () => ({ memory: 10, sufficientDecrease: 1e-4, curvature: 0.9 }),
  extraBytes: (problem, p) => 8 * (2 * p.memory * problem.dim + 2 * p.memory),
  initExtra: (problem, p) => ({
    s: new Float64Array(p.memory * problem.dim),
    y: new Float64Array(p.memory * problem.dim),
    rho: new Float64Array(p.memory),
    a: new Float64Array(p.memory),
    pairs: 0,
    newest: -1,
  }),
  forget(state) {
    state.pairs = 0;
    state.newest = -1;
  },
  accepted(state, p) {
    const { x, xt, g, gt, s, y } = state;
    const n = x.length;
    const row = (state.newest + 1) % p.memory;
    const at = row * n;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[at + i] = xt[i] - x[i];
      // Loss gradients: ∇L = −g, so y = ∇L(xt) − ∇L(x) = g − gt.
      y[at + i] = g[i] - gt[i];
      sy += s[at + i] * y[at + i];
    }
    state.flops += 4 * n;
    if (!(sy > 0)) return;
    state.rho[row] = 1 / sy;
    state.newest = row;
    state.pairs = Math.min(state.pairs + 1, p.memory);
  },
  // d = −H∇L = H·g by the two-loop recursion over the stored pairs, newest first.
  direction(state, p, restart) {
    const { d, g, a, rho, s, y } = state;
    const n = d.length;
    d.set(g);
    if (restart || state.pairs === 0) return;
    const m = p.memory;
    for (let k = 0, row = state.newest; k < state.pairs; k++, row = (row - 1 + m) % m) {
      const at = row * n;
      let sd = 0;
      for (let i = 0; i < n; i++) sd += s[at + i] * d[i];
      const ak = (a[row] = rho[row] * sd);
      for (let i = 0; i < n; i++) d[i] -= ak * y[at + i];
    }
    let yy = 0;
    for (let i = 0, at = state.newest * n; i < n; i++) yy += y[at + i] * y[at + i];
    const gamma = 1 / (rho[state.newest] * yy);
    for (let i = 0; i < n; i++) d[i] *= gamma;
    const oldest = (state.newest - state.pairs + 1 + m) % m;
    for (let k = 0, row = oldest; k < state.pairs; k++, row = (row + 1) % m) {
      const at = row * n;
      let yd = 0;
      for (let i = 0; i < n; i++) yd += y[at + i] * d[i];
      const c = a[row] - rho[row] * yd;
      for (let i = 0; i < n; i++) d[i] += c * s[at + i];
    }
    state.flops += 8 * state.pairs * n + 3 * n;
  },
  // The quasi-Newton step is scaled to the curvature: try the whole of it first (Nocedal & Wright 2006, §6.1).
  firstTrial: () => 1,
});
