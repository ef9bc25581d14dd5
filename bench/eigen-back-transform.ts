/**
 * The eigensolver's back-transformation at n = 1000 behind divide and conquer (issue 16), in the WebAssembly
 * kernels: from the eigenvectors Z of T (as rows) to those of A, either by forming Q (the reduction's accumulation,
 * kernels/eigen.ts) and one product Z·Qᵀ on the SIMD 4 × 4 block (`multiplyThroughRows`), or by applying the
 * reflectors to Z in compact WY blocks without forming Q (`backTransform`, kernels/back-transform.ts). Forming Q is
 * timed as the reduction with the accumulation minus tred2's unblocked reduction alone; the reduction in panels that
 * symmetricEigen runs (kernels/tridiagonal-reduction.ts) is timed beside it. CPU seconds (process.cpuUsage), which a
 * shared machine disturbs less than wall time, medians over --reps; wall medians beside them. The two results must
 * agree to n·ε (the row says by how much).
 *
 *   node bin/run-ts.mjs bench/eigen-back-transform.ts [--reps 5]
 */
import { parseArgs } from 'node:util';
import { KernelHeap, kernelInstance, useKernels } from '../src/core/kernels/wasm.ts';
import { REDUCTION_BLOCK, reduceToTridiagonal } from '../src/core/linalg/symmetric-eigen.ts';
import { REFLECTOR_BLOCK } from '../src/core/linalg/householder-back-transform.ts';
import { tridiagonalEigen } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { median, timed } from './timing.ts';

const { values: args } = parseArgs({ options: { reps: { type: 'string', default: '5' } } });
const reps = Number(args.reps);
if (!Number.isInteger(reps) || reps < 1) {
  process.stderr.write(`bench/eigen-back-transform.ts: --reps must be a positive integer (got '${args.reps}')\n`);
  process.exit(2);
}

const n = 1000;
// The bench's `eigen` matrix (bench/workloads.ts, bench/eigh_numpy.py).
const a = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = ((i * j * 7919 + i + j) % 1009) / 1009 - 0.5 + (i === j ? 3 : 0);

// Z: divide and conquer's eigenvectors of this matrix's T (typed-array code, untimed).
const W = a.slice();
const d = new Float64Array(n);
const e = new Float64Array(n);
const h = new Float64Array(n);
useKernels(false);
reduceToTridiagonal(n, W, d, e, h);
const Z = new Float64Array(n * n);
tridiagonalEigen(n, d.slice(), e.slice(1), Z);
useKernels(true);

const kernels = kernelInstance();
if (!kernels) {
  process.stderr.write('bench/eigen-back-transform.ts: the WebAssembly kernels do not run here\n');
  process.exit(1);
}
const heap = new KernelHeap(kernels);
const kW = heap.reserve(n * n);
const kd = heap.reserve(n);
const ke = heap.reserve(n);
const kh = heap.reserve(n);
const kZ = heap.reserve(n * n);
const kProduct = heap.reserve(n * n);
const scratch = heap.reserve(Math.ceil(Math.max(kernels.backTransformScratchBytes(n), kernels.reductionScratchBytes(n)) / 8));
// Last: the accumulation grows the memory past symmetricEigen's fixed layout for its vectors.
const kQ = heap.reserve(Math.ceil(kernels.eigenFixedBytes(n) / 8));
heap.commit();

const times = { reduction: [] as number[], unblocked: [] as number[], reductionAndQ: [] as number[], product: [] as number[], blocked: [] as number[] };
const walls = { reduction: [] as number[], unblocked: [] as number[], reductionAndQ: [] as number[], product: [] as number[], blocked: [] as number[] };
let worst = 0;
for (let r = 0; r < reps; r++) {
  heap.view(kW, n * n).set(a);
  const reduction = timed(() => kernels.reduceToTridiagonal(n, kW, kd, ke, kh, scratch));
  heap.view(kQ, n * n).set(a);
  const unblocked = timed(() => kernels.reduceUnblocked(n, kQ));
  heap.view(kQ, n * n).set(a);
  const reductionAndQ = timed(() => kernels.tridiagonalize(n, kQ));
  heap.view(kZ, n * n).set(Z);
  const product = timed(() => kernels.multiplyThroughRows(kZ, n, kQ, n, kProduct));
  const blocked = timed(() => kernels.backTransform(n, kW, kh, kZ, scratch));
  for (const [key, t] of [['reduction', reduction], ['unblocked', unblocked], ['reductionAndQ', reductionAndQ], ['product', product], ['blocked', blocked]] as const) {
    times[key].push(t.cpu);
    walls[key].push(t.wall);
  }
  const x = heap.view(kZ, n * n);
  const y = heap.view(kProduct, n * n);
  for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
}

const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
// tridiagonalize forms Q after tred2's unblocked reduction: that reduction is what to subtract.
const formQ = median(times.reductionAndQ) - median(times.unblocked);
const formQWall = median(walls.reductionAndQ) - median(walls.unblocked);
const before = formQ + median(times.product);
const beforeWall = formQWall + median(walls.product);
process.stdout.write(`Back-transformation after divide and conquer, n = ${n}, WebAssembly kernels (medians of ${reps}; CPU time, wall in brackets)\n\n`);
process.stdout.write('| step | CPU | wall |\n|---|---:|---:|\n');
process.stdout.write(`| reduction alone, in panels of ${REDUCTION_BLOCK} (symmetricEigen's) | ${ms(median(times.reduction))} | ${ms(median(walls.reduction))} |\n`);
process.stdout.write(`| reduction alone, unblocked (tred2) | ${ms(median(times.unblocked))} | ${ms(median(walls.unblocked))} |\n`);
process.stdout.write(`| unblocked reduction and forming Q | ${ms(median(times.reductionAndQ))} | ${ms(median(walls.reductionAndQ))} |\n`);
process.stdout.write(`| forming Q (the difference) | ${ms(formQ)} | ${ms(formQWall)} |\n`);
process.stdout.write(`| product Z·Qᵀ, SIMD 4 × 4 block | ${ms(median(times.product))} | ${ms(median(walls.product))} |\n`);
process.stdout.write(`| **form Q + product** | **${ms(before)}** | ${ms(beforeWall)} |\n`);
process.stdout.write(`| **reflectors in WY blocks of ${REFLECTOR_BLOCK}** | **${ms(median(times.blocked))}** | ${ms(median(walls.blocked))} |\n\n`);
process.stdout.write(`blocked / (form Q + product): ${(median(times.blocked) / before).toFixed(2)} by CPU time, ${(median(walls.blocked) / beforeWall).toFixed(2)} by wall time\n`);
process.stdout.write(`saved per decomposition: ${ms(before - median(times.blocked))} CPU\n`);
process.stdout.write(`max |blocked − product| = ${(worst / (n * Math.pow(2, -52))).toFixed(3)}·n·ε\n`);
