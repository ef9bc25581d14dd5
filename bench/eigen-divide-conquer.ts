/**
 * What divide and conquer saves in the eigensolver at n = 1000 (issue 16; symmetricEigen uses it above n = 25): the
 * phases after the Householder reduction, QL's (sweeps and rotations of the basis rows, symmetric-eigen.ts) against
 * divide and conquer's (the tridiagonal eigenvectors, tridiagonal-divide-conquer.ts, then the back-transformation
 * by Q as one plain i-k-j product), all typed-array code with the kernels off, and that product once more with the
 * SIMD block the CMA-ES sampling kernel uses (`multiplyThroughRows`), which the kernel version of divide and
 * conquer would use for its products; the two products must agree bit for bit. CPU seconds (process.cpuUsage),
 * medians over --reps; on the bench's `eigen` matrix (bench/workloads.ts), on a CMA-ES-like covariance (I plus 40
 * small rank-one steps), whose merges deflate most components, and on the covariances CMA-ES itself decomposes the
 * 3rd and the 14th time in that workload's run (N = 1000, λ = 32, as bench/cma-es-phases.ts runs it; the row says
 * after how many generations).
 *
 *   node bin/run-ts.mjs bench/eigen-divide-conquer.ts [--reps 3]
 */
import { parseArgs } from 'node:util';
import { KernelHeap, kernelInstance, useKernels } from '../src/core/kernels/wasm.ts';
import { diagonalize, tridiagonalize } from '../src/core/linalg/symmetric-eigen.ts';
import { type DivideAndConquerStats, tridiagonalEigen } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { Rng } from '../src/core/rng.ts';
import { benchMatrix, cmaRunCovariance } from './eigen-matrices.ts';
import { median, timed } from './timing.ts';

const { values: args } = parseArgs({ options: { reps: { type: 'string', default: '3' } } });
const reps = Number(args.reps);
if (!Number.isInteger(reps) || reps < 1) {
  process.stderr.write(`bench/eigen-divide-conquer.ts: --reps must be a positive integer (got '${args.reps}')\n`);
  process.exit(2);
}

const n = 1000;

function cmaLikeMatrix(): Float64Array {
  const rng = new Rng('eigen-divide-conquer-bench');
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = 1;
  const y = new Float64Array(n);
  for (let r = 0; r < 40; r++) {
    for (let i = 0; i < n; i++) y[i] = rng.normal();
    const w = 0.01 * rng.uniform();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += w * y[i] * y[j];
  }
  return a;
}

/** X = V·W, row-major, i-k-j order. */
function product(V: Float64Array, W: Float64Array, X: Float64Array): void {
  X.fill(0);
  for (let i = 0; i < n; i++) {
    const xi = i * n;
    for (let k = 0; k < n; k++) {
      const v = V[i * n + k];
      const wk = k * n;
      for (let j = 0; j < n; j++) X[xi + j] += v * W[wk + j];
    }
  }
}

/** X = V·W with the SIMD block, its CPU seconds; null when the kernels cannot run here. */
function simdProduct(V: Float64Array, W: Float64Array, X: Float64Array): number | null {
  const kernels = kernelInstance();
  if (!kernels) return null;
  const heap = new KernelHeap(kernels);
  const v = heap.reserve(n * n);
  const w = heap.reserve(n * n);
  const x = heap.reserve(n * n);
  heap.commit();
  new Float64Array(kernels.memory.buffer, v, n * n).set(V);
  new Float64Array(kernels.memory.buffer, w, n * n).set(W);
  const cpu = timed(() => kernels.multiplyThroughRows(v, n, w, n, x)).cpu;
  X.set(new Float64Array(kernels.memory.buffer, x, n * n));
  return cpu;
}

const ms = (seconds: number[]) => `${(median(seconds) * 1000).toFixed(0)} ms`;

function phases(name: string, a: Float64Array): string {
  const reduction: number[] = [];
  const ql: number[] = [];
  const dc: number[] = [];
  const back: number[] = [];
  const backSimd: number[] = [];
  let productsAgree = true;
  let agreement = 0;
  const stats: DivideAndConquerStats = { merges: 0, deflatedSmall: 0, deflatedClose: 0, secular: 0, secularEvaluations: 0, productMultiplies: 0 };
  for (let r = 0; r < reps; r++) {
    const W = a.slice();
    const d = new Float64Array(n);
    const e = new Float64Array(n);
    reduction.push(timed(() => tridiagonalize(n, W, d, e)).cpu);
    const offDiagonal = e.slice(1);
    let norm = 0;
    for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]) + (i + 1 < n ? Math.abs(e[i + 1]) : 0));
    const dDC = d.slice();
    const V = new Float64Array(n * n);
    dc.push(timed(() => tridiagonalEigen(n, dDC, offDiagonal, V, r === 0 ? stats : undefined)).cpu);
    const X = new Float64Array(n * n);
    back.push(timed(() => product(V, W, X)).cpu);
    const Y = new Float64Array(n * n);
    useKernels(true);
    const simd = simdProduct(V, W, Y);
    useKernels(false);
    if (simd === null) throw new Error('bench/eigen-divide-conquer.ts: the WebAssembly kernels do not run here');
    backSimd.push(simd);
    for (let i = 0; i < n * n; i++) if (!Object.is(X[i], Y[i])) productsAgree = false;
    const dQL = d.slice();
    ql.push(timed(() => diagonalize(n, W, dQL, e)).cpu);
    for (let i = 0; i < n; i++) agreement = Math.max(agreement, Math.abs(dDC[i] - dQL[i]) / (norm * n * Math.pow(2, -52)));
  }
  const merged = `${stats.merges} merges: ${stats.deflatedSmall} deflated by small z, ${stats.deflatedClose} by rotation, ${stats.secular} secular (${(stats.secularEvaluations / Math.max(1, stats.secular)).toFixed(1)} evaluations per root); products ${(stats.productMultiplies / n ** 3).toFixed(2)}·n³ multiply–adds`;
  return `| ${name} | ${ms(reduction)} | ${ms(ql)} | ${ms(dc)} | ${ms(back)} | ${ms(backSimd)}${productsAgree ? '' : ' (differs from the plain product!)'} | ${agreement.toFixed(2)} | ${merged} |\n`;
}

useKernels(false);
process.stdout.write(`Eigensolver phases after the reduction, n = ${n}, typed-array code (CPU time, medians of ${reps})\n\n`);
process.stdout.write('| matrix | reduction and forming Q | QL: sweeps and rotations | D&C: tridiagonal eigenvectors | D&C: back-transformation V·Q | the same, SIMD block | max |λ_DC − λ_QL| / (n·ε·‖T‖) | the merges |\n');
process.stdout.write('|---|---:|---:|---:|---:|---:|---:|---|\n');
process.stdout.write(phases('bench `eigen` matrix', benchMatrix(n)));
process.stdout.write(phases('CMA-ES-like: I + 40 rank-one steps', cmaLikeMatrix()));
for (const count of [3, 14]) {
  const { C, generations } = cmaRunCovariance(n, count);
  process.stdout.write(phases(`CMA-ES's own C at its decomposition no. ${count} (es_rastrigin, generation ${generations})`, C));
}
