/**
 * Magnitude pruning and training of the surviving weights, for the lottery-ticket experiment (Frankle & Carbin
 * 2019; docs/networks.md, "Stuck units are replaced"): prune the trained network, rewind the survivors to their
 * initial values (or draw them afresh) and retrain them with the pruned weights held at 0.
 */
import type { ContinuousLandscape } from '../landscapes/landscape.ts';
import { type Architecture, layerSizes } from './mlp-net.ts';

/**
 * 1 for the weights kept, 0 for those pruned: in every weight matrix the `keep` share with the largest |w| survives
 * (per layer, as Frankle & Carbin prune; ties towards the lower index). Biases are never pruned.
 */
export function magnitudeMask(arch: Architecture, w: Float64Array, keep: number): Uint8Array {
  const n = layerSizes(arch);
  const mask = new Uint8Array(w.length).fill(1);
  let offset = 0;
  for (let l = 0; l + 1 < n.length; l++) {
    const size = n[l] * n[l + 1];
    const order = Array.from({ length: size }, (_, i) => offset + i).sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]) || a - b);
    const kept = Math.max(1, Math.round(keep * size));
    for (let r = kept; r < size; r++) mask[order[r]] = 0;
    offset += size + n[l + 1];
  }
  return mask;
}

/**
 * Full-batch gradient descent on the weights the mask keeps (the others are set to 0 and stay there), from `w`
 * (copied). Returns the end point and the gradients computed, each charged like any run's (`gradientCost`).
 */
export function trainMasked(
  landscape: ContinuousLandscape,
  start: Float64Array,
  mask: Uint8Array,
  learningRate: number,
  steps: number,
): { weights: Float64Array; gradients: number } {
  const w = start.map((v, i) => (mask[i] ? v : 0));
  const g = new Float64Array(w.length);
  for (let step = 0; step < steps; step++) {
    landscape.gradient!(w, g);
    // The gradient is of fitness = −loss: ascent on it is descent on the loss.
    for (let i = 0; i < w.length; i++) if (mask[i]) w[i] += learningRate * g[i];
  }
  return { weights: w, gradients: steps };
}
