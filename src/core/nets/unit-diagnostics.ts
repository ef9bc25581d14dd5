/**
 * Per-unit diagnostics of a trained `mlp` (docs/networks.md, "Stuck units are replaced"): for every hidden unit,
 * whether it is ever active on the training set, how far its incoming weights moved from the start, and what it
 * contributes (the rise of the training loss when it is removed). The question behind them: does a network that
 * has units stuck at the start route around them, and does width make that easier?
 *
 * The forward pass here is a plain reference loop rather than Network's blocked one: it runs once per run, and it
 * needs every unit's pre-activation, which the fast passes do not keep.
 */
import { type Architecture, activate, layerSizes, type Network, skipLayers } from './mlp-net.ts';

/**
 * A unit is stuck when its incoming weights moved less than this share of its layer's median movement. Relative to
 * the layer, not absolute: in wide networks every unit moves little (lazy training), and a fixed threshold would
 * call them all stuck.
 */
export const STUCK_SHARE_OF_MEDIAN = 0.1;

export interface UnitDiagnostics {
  /** Hidden units, input side first. */
  readonly units: number;
  /** ReLU units with no positive pre-activation on any training row (null for tanh and sigmoid: never exactly off). */
  readonly dead: number | null;
  /** Units whose incoming weights and bias moved less than STUCK_SHARE_OF_MEDIAN of their layer's median movement. */
  readonly stuck: number;
  /** Per unit (ReLU): the share of training rows with a positive pre-activation; null for other activations. */
  readonly activeShare: (number | null)[];
  /** Per unit: ‖Δ(incoming weights, bias)‖ / ‖(incoming weights, bias) at the start‖. */
  readonly movement: number[];
  /**
   * Per unit: training loss with the unit's outgoing weights set to 0, minus the training loss. In a residual layer
   * the unit's copy through the skip connection stays: this removes what the unit computes, not what it passes on.
   */
  readonly contribution: number[];
}

/** Diagnostics of the weights `w` (trained from `w0`) on training rows [0, train) of `x`. */
export function unitDiagnostics(network: Network, x: Float64Array, train: number, w0: Float64Array, w: Float64Array): UnitDiagnostics {
  const arch = network.arch;
  const n = layerSizes(arch);
  const skips = skipLayers(arch);
  const offsets = layerOffsets(arch);
  const relu = arch.activation === 'relu';
  const positive: number[][] = n.slice(1, -1).map((width) => new Array<number>(width).fill(0));
  let h = new Float64Array(Math.max(...n));
  let next = new Float64Array(Math.max(...n));
  for (let row = 0; row < train; row++) {
    for (let k = 0; k < n[0]; k++) h[k] = x[row * n[0] + k];
    for (let l = 0; l + 2 < n.length; l++) {
      const { weights, biases } = offsets[l];
      for (let j = 0; j < n[l + 1]; j++) {
        let z = w[biases + j];
        for (let k = 0; k < n[l]; k++) z += h[k] * w[weights + k * n[l + 1] + j];
        if (z > 0) positive[l][j]++;
        next[j] = activate(arch.activation, z) + (skips[l] ? h[j] : 0);
      }
      [h, next] = [next, h];
    }
  }
  const movement: number[] = [];
  const activeShare: (number | null)[] = [];
  let dead = 0;
  let stuck = 0;
  for (let l = 0; l + 2 < n.length; l++) {
    const { weights, biases } = offsets[l];
    const layer: number[] = [];
    for (let j = 0; j < n[l + 1]; j++) {
      let moved = (w[biases + j] - w0[biases + j]) ** 2;
      let start = w0[biases + j] ** 2;
      for (let k = 0; k < n[l]; k++) {
        const i = weights + k * n[l + 1] + j;
        moved += (w[i] - w0[i]) ** 2;
        start += w0[i] ** 2;
      }
      layer.push(Math.sqrt(moved / start));
      activeShare.push(relu ? positive[l][j] / train : null);
      if (relu && positive[l][j] === 0) dead++;
    }
    const median = medianOf(layer);
    for (const m of layer) if (m < STUCK_SHARE_OF_MEDIAN * median) stuck++;
    movement.push(...layer);
  }
  const contribution: number[] = [];
  const base = network.loss(w, 0, 0, train);
  const pruned = w.slice();
  for (let l = 0; l + 2 < n.length; l++) {
    const { weights } = offsets[l + 1];
    const fanOut = n[l + 2];
    for (let j = 0; j < n[l + 1]; j++) {
      const row = weights + j * fanOut;
      pruned.fill(0, row, row + fanOut);
      contribution.push(network.loss(pruned, 0, 0, train) - base);
      pruned.set(w.subarray(row, row + fanOut), row);
    }
  }
  return { units: movement.length, dead: relu ? dead : null, stuck, activeShare, movement, contribution };
}

/** Where each weight layer's matrix and biases start in the flat weight vector (mlp-net.ts's layout). */
function layerOffsets(arch: Architecture): { weights: number; biases: number }[] {
  const n = layerSizes(arch);
  const out: { weights: number; biases: number }[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < n.length; l++) {
    out.push({ weights: offset, biases: offset + n[l] * n[l + 1] });
    offset += (n[l] + 1) * n[l + 1];
  }
  return out;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
