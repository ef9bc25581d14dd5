/**
 * Data sets of the `mlp` landscape, drawn from the landscape's own seeded stream: the four two-dimensional sets of
 * the TensorFlow Playground (Smilkov & Carter 2016) — xor, circles, two spirals, two gaussians — scaled to about
 * [−1, 1]², and a random teacher network (teacher–student regression, Gardner & Derrida 1989; Saad & Solla 1995).
 * Rows are shuffled once, so a prefix is a fair training set and the rest the test set.
 */
import type { Rng } from '../rng.ts';
import { type Activation, activate } from './mlp-net.ts';

export const PLAYGROUND_SETS = ['xor', 'circles', 'spirals', 'gaussians'] as const;
export const DATASET_IDS = [...PLAYGROUND_SETS, 'teacher'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];
/** `random`: the targets shuffled across the rows after they are drawn (random labels, Zhang et al. 2016). */
export const LABELS = ['true', 'random'] as const;

/** `count` rows of `inputs` features (row-major) and one target each. */
export interface Dataset {
  readonly inputs: number;
  readonly count: number;
  readonly x: Float64Array;
  /** Targets: ±1 class labels for the 2-D sets, the teacher's output for `teacher`. */
  readonly y: Float64Array;
}

export interface DatasetOptions {
  readonly id: DatasetId;
  readonly count: number;
  /** 2-D sets: standard deviation of Gaussian noise added to each coordinate; teacher: added to each target. */
  readonly noise: number;
  /** Teacher: input dimension, hidden width and hidden activation (inputs are N(0, I)). */
  readonly inputs: number;
  readonly teacherWidth: number;
  readonly activation: Activation;
  /** `random` breaks every link between inputs and targets; absent or `true` draws nothing more. */
  readonly labels?: (typeof LABELS)[number];
}

export function makeDataset(options: DatasetOptions, rng: Rng): Dataset {
  const data = options.id === 'teacher' ? teacherSet(options, rng) : playgroundSet(options.id, options.count, options.noise, rng);
  shuffleRows(data, rng);
  if (options.labels === 'random') shuffleTargets(data.y, rng);
  return data;
}

/**
 * Random labels as Zhang et al. (2016) made them, for any target type: a random permutation of the targets keeps
 * their distribution (balanced ±1 classes stay balanced, a teacher's outputs keep their spread) and takes away
 * anything the inputs could predict, so whatever a network learns of them is memorised.
 */
function shuffleTargets(y: Float64Array, rng: Rng): void {
  for (let i = y.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = y[i];
    y[i] = y[j];
    y[j] = t;
  }
}

/** Class c = +1 for even rows, −1 for odd rows (balanced), then a point of that class. */
function playgroundSet(id: DatasetId, count: number, noise: number, rng: Rng): Dataset {
  const x = new Float64Array(2 * count);
  const y = new Float64Array(count);
  const half = Math.ceil(count / 2);
  for (let i = 0; i < count; i++) {
    const label = i % 2 === 0 ? 1 : -1;
    let u: number;
    let v: number;
    if (id === 'xor') {
      // Uniform in [−1, 1]² with a margin of 0.05 around the axes; the class is the sign of u·v.
      u = 0.05 + 0.95 * rng.uniform();
      v = 0.05 + 0.95 * rng.uniform();
      if (rng.uniform() < 0.5) u = -u;
      v = label * Math.sign(u) * v;
    } else if (id === 'circles') {
      // +1 inside radius 0.5, −1 in the ring 0.7 .. 1.
      const r = label > 0 ? 0.5 * rng.uniform() : 0.7 + 0.3 * rng.uniform();
      const angle = 2 * Math.PI * rng.uniform();
      u = r * Math.sin(angle);
      v = r * Math.cos(angle);
    } else if (id === 'spirals') {
      // Two interleaved spirals of 1.75 turns out to radius 1: point k along its arm (Playground's layout).
      const k = i >> 1;
      const r = k / half;
      const t = 1.75 * 2 * Math.PI * (k / half) + (label > 0 ? 0 : Math.PI);
      u = r * Math.sin(t);
      v = r * Math.cos(t);
    } else {
      // Two gaussians of standard deviation 0.2 centred at ±(0.4, 0.4).
      u = 0.4 * label + 0.2 * rng.normal();
      v = 0.4 * label + 0.2 * rng.normal();
    }
    if (noise > 0) {
      u += noise * rng.normal();
      v += noise * rng.normal();
    }
    x[2 * i] = u;
    x[2 * i + 1] = v;
    y[i] = label;
  }
  return { inputs: 2, count, x, y };
}

/**
 * Inputs N(0, I); the teacher y = φ(x W + b)·a with W entries N(0, 1/inputs), b N(0, 0.01), a N(0, 1/width) — the
 * shapes of the gd_mlp benchmark's teacher (peers/README.md) — plus `noise`·N(0, 1) on each target.
 */
function teacherSet(options: DatasetOptions, rng: Rng): Dataset {
  const { count, inputs, teacherWidth: width, activation, noise } = options;
  const x = new Float64Array(count * inputs);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const w = new Float64Array(inputs * width);
  const b = new Float64Array(width);
  const a = new Float64Array(width);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() / Math.sqrt(inputs);
  for (let j = 0; j < width; j++) b[j] = 0.1 * rng.normal();
  for (let j = 0; j < width; j++) a[j] = rng.normal() / Math.sqrt(width);
  const y = new Float64Array(count);
  const hidden = new Float64Array(width);
  for (let s = 0; s < count; s++) {
    hidden.set(b);
    for (let k = 0; k < inputs; k++) {
      const xv = x[s * inputs + k];
      for (let j = 0; j < width; j++) hidden[j] += xv * w[k * width + j];
    }
    let out = 0;
    for (let j = 0; j < width; j++) out += activate(activation, hidden[j]) * a[j];
    y[s] = noise > 0 ? out + noise * rng.normal() : out;
  }
  return { inputs, count, x, y };
}

/** Fisher–Yates over rows (features and target together). */
export function shuffleRows(data: Dataset, rng: Rng): void {
  const { x, y, inputs } = data;
  for (let i = data.count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    if (j === i) continue;
    const t = y[i];
    y[i] = y[j];
    y[j] = t;
    for (let k = 0; k < inputs; k++) {
      const a = x[i * inputs + k];
      x[i * inputs + k] = x[j * inputs + k];
      x[j * inputs + k] = a;
    }
  }
}
