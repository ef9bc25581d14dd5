/**
 * `mlp`: the weights of a fully connected network are the genotype, fitness is −(training loss) (`reading: loss`).
 * Any depth and width, ReLU/tanh/sigmoid, optional residual connections, MSE or cross-entropy (the logistic loss on
 * one output), on a data set drawn from the landscape's stream: the 2-D sets of the TensorFlow Playground or a random
 * teacher network, split into training rows (the fitness) and test rows (`testFitness`, for measures).
 *
 * `dim` is derived from the architecture (the number of weights and biases): a scenario may leave it out; a given
 * `dim` that differs is an error that names the expected value. The gradient is analytic (backpropagation), and a
 * minibatch gradient over any rows of the training set serves SGD. Initial points come from a Glorot/He-scaled
 * uniform per layer (`initScale`), not from the box.
 */
import { z } from 'zod';
import { DATASET_IDS, makeDataset, PLAYGROUND_SETS } from '../nets/datasets.ts';
import { ACTIVATIONS, type Architecture, initScale, LOSSES, Network, parameterCount } from '../nets/mlp-net.ts';
import type { Rng } from '../rng.ts';
import { type ContinuousLandscape, defineLandscape, type ParamProblem } from './landscape.ts';

const BOX = [-1, 1] as const;

const params = z.strictObject({
  hidden: z.array(z.int().min(1).max(65_536)).max(100).default([8]).describe('Widths of the hidden layers, input side first ([] is a linear model).'),
  activation: z.enum(ACTIVATIONS).default('tanh').describe('Activation of the hidden units.'),
  residual: z.boolean().default(false).describe('Skip connections around hidden-to-hidden layers of equal width: h ← φ(hW + b) + h.'),
  loss: z.enum(LOSSES).default('mse').describe('mse: mean (output − target)²; cross-entropy: mean log(1 + e^(−target·output)), targets ±1.'),
  dataset: z.enum(DATASET_IDS).default('circles').describe('2-D playground set (xor, circles, spirals, gaussians; targets ±1) or a random teacher network.'),
  inputs: z.int().min(1).max(100_000).optional().describe('Input dimension of the teacher data set (default 2; the 2-D sets have 2).'),
  teacherWidth: z.int().min(1).max(65_536).default(8).describe('Hidden width of the teacher network (dataset teacher).'),
  samples: z.int().min(2).max(100_000_000).default(256).describe('Rows of the data set, training and test together.'),
  noise: z.number().min(0).max(100).default(0).describe('2-D sets: s.d. of Gaussian noise on each coordinate; teacher: on each target.'),
  testFraction: z.number().min(0).lt(1).default(0.25).describe('Share of the rows held out as the test set.'),
});

type MlpParams = z.output<typeof params>;

export function architectureOf(p: MlpParams): Architecture {
  return { inputs: p.inputs ?? 2, hidden: p.hidden, activation: p.activation, residual: p.residual, loss: p.loss };
}

/** Training rows: the data set minus the test share (at least one row is kept for training). */
export function trainingRows(p: MlpParams): number {
  return p.samples - Math.round(p.samples * p.testFraction);
}

export interface MlpLandscape extends ContinuousLandscape {
  readonly samples: number;
  readonly network: Network;
  /** Rows of the data set (training rows first), features row-major, and their targets. */
  readonly data: { readonly inputs: number; readonly x: Float64Array; readonly y: Float64Array };
}

/**
 * The landscape of an architecture on given data (rows [0, train) train, the rest test). `createMlp` is what the
 * registry uses; the benchmark passes the peers' data set here.
 */
export function createMlp(arch: Architecture, x: Float64Array, y: Float64Array, train: number): MlpLandscape {
  const network = new Network(arch, x, y);
  const dim = network.dim;
  const rows = y.length;
  const all = new Int32Array(train);
  for (let i = 0; i < train; i++) all[i] = i;
  return {
    id: 'mlp',
    space: 'continuous',
    dim,
    reading: 'loss',
    // Value and gradient: a forward pass (1) and a backward pass, about two forward passes (one product for the
    // weights' gradient, one for the inputs'), in the currency of the analytic test functions (value + gradient = 2).
    gradientCost: 3,
    // The usual estimate for training: 2 flops per weight per row forward, 4 backward (activations and loss not counted).
    flopsPerGradient: 6 * dim * train,
    lower: BOX[0],
    upper: BOX[1],
    samples: train,
    network,
    data: { inputs: arch.inputs, x, y },
    fitnessAt: (genes, offset) => -network.loss(genes, offset, 0, train),
    gradient: (w, out) => -network.lossGradient(w, all, 0, train, out, -1),
    minibatchGradient: (w, indices, from, to, out) => -network.lossGradient(w, indices, from, to, out, -1),
    testFitness: (genes, offset) => (train < rows ? -network.loss(genes, offset, train, rows) : NaN),
  };
}

export const mlp = defineLandscape({
  id: 'mlp',
  title: 'Neural network (MLP)',
  space: 'continuous',
  summary: 'Weights of a fully connected network on a 2-D playground data set or a teacher network; fitness −(training loss). dim is derived.',
  box: BOX,
  // The smallest network: a linear model on one input (a weight and a bias).
  minDim: 2,
  params,
  dimOf: (p) => parameterCount(architectureOf(p)),
  initScale: (_dim, p) => initScale(architectureOf(p)),
  trainingSamples: (p) => trainingRows(p),
  check(_dim, p) {
    const problems: ParamProblem[] = [];
    const arch = architectureOf(p);
    if (p.dataset !== 'teacher' && p.inputs !== undefined && p.inputs !== 2) {
      problems.push({ path: ['inputs'], message: `the ${p.dataset} data set has 2 inputs; inputs sets the teacher data set's dimension (dataset: teacher)` });
    }
    if (trainingRows(p) < 1) problems.push({ path: ['testFraction'], message: `testFraction ${p.testFraction} of ${p.samples} samples leaves no training row` });
    // A `dim` that differs from dimOf is reported by checkLandscape (run/instance.ts) before this check.
    return problems;
  },
  memoryBytes(dim, p) {
    const inputs = p.inputs ?? 2;
    return 8 * (p.samples * (inputs + 1) + 3 * dim + inputs * p.teacherWidth) + 4 * p.samples + Network.bufferBytes(architectureOf(p));
  },
  // The data set is fixed by samples, the network by the widths of its layers: blame the larger part.
  memoryField: (dim, p) => (p.samples * ((p.inputs ?? 2) + 1) > 3 * dim ? 'samples' : 'hidden'),
  create(_dim, p, rng: Rng) {
    const arch = architectureOf(p);
    if (!PLAYGROUND_SETS.includes(p.dataset as never) && p.dataset !== 'teacher') throw new Error(`unknown data set ${p.dataset}`);
    const data = makeDataset(
      { id: p.dataset, count: p.samples, noise: p.noise, inputs: arch.inputs, teacherWidth: p.teacherWidth, activation: p.activation },
      rng,
    );
    // Cross-entropy reads targets as classes ±1: a teacher's output becomes its sign.
    if (p.loss === 'cross-entropy' && p.dataset === 'teacher') for (let i = 0; i < data.count; i++) data.y[i] = data.y[i] > 0 ? 1 : -1;
    return createMlp(arch, data.x, data.y, trainingRows(p));
  },
});
