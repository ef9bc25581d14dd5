/**
 * The arithmetic ceiling behind issue 16's CMA-ES target (b): per core, how fast can our WebAssembly SIMD kernels
 * (f64x2 lanes, a multiply then an add: no fused multiply–add, since relaxed SIMD is excluded for bit-identical
 * results) do the work of an eigendecomposition, against OpenBLAS (256-bit AVX2 with FMA) doing the same work, and
 * so what is the best eigensolver ratio, and the best es_rastrigin ratio, that this arithmetic allows?
 *
 * Same run, ours then native (bench/arithmetic_ceiling_numpy.py under Debian's numpy, OPENBLAS_NUM_THREADS=1):
 * - the matrix product C = A·B: our 4 × 4 SIMD block as CMA-ES's sampling runs it (`multiplyThroughRows`, which
 *   streams B from memory for every four rows of A) against numpy.dot (dgemm); at n = 64 all three matrices sit in
 *   the L2 cache, so that row is what a cache-blocked product built on the block could reach at most;
 * - the matrix–vector products (memory-bound): dgemv's work (`multiplyThroughRows` with one row) and dsymv's
 *   (`symmetricMultiply`, kernels/ceiling.ts: each stored entry read once and used twice) against numpy and
 *   cblas_dsymv;
 * - the register peaks: twelve f64x2 multiply–add chains (`multiplyAddPeak`), and in C the same chains as SSE2,
 *   AVX and AVX2 FMA (bench/arithmetic_ceiling_peak.c), when gcc is here.
 * Then the floor of an n = 1000 decomposition under LAPACK dsyevd's flop mix (counts below, in FLOP_MIX), priced at
 * each side's rates, and what that floor allows es_rastrigin, from the time split of a bench pass (--pass).
 * GFlop/s are medians of --reps timings, by process CPU time and by wall clock, then medians over --passes passes in
 * which the two sides take turns; the ratios come from this run.
 *
 *   node bin/run-ts.mjs bench/arithmetic-ceiling.ts [--reps 5] [--passes 3] [--pass bench/runs/2026-12-03-quiet-peers-all.txt]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { KernelHeap, kernelInstance, type KernelExports } from '../src/core/kernels/wasm.ts';
import { Rng } from '../src/core/rng.ts';
import { tridiagonalize } from '../src/core/linalg/symmetric-eigen.ts';
import { type DivideAndConquerStats, tridiagonalEigen } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { DEBIAN_PYTHON } from './peers.ts';
import { fmtRatio, median } from './timing.ts';

const PRODUCT_SIZES = [1000, 500, 64];
const VECTOR_SIZES = [1000, 500];
const EIGEN_N = 1000;

const { values: args } = parseArgs({
  options: {
    reps: { type: 'string', default: '5' },
    passes: { type: 'string', default: '3' },
    pass: { type: 'string', default: fileURLToPath(new URL('./runs/2026-12-03-quiet-peers-all.txt', import.meta.url)) },
  },
});
const reps = Number(args.reps);
if (!Number.isInteger(reps) || reps < 1 || reps > 64) fail(`--reps must be an integer from 1 to 64 (got '${args.reps}')`);
const passes = Number(args.passes);
if (!Number.isInteger(passes) || passes < 1) fail(`--passes must be a positive integer (got '${args.passes}')`);

function fail(message: string): never {
  process.stderr.write(`bench/arithmetic-ceiling.ts: ${message}\n`);
  process.exit(1);
}

/** GFlop/s by wall clock and by process CPU time. */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/** Medians over `reps` timings, each a batch of calls long enough (≥ 50 ms) for the clocks' resolution. */
function measure(call: () => void, flops: number): Rate {
  call();
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let b = 0; b < batch; b++) call();
    if (performance.now() - t0 >= 50 || batch >= 1 << 20) break;
    batch *= 2;
  }
  const walls: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let b = 0; b < batch; b++) call();
    walls.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1e6);
  }
  return { wall: (flops * batch) / median(walls) / 1e9, cpu: (flops * batch) / median(cpuTimes) / 1e9 };
}

