/**
 * Where one CMA-ES generation spends its time at N = 1000, λ = 32 (the es_rastrigin workload's shape; `--lambda 24`
 * gives the default 4 + ⌊3 ln N⌋), phase by phase, with the SIMD kernels (kernels/cma.ts, and the eigensolver's) and
 * with the typed-array reference (every kernel off, `useKernels(false)`). CPU seconds (process.cpuUsage), which a
 * shared machine disturbs less than wall time; medians over the timed generations.
 *
 * Then the pieces of a generation without a decomposition, each timed alone in a kernel instance of its own on the
 * same shapes, with its multiply–adds and rate, and the arithmetic floor: every multiply–add of the generation
 * (sampling λN² through T's eigenvectors and as many again through Qᵀ's reflectors, the eigenvectors being kept
 * factored, V = Z·Qᵀ; C^(-1/2)·(m − m_old) the same for one row; the update (μ + 1) on the N(N + 1)/2 entries of the
 * upper triangle) at the rate the sampling product reaches in the same run. Preparing Qᵀ's blocks, once per
 * decomposition, is timed beside them.
 *
 *   node bin/run-ts.mjs bench/cma-es-phases.ts [--generations 10] [--lambda 32]
 *
 * The run first steps until its first eigendecomposition (untimed): before it, sampling skips the eigenvectors.
 */
import { parseArgs } from 'node:util';
import { KernelHeap, kernelInstance, useKernels } from '../src/core/kernels/wasm.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { cmaEs } from '../src/core/optimizers/cma-es.ts';
import { deriveRng } from '../src/core/rng.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import type { LandscapeSpec } from '../src/core/run/spec.ts';
import { median, timed } from './timing.ts';

const { values } = parseArgs({ options: { generations: { type: 'string', default: '10' }, lambda: { type: 'string', default: '32' } } });
function positive(name: 'generations' | 'lambda', least: number): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < least) {
    process.stderr.write(`bench/cma-es-phases.ts: --${name} must be an integer of at least ${least} (got '${values[name]}')\n`);
    process.exit(2);
  }
  return value;
}
const generations = positive('generations', 1);

const N = 1000;
const LAMBDA = positive('lambda', 2);
const MU = Math.floor(LAMBDA / 2);
const spec: LandscapeSpec = { id: 'rastrigin', dim: N, params: {} };
const ASK_REPEATS = 100;

function phases(kernels: boolean) {
  const landscape = createLandscape(spec, 1, 0) as ContinuousLandscape;
  const problem = problemOf(spec);
  const params = optimizerParams(cmaEs, problem, { id: 'cma-es', label: 'cma-es', params: { lambda: LAMBDA, sigma0: 0.5 } }) as ReturnType<
    typeof cmaEs.defaults
  >;
  const rng = deriveRng(1, 'cma-es-phases');
  const state = cmaEs.init(rng, problem, createStart(landscape, problem, 1, 0), params);
  const fitness = new Float64Array(LAMBDA);
  const times = { ask: [] as number[], evaluate: [] as number[], tell: [] as number[], plain: [] as number[], decomposition: [] as number[], firstAsk: [] as number[] };
  useKernels(kernels);
  // The first ask after a decomposition also lays out the new eigenvectors for the kernels (packs them into panels
  // and prepares Qᵀ's blocks); it is timed apart, and kept out of the generations without a decomposition.
  let afterDecomposition = false;
  const generation = (record: boolean) => {
    const before = state.eigeneval;
    const first = afterDecomposition;
    afterDecomposition = false;
    const ask = timed(() => cmaEs.ask(rng, state, params));
    const batch = ask.result;
    if (batch.kind !== 'points') throw new Error('cma-es asks for points');
    const genes = batch.genes as Float64Array;
    const evaluate = timed(() => {
      for (let c = 0; c < LAMBDA; c++) fitness[c] = landscape.fitnessAt(genes, c * N);
    });
    const tell = timed(() => cmaEs.tell(rng, batch, { fitness }, state, params));
    afterDecomposition = state.eigeneval !== before;
    if (!record) return afterDecomposition;
    if (first) {
      times.firstAsk.push(ask.cpu);
      return afterDecomposition;
    }
    times.ask.push(ask.cpu);
    times.evaluate.push(evaluate.cpu);
    if (state.eigeneval !== before) times.decomposition.push(tell.cpu);
    else {
      times.tell.push(tell.cpu);
      times.plain.push(ask.cpu + evaluate.cpu + tell.cpu);
    }
    return state.eigeneval !== before;
  };
  while (!generation(false));
  for (let g = 0; g < generations; g++) generation(true);
  // The ask alone, again and again on the state the generations left (its eigenvectors laid out by now): the mean
  // of many, since what surrounds the product is a few per cent of it.
  const asks = timed(() => {
    for (let rep = 0; rep < ASK_REPEATS; rep++) cmaEs.ask(rng, state, params);
  });
  useKernels(true);
  return { ...times, askAlone: asks.cpu / ASK_REPEATS };
}

