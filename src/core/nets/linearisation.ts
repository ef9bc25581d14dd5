/**
 * How far a trained network is from its linearisation at the start (docs/networks.md, "Lazy training"): in the lazy
 * regime f(w_T) ≈ f(w_0) + J(w_0)(w_T − w_0), the first-order Taylor model in the weights (Lee et al. 2019, "Wide
 * neural networks of any depth evolve as linear models under gradient descent").
 */
import type { Network } from './mlp-net.ts';

/** Step of the central difference along w_T − w_0, as a share of it: small against the move, large against round-off. */
const STEP = 1e-4;

/**
 * ‖f(w_T) − f(w_0) − J(w_0)(w_T − w_0)‖ / ‖f(w_T) − f(w_0)‖ over the rows [0, rows) of `x`: the share of what
 * training changed in the outputs that the linear model does not explain (0: training was linear in the weights).
 * J(w_0)·Δ is a central difference of the outputs along Δ (exact for the linear parts, O(STEP²) otherwise; at a
 * ReLU kink it averages the two sides). NaN when the outputs did not change.
 */
export function linearisationGap(network: Network, x: Float64Array, rows: number, w0: Float64Array, w: Float64Array): number {
  const inputs = x.subarray(0, rows * network.sizes[0]);
  const outputs = (weights: Float64Array) => {
    const out = new Float64Array(rows);
    network.predict(weights, 0, inputs, rows, out);
    return out;
  };
  const along = (t: number) => w0.map((v, i) => v + t * (w[i] - v));
  const start = outputs(w0);
  const end = outputs(w);
  const plus = outputs(along(STEP));
  const minus = outputs(along(-STEP));
  let residual = 0;
  let change = 0;
  for (let i = 0; i < rows; i++) {
    const linear = start[i] + (plus[i] - minus[i]) / (2 * STEP);
    residual += (end[i] - linear) ** 2;
    change += (end[i] - start[i]) ** 2;
  }
  return change > 0 ? Math.sqrt(residual / change) : NaN;
}
