/**
 * Where one CMA-ES generation spends its time at N = 1000, λ = 32 (the es_rastrigin workload's shape), phase by
 * phase, with the SIMD kernels (kernels/cma.ts, and the eigensolver's) and with the typed-array reference (every
 * kernel off, `useKernels(false)`). CPU seconds (process.cpuUsage), which a shared
 * machine disturbs less than wall time; medians over the timed generations.
 *
 *   node bin/run-ts.mjs bench/cma-es-phases.ts [--generations 10]
 *
 * The run first steps until its first eigendecomposition (untimed): before it, sampling skips the eigenvectors.
 */
import { parseArgs } from 'node:util';
import { useKernels } from '../src/core/kernels/wasm.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { cmaEs } from '../src/core/optimizers/cma-es.ts';
import { deriveRng } from '../src/core/rng.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import type { LandscapeSpec } from '../src/core/run/spec.ts';
import { median, timed } from './timing.ts';

const { values } = parseArgs({ options: { generations: { type: 'string', default: '10' } } });
const generations = Number(values.generations);
if (!Number.isInteger(generations) || generations < 1) {
  process.stderr.write(`bench/cma-es-phases.ts: --generations must be a positive integer (got '${values.generations}')\n`);
  process.exit(2);
}

const N = 1000;
const LAMBDA = 32;
const spec: LandscapeSpec = { id: 'rastrigin', dim: N, params: {} };

function phases(kernels: boolean) {
  const landscape = createLandscape(spec, 1, 0) as ContinuousLandscape;
  const problem = problemOf(spec);
  const params = optimizerParams(cmaEs, problem, { id: 'cma-es', label: 'cma-es', params: { lambda: LAMBDA, sigma0: 0.5 } }) as ReturnType<
    typeof cmaEs.defaults
  >;
  const rng = deriveRng(1, 'cma-es-phases');
  const state = cmaEs.init(rng, problem, createStart(landscape, problem, 1, 0), params);
  const fitness = new Float64Array(LAMBDA);
  const times = { ask: [] as number[], evaluate: [] as number[], tell: [] as number[], decomposition: [] as number[] };
  useKernels(kernels);
  const generation = (record: boolean) => {
    const before = state.eigeneval;
    const ask = timed(() => cmaEs.ask(rng, state, params));
    const batch = ask.result;
    if (batch.kind !== 'points') throw new Error('cma-es asks for points');
    const genes = batch.genes as Float64Array;
    const evaluate = timed(() => {
      for (let c = 0; c < LAMBDA; c++) fitness[c] = landscape.fitnessAt(genes, c * N);
    });
    const tell = timed(() => cmaEs.tell(rng, batch, { fitness }, state, params));
    if (!record) return state.eigeneval !== before;
    times.ask.push(ask.cpu);
    times.evaluate.push(evaluate.cpu);
    (state.eigeneval !== before ? times.decomposition : times.tell).push(tell.cpu);
    return state.eigeneval !== before;
  };
  while (!generation(false));
  for (let g = 0; g < generations; g++) generation(true);
  useKernels(true);
  return times;
}

const ms = (values: number[]) => (values.length ? `${(median(values) * 1000).toFixed(1)} ms` : '–');
process.stdout.write(`CMA-ES phases, N = ${N}, λ = ${LAMBDA}, ${generations} generations after the first decomposition (CPU time, medians)\n\n`);
process.stdout.write('| sampling and update | ask (z, B·D·z, m + σy) | evaluate (Rastrigin) | tell (recombination, paths, C update) | tell with an eigendecomposition |\n');
process.stdout.write('|---|---:|---:|---:|---:|\n');
for (const kernels of [true, false]) {
  const times = phases(kernels);
  const name = kernels ? 'WebAssembly SIMD kernels' : 'typed-array reference';
  process.stdout.write(`| ${name} | ${ms(times.ask)} | ${ms(times.evaluate)} | ${ms(times.tell)} | ${ms(times.decomposition)} (${times.decomposition.length}×) |\n`);
}
