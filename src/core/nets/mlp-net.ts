/**
 * A fully connected network on typed arrays: forward and backward passes over batches of rows, written for speed
 * (register-blocked loops over row-major weights, preallocated chunk buffers, no allocation per call).
 *
 * Weights are one flat vector, layer after layer: W_l (n_l × n_{l+1}, row-major: W_l[k, j] at k·n_{l+1} + j, the
 * weight from unit k of layer l to unit j of layer l + 1) then b_l (n_{l+1}). Hidden layers apply the activation φ;
 * the single output is linear. With `residual`, a hidden-to-hidden layer of equal widths adds its input:
 * h_{l+1} = φ(h_l W_l + b_l) + h_l (He et al. 2016).
 *
 * Rows are processed in chunks of `CHUNK` through the whole network (activations stay in cache) and every row's
 * arithmetic is the same whatever chunk or pair it falls in, so the loss of a set of rows does not depend on how
 * it was batched, and `loss` and `lossGradient` return the same value bit for bit. tanh and the logistic function
 * use fast-math.ts (a few ulps from Math.tanh / Math.exp, several times faster).
 *
 * The three matrix products and tanh run in the WebAssembly SIMD kernels (kernels/mlp.ts, kernels/tanh.ts) where
 * they are available, on chunk buffers and a copy of the weights that live in the kernels' memory; they compute
 * every output with the same operations in the same order as the loops here, which stay as the reference, so a
 * network gives the same bits either way.
 */

import { type KernelExports, KernelHeap, kernelInstance } from '../kernels/wasm.ts';
import { fastExp, fastTanh } from './fast-math.ts';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const LOSSES = ['mse', 'cross-entropy'] as const;
export type Loss = (typeof LOSSES)[number];

export interface Architecture {
  readonly inputs: number;
  readonly hidden: readonly number[];
  readonly activation: Activation;
  readonly residual: boolean;
  readonly loss: Loss;
}

/** Rows per chunk of the forward and backward passes. */
const CHUNK = 64;

/** Widths of every layer, input to output: [inputs, ...hidden, 1]. */
export function layerSizes(arch: Architecture): number[] {
  return [arch.inputs, ...arch.hidden, 1];
}

/**
 * Which weight layers carry a skip connection (h_{l+1} = φ(h_l W_l + b_l) + h_l): hidden-to-hidden layers of equal
 * widths in a residual network.
 */
export function skipLayers(arch: Architecture): boolean[] {
  const n = layerSizes(arch);
  const layers = n.length - 1;
  return Array.from({ length: layers }, (_, l) => arch.residual && l >= 1 && l + 1 < layers && n[l] === n[l + 1]);
}

/** Number of weights and biases. */
export function parameterCount(arch: Architecture): number {
  const n = layerSizes(arch);
  let count = 0;
  for (let l = 0; l + 1 < n.length; l++) count += (n[l] + 1) * n[l + 1];
  return count;
}

/** The flat range [from, to) of weight layer `l`'s weights and biases (W_l then b_l). */
export function layerRange(arch: Architecture, l: number): [number, number] {
  const n = layerSizes(arch);
  let from = 0;
  for (let k = 0; k < l; k++) from += (n[k] + 1) * n[k + 1];
  return [from, from + (n[l] + 1) * n[l + 1]];
}

/**
 * Half-widths of the uniform initialisation per parameter: Glorot & Bengio (2010) √(6 / (fan_in + fan_out)) for
 * tanh, sigmoid and the linear output layer, He et al. (2015) √(6 / fan_in) for ReLU layers; biases start at 0.
 */
export function initScale(arch: Architecture): Float64Array {
  const n = layerSizes(arch);
  const scale = new Float64Array(parameterCount(arch));
  let offset = 0;
  for (let l = 0; l + 1 < n.length; l++) {
    const output = l + 2 === n.length;
    const s = !output && arch.activation === 'relu' ? Math.sqrt(6 / n[l]) : Math.sqrt(6 / (n[l] + n[l + 1]));
    scale.fill(s, offset, offset + n[l] * n[l + 1]);
    offset += (n[l] + 1) * n[l + 1];
  }
  return scale;
}

/** φ(z) for one value (the teacher network and tests; the passes below use their own loops). */
export function activate(activation: Activation, z: number): number {
  if (activation === 'tanh') return fastTanh(z);
  if (activation === 'sigmoid') return 1 / (1 + fastExp(-z));
  return z > 0 ? z : 0;
}

