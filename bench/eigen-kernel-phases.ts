/**
 * The eigensolver's two kernels before its back-transformation at n = 1000, each alone (issue 16): the Householder
 * reduction in panels (kernels/tridiagonal-reduction.ts) and divide and conquer on the tridiagonal matrix it leaves
 * (kernels/tridiagonal-dc.ts), on the bench's `eigen` matrix and on the covariances CMA-ES itself decomposes the
 * 3rd and the 14th time in es_rastrigin's run (early merges deflate most components, late ones few). CPU seconds
 * (process.cpuUsage), which a shared machine disturbs less than wall time, medians over --reps; each kernel's
 * output is compared with the typed-array reference's bit for bit.
 *
 *   node bin/run-ts.mjs bench/eigen-kernel-phases.ts [--reps 5]
 */
import { parseArgs } from 'node:util';
import { KernelHeap, kernelInstance, useKernels } from '../src/core/kernels/wasm.ts';
import { reduceToTridiagonal } from '../src/core/linalg/symmetric-eigen.ts';
import { tridiagonalEigen } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { benchMatrix, cmaRunCovariance } from './eigen-matrices.ts';
import { median, timed } from './timing.ts';

const { values: args } = parseArgs({ options: { reps: { type: 'string', default: '5' } } });
const reps = Number(args.reps);
if (!Number.isInteger(reps) || reps < 1) {
  process.stderr.write(`bench/eigen-kernel-phases.ts: --reps must be a positive integer (got '${args.reps}')\n`);
  process.exit(2);
}

const n = 1000;
const reduction = kernelInstance();
// Divide and conquer in an instance of its own: its QL leaves grow the memory past its layout as they need.
const divideAndConquer = kernelInstance();
if (!reduction || !divideAndConquer) {
  process.stderr.write('bench/eigen-kernel-phases.ts: the WebAssembly kernels do not run here\n');
  process.exit(1);
}
const heap = new KernelHeap(reduction);
const [kW, kd, ke, kh] = [heap.reserve(n * n), heap.reserve(n), heap.reserve(n), heap.reserve(n)];
const scratch = heap.reserve(Math.ceil(reduction.reductionScratchBytes(n) / 8));
heap.commit();
const base = 64;
const missing = base + divideAndConquer.tridiagonalFixedBytes(n) - divideAndConquer.memory.buffer.byteLength;
if (missing > 0) divideAndConquer.memory.grow(Math.ceil(missing / 65536));

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
const ms = (seconds: number[]) => `${(median(seconds) * 1000).toFixed(1)} ms`;

function phases(name: string, a: Float64Array): string {
  useKernels(false);
  const W = a.slice();
  const [d, e, h] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  reduceToTridiagonal(n, W, d, e, h);
  const values = d.slice();
  const Z = new Float64Array(n * n);
  tridiagonalEigen(n, values, e.slice(1), Z);

  const reductionTimes: number[] = [];
  const dcTimes: number[] = [];
  let reductionSame = true;
  let dcSame = true;
  for (let r = 0; r < reps; r++) {
    heap.view(kW, n * n).set(a);
    reductionTimes.push(timed(() => reduction!.reduceToTridiagonal(n, kW, kd, ke, kh, scratch)).cpu);
    reductionSame &&= same(heap.view(kW, n * n), W) && same(heap.view(kd, n), d) && same(heap.view(ke, n), e) && same(heap.view(kh, n), h);

    const input = new Float64Array(divideAndConquer!.memory.buffer, base, 2 * n);
    input.set(d);
    input.set(e.subarray(1), n);
    input[2 * n - 1] = 0;
    dcTimes.push(timed(() => divideAndConquer!.tridiagonalEigen(n, base)).cpu);
    // A QL leaf may have grown the memory: a fresh view.
    const out = new Float64Array(divideAndConquer!.memory.buffer, base, 2 * n + n * n);
    dcSame &&= same(out.subarray(0, n), values) && same(out.subarray(2 * n), Z);
  }
  const bits = (equal: boolean) => (equal ? 'yes' : '**NO**');
  return `| ${name} | ${ms(reductionTimes)} | ${bits(reductionSame)} | ${ms(dcTimes)} | ${bits(dcSame)} | ${ms(reductionTimes.map((t, i) => t + dcTimes[i]))} |\n`;
}

process.stdout.write(`The eigensolver's kernels before the back-transformation, n = ${n} (CPU time, medians of ${reps})\n\n`);
process.stdout.write('| matrix | reduction in panels | bits = reference | divide and conquer | bits = reference | both |\n');
process.stdout.write('|---|---:|:-:|---:|:-:|---:|\n');
process.stdout.write(phases('bench `eigen` matrix', benchMatrix(n)));
for (const count of [3, 14]) {
  const { C, generations } = cmaRunCovariance(n, count);
  process.stdout.write(phases(`CMA-ES's own C at its decomposition no. ${count} (es_rastrigin, generation ${generations})`, C));
}