function fill(view: Float64Array, seed: string): void {
  const rng = new Rng(seed);
  for (let i = 0; i < view.length; i++) view[i] = rng.uniform() - 0.5;
}

/** Our side: every kernel on one instance's memory, checked against plain sums before it is timed. */
function measureOurs(kernels: KernelExports): Map<string, Rate> {
  const { multiplyAddPeak, symmetricMultiply } = kernels;
  if (!multiplyAddPeak || !symmetricMultiply) fail('the kernel build lacks kernels/ceiling.ts; run `npm run kernels`');
  const largest = Math.max(...PRODUCT_SIZES, ...VECTOR_SIZES);
  const heap = new KernelHeap(kernels);
  const a = heap.reserve(largest * largest);
  const b = heap.reserve(largest * largest);
  const c = heap.reserve(largest * largest);
  const x = heap.reserve(largest);
  const y = heap.reserve(largest);
  heap.commit();
  const rates = new Map<string, Rate>();

  const rounds = 1 << 22;
  let peakResult = 0;
  rates.set('peak', measure(() => (peakResult = multiplyAddPeak(rounds, 0.5, 1)), 48 * rounds));
  if (peakResult !== 48) fail(`multiplyAddPeak's chains summed to ${peakResult}, not 48`);

  for (const n of PRODUCT_SIZES) {
    fill(heap.view(a, n * n), `ceiling-a-${n}`);
    fill(heap.view(b, n * n), `ceiling-b-${n}`);
    rates.set(`product ${n}`, measure(() => kernels.multiplyThroughRows(a, n, b, n, c), 2 * n ** 3));
    // The block sums each output in j order from 0, so a plain loop gives the same bits.
    const A = heap.view(a, n * n);
    const B = heap.view(b, n * n);
    const C = heap.view(c, n * n);
    for (const i of [0, n - 1]) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += A[i * n + k] * B[k * n + j];
        if (s !== C[i * n + j]) fail(`multiplyThroughRows at n = ${n}: C[${i}, ${j}] = ${C[i * n + j]}, a plain sum gives ${s}`);
      }
    }
  }

  for (const n of VECTOR_SIZES) {
    const A = heap.view(a, n * n);
    fill(A, `ceiling-symmetric-${n}`);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[j * n + i] = A[i * n + j];
    fill(heap.view(x, n), `ceiling-x-${n}`);
    rates.set(`gemv ${n}`, measure(() => kernels.multiplyThroughRows(x, 1, a, n, y), 2 * n * n));
    rates.set(`symv ${n}`, measure(() => symmetricMultiply(a, n, x, y), 2 * n * n));
    const X = heap.view(x, n);
    const Y = heap.view(y, n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      let size = 0;
      for (let j = 0; j < n; j++) {
        s += A[i * n + j] * X[j];
        size += Math.abs(A[i * n + j] * X[j]);
      }
      if (Math.abs(s - Y[i]) > 1e-13 * size) fail(`symmetricMultiply at n = ${n}: y[${i}] = ${Y[i]}, a plain sum gives ${s}`);
    }
  }
  return rates;
}

interface Native {
  readonly rates: Map<string, Rate>;
  /** numpy.linalg.eigh on the bench's `eigen` matrix, seconds. */
  readonly eigh: Rate;
  readonly info: string[];
}