/** The loss of one output z against target t (for cross-entropy t is ±1: the logistic loss log(1 + e^(−tz))). */
export function sampleLoss(loss: Loss, z: number, t: number): number {
  if (loss === 'mse') return (z - t) * (z - t);
  const m = -t * z;
  return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
}

export class Network {
  readonly sizes: readonly number[];
  readonly dim: number;
  private readonly layers: number;
  private readonly wOff: Int32Array;
  private readonly bOff: Int32Array;
  private readonly res: Uint8Array;
  private readonly act: Float64Array[];
  private readonly deriv: Float64Array[];
  private readonly dAct: Float64Array[];
  private readonly g: Float64Array;
  private readonly mse: boolean;
  private readonly kind: 0 | 1 | 2;
  private readonly kernels: NetKernels | null;

  /** `x` holds the rows (row-major, `inputs` each) and `y` their targets. */
  constructor(
    readonly arch: Architecture,
    private readonly x: Float64Array,
    private readonly y: Float64Array,
  ) {
    const n = layerSizes(arch);
    this.sizes = n;
    this.layers = n.length - 1;
    this.wOff = new Int32Array(this.layers);
    this.bOff = new Int32Array(this.layers);
    this.res = new Uint8Array(this.layers);
    const skips = skipLayers(arch);
    let offset = 0;
    for (let l = 0; l < this.layers; l++) {
      this.wOff[l] = offset;
      this.bOff[l] = offset + n[l] * n[l + 1];
      offset += (n[l] + 1) * n[l + 1];
      this.res[l] = skips[l] ? 1 : 0;
    }
    this.dim = offset;
    const kernels = kernelInstance();
    this.kernels = kernels && new NetKernels(kernels, n, this.dim);
    const buffer = this.kernels ? (count: number) => this.kernels!.buffer(count) : (count: number) => new Float64Array(count);
    this.act = n.map((w) => buffer(CHUNK * w));
    this.deriv = n.map((w, l) => buffer(l === 0 ? 0 : CHUNK * w));
    this.dAct = n.map((w, l) => buffer(l === 0 ? 0 : CHUNK * w));
    this.g = buffer(CHUNK * Math.max(...n));
    this.mse = arch.loss === 'mse';
    this.kind = arch.activation === 'tanh' ? 0 : arch.activation === 'sigmoid' ? 1 : 2;
  }

  /** Bytes of the chunk buffers, and of the kernels' copies of the weights, their transposes and the gradient. */
  static bufferBytes(arch: Architecture): number {
    const n = layerSizes(arch);
    return 8 * CHUNK * (3 * n.reduce((a, b) => a + b, 0) + Math.max(...n)) + 24 * parameterCount(arch);
  }

  /** Mean loss over rows [from, to) for the weights at `w[offset ..]`. */
  loss(w: Float64Array, offset: number, from: number, to: number): number {
    this.kernels?.loadWeights(w, offset);
    let total = 0;
    for (let start = from; start < to; start += CHUNK) {
      const count = Math.min(CHUNK, to - start);
      this.gatherRange(start, count);
      this.forward(w, offset, count, false);
      total += this.chunkLoss(start, count);
    }
    return total / (to - from);
  }

  /**
   * Mean loss over the rows `indices[from .. to)`; writes `sign` × its gradient with respect to the weights into
   * `out` (overwriting it). `sign = −1` gives the gradient of fitness = −loss.
   */
  lossGradient(w: Float64Array, indices: Int32Array, from: number, to: number, out: Float64Array, sign: number): number {
    const kernels = this.kernels;
    if (kernels) {
      kernels.loadWeights(w, 0);
      kernels.transposeWeights(this.wOff);
      kernels.gradient.fill(0);
    } else out.fill(0);
    const scale = sign / (to - from);
    let total = 0;
    for (let start = from; start < to; start += CHUNK) {
      const count = Math.min(CHUNK, to - start);
      this.gatherIndices(indices, start, count);
      this.forward(w, 0, count, true);
      total += this.outputGradient(indices, start, count, scale);
      this.backward(w, count, out);
    }
    if (kernels) out.set(kernels.gradient);
    return total / (to - from);
  }