const ms = (values: number[]) => (values.length ? `${(median(values) * 1000).toFixed(1)} ms` : '–');
process.stdout.write(`CMA-ES phases, N = ${N}, λ = ${LAMBDA}, μ = ${MU}, ${generations} generations after the first decomposition (CPU time, medians)\n\n`);
process.stdout.write(`| sampling and update | ask (z, B·D·z, m + σy) | evaluate (Rastrigin) | tell (recombination, paths, C update) | generation without a decomposition | tell with an eigendecomposition | the next ask (lays out the eigenvectors) | ask alone (mean of ${ASK_REPEATS}) |\n`);
process.stdout.write('|---|---:|---:|---:|---:|---:|---:|---:|\n');
let kernelPlain = NaN;
for (const kernels of [true, false]) {
  const times = phases(kernels);
  if (kernels) kernelPlain = median(times.plain);
  const name = kernels ? 'WebAssembly SIMD kernels' : 'typed-array reference';
  process.stdout.write(`| ${name} | ${ms(times.ask)} | ${ms(times.evaluate)} | ${ms(times.tell)} | ${ms(times.plain)} | ${ms(times.decomposition)} (${times.decomposition.length}×) | ${ms(times.firstAsk)} (${times.firstAsk.length}×) | ${(times.askAlone * 1000).toFixed(2)} ms |\n`);
}

