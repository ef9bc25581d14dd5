/**
 * `mlp`: the weights of a fully connected network are the genotype, fitness is −(training loss) (`reading: loss`).
 * Any depth and width, ReLU/tanh/sigmoid, optional residual connections, MSE or cross-entropy (the logistic loss on
 * one output), on a data set drawn from the landscape's stream: the 2-D sets of the TensorFlow Playground or a random
 * teacher network, split into training rows (the fitness) and test rows (`testFitness`, for measures).
 *
 * Or on your own data: `data` names a CSV file's input and target columns (csv-table.ts reads it strictly,
 * table-data.ts splits and standardises it), and `start` a saved network to start from (saved-network.ts).
 *
 * `dim` is derived from the architecture (the number of weights and biases): a scenario may leave it out; a given
 * `dim` that differs is an error that names the expected value. The gradient is analytic (backpropagation), and a
 * minibatch gradient over any rows of the training set serves SGD. Initial points come from a Glorot/He-scaled
 * uniform per layer (`initScale`), not from the box.
 */
import { z } from 'zod';
import { MAX_DATA_BYTES, readTable, type Table, TASKS, type TableProblem } from '../nets/csv-table.ts';
import { DATASET_IDS, LABELS, makeDataset, PLAYGROUND_SETS } from '../nets/datasets.ts';
import { ACTIVATIONS, type Architecture, initScale, layerRange, LOSSES, Network, parameterCount, skipLayers } from '../nets/mlp-net.ts';
import { readSavedNetwork, type SavedData, type SavedNetwork, startMismatch } from '../nets/saved-network.ts';
import { type Standardisation, tableRows } from '../nets/table-data.ts';
import type { Rng } from '../rng.ts';
import { type ContinuousLandscape, defineLandscape, type ParamProblem } from './landscape.ts';

const BOX = [-1, 1] as const;
/**
 * A layer's stuck states. `dead` is the one a gradient method cannot leave whatever the data: with all weights and
 * biases at 0 a ReLU unit's input is exactly 0 on every row and φ′(0) = 0, so the layer's gradient is exactly 0.
 * (Zero is no trap for tanh or sigmoid, whose φ′(0) > 0, so the check refuses them.)
 */
const STUCK_STATES = ['dead'] as const;

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
  data: z
    .strictObject({
      file: z.string().min(1).max(1000).optional().describe('A CSV file, relative to this scenario file: a header line of column names, then one row per line, comma-separated (docs/networks.md, "Your own data").'),
      text: z.string().max(MAX_DATA_BYTES).optional().describe('The CSV text itself instead of reading file (share links carry small data sets this way); with file, file only names it.'),
      inputs: z.array(z.string().min(1).max(200)).min(1).max(1000).describe('Columns read as the inputs, in this order.'),
      target: z.string().min(1).max(200).describe('The column to predict.'),
      task: z.enum(TASKS).describe('classification: the target has two classes, read as −1 and +1 in sorted order; regression: the target is a number.'),
      split: z.string().min(1).max(200).optional().describe('A column saying train or test for each row; without it the seeded split holds out testFraction of the rows.'),
      standardise: z.boolean().default(true).describe('Inputs to mean 0 and sd 1 with the training rows’ statistics (false: as written).'),
    })
    .optional()
    .describe('Your own data from a CSV file instead of dataset (samples and noise then do not apply).'),
  start: z
    .strictObject({
      file: z.string().min(1).max(1000).optional().describe('A network saved by `hyperclimb run --save-network`, relative to this scenario file.'),
      text: z.string().max(MAX_DATA_BYTES).optional().describe('The saved network’s JSON itself instead of reading file.'),
    })
    .optional()
    .describe('Every racer starts from a saved network’s weights (with the standardisation it was trained with) instead of a random initialisation.'),
  depth: z.int().min(1).max(100).optional().describe('Number of hidden layers, all of the width hidden[0] (hidden then lists one width): depth as a knob a sweep can vary.'),
  stuckLayer: z
    .strictObject({
      layer: z.int().min(0).max(99).describe('Which hidden layer (0 = the one next to the inputs).'),
      as: z.enum(STUCK_STATES).default('dead').describe('dead (ReLU): its weights and biases start at 0, so every unit sits at its kink, φ(0) = φ′(0) = 0, on every input.'),
    })
    .optional()
    .describe('Start one hidden layer stuck: no gradient reaches its weights, and in a plain network no signal or gradient passes it.'),
  // Optional rather than defaulted, so scenarios that leave it out keep their fingerprints.
  branchScale: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe('Residual networks: the skip layers\' initial weights times this (default 1). He-scaled branches double the variance at every skip, a deep stack blows up; a small scale starts each block near the identity (Zhang et al. 2019, Fixup).'),
  labels: z.enum(LABELS).optional().describe('true (when left out): the data set\'s targets; random: the targets shuffled across all rows (Zhang et al. 2016), so nothing links them to the inputs any more.'),
});