  /**
   * The network's outputs (before the loss: a regression value, or a class logit whose sign is the class) for `count`
   * rows of `inputs` (row-major, `arch.inputs` each), written into `out[0 .. count)`: decision surfaces, predictions.
   */
  predict(w: Float64Array, offset: number, inputs: Float64Array, count: number, out: Float64Array): void {
    const d = this.sizes[0];
    const a = this.act[0];
    const z = this.act[this.layers];
    this.kernels?.loadWeights(w, offset);
    for (let start = 0; start < count; start += CHUNK) {
      const rows = Math.min(CHUNK, count - start);
      for (let i = 0, from = start * d, size = rows * d; i < size; i++) a[i] = inputs[from + i];
      this.forward(w, offset, rows, false);
      for (let s = 0; s < rows; s++) out[start + s] = z[s];
    }
  }

  private gatherRange(start: number, count: number): void {
    const a = this.act[0];
    const x = this.x;
    // A copy loop, not set(subarray(…)): no view object per chunk.
    for (let i = 0, from = start * this.sizes[0], size = count * this.sizes[0]; i < size; i++) a[i] = x[from + i];
  }

  private gatherIndices(indices: Int32Array, start: number, count: number): void {
    const d = this.sizes[0];
    const a = this.act[0];
    const x = this.x;
    for (let s = 0; s < count; s++) {
      const src = indices[start + s] * d;
      const dst = s * d;
      for (let k = 0; k < d; k++) a[dst + k] = x[src + k];
    }
  }

  private forward(w: Float64Array, offset: number, count: number, withDeriv: boolean): void {
    const n = this.sizes;
    const last = this.layers - 1;
    const kernels = this.kernels;
    for (let l = 0; l <= last; l++) {
      const out = this.act[l + 1];
      if (kernels) kernels.forwardLayer(this.wOff[l], this.bOff[l], n[l], n[l + 1], this.act[l], out, count);
      else forwardLayer(w, offset + this.wOff[l], offset + this.bOff[l], n[l], n[l + 1], this.act[l], out, count);
      if (l === last) break;
      const size = count * n[l + 1];
      if (kernels && this.kind === 0) kernels.tanhInPlace(out, withDeriv ? this.deriv[l + 1] : undefined, size);
      else activateInPlace(this.kind, out, withDeriv ? this.deriv[l + 1] : undefined, size);
      if (this.res[l]) {
        const input = this.act[l];
        for (let i = 0; i < size; i++) out[i] += input[i];
      }
    }
  }

  private chunkLoss(start: number, count: number): number {
    const z = this.act[this.layers];
    const y = this.y;
    let total = 0;
    if (this.mse) {
      for (let s = 0; s < count; s++) {
        const r = z[s] - y[start + s];
        total += r * r;
      }
    } else {
      for (let s = 0; s < count; s++) total += sampleLoss('cross-entropy', z[s], y[start + s]);
    }
    return total;
  }

  /** Sum of the chunk's losses; writes scale × ∂loss/∂z per row into the output's gradient buffer. */
  private outputGradient(indices: Int32Array, start: number, count: number, scale: number): number {
    const z = this.act[this.layers];
    const dz = this.dAct[this.layers];
    const y = this.y;
    let total = 0;
    if (this.mse) {
      for (let s = 0; s < count; s++) {
        const r = z[s] - y[indices[start + s]];
        total += r * r;
        dz[s] = 2 * r * scale;
      }
    } else {
      for (let s = 0; s < count; s++) {
        const t = y[indices[start + s]];
        total += sampleLoss('cross-entropy', z[s], t);
        dz[s] = (-t / (1 + Math.exp(t * z[s]))) * scale;
      }
    }
    return total;
  }

  private backward(w: Float64Array, count: number, out: Float64Array): void {
    const n = this.sizes;
    for (let l = this.layers - 1; l >= 0; l--) {
      const nin = n[l];
      const nout = n[l + 1];
      let grad = this.dAct[l + 1];
      if (l < this.layers - 1) {
        const g = this.g;
        const deriv = this.deriv[l + 1];
        for (let i = 0, size = count * nout; i < size; i++) g[i] = grad[i] * deriv[i];
        grad = g;
      }
      const kernels = this.kernels;
      if (kernels) kernels.weightGradient(this.act[l], grad, this.wOff[l], this.bOff[l], nin, nout, count);
      else weightGradient(this.act[l], grad, out, this.wOff[l], this.bOff[l], nin, nout, count);
      if (l === 0) break;
      const dIn = this.dAct[l];
      if (kernels) kernels.inputGradient(this.wOff[l], grad, dIn, nin, nout, count);
      else inputGradient(w, this.wOff[l], grad, dIn, nin, nout, count);
      if (this.res[l]) {
        const dOut = this.dAct[l + 1];
        for (let i = 0, size = count * nin; i < size; i++) dIn[i] += dOut[i];
      }
    }
  }
}

