/**
 * `node bin/run-ts.mjs bench/sphere-kernel-shapes.ts [--reps 10]`: loop shapes for the sphere's one-pass step kernel,
 * in place on N = 10^7 as the run steps, timed in turns (each rep in a rotated order): the kernel as built
 * (kernels/sphere.ts, eight numbers a turn and one touch per 4 KiB page 64 KiB ahead), the same loop without the touch
 * (the kernel before it), touches nearer or more often, the four-a-turn and sixteen-a-turn shapes before that, and as a
 * floor numpy's own in-place operation x ← c·x in the same WebAssembly (no sum, different bits: only what memory
 * allows from WebAssembly here). Every shape keeps the four-chain summation order; the bench checks their bits against
 * the kernel's before timing. Prints ns per element and step, the median and the best of reps by CPU time (the machine
 * is shared) and the median by wall, and each shape's median CPU time over the kernel's.
 */
import asc from 'assemblyscript/asc';
import { readFileSync } from 'node:fs';
import { median, timed } from './timing.ts';

const N = 10_000_000;
const STEPS = 20;
const reps = Number(process.argv[process.argv.indexOf('--reps') + 1] || 10);

/** The kernel's turn of eight numbers at index i (kernels/sphere.ts), shared by the shapes built on it. */
const EIGHT_AT_I = `
const at = <usize>i << 3;
const p = v128.load(x + at);
const q = v128.load(x + at, 16);
const r = v128.load(x + at, 32);
const t = v128.load(x + at, 48);
low = f64x2.add(low, f64x2.mul(p, p));
high = f64x2.add(high, f64x2.mul(q, q));
low = f64x2.add(low, f64x2.mul(r, r));
high = f64x2.add(high, f64x2.mul(t, t));
v128.store(next + at, f64x2.add(p, f64x2.mul(step, f64x2.mul(minusTwo, p))));
v128.store(next + at, f64x2.add(q, f64x2.mul(step, f64x2.mul(minusTwo, q))), 16);
v128.store(next + at, f64x2.add(r, f64x2.mul(step, f64x2.mul(minusTwo, r))), 32);
v128.store(next + at, f64x2.add(t, f64x2.mul(step, f64x2.mul(minusTwo, t))), 48);
`;

const indent = (text: string, spaces: number) => text.trim().replace(/^/gm, ' '.repeat(spaces)) + '\n';

/**
 * The kernel's loop with another touch distance (bytes) and spacing (numbers, a multiple of 8), as constants like the
 * kernel's own; n a multiple of 8 only (the bench's N).
 */
const touchedShape = (name: string, ahead: number, every: number) => `
export function ${name}(x: usize, n: i32, a: f64, next: usize): f64 {
  let low = f64x2.splat(0);
  let high = low;
  const step = f64x2.splat(a);
  const minusTwo = f64x2.splat(-2);
  const lastTouch = n - ${ahead / 8};
  let touched: i64 = 0;
  let i = 0;
  while (i < n) {
    if (i < lastTouch) touched |= load<i64>(x + (<usize>i << 3) + ${ahead});
    const blockEnd = min(i + ${every}, n);
    for (; i < blockEnd; i += 8) {
${indent(EIGHT_AT_I, 6)}    }
  }
  sphereTouched = <i32>touched;
  const pairs = f64x2.add(low, high);
  return -(f64x2.extract_lane(pairs, 0) + f64x2.extract_lane(pairs, 1));
}
`;