type MlpParams = z.output<typeof params>;

export function architectureOf(p: MlpParams): Architecture {
  const hidden = p.depth === undefined ? p.hidden : Array.from({ length: p.depth }, () => p.hidden[0]);
  return { inputs: p.data ? p.data.inputs.length : (p.inputs ?? 2), hidden, activation: p.activation, residual: p.residual, loss: p.loss };
}

/** The Glorot/He scale, skip layers times `branchScale`, the stuck layer's weights and biases at 0 (a scale of 0 starts them there). */
function startScale(p: MlpParams): Float64Array {
  const arch = architectureOf(p);
  const scale = initScale(arch);
  if (p.branchScale !== undefined) {
    skipLayers(arch).forEach((skip, l) => {
      if (!skip) return;
      const [from, to] = layerRange(arch, l);
      for (let i = from; i < to; i++) scale[i] *= p.branchScale!;
    });
  }
  if (p.stuckLayer) scale.fill(0, ...layerRange(arch, p.stuckLayer.layer));
  return scale;
}

/** Training rows: the data set minus the test share (at least one row is kept for training), or the CSV's train rows. */
export function trainingRows(p: MlpParams): number {
  const table = p.data && loadedTable(p.data).table;
  if (!table) return p.samples - Math.round(p.samples * p.testFraction);
  if (table.test) return table.test.reduce((n, t) => n + 1 - t, 0);
  return Math.max(1, table.rows - Math.round(table.rows * p.testFraction));
}

type DataParams = NonNullable<MlpParams['data']>;

// Checks, memory estimates and every replicate read the same text: parse it once per worker.
let lastTable: { text: string; spec: string; result: ReturnType<typeof readTable> } | undefined;

/** The CSV table of `data` (its problems when it is not valid, none read when the text is not loaded). */
function loadedTable(data: DataParams): { table?: Table; problems: readonly TableProblem[] } {
  if (data.text === undefined) return { problems: [] };
  const spec = JSON.stringify([data.inputs, data.target, data.task, data.split]);
  if (lastTable?.text !== data.text || lastTable.spec !== spec) {
    lastTable = { text: data.text, spec, result: readTable(data.text, data, data.file ?? 'the data') };
  }
  const { table, problems } = lastTable.result;
  return table ? { table, problems: [] } : { problems: problems! };
}

function savedStart(p: MlpParams): { network?: SavedNetwork; problems: string[] } {
  if (p.start?.text === undefined) return { problems: [] };
  const read = readSavedNetwork(p.start.text, p.start.file ?? 'start.text');
  return read.network ? { network: read.network, problems: [] } : { problems: read.problems };
}

function savedData(data: DataParams | undefined, table: Table | undefined, standardisation?: Standardisation): SavedData | undefined {
  if (!data) return undefined;
  return { inputs: data.inputs, target: data.target, task: data.task, ...(table?.classes && { classes: table.classes }), ...(standardisation && { standardisation }) };
}