/**
 * A network's side of the kernels: its weights, their transposes (for the input gradient), the weight gradient and
 * the chunk buffers, all in the kernels' memory; a buffer's byte offset there is its view's `byteOffset`.
 */
class NetKernels {
  private readonly heap: KernelHeap;
  private readonly weightsAt: number;
  private readonly transposedAt: number;
  private readonly gradientAt: number;
  private readonly weights: Float64Array;
  private readonly transposed: Float64Array;
  readonly gradient: Float64Array;
  private nextBuffer: number;

  constructor(
    private readonly k: KernelExports,
    private readonly sizes: readonly number[],
    private readonly dim: number,
  ) {
    this.heap = new KernelHeap(k);
    this.weightsAt = this.heap.reserve(dim);
    this.transposedAt = this.heap.reserve(dim);
    this.gradientAt = this.heap.reserve(dim);
    // Room for every chunk buffer the constructor asks for (as counted by Network.bufferBytes) and their alignment,
    // reserved before the memory's one growth: later growth would detach the views.
    const total = sizes.reduce((a, b) => a + b, 0);
    this.nextBuffer = this.heap.reserve(CHUNK * (3 * total + Math.max(...sizes)) + 2 * (3 * sizes.length + 1));
    this.heap.commit();
    this.weights = this.heap.view(this.weightsAt, dim);
    this.transposed = this.heap.view(this.transposedAt, dim);
    this.gradient = this.heap.view(this.gradientAt, dim);
  }

  /** A chunk buffer of `count` numbers in the kernels' memory (inside the space reserved by the constructor). */
  buffer(count: number): Float64Array {
    const at = this.nextBuffer;
    this.nextBuffer += (8 * count + 15) & ~15;
    return this.heap.view(at, count);
  }

  loadWeights(w: Float64Array, offset: number): void {
    this.weights.set(offset === 0 && w.length === this.dim ? w : w.subarray(offset, offset + this.dim));
  }

  /** wT_l[j, k] = W_l[k, j] for the layers whose input gradient is needed (all but the first). */
  transposeWeights(wOff: Int32Array): void {
    const n = this.sizes;
    const w = this.weights;
    const t = this.transposed;
    for (let l = 1; l + 1 < n.length; l++) {
      const nin = n[l];
      const nout = n[l + 1];
      const o = wOff[l];
      for (let k = 0; k < nin; k++) for (let j = 0; j < nout; j++) t[o + j * nin + k] = w[o + k * nout + j];
    }
  }

  forwardLayer(wOff: number, bOff: number, nin: number, nout: number, a: Float64Array, z: Float64Array, count: number): void {
    this.k.forwardLayer(this.weightsAt + 8 * wOff, this.weightsAt + 8 * bOff, nin, nout, a.byteOffset, z.byteOffset, count);
  }

  weightGradient(a: Float64Array, g: Float64Array, wOff: number, bOff: number, nin: number, nout: number, count: number): void {
    this.k.weightGradient(a.byteOffset, g.byteOffset, this.gradientAt + 8 * wOff, this.gradientAt + 8 * bOff, nin, nout, count);
  }

  tanhInPlace(z: Float64Array, deriv: Float64Array | undefined, size: number): void {
    this.k.tanhInPlace(z.byteOffset, deriv ? deriv.byteOffset : 0, size);
  }

  inputGradient(wOff: number, g: Float64Array, dIn: Float64Array, nin: number, nout: number, count: number): void {
    this.k.inputGradient(this.transposedAt + 8 * wOff, g.byteOffset, dIn.byteOffset, nin, nout, count);
  }
}

/**
 * Z = A·W + b for `count` rows: four rows × four outputs per block, sixteen accumulators in registers, each weight
 * loaded once per four rows (measured 15–20 % faster than two rows × four outputs here). Every output is
 * b_j + Σ_k a_k w_kj summed in k order, in the blocks and the remainder loops alike.
 */