function measureNative(): Native {
  const script = fileURLToPath(new URL('./arithmetic_ceiling_numpy.py', import.meta.url));
  const child = spawnSync(
    DEBIAN_PYTHON,
    [script, '--reps', String(reps), '--product-sizes', PRODUCT_SIZES.join(','), '--vector-sizes', VECTOR_SIZES.join(','), '--eigen-size', String(EIGEN_N)],
    { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' }, timeout: 600_000 },
  );
  if (child.status !== 0) {
    const why = child.error ? child.error.message : `exit ${child.status}`;
    fail(`${DEBIAN_PYTHON} ${script} failed (${why}): ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  }
  const rates = new Map<string, Rate>();
  const info: string[] = [];
  let eigh: Rate | undefined;
  for (const line of child.stdout.split('\n')) {
    const words = line.trim().split(' ');
    if (words[0] === 'ceiling') rates.set(`${words[1]} ${words[2]}`, { wall: Number(words[3]), cpu: Number(words[4]) });
    else if (words[0] === 'peak') rates.set(`peak ${words[1]}`, { wall: Number(words[2]), cpu: Number(words[3]) });
    else if (words[0] === 'eigh') eigh = { wall: Number(words[2]), cpu: Number(words[3]) };
    else if (words[0] === 'info') info.push(words.slice(1).join(' '));
  }
  if (!eigh) fail(`${script} printed no 'eigh' line:\n${child.stdout}`);
  return { rates, eigh, info };
}

/** Each measurement's median over the passes, wall and CPU separately. */
function medianRates(all: readonly Map<string, Rate>[]): Map<string, Rate> {
  const merged = new Map<string, Rate>();
  for (const key of all[0].keys()) {
    const found = all.map((rates) => rates.get(key)).filter((rate): rate is Rate => !!rate);
    merged.set(key, { wall: median(found.map((r) => r.wall)), cpu: median(found.map((r) => r.cpu)) });
  }
  return merged;
}

/** Multiply–adds of divide and conquer's merge products on our tridiagonal of the bench matrix, ÷ n³. */
function divideAndConquerProducts(): number {
  const n = EIGEN_N;
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W[i * n + j] = ((i * j * 7919 + i + j) % 1009) / 1009 - 0.5 + (i === j ? 3 : 0);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(n, W, d, e);
  const stats: DivideAndConquerStats = { merges: 0, deflatedSmall: 0, deflatedClose: 0, secular: 0, secularEvaluations: 0, productMultiplies: 0 };
  tridiagonalEigen(n, d, e.slice(1), new Float64Array(n * n), stats);
  return stats.productMultiplies / n ** 3;
}

const gf = (value: number) => (value >= 10 ? value.toFixed(1) : value.toFixed(2));
const ms = (seconds: number) => `${seconds < 0.1 ? (seconds * 1000).toPrecision(3) : (seconds * 1000).toFixed(0)} ms`;
const out = (line = '') => process.stdout.write(`${line}\n`);

function get(rates: Map<string, Rate>, key: string, side: string): Rate {
  const rate = rates.get(key);
  if (!rate || !Number.isFinite(rate.cpu) || !Number.isFinite(rate.wall)) fail(`no ${side} measurement '${key}'`);
  return rate;
}

const kernels = kernelInstance();
if (!kernels) fail('the WebAssembly kernels do not run here');
const load = loadavg()[0];
out(`Arithmetic ceiling: WebAssembly SIMD kernels (f64x2, multiply then add) against OpenBLAS (1 thread), same run`);
out(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), load average ${load.toFixed(2)} at the start`);
if (load > 1.5) out(`(the machine is shared with other engineers' work: wall-clock rates include waiting for a core; read CPU time)`);
// Ours and OpenBLAS take turns, so that a change in the machine's load falls on both sides alike.
const ourPasses: Map<string, Rate>[] = [];
const nativePasses: Native[] = [];
for (let p = 0; p < passes; p++) {
  ourPasses.push(measureOurs(kernels));
  nativePasses.push(measureNative());
}
const ours = medianRates(ourPasses);
const native: Native = {
  rates: medianRates(nativePasses.map((pass) => pass.rates)),
  eigh: medianRates(nativePasses.map((pass) => new Map([['eigh', pass.eigh]]))).get('eigh')!,
  info: nativePasses[0].info,
};
const products = divideAndConquerProducts();
for (const line of native.info) out(line);
out(`load average ${loadavg()[0].toFixed(2)} at the end`);
out();

out(`## Rates, GFlop/s (medians over ${passes} passes of medians of ${reps}; flops as BLAS counts them: 2n³ for a product, 2n² for a matrix–vector product)`);
out();
out('| work | n | ours | GFlop/s CPU | wall | OpenBLAS | GFlop/s CPU | wall | OpenBLAS ÷ ours, CPU | wall |');
out('|---|---:|---|---:|---:|---|---:|---:|---:|---:|');
const row = (work: string, n: string, ourName: string, our: Rate, theirName: string, their: Rate) =>
  out(`| ${work} | ${n} | ${ourName} | ${gf(our.cpu)} | ${gf(our.wall)} | ${theirName} | ${gf(their.cpu)} | ${gf(their.wall)} | ${fmtRatio(their.cpu / our.cpu)} | ${fmtRatio(their.wall / our.wall)} |`);
for (const n of PRODUCT_SIZES) {
  const where = n <= 64 ? ' (all in L2)' : '';
  row(`C = A·B${where}`, String(n), '4×4 block, `multiplyThroughRows`', get(ours, `product ${n}`, 'our'), 'numpy.dot (dgemm)', get(native.rates, `dgemm ${n}`, 'native'));
}
for (const n of VECTOR_SIZES) {
  row('y = xᵀA (dgemv)', String(n), '`multiplyThroughRows`, one row', get(ours, `gemv ${n}`, 'our'), 'numpy.dot (dgemv)', get(native.rates, `dgemv ${n}`, 'native'));
  row('y = A·x, A symmetric (dsymv)', String(n), '`symmetricMultiply`', get(ours, `symv ${n}`, 'our'), 'cblas_dsymv', get(native.rates, `dsymv ${n}`, 'native'));
}
const ourPeak = get(ours, 'peak', 'our');
const nativePeaks = ['sse2_mul_add', 'avx_mul_add', 'avx2_fma'].filter((k) => native.rates.has(`peak ${k}`));
for (const k of nativePeaks) row('register peak, 12 chains', '–', 'f64x2 mul, add (`multiplyAddPeak`)', ourPeak, `C ${k}`, get(native.rates, `peak ${k}`, 'native'));
if (nativePeaks.length === 0) out(`| register peak, 12 chains | – | f64x2 mul, add | ${gf(ourPeak.cpu)} | ${gf(ourPeak.wall)} | (no C compiler: not measured) | | | | |`);
out();

/**
 * LAPACK dsyevd's flops with eigenvectors, leading terms. dsytrd: 4/3·n³ (Householder tridiagonalisation, Golub & Van
 * Loan, Matrix Computations, §8.3.1), of which the blocked form keeps half in dsymv (level 2) and casts half as
 * dsyr2k (level 3) (Dongarra, Hammarling & Sorensen, "Block reduction of matrices to condensed forms for eigenvalue
 * computations", 1989). dstedc: its merges' products, 2·m·n³ with m the multiply–adds per n³; with no deflation the
 * merge at each level multiplies a block-diagonal n × n basis by the merged vectors, n³ flops, then n³/4, n³/16 …,
 * 4/3·n³ in all; m is measured here on our tridiagonal of the bench matrix (LAPACK's own tridiagonal differs, so its
 * deflation may too). dormtr: n − 1 reflectors of lengths up to n applied to the n × n eigenvectors, Σ 4·k·n = 2·n³
 * (level 3, through dlarfb).
 */
const FLOP_MIX = [
  { phase: 'dsytrd: symmetric matrix–vector half', perN3: 2 / 3, shown: '2/3·n³', level: 2 },
  { phase: 'dsytrd: rank-2k update half (dsyr2k)', perN3: 2 / 3, shown: '2/3·n³', level: 3 },
  { phase: `dstedc: merge products (${products.toFixed(2)}·n³ multiply–adds, measured)`, perN3: 2 * products, shown: `${(2 * products).toFixed(2)}·n³`, level: 3 },
  { phase: 'dormtr: back-transformation', perN3: 2, shown: '2·n³', level: 3 },
] as const;

interface Pricing {
  readonly name: string;
  /** GFlop/s of each level, CPU time and wall. */
  readonly level2: Rate;
  readonly level3: Rate;
}
const n3 = EIGEN_N ** 3;
const seconds = (p: Pricing, clock: 'cpu' | 'wall', level: 2 | 3, perN3: number) => (perN3 * n3) / ((level === 2 ? p.level2 : p.level3)[clock] * 1e9);
const total = (p: Pricing, clock: 'cpu' | 'wall') => FLOP_MIX.reduce((s, f) => s + seconds(p, clock, f.level, f.perN3), 0);

const nativePricing: Pricing = { name: 'LAPACK at OpenBLAS rates', level2: get(native.rates, `dsymv ${EIGEN_N}`, 'native'), level3: get(native.rates, `dgemm ${EIGEN_N}`, 'native') };
const ourSymv = get(ours, `symv ${EIGEN_N}`, 'our');
const pricings: Pricing[] = [
  { name: 'ours, product as today (n = 1000)', level2: ourSymv, level3: get(ours, `product ${EIGEN_N}`, 'our') },
  { name: 'ours, product blocked for cache (the n = 64 rate)', level2: ourSymv, level3: get(ours, `product ${Math.min(...PRODUCT_SIZES)}`, 'our') },
  { name: 'ours, product at the f64x2 register peak', level2: ourSymv, level3: ourPeak },
];

out(`## The floor of an eigendecomposition, n = ${EIGEN_N}: LAPACK dsyevd's flop mix priced at each side's rates (CPU time)`);
out();
out(`level 2 at the n = ${EIGEN_N} dsymv rate (ours: \`symmetricMultiply\`), level 3 at the rate named in the column`);
out();
out(`| phase | flops | level | ${[nativePricing, ...pricings].map((p) => p.name).join(' | ')} |`);
out(`|---|---|---:|${[nativePricing, ...pricings].map(() => '---:').join('|')}|`);
for (const f of FLOP_MIX) out(`| ${f.phase} | ${f.shown} | ${f.level} | ${[nativePricing, ...pricings].map((p) => ms(seconds(p, 'cpu', f.level, f.perN3))).join(' | ')} |`);
out(`| **total** | | | ${[nativePricing, ...pricings].map((p) => `**${ms(total(p, 'cpu'))}**`).join(' | ')} |`);
out(`| ÷ LAPACK's floor (CPU time) | | | 1 | ${pricings.map((p) => fmtRatio(total(p, 'cpu') / total(nativePricing, 'cpu'))).join(' | ')} |`);
out(`| ÷ LAPACK's floor (wall) | | | 1 | ${pricings.map((p) => fmtRatio(total(p, 'wall') / total(nativePricing, 'wall'))).join(' | ')} |`);
out();
out(
  `numpy.linalg.eigh measured in this run (median of the passes' medians): ${ms(native.eigh.cpu)} CPU (${ms(native.eigh.wall)} wall); its flop floor ` +
    `${ms(total(nativePricing, 'cpu'))} is ${((100 * total(nativePricing, 'cpu')) / native.eigh.cpu).toFixed(0)} % of it ` +
    `(the model leaves out that dsyr2k and dormtr work on panels narrower than a square dgemm's, and all O(n²) work).`,
);
out();

/** The es_rastrigin pass: pycma's time per iteration, our iteration without a decomposition, how many we do, LAPACK's eigh. */
function readPass(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail(`--pass ${path}: cannot read it (${(error as Error).message})`);
  }
  const lines = text.split('\n');
  const header = lines.find((l) => l.startsWith('| workload') && l.includes('s/iter'));
  if (!header) fail(`--pass ${path}: no results table (a header '| workload … | s/iter |')`);
  const columns = header.split('|').map((c) => c.trim());
  const cell = (prefix: string, column: string): number => {
    const at = lines.findIndex((l) => l.replace(/\s+/g, ' ').startsWith(prefix));
    if (at < 0) fail(`--pass ${path}: no row starting '${prefix}'`);
    const value = Number(lines[at].split('|').map((c) => c.trim())[columns.indexOf(column)].replace(/,/g, ''));
    if (!Number.isFinite(value) || value <= 0) fail(`--pass ${path}, line ${at + 1}: column '${column}' is not a positive number`);
    return value;
  };
  const split = lines.map((l) => /median iteration without decomposition ([0-9.]+) ms, (\d+) iterations with an eigendecomposition/.exec(l)).find((m) => m);
  if (!split) fail(`--pass ${path}: no es_rastrigin note 'median iteration without decomposition … ms, … iterations with an eigendecomposition'`);
  return {
    pycmaPerIteration: cell('| es_rastrigin | peer pycma 4.5.0 full CMA ', 's/iter'),
    ourPlainIteration: Number(split[1]) / 1000,
    decompositions: Number(split[2]),
    lapackEigen: 1 / cell('| eigen | numpy.linalg.eigh ', 'value'),
  };
}

const pass = readPass(args.pass!);
const ITERATIONS = 100;
const pycmaTime = ITERATIONS * pass.pycmaPerIteration;
const plainTime = ITERATIONS * pass.ourPlainIteration;
const tieEigen = (pycmaTime - plainTime) / pass.decompositions;
out(`## What it allows es_rastrigin (N = 1000, ${ITERATIONS} iterations; time split from ${args.pass!.replace(/^.*\/bench\//, 'bench/')})`);
out();
out(
  `pycma: ${pycmaTime.toFixed(2)} s. Ours: ${ITERATIONS} × ${ms(pass.ourPlainIteration)} without the decompositions, plus ${pass.decompositions} ` +
    `decompositions; LAPACK's takes ${ms(pass.lapackEigen)} in that pass. A tie needs each of ours within ${ms(tieEigen)} = ` +
    `${fmtRatio(tieEigen / pass.lapackEigen)} LAPACK's time. Below, as if our decomposition stood as far above its floor as LAPACK's ` +
    `does above its own (a ratio of floors, not a bound: either side's overhead over its arithmetic may differ).`,
);
out();
out('| eigensolver built on | its floor ÷ LAPACK\'s, CPU | es_rastrigin ratio to pycma at that ratio | by wall-clock rates: floor ÷ LAPACK\'s | es ratio |');
out('|---|---:|---:|---:|---:|');
for (const p of pricings) {
  const byCpu = total(p, 'cpu') / total(nativePricing, 'cpu');
  const byWall = total(p, 'wall') / total(nativePricing, 'wall');
  const es = (ratio: number) => fmtRatio(pycmaTime / (plainTime + pass.decompositions * ratio * pass.lapackEigen));
  out(`| ${p.name} | ${fmtRatio(byCpu)} | ${es(byCpu)} | ${fmtRatio(byWall)} | ${es(byWall)} |`);
}
out();
const [today, blocked, peak] = pricings.map((p) => total(p, 'cpu') / total(nativePricing, 'cpu'));
const esAt = (ratio: number) => pycmaTime / (plainTime + pass.decompositions * ratio * pass.lapackEigen);
out(
  `Ceiling, CPU time: OpenBLAS's dgemm at n = ${EIGEN_N} runs at ${fmtRatio(nativePricing.level3.cpu / ourPeak.cpu)} our f64x2 register peak ` +
    `and ${fmtRatio(nativePricing.level3.cpu / get(ours, `product ${EIGEN_N}`, 'our').cpu)} our product as it is, its dsymv at ` +
    `${fmtRatio(nativePricing.level2.cpu / ourSymv.cpu)} ours. Under dsyevd's flop mix our decomposition's floor is ` +
    `${fmtRatio(peak)} LAPACK's floor (${fmtRatio(blocked)} at the block's in-cache rate, ${fmtRatio(today)} with today's product); ` +
    `at that ratio of times es_rastrigin would reach ${fmtRatio(esAt(peak))} pycma's speed; (b) needs our decomposition within ` +
    `${fmtRatio(tieEigen / pass.lapackEigen)} LAPACK's time, so our code would have to stand closer to its floor than LAPACK does to its own.`,
);