const SHAPES = `
// The kernel before the page touches: eight a turn, nothing read ahead.
export function eightATurn(x: usize, n: i32, a: f64, next: usize): f64 {
  let low = f64x2.splat(0);
  let high = low;
  const step = f64x2.splat(a);
  const minusTwo = f64x2.splat(-2);
  const octets = n & ~7;
  let i = 0;
  for (; i < octets; i += 8) {
${indent(EIGHT_AT_I, 4)}  }
  if (n & 4) {
    const at = <usize>i << 3;
    const p = v128.load(x + at);
    const q = v128.load(x + at, 16);
    low = f64x2.add(low, f64x2.mul(p, p));
    high = f64x2.add(high, f64x2.mul(q, q));
    v128.store(next + at, f64x2.add(p, f64x2.mul(step, f64x2.mul(minusTwo, p))));
    v128.store(next + at, f64x2.add(q, f64x2.mul(step, f64x2.mul(minusTwo, q))), 16);
    i += 4;
  }
  const pairs = f64x2.add(low, high);
  let s = f64x2.extract_lane(pairs, 0) + f64x2.extract_lane(pairs, 1);
  for (; i < n; i++) {
    const at = <usize>i << 3;
    const xi = load<f64>(x + at);
    s += xi * xi;
    store<f64>(next + at, xi + a * (-2 * xi));
  }
  return -s;
}


export function fourATurn(x: usize, n: i32, a: f64, next: usize): f64 {
  let low = f64x2.splat(0);
  let high = low;
  const step = f64x2.splat(a);
  const minusTwo = f64x2.splat(-2);
  const quads = n & ~3;
  for (let i = 0; i < quads; i += 4) {
    const at = <usize>i << 3;
    const p = v128.load(x + at);
    const q = v128.load(x + at, 16);
    low = f64x2.add(low, f64x2.mul(p, p));
    high = f64x2.add(high, f64x2.mul(q, q));
    v128.store(next + at, f64x2.add(p, f64x2.mul(step, f64x2.mul(minusTwo, p))));
    v128.store(next + at, f64x2.add(q, f64x2.mul(step, f64x2.mul(minusTwo, q))), 16);
  }
  const pairs = f64x2.add(low, high);
  let s = f64x2.extract_lane(pairs, 0) + f64x2.extract_lane(pairs, 1);
  for (let i = quads; i < n; i++) {
    const at = <usize>i << 3;
    const xi = load<f64>(x + at);
    s += xi * xi;
    store<f64>(next + at, xi + a * (-2 * xi));
  }
  return -s;
}

// n a multiple of 16 only (the bench's N).
export function sixteenATurn(x: usize, n: i32, a: f64, next: usize): f64 {
  let low = f64x2.splat(0);
  let high = low;
  const step = f64x2.splat(a);
  const minusTwo = f64x2.splat(-2);
  const end = x + (<usize>n << 3);
  let to = next;
  for (let from = x; from < end; from += 128) {
    const p0 = v128.load(from);
    const q0 = v128.load(from, 16);
    const p1 = v128.load(from, 32);
    const q1 = v128.load(from, 48);
    const p2 = v128.load(from, 64);
    const q2 = v128.load(from, 80);
    const p3 = v128.load(from, 96);
    const q3 = v128.load(from, 112);
    low = f64x2.add(low, f64x2.mul(p0, p0));
    high = f64x2.add(high, f64x2.mul(q0, q0));
    low = f64x2.add(low, f64x2.mul(p1, p1));
    high = f64x2.add(high, f64x2.mul(q1, q1));
    low = f64x2.add(low, f64x2.mul(p2, p2));
    high = f64x2.add(high, f64x2.mul(q2, q2));
    low = f64x2.add(low, f64x2.mul(p3, p3));
    high = f64x2.add(high, f64x2.mul(q3, q3));
    v128.store(to, f64x2.add(p0, f64x2.mul(step, f64x2.mul(minusTwo, p0))));
    v128.store(to, f64x2.add(q0, f64x2.mul(step, f64x2.mul(minusTwo, q0))), 16);
    v128.store(to, f64x2.add(p1, f64x2.mul(step, f64x2.mul(minusTwo, p1))), 32);
    v128.store(to, f64x2.add(q1, f64x2.mul(step, f64x2.mul(minusTwo, q1))), 48);
    v128.store(to, f64x2.add(p2, f64x2.mul(step, f64x2.mul(minusTwo, p2))), 64);
    v128.store(to, f64x2.add(q2, f64x2.mul(step, f64x2.mul(minusTwo, q2))), 80);
    v128.store(to, f64x2.add(p3, f64x2.mul(step, f64x2.mul(minusTwo, p3))), 96);
    v128.store(to, f64x2.add(q3, f64x2.mul(step, f64x2.mul(minusTwo, q3))), 112);
    to += 128;
  }
  const pairs = f64x2.add(low, high);
  return -(f64x2.extract_lane(pairs, 0) + f64x2.extract_lane(pairs, 1));
}

export function scaleInPlace(x: usize, n: i32, c: f64): void {
  const k = f64x2.splat(c);
  const end = x + (<usize>n << 3);
  for (let from = x; from < end; from += 32) {
    v128.store(from, f64x2.mul(v128.load(from), k));
    v128.store(from, f64x2.mul(v128.load(from, 16), k), 16);
  }
}

export function grow(pages: i32): i32 {
  return memory.grow(pages);
}
`;