function forwardLayer(
  w: Float64Array,
  wOff: number,
  bOff: number,
  nin: number,
  nout: number,
  a: Float64Array,
  z: Float64Array,
  count: number,
): void {
  let s = 0;
  for (; s + 3 < count; s += 4) {
    const a0 = s * nin;
    const z0 = s * nout;
    let j = 0;
    for (; j + 3 < nout; j += 4) {
      let p0 = w[bOff + j];
      let p1 = w[bOff + j + 1];
      let p2 = w[bOff + j + 2];
      let p3 = w[bOff + j + 3];
      let q0 = p0;
      let q1 = p1;
      let q2 = p2;
      let q3 = p3;
      let r0 = p0;
      let r1 = p1;
      let r2 = p2;
      let r3 = p3;
      let t0 = p0;
      let t1 = p1;
      let t2 = p2;
      let t3 = p3;
      for (let k = 0, wk = wOff + j, ak = a0; k < nin; k++, wk += nout, ak++) {
        const w0 = w[wk];
        const w1 = w[wk + 1];
        const w2 = w[wk + 2];
        const w3 = w[wk + 3];
        let x = a[ak];
        p0 += x * w0;
        p1 += x * w1;
        p2 += x * w2;
        p3 += x * w3;
        x = a[ak + nin];
        q0 += x * w0;
        q1 += x * w1;
        q2 += x * w2;
        q3 += x * w3;
        x = a[ak + 2 * nin];
        r0 += x * w0;
        r1 += x * w1;
        r2 += x * w2;
        r3 += x * w3;
        x = a[ak + 3 * nin];
        t0 += x * w0;
        t1 += x * w1;
        t2 += x * w2;
        t3 += x * w3;
      }
      let o = z0 + j;
      z[o] = p0;
      z[o + 1] = p1;
      z[o + 2] = p2;
      z[o + 3] = p3;
      o += nout;
      z[o] = q0;
      z[o + 1] = q1;
      z[o + 2] = q2;
      z[o + 3] = q3;
      o += nout;
      z[o] = r0;
      z[o + 1] = r1;
      z[o + 2] = r2;
      z[o + 3] = r3;
      o += nout;
      z[o] = t0;
      z[o + 1] = t1;
      z[o + 2] = t2;
      z[o + 3] = t3;
    }
    for (; j < nout; j++) {
      for (let r = 0; r < 4; r++) {
        let p = w[bOff + j];
        const ar = a0 + r * nin;
        for (let k = 0, wk = wOff + j; k < nin; k++, wk += nout) p += a[ar + k] * w[wk];
        z[z0 + r * nout + j] = p;
      }
    }
  }
  for (; s < count; s++) {
    const a0 = s * nin;
    const z0 = s * nout;
    for (let j = 0; j < nout; j++) {
      let p = w[bOff + j];
      for (let k = 0, wk = wOff + j; k < nin; k++, wk += nout) p += a[a0 + k] * w[wk];
      z[z0 + j] = p;
    }
  }
}

/** φ in place over `size` values; with `deriv`, also φ′ at each. */
function activateInPlace(kind: 0 | 1 | 2, z: Float64Array, deriv: Float64Array | undefined, size: number): void {
  if (kind === 0) {
    if (deriv) {
      for (let i = 0; i < size; i++) {
        const t = fastTanh(z[i]);
        z[i] = t;
        deriv[i] = 1 - t * t;
      }
    } else for (let i = 0; i < size; i++) z[i] = fastTanh(z[i]);
  } else if (kind === 1) {
    if (deriv) {
      for (let i = 0; i < size; i++) {
        const t = 1 / (1 + fastExp(-z[i]));
        z[i] = t;
        deriv[i] = t * (1 - t);
      }
    } else for (let i = 0; i < size; i++) z[i] = 1 / (1 + fastExp(-z[i]));
  } else if (deriv) {
    for (let i = 0; i < size; i++) {
      const v = z[i];
      const on = v > 0;
      z[i] = on ? v : 0;
      deriv[i] = on ? 1 : 0;
    }
  } else {
    for (let i = 0; i < size; i++) if (!(z[i] > 0)) z[i] = 0;
  }
}

/**
 * out[W] += Aᵀ·G and out[b] += column sums of G. Each block of four inputs × four outputs sums over the rows in
 * sixteen registers and touches `out` once (measured 1.7× faster here than adding four rows at a time into `out`).
 */