/** What a landscape's data problems are in the scenario's words: a missing column at its field, the rest in the file. */
function dataProblems(data: DataParams): ParamProblem[] {
  if (data.text === undefined) {
    const message =
      data.file === undefined
        ? 'name a CSV file (file) or give its text (text)'
        : `${data.file} is not loaded: the command line reads it beside the scenario file; the page needs it opened or dropped together with the scenario`;
    return [{ path: ['data', data.file === undefined ? 'inputs' : 'file'], message }];
  }
  return loadedTable(data).problems.map((problem) =>
    problem.field
      ? { path: ['data', problem.field, ...(problem.index === undefined ? [] : [problem.index])], message: problem.message }
      : { path: ['data', data.file === undefined ? 'text' : 'file'], message: problem.message, at: { file: data.file ?? 'landscape.data.text', line: problem.line, column: problem.column } },
  );
}

export interface MlpLandscape extends ContinuousLandscape {
  readonly samples: number;
  readonly network: Network;
  /** Rows of the data set (training rows first), features row-major, and their targets. */
  readonly data: { readonly inputs: number; readonly x: Float64Array; readonly y: Float64Array };
  /** Data from a CSV file: its column names, task, classes and the standardisation applied to `data.x`. */
  readonly source?: SavedData;
  /** The saved network every racer starts from (`start.file`, else "start.text"), when the start is not random. */
  readonly startedFrom?: string;
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
  summary: 'Weights of a fully connected network on a 2-D playground data set, a teacher network or your own CSV (data); fitness −(training loss). dim is derived.',
  box: BOX,
  // The smallest network: a linear model on one input (a weight and a bias).
  minDim: 2,
  params,
  dimOf: (p) => parameterCount(architectureOf(p)),
  initScale: (_dim, p) => startScale(p),
  trainingSamples: (p) => trainingRows(p),
  check(_dim, p) {
    const problems: ParamProblem[] = [];
    const arch = architectureOf(p);
    if (p.dataset !== 'teacher' && p.inputs !== undefined && p.inputs !== 2) {
      problems.push({ path: ['inputs'], message: `the ${p.dataset} data set has 2 inputs; inputs sets the teacher data set's dimension (dataset: teacher)` });
    }
    if (p.depth !== undefined && p.hidden.length !== 1) {
      problems.push({ path: ['depth'], message: `depth repeats one width: hidden must list exactly one (the width), not ${p.hidden.length}` });
    }
    if (p.stuckLayer && p.stuckLayer.layer >= arch.hidden.length) {
      problems.push({ path: ['stuckLayer', 'layer'], message: `the network has ${arch.hidden.length} hidden layer${arch.hidden.length === 1 ? '' : 's'} (0 to ${arch.hidden.length - 1}), not ${p.stuckLayer.layer}` });
    }
    if (p.stuckLayer && p.activation !== 'relu') {
      problems.push({ path: ['stuckLayer', 'as'], message: `a dead layer needs activation relu: ${p.activation} has φ′(0) > 0, so a layer started at 0 is not stuck` });
    }
    if (p.data && p.labels === 'random') problems.push({ path: ['labels'], message: 'random labels shuffle a generated data set (dataset); for a CSV, shuffle its target column in the file' });
    if (p.start && (p.stuckLayer || p.branchScale !== undefined)) {
      problems.push({ path: [p.stuckLayer ? 'stuckLayer' : 'branchScale'], message: 'a saved start fixes every weight; stuckLayer and branchScale shape a random start only' });
    }
    if (p.data) {
      if (p.inputs !== undefined) problems.push({ path: ['inputs'], message: `with data the inputs are the columns data.inputs names (${p.data.inputs.length}); leave inputs out` });
      if (p.data.task === 'regression' && p.loss === 'cross-entropy') problems.push({ path: ['loss'], message: 'cross-entropy is a loss for two classes; a regression target takes mse' });
      problems.push(...dataProblems(p.data));
      if (problems.length) return problems;
    }
    if (p.start) {
      if (p.start.text === undefined) {
        const message = p.start.file === undefined ? 'name a saved network (file) or give its JSON (text)' : `${p.start.file} is not loaded: the command line reads it beside the scenario file; the page needs it opened together with the scenario`;
        return [...problems, { path: ['start', 'file'], message }];
      }
      const saved = savedStart(p);
      const mismatch = saved.network && startMismatch(saved.network, arch, p.data && savedData(p.data, loadedTable(p.data).table));
      for (const message of [...saved.problems, ...(mismatch ? [mismatch] : [])]) problems.push({ path: ['start', p.start.file === undefined ? 'text' : 'file'], message });
    }
    if (trainingRows(p) < 1) problems.push({ path: ['testFraction'], message: `testFraction ${p.testFraction} of ${p.samples} samples leaves no training row` });
    // A `dim` that differs from dimOf is reported by checkLandscape (run/instance.ts) before this check.
    return problems;
  },
  memoryBytes(dim, p) {
    const inputs = architectureOf(p).inputs;
    const samples = rowsOf(p);
    // A CSV's text is held beside its table (and a copy of the table while its rows are arranged).
    const text = 2 * (p.data?.text?.length ?? 0) + 16 * samples * (inputs + 1) * (p.data ? 1 : 0);
    return 8 * (samples * (inputs + 1) + 3 * dim + inputs * p.teacherWidth) + 4 * samples + text + Network.bufferBytes(architectureOf(p));
  },
  // The data set is fixed by samples, the network by the widths of its layers: blame the larger part. A CSV is held
  // to MAX_DATA_BYTES when it is read, so with one the network is what outgrows memory.
  memoryField: (dim, p) => (!p.data && p.samples * ((p.inputs ?? 2) + 1) > 3 * dim ? 'samples' : 'hidden'),
  create(_dim, p, rng: Rng) {
    const arch = architectureOf(p);
    const saved = savedStart(p).network;
    if (p.data) {
      const { table } = loadedTable(p.data);
      if (!table) throw new Error(`the data of ${p.data.file ?? 'data.text'} is not loaded or not valid`);
      const rows = tableRows(table, arch.inputs, { testFraction: p.testFraction, standardise: p.data.standardise, given: saved?.data?.standardisation }, rng);
      const landscape = createMlp(arch, rows.x, rows.y, rows.train);
      return { ...landscape, source: savedData(p.data, table, rows.standardisation), ...(saved && { start: Float64Array.from(saved.weights), startedFrom: p.start?.file ?? 'start.text' }) };
    }
    if (!PLAYGROUND_SETS.includes(p.dataset as never) && p.dataset !== 'teacher') throw new Error(`unknown data set ${p.dataset}`);
    const data = makeDataset(
      { id: p.dataset, count: p.samples, noise: p.noise, inputs: arch.inputs, teacherWidth: p.teacherWidth, activation: p.activation, labels: p.labels },
      rng,
    );
    // Cross-entropy reads targets as classes ±1: a teacher's output becomes its sign.
    if (p.loss === 'cross-entropy' && p.dataset === 'teacher') for (let i = 0; i < data.count; i++) data.y[i] = data.y[i] > 0 ? 1 : -1;
    const landscape = createMlp(arch, data.x, data.y, trainingRows(p));
    return saved ? { ...landscape, start: Float64Array.from(saved.weights), startedFrom: p.start?.file ?? 'start.text' } : landscape;
  },
});

/** Rows of the data set: samples, or the lines of a CSV after its header (an estimate before it is read). */
function rowsOf(p: MlpParams): number {
  if (!p.data) return p.samples;
  const table = loadedTable(p.data).table;
  return table ? table.rows : (p.data.text?.split('\n').length ?? 1) - 1;
}
