/** The symmetric matrices the eigensolver benches decompose at order n (bench/eigen-*.ts). */
import { useKernels } from '../src/core/kernels/wasm.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { cmaEs } from '../src/core/optimizers/cma-es.ts';
import { deriveRng } from '../src/core/rng.ts';
import { createLandscape, createStart, optimizerParams, problemOf } from '../src/core/run/instance.ts';
import type { LandscapeSpec } from '../src/core/run/spec.ts';

/** The bench's `eigen` matrix (bench/workloads.ts, bench/eigh_numpy.py). */
export function benchMatrix(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = ((i * j * 7919 + i + j) % 1009) / 1009 - 0.5 + (i === j ? 3 : 0);
  return a;
}

/**
 * C as CMA-ES decomposes it the `count`-th time on Rastrigin, N = n, λ = 32 (kernels on, as the workload runs),
 * and after how many generations. Leaves the kernels off.
 */
export function cmaRunCovariance(n: number, count: number): { C: Float64Array; generations: number } {
  const lambda = 32;
  const spec: LandscapeSpec = { id: 'rastrigin', dim: n, params: {} };
  const landscape = createLandscape(spec, 1, 0) as ContinuousLandscape;
  const problem = problemOf(spec);
  const params = optimizerParams(cmaEs, problem, { id: 'cma-es', label: 'cma-es', params: { lambda, sigma0: 0.5 } }) as ReturnType<
    typeof cmaEs.defaults
  >;
  const rng = deriveRng(1, 'eigen-divide-conquer');
  const state = cmaEs.init(rng, problem, createStart(landscape, problem, 1, 0), params);
  const fitness = new Float64Array(lambda);
  useKernels(true);
  let generations = 0;
  for (let seen = 0; seen < count; generations++) {
    const before = state.eigeneval;
    const batch = cmaEs.ask(rng, state, params);
    if (batch.kind !== 'points') throw new Error('cma-es asks for points');
    const genes = batch.genes as Float64Array;
    for (let c = 0; c < lambda; c++) fitness[c] = landscape.fitnessAt(genes, c * n);
    cmaEs.tell(rng, batch, { fitness }, state, params);
    if (state.eigeneval !== before) seen++;
  }
  useKernels(false);
  return { C: state.C.slice(), generations };
}