// The pieces alone, on the kernels' own instance and layout (what cma-es.ts reserves), 15 times each.
const kernels = kernelInstance();
if (!kernels) {
  process.stdout.write('\n(no WebAssembly here: the pieces are not timed)\n');
  process.exit(0);
}
const width = (N + 3) & ~3;
const heap = new KernelHeap(kernels);
const panelsAt = heap.reserve(N * width);
const cAt = heap.reserve(N * N);
const scaledAt = heap.reserve(LAMBDA * N);
const yAt = heap.reserve(LAMBDA * width);
const pcAt = heap.reserve(N);
const selectedAt = heap.reserve(MU * N);
const weightsAt = heap.reserve(MU);
const coefficientsAt = heap.reserve(4 * MU);
const reflectorsAt = heap.reserve(N * N);
const scalesAt = heap.reserve(N);
const diagonalAt = heap.reserve(N);
const offDiagonalAt = heap.reserve(N);
const dAt = heap.reserve(N);
const meanAt = heap.reserve(N);
const preparedAt = heap.reserve(Math.ceil(kernels.backTransformPreparedBytes(N) / 8));
const backScratchAt = heap.reserve(Math.ceil(Math.max(kernels.backTransformApplyScratchBytes(), kernels.reductionScratchBytes(N)) / 8));
heap.commit();
const fill = deriveRng(1, 'cma-es-phases', 'pieces');
for (const [at, count] of [[panelsAt, N * width], [cAt, N * N], [scaledAt, LAMBDA * N], [pcAt, N], [selectedAt, MU * N]] as const) {
  const view = heap.view(at, count);
  for (let i = 0; i < count; i++) view[i] = fill.uniform() - 0.5;
}
heap.view(weightsAt, MU).fill(1 / (4 * MU));
// Real reflectors (of a random symmetric matrix), so that the rows stay finite through all of Qᵀ.
{
  const W = heap.view(reflectorsAt, N * N);
  for (let i = 0; i < N; i++) for (let j = i; j < N; j++) W[i * N + j] = W[j * N + i] = fill.uniform() - 0.5;
  kernels.reduceToTridiagonal(N, reflectorsAt, diagonalAt, offDiagonalAt, scalesAt, backScratchAt);
  kernels.prepareBackTransform(N, reflectorsAt, scalesAt, preparedAt, backScratchAt);
}
// Multiply–adds of Qᵀ applied to one row: z·Y and (z·Y)·(T·Yᵀ) for each block of 32 reflectors.
let reflectorMultiplyAdds = 0;
for (let first = 1; first < N; first += 32) reflectorMultiplyAdds += 2 * (first + Math.min(32, N - first) - 1) * Math.min(32, N - first);
const landscape = createLandscape(spec, 1, 0) as ContinuousLandscape;
const stateC = new Float64Array(N * N);
const normals = new Float64Array(LAMBDA * N);
const points = heap.view(scaledAt, LAMBDA * N).slice();
const upperRows = Array.from({ length: N }, (_, i) => heap.view(cAt, N * N).subarray(i * N + i, i * N + N));
const steps = new Float64Array(LAMBDA * N);
const scales = Float64Array.from({ length: N }, () => fill.uniform() + 0.5);
const upper = (N * (N + 1)) / 2;
const pieces: [string, number, () => void][] = [
  ['normal draws (λN)', 0, () => fill.fillNormal(normals)],
  ['sampling, `multiplyThroughPanels` (λ rows)', LAMBDA * N * N, () => kernels.multiplyThroughPanels(scaledAt, LAMBDA, panelsAt, N, yAt)],
  ['sampling, Qᵀ, `applyBackTransform` (λ rows)', LAMBDA * reflectorMultiplyAdds, () => kernels.applyBackTransform(N, preparedAt, yAt, LAMBDA, width, backScratchAt)],
  ['C^(-1/2)·(m − m_old), `multiplyThroughPanels` (1 row)', N * N, () => kernels.multiplyThroughPanels(scaledAt, 1, panelsAt, N, yAt)],
  ['C^(-1/2)·(m − m_old), Qᵀ, `applyBackTransform` (1 row)', reflectorMultiplyAdds, () => kernels.applyBackTransform(N, preparedAt, yAt, 1, width, backScratchAt)],
  ['covariance update, `updateCovariance` (upper triangle)', (MU + 1) * upper, () => kernels.updateCovariance(cAt, N, 0.99, 1e-6, pcAt, selectedAt, MU, weightsAt, coefficientsAt)],
  // What ask does around the product: the normals in, D ∘ z, m + σ·y, the samples and their steps out.
  ['D ∘ z and m + σ·y with their copies, `scaleColumns` and `offsetRows`', 0, () => {
    heap.view(scaledAt, LAMBDA * N).set(normals);
    heap.view(dAt, N).set(scales);
    heap.view(meanAt, N).set(scales);
    kernels.scaleColumns(scaledAt, LAMBDA, N, dAt);
    kernels.offsetRows(yAt, LAMBDA, N, width, meanAt, 0.7, scaledAt);
    steps.set(heap.view(yAt, LAMBDA * N));
    points.set(heap.view(scaledAt, LAMBDA * N));
  }],
  ["C's upper triangle back into the state (copy, from views of its rows made once, as cma-es.ts copies it)", 0, () => {
    for (let i = 0; i < N; i++) stateC.set(upperRows[i], i * N + i);
  }],
  ['evaluate λ points (Rastrigin)', 0, () => {
    for (let c = 0; c < LAMBDA; c++) landscape.fitnessAt(points, c * N);
  }],
];
process.stdout.write(`\nPieces of a generation without a decomposition, each alone in the kernels (CPU time, median of 15)\n\n`);
process.stdout.write('| piece | multiply–adds | CPU | GFlop/s (2 per multiply–add) |\n|---|---:|---:|---:|\n');
let piecesTotal = 0;
let productRate = NaN;
for (const [name, multiplyAdds, run] of pieces) {
  const cpus: number[] = [];
  for (let rep = 0; rep < 15; rep++) cpus.push(timed(run).cpu);
  const cpu = median(cpus);
  piecesTotal += cpu;
  if (name === 'sampling, `multiplyThroughPanels` (λ rows)') productRate = multiplyAdds / cpu;
  const rate = multiplyAdds ? ((2 * multiplyAdds) / cpu / 1e9).toFixed(2) : '';
  process.stdout.write(`| ${name} | ${multiplyAdds ? (multiplyAdds / 1e6).toFixed(1) + ' M' : ''} | ${(cpu * 1000).toFixed(2)} ms | ${rate} |\n`);
}
const floorMultiplyAdds = (LAMBDA + 1) * (N * N + reflectorMultiplyAdds) + (MU + 1) * upper;
process.stdout.write(`| the rest of the generation (its median above minus these pieces) | | ${((kernelPlain - piecesTotal) * 1000).toFixed(2)} ms | |\n`);
{
  const cpus: number[] = [];
  for (let rep = 0; rep < 15; rep++) cpus.push(timed(() => kernels.prepareBackTransform(N, reflectorsAt, scalesAt, preparedAt, backScratchAt)).cpu);
  process.stdout.write(`| once per decomposition: Qᵀ's blocks, \`prepareBackTransform\` | | ${(median(cpus) * 1000).toFixed(2)} ms | |\n\n`);
}
process.stdout.write(
  `Arithmetic floor: ${(floorMultiplyAdds / 1e6).toFixed(1)} M multiply–adds per generation ((λ + 1)·(N² + Qᵀ's ${(reflectorMultiplyAdds / 1e6).toFixed(2)} M) + (μ + 1)·N(N + 1)/2) at the sampling ` +
    `product's ${((2 * productRate) / 1e9).toFixed(2)} GFlop/s: ${((floorMultiplyAdds / productRate) * 1000).toFixed(2)} ms; the kernels' generation ` +
    `without a decomposition takes ${(kernelPlain * 1000).toFixed(1)} ms, ${(kernelPlain / (floorMultiplyAdds / productRate)).toFixed(2)}× the floor.\n`,
);
