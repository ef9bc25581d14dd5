/**
 * Nonlinear conjugate gradients, Polak–Ribière+ (Polak & Ribière 1969; Gilbert & Nocedal 1992; Nocedal & Wright
 * 2006, §5.2): d ← g + β·d with β = max(0, gₖ₊₁ᵀ(gₖ₊₁ − gₖ) / ‖gₖ‖²), a strong Wolfe line search with c₂ = 0.1, and
 * restarts along the gradient every N steps and whenever consecutive gradients are far from orthogonal,
 * |gₖ₊₁ᵀgₖ| ≥ 0.1‖gₖ₊₁‖² (Powell 1977). On a quadratic with exact line searches it is linear conjugate gradients
 * and ends in at most N steps. The first trial step repeats the last step's change in the loss (N&W eq. 3.60).
 */
import { z } from 'zod';
import { defineLineSearchMethod, dot, type LineSearchMethodState, wolfeFields } from './line-search-method.ts';

interface Params extends Record<string, unknown> {
  sufficientDecrease: number;
  curvature: number;
}

interface State extends LineSearchMethodState {
  /** β of the last accepted step (NaN: restart). */
  beta: number;
  /** Steps since the last restart. */
  sinceRestart: number;
}

export const nonlinearCg = defineLineSearchMethod<Params, State>({
  id: 'conjugate-gradient',
  title: 'Nonlinear conjugate gradients',
  summary: 'Polak–Ribière+ conjugate directions with a strong Wolfe line search and restarts.',
  params: z.strictObject(wolfeFields(0.1)),
  defaults: () => ({ sufficientDecrease: 1e-4, curvature: 0.1 }),
  extraBytes: () => 16,
  initExtra: () => ({ beta: NaN, sinceRestart: 0 }),
  forget(state) {
    state.beta = NaN;
  },
  accepted(state) {
    const { g, gt } = state;
    const n = g.length;
    let gtgt = 0;
    let gtg = 0;
    let gg = 0;
    for (let i = 0; i < n; i++) {
      gtgt += gt[i] * gt[i];
      gtg += gt[i] * g[i];
      gg += g[i] * g[i];
    }
    state.flops += 6 * n;
    state.sinceRestart++;
    const powell = Math.abs(gtg) >= 0.1 * gtgt;
    state.beta = powell || state.sinceRestart >= n || !(gg > 0) ? NaN : Math.max(0, (gtgt - gtg) / gg);
  },
  direction(state, _p, restart) {
    const { d, g } = state;
    const beta = state.beta;
    if (restart || Number.isNaN(beta)) {
      if (!restart) state.restarts++;
      state.sinceRestart = 0;
      d.set(g);
      return;
    }
    for (let i = 0; i < d.length; i++) d[i] = g[i] + beta * d[i];
    state.flops += 2 * d.length;
  },
  firstTrial(state) {
    const slope = dot(state.g, state.d);
    state.flops += 2 * state.d.length;
    return (state.lastAlpha * state.lastSlope) / slope;
  },
});