function weightGradient(
  a: Float64Array,
  g: Float64Array,
  out: Float64Array,
  wOff: number,
  bOff: number,
  nin: number,
  nout: number,
  count: number,
): void {
  let k = 0;
  for (; k + 3 < nin; k += 4) {
    let j = 0;
    for (; j + 3 < nout; j += 4) {
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      let r0 = 0;
      let r1 = 0;
      let r2 = 0;
      let r3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let s = 0, as = k, gs = j; s < count; s++, as += nin, gs += nout) {
        const h0 = g[gs];
        const h1 = g[gs + 1];
        const h2 = g[gs + 2];
        const h3 = g[gs + 3];
        let x = a[as];
        p0 += x * h0;
        p1 += x * h1;
        p2 += x * h2;
        p3 += x * h3;
        x = a[as + 1];
        q0 += x * h0;
        q1 += x * h1;
        q2 += x * h2;
        q3 += x * h3;
        x = a[as + 2];
        r0 += x * h0;
        r1 += x * h1;
        r2 += x * h2;
        r3 += x * h3;
        x = a[as + 3];
        t0 += x * h0;
        t1 += x * h1;
        t2 += x * h2;
        t3 += x * h3;
      }
      let o = wOff + k * nout + j;
      out[o] += p0;
      out[o + 1] += p1;
      out[o + 2] += p2;
      out[o + 3] += p3;
      o += nout;
      out[o] += q0;
      out[o + 1] += q1;
      out[o + 2] += q2;
      out[o + 3] += q3;
      o += nout;
      out[o] += r0;
      out[o + 1] += r1;
      out[o + 2] += r2;
      out[o + 3] += r3;
      o += nout;
      out[o] += t0;
      out[o + 1] += t1;
      out[o + 2] += t2;
      out[o + 3] += t3;
    }
    for (; j < nout; j++) {
      for (let r = 0; r < 4; r++) {
        let p = 0;
        for (let s = 0, as = k + r, gs = j; s < count; s++, as += nin, gs += nout) p += a[as] * g[gs];
        out[wOff + (k + r) * nout + j] += p;
      }
    }
  }
  for (; k < nin; k++) {
    for (let j = 0; j < nout; j++) {
      let p = 0;
      for (let s = 0, as = k, gs = j; s < count; s++, as += nin, gs += nout) p += a[as] * g[gs];
      out[wOff + k * nout + j] += p;
    }
  }
  for (let s = 0; s < count; s++) {
    const g0 = s * nout;
    for (let j = 0; j < nout; j++) out[bOff + j] += g[g0 + j];
  }
}

/** dA = G·Wᵀ: two rows × two inputs per block (four dot products over contiguous rows of W and G). */
function inputGradient(w: Float64Array, wOff: number, g: Float64Array, dIn: Float64Array, nin: number, nout: number, count: number): void {
  let s = 0;
  for (; s + 1 < count; s += 2) {
    const g0 = s * nout;
    const g1 = g0 + nout;
    const d0 = s * nin;
    const d1 = d0 + nin;
    let k = 0;
    for (; k + 1 < nin; k += 2) {
      const w0 = wOff + k * nout;
      const w1 = w0 + nout;
      let p00 = 0;
      let p01 = 0;
      let p10 = 0;
      let p11 = 0;
      for (let j = 0; j < nout; j++) {
        const u0 = w[w0 + j];
        const u1 = w[w1 + j];
        const h0 = g[g0 + j];
        const h1 = g[g1 + j];
        p00 += u0 * h0;
        p01 += u1 * h0;
        p10 += u0 * h1;
        p11 += u1 * h1;
      }
      dIn[d0 + k] = p00;
      dIn[d0 + k + 1] = p01;
      dIn[d1 + k] = p10;
      dIn[d1 + k + 1] = p11;
    }
    if (k < nin) {
      const w0 = wOff + k * nout;
      let p0 = 0;
      let p1 = 0;
      for (let j = 0; j < nout; j++) {
        p0 += w[w0 + j] * g[g0 + j];
        p1 += w[w0 + j] * g[g1 + j];
      }
      dIn[d0 + k] = p0;
      dIn[d1 + k] = p1;
    }
  }
  if (s < count) {
    const g0 = s * nout;
    const d0 = s * nin;
    for (let k = 0; k < nin; k++) {
      const w0 = wOff + k * nout;
      let p = 0;
      for (let j = 0; j < nout; j++) p += w[w0 + j] * g[g0 + j];
      dIn[d0 + k] = p;
    }
  }
}