type Kernels = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

async function compile(): Promise<Kernels> {
  const kernel = readFileSync(new URL('../kernels/sphere.ts', import.meta.url), 'utf8');
  const touched = touchedShape('touched16k', 16384, 512) + touchedShape('touched256k', 262144, 512) + touchedShape('touchedEveryLine', 65536, 8);
  const sources: Record<string, string> = { 'shapes.ts': `${kernel}\n${SHAPES}\n${touched}` };
  let binary: Uint8Array<ArrayBuffer> | undefined;
  const { error, stderr } = await asc.main(['shapes.ts', '--outFile', 'shapes.wasm', '--runtime', 'stub', '--enable', 'simd', '-O3', '--noAssert', '--converge'], {
    readFile: (name: string) => sources[name] ?? null,
    writeFile: (name: string, contents: string | Uint8Array) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') binary = new Uint8Array(contents);
    },
  });
  if (error || !binary) throw new Error(`asc failed: ${stderr.toString()}`);
  return new WebAssembly.Instance(new WebAssembly.Module(binary), {}).exports as unknown as Kernels;
}

const kernels = await compile();
const AT = 64;
kernels.grow(Math.ceil((AT + 8 * N) / 65536));
const x = new Float64Array(kernels.memory.buffer, AT, N);
const start = () => {
  for (let i = 0; i < N; i++) x[i] = 1 + (i % 1000) * 1e-3;
};
const steps: [string, () => number][] = [
  ['kernel as built (eight a turn, a touch per page 64 KiB ahead)', () => kernels.sphereStep(AT, N, 1e-4, AT)],
  ['eight a turn, no touch (the kernel before)', () => kernels.eightATurn(AT, N, 1e-4, AT)],
  ['a touch per page 16 KiB ahead', () => kernels.touched16k(AT, N, 1e-4, AT)],
  ['a touch per page 256 KiB ahead', () => kernels.touched256k(AT, N, 1e-4, AT)],
  ['a touch per 64 bytes 64 KiB ahead', () => kernels.touchedEveryLine(AT, N, 1e-4, AT)],
  ['four a turn (the earlier kernel)', () => kernels.fourATurn(AT, N, 1e-4, AT)],
  ['sixteen a turn, pointer walk', () => kernels.sixteenATurn(AT, N, 1e-4, AT)],
  ['floor: x ← c·x in place (no sum, other bits)', () => kernels.scaleInPlace(AT, N, 0.9999)],
];
const bits = steps.slice(0, -1).map(([, step]) => {
  start();
  const fitness = [step(), step(), step()];
  return JSON.stringify([...fitness, x[12345], x[N - 1]]);
});
if (bits.some((b) => b !== bits[0])) throw new Error(`the shapes' bits differ: ${bits.join(' / ')}`);
const walls = steps.map(() => [] as number[]);
const cpus = steps.map(() => [] as number[]);
start();
for (const [, step] of steps) step();
for (let r = 0; r < reps; r++) {
  // Rotated each rep, so that no shape always follows the same one.
  for (let j = 0; j < steps.length; j++) {
    const k = (j + r) % steps.length;
    start();
    const t = timed(() => {
      for (let s = 0; s < STEPS; s++) steps[k][1]();
    });
    walls[k].push(t.wall);
    cpus[k].push(t.cpu);
  }
}
const ns = (seconds: number) => ((seconds / (N * STEPS)) * 1e9).toFixed(3);
process.stdout.write(`sphere kernel shapes, in place, N = ${N}, ${STEPS} steps, ${reps} reps in rotated turns; the shapes' bits agree\n`);
steps.forEach(([name], k) => {
  const cpu = median(cpus[k]);
  process.stdout.write(
    `${name}: ${ns(cpu)} ns CPU per element and step (median; best ${ns(Math.min(...cpus[k]))}), ${ns(median(walls[k]))} ns wall (median); ${(cpu / median(cpus[0])).toFixed(2)}x the kernel's CPU time\n`,
  );
});
// numpy's arrays get transparent huge pages by asking for them (madvise); WebAssembly memory cannot ask.
const hugePages = /^AnonHugePages:\s+(\d+) kB/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));
process.stdout.write(`this process's memory in transparent huge pages: ${hugePages ? `${Math.floor(Number(hugePages[1]) / 1024)} MB` : 'unknown (no /proc/self/smaps_rollup)'}\n`);
